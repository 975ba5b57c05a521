package io.ifpp.connector.es2plus.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ifpp.connector.api.ConnectorException.StatusCode;

/**
 * The profiles of the test SM-DP+ and their states (SGP.22 5.3: Available, Allocated or Linked after
 * DownloadOrder, Confirmed, Released, Downloaded, Installed; Unavailable after a final cancel). Every transition
 * the functions ask for is checked here; a refusal carries the SGP.22 status code. Callers synchronize on it.
 */
public final class ProfileInventory {

    public enum State {
        AVAILABLE, ALLOCATED, LINKED, CONFIRMED, RELEASED, DOWNLOADED, INSTALLED, UNAVAILABLE
    }

    /** Subject codes of the SGP.22 ES2+ status code tables (5.3.x): EID, profile ICCID, profile type, matching ID. */
    static final String EID = "8.1.1";
    static final String ICCID = "8.2.1";
    static final String PROFILE_TYPE = "8.2.5";
    static final String MATCHING_ID = "8.2.6";
    /**
     * Reason codes of the same tables: already in use (not available), invalid transition, unavailable, refused (or
     * not aligned), unknown, invalid association (another EID or matching ID is bound).
     */
    static final String ALREADY_IN_USE = "3.3";
    static final String INVALID_TRANSITION = "3.5";
    static final String UNAVAILABLE = "3.7";
    static final String REFUSED = "3.8";
    static final String UNKNOWN = "3.9";
    static final String INVALID_ASSOCIATION = "3.10";

    /** One profile and what the functions bound to it. */
    public static final class Profile {
        final String iccid;
        final String profileType;
        State state = State.AVAILABLE;
        String eid;
        String matchingId;

        Profile(String iccid, String profileType) {
            this.iccid = iccid;
            this.profileType = profileType;
        }

        public String iccid() {
            return iccid;
        }

        public String profileType() {
            return profileType;
        }

        public State state() {
            return state;
        }

        public Optional<String> eid() {
            return Optional.ofNullable(eid);
        }
    }

    private final Map<String, Profile> profiles = new LinkedHashMap<>();
    private final Map<String, String> ranges = new LinkedHashMap<>();
    private final Set<String> refusedEids = new HashSet<>();
    private final SecureRandom random = new SecureRandom();

    public void add(String iccid, String profileType) {
        profiles.putIfAbsent(iccid, new Profile(iccid, profileType));
    }

    /**
     * Holds every profile of an MNO's ICCID range: an ICCID under {@code prefix} becomes a profile of
     * {@code profileType} the first time a function names it (a range of millions needs no million entries).
     */
    public void addRange(String prefix, String profileType) {
        ranges.put(prefix, profileType);
    }

    public void refuse(String eid) {
        refusedEids.add(eid);
    }

    public Optional<Profile> profile(String iccid) {
        return Optional.ofNullable(profiles.get(iccid));
    }

    /**
     * SGP.22 5.3.1 DownloadOrder: reserves the profile named by ICCID, or the first available of the type; linked
     * to the EID when one is given, allocated otherwise.
     */
    public Profile downloadOrder(String eid, String iccid, String profileType) throws Es2PlusRefusal {
        if (eid != null && refusedEids.contains(eid)) {
            throw refusal(EID, REFUSED, eid, "the EID is refused by this SM-DP+");
        }
        Profile profile;
        if (iccid != null) {
            profile = known(iccid);
            if (profile.state != State.AVAILABLE) {
                throw refusal(ICCID, ALREADY_IN_USE, iccid, "the profile is " + profile.state.name().toLowerCase());
            }
            if (profileType != null && !profileType.equals(profile.profileType)) {
                // 5.3.1: 8.2.5/3.8, the profile type is not aligned with the type of the ICCID's profile.
                throw refusal(PROFILE_TYPE, REFUSED, profileType, "the profile of this ICCID is of another type");
            }
        } else if (profileType != null) {
            List<Profile> ofType = new ArrayList<>();
            profiles.values().stream().filter(p -> p.profileType.equals(profileType)).forEach(ofType::add);
            if (ofType.isEmpty()) {
                throw refusal(PROFILE_TYPE, UNKNOWN, profileType, "no profile of this type");
            }
            profile = ofType.stream().filter(p -> p.state == State.AVAILABLE).findFirst()
                    .orElseThrow(() -> refusal(PROFILE_TYPE, UNAVAILABLE, profileType,
                            "no profile of this type is available"));
        } else {
            throw refusal(ICCID, "2.2", null, "neither an ICCID nor a profile type (mandatory element missing)");
        }
        profile.eid = eid;
        profile.state = eid == null ? State.ALLOCATED : State.LINKED;
        return profile;
    }

