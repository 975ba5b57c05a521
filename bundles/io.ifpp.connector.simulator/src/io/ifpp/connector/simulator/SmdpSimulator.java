package io.ifpp.connector.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.ConnectorException.StatusCode;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;

/**
 * An SM-DP+ in-process, for demonstrations and load: it holds the profiles of the MNO ICCID ranges it is given
 * (every ICCID with a valid check digit under a range's prefix is a profile of that range's type) and answers the
 * ES2+ functions with their SGP.22 status codes, without the HTTPS of the ES2+ test server (Es2PlusTestServer in
 * the es2plus connector does the protocol).
 */
public final class SmdpSimulator implements ProfileOrderingConnector {

    public static final String ID = "smdp-simulator";

    private enum State {
        AVAILABLE, ALLOCATED, LINKED, CONFIRMED, RELEASED, UNAVAILABLE
    }

    private static final String ICCID = "8.2.1";
    private static final String PROFILE_TYPE = "8.2.5";

    private final Map<String, String> typeByPrefix = new LinkedHashMap<>();
    private final Map<String, State> states = new HashMap<>();
    private final Map<String, String> matchingIds = new HashMap<>();
    private final AtomicInteger transientFailuresLeft = new AtomicInteger();
    private long nextMatchingId = 1;
    private SimulatedTimeouts timeouts = new SimulatedTimeouts(0, Duration.ZERO, 1, "the SM-DP+");

    @Override
    public String id() {
        return ID;
    }

    /** Holds every profile of an MNO ICCID range, all of {@code profileType}. */
    public synchronized SmdpSimulator range(String iccidPrefix, String profileType) {
        typeByPrefix.put(iccidPrefix, profileType);
        return this;
    }

    /** The next this-many calls fail as UNAVAILABLE (an SM-DP+ briefly down). */
    public void failNext(int calls) {
        transientFailuresLeft.set(calls);
    }

    /**
     * A share {@code rate} of the calls from now on hang for {@code stall}, then fail as TIMEOUT (drawn from
     * {@code seed}): half before they reach this SM-DP+, half after they took effect (the answer lost).
     */
    public synchronized SmdpSimulator timeouts(double rate, Duration stall, long seed) {
        if (!(rate >= 0 && rate <= 1) || stall.isNegative()) {
            throw new IllegalArgumentException("a timeout rate is between 0 and 1 and a stall not negative, found "
                    + rate + " and " + stall);
        }
        timeouts = new SimulatedTimeouts(rate, stall, seed, "the SM-DP+");
        return this;
    }

    /** How many profiles are reserved or further along. */
    public synchronized long reserved() {
        return states.values().stream().filter(s -> s != State.AVAILABLE).count();
    }

    @Override
    public synchronized Iccid downloadOrder(Optional<Eid> eid, Optional<Iccid> iccid, Optional<String> profileType)
            throws ConnectorException {
        SimulatedTimeouts.Call call = timeouts.call("DownloadOrder" + iccid.map(i -> " " + i.digits()).orElse(""),
                this);
        return call.answer(reserve(eid, iccid, profileType));
    }

    private Iccid reserve(Optional<Eid> eid, Optional<Iccid> iccid, Optional<String> profileType)
            throws ConnectorException {
        transientFault("DownloadOrder");
        if (iccid.isEmpty()) {
            throw refusal(ICCID, "2.2", null, "this SM-DP+ reserves profiles by ICCID (mandatory element missing)");
        }
        String digits = iccid.get().digits();
        String type = typeOf(digits);
        if (profileType.isPresent() && !profileType.get().equals(type)) {
            throw refusal(PROFILE_TYPE, "3.8", profileType.get(), "the profile of ICCID " + digits + " is of type " + type);
        }
        State state = states.getOrDefault(digits, State.AVAILABLE);
        if (state != State.AVAILABLE) {
            throw refusal(ICCID, "3.3", digits, "the profile is " + state.name().toLowerCase());
        }
        states.put(digits, eid.isPresent() ? State.LINKED : State.ALLOCATED);
        return iccid.get();
    }

    @Override
    public synchronized ConfirmedOrder confirmOrder(Iccid iccid, Optional<Eid> eid, Optional<String> matchingId,
            Optional<String> confirmationCode, Optional<String> smdsAddress, boolean release) throws ConnectorException {
        SimulatedTimeouts.Call call = timeouts.call("ConfirmOrder " + iccid.digits(), this);
        transientFault("ConfirmOrder");
        String digits = iccid.digits();
        typeOf(digits);
        State state = states.getOrDefault(digits, State.AVAILABLE);
        if (state != State.ALLOCATED && state != State.LINKED) {
            throw refusal(ICCID, "3.5", digits, "a " + state.name().toLowerCase() + " profile cannot be confirmed");
        }
        String id = matchingId.orElseGet(() -> "MATCH-" + nextMatchingId++);
        matchingIds.put(digits, id);
        states.put(digits, release ? State.RELEASED : State.CONFIRMED);
        return call.answer(new ConfirmedOrder(eid, id, Optional.of("smdp.simulator.invalid")));
    }

    @Override
    public synchronized void cancelOrder(Iccid iccid, Optional<Eid> eid, Optional<String> matchingId,
            String finalProfileStatusIndicator) throws ConnectorException {
        SimulatedTimeouts.Call call = timeouts.call("CancelOrder " + iccid.digits(), this);
        transientFault("CancelOrder");
        String digits = iccid.digits();
        typeOf(digits);
        State state = states.getOrDefault(digits, State.AVAILABLE);
        if (state == State.AVAILABLE || state == State.UNAVAILABLE) {
            throw refusal(ICCID, "3.5", digits, "a " + state.name().toLowerCase() + " profile has no order to cancel");
        }
        states.put(digits, "Available".equals(finalProfileStatusIndicator) ? State.AVAILABLE : State.UNAVAILABLE);
        matchingIds.remove(digits);
        call.answer(null);
    }

    @Override
    public synchronized void releaseProfile(Iccid iccid) throws ConnectorException {
        SimulatedTimeouts.Call call = timeouts.call("ReleaseProfile " + iccid.digits(), this);
        transientFault("ReleaseProfile");
        String digits = iccid.digits();
        typeOf(digits);
        if (states.getOrDefault(digits, State.AVAILABLE) != State.CONFIRMED) {
            throw refusal(ICCID, "3.5", digits, "only a confirmed profile can be released");
        }
        states.put(digits, State.RELEASED);
        call.answer(null);
    }

    private String typeOf(String iccid) throws ConnectorException {
        for (Map.Entry<String, String> range : typeByPrefix.entrySet()) {
            if (iccid.startsWith(range.getKey())) {
                return range.getValue();
            }
        }
        throw refusal(ICCID, "3.9", iccid, "no profile with this ICCID (unknown)");
    }

    private void transientFault(String function) throws ConnectorException {
        if (transientFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ConnectorException(Reason.UNAVAILABLE, "the SM-DP+ is briefly unavailable (" + function + ")");
        }
    }

    private static ConnectorException refusal(String subject, String reason, String identifier, String message) {
        return new ConnectorException(Reason.REJECTED, message, new StatusCode(subject, reason, identifier), null);
    }
}