    /**
     * SGP.22 5.3.2 ConfirmOrder: binds the reserved profile to the EID (which must be the linked one) and a
     * matching ID (generated when none is given, unique in the SM-DP+); releases it too when asked.
     */
    public Profile confirmOrder(String iccid, String eid, String matchingId, boolean release) throws Es2PlusRefusal {
        Profile profile = known(iccid);
        if (profile.state != State.ALLOCATED && profile.state != State.LINKED) {
            throw refusal(ICCID, INVALID_TRANSITION, iccid,
                    "a " + profile.state.name().toLowerCase() + " profile cannot be confirmed");
        }
        if (profile.eid != null && eid != null && !profile.eid.equals(eid)) {
            throw refusal(EID, INVALID_ASSOCIATION, eid, "the profile is linked to another EID");
        }
        if (eid != null && refusedEids.contains(eid)) {
            throw refusal(EID, REFUSED, eid, "the EID is refused by this SM-DP+");
        }
        if (matchingId != null && profiles.values().stream()
                .anyMatch(p -> p != profile && matchingId.equals(p.matchingId))) {
            throw refusal(MATCHING_ID, ALREADY_IN_USE, matchingId, "the matching ID is used by another profile");
        }
        profile.eid = eid != null ? eid : profile.eid;
        profile.matchingId = matchingId != null ? matchingId : newMatchingId();
        profile.state = release ? State.RELEASED : State.CONFIRMED;
        return profile;
    }

    /**
     * SGP.22 5.3.3 CancelOrder: a reserved, confirmed or released profile not yet downloaded goes back to
     * Available or becomes Unavailable; the EID and matching ID given must be the profile's.
     */
    public Profile cancelOrder(String iccid, String eid, String matchingId, String finalStatus) throws Es2PlusRefusal {
        Profile profile = known(iccid);
        if (profile.state == State.AVAILABLE || profile.state == State.UNAVAILABLE
                || profile.state == State.DOWNLOADED || profile.state == State.INSTALLED) {
            throw refusal(ICCID, INVALID_TRANSITION, iccid,
                    "the order of a " + profile.state.name().toLowerCase() + " profile cannot be cancelled");
        }
        if (eid != null && !eid.equals(profile.eid)) {
            throw refusal(EID, INVALID_ASSOCIATION, eid, "the profile is not bound to this EID");
        }
        if (matchingId != null && !matchingId.equals(profile.matchingId)) {
            throw refusal(MATCHING_ID, INVALID_ASSOCIATION, matchingId, "the matching ID is not the profile's");
        }
        State target = switch (finalStatus == null ? "Available" : finalStatus) {
            case "Available" -> State.AVAILABLE;
            case "Unavailable" -> State.UNAVAILABLE;
            default -> throw refusal("8.2.1", "2.1", finalStatus,
                    "finalProfileStatusIndicator is Available or Unavailable");
        };
        profile.eid = null;
        profile.matchingId = null;
        profile.state = target;
        return profile;
    }

    /** SGP.22 5.3.4 ReleaseProfile: a confirmed profile becomes downloadable. */
    public Profile releaseProfile(String iccid) throws Es2PlusRefusal {
        Profile profile = known(iccid);
        if (profile.state != State.CONFIRMED) {
            throw refusal(ICCID, INVALID_TRANSITION, iccid,
                    "a " + profile.state.name().toLowerCase() + " profile cannot be released");
        }
        profile.state = State.RELEASED;
        return profile;
    }

    /** The simulated download moved on: released to downloaded to installed. */
    public boolean advance(String iccid, State from, State to) {
        Profile profile = profiles.get(iccid);
        if (profile == null || profile.state != from) {
            return false;
        }
        profile.state = to;
        return true;
    }

    public String matchingId(Profile profile) {
        return profile.matchingId;
    }

    private Profile known(String iccid) throws Es2PlusRefusal {
        Profile profile = profiles.get(iccid);
        if (profile == null && iccid != null) {
            for (Map.Entry<String, String> range : ranges.entrySet()) {
                if (iccid.startsWith(range.getKey())) {
                    profile = new Profile(iccid, range.getValue());
                    profiles.put(iccid, profile);
                    break;
                }
            }
        }
        if (profile == null) {
            throw refusal(ICCID, UNKNOWN, iccid, "no profile with this ICCID");
        }
        return profile;
    }

    private String newMatchingId() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        StringBuilder id = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            if (group > 0) {
                id.append('-');
            }
            for (int i = 0; i < 5; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return id.toString();
    }

    private static Es2PlusRefusal refusal(String subject, String reason, String identifier, String message) {
        return new Es2PlusRefusal(new StatusCode(subject, reason, identifier), message);
    }
}
