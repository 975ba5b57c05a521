package io.ifpp.orchestration.pipeline;

import java.util.List;
import java.util.Objects;

import io.ifpp.agreement.ProductPlan;

/**
 * What a batch makes: {@code quantity} devices, each personalized by the vendor connector {@code vendor} with one
 * profile of each of {@code profiles} (reserved at the SM-DP+ connector {@code smdp}), shipped to the markets in
 * proportion to their weights. Stored with the batch, so that any engine can carry it on.
 *
 * @param plan the product plan's name, for people
 * @param eidPrefix the 8-digit EUM prefix of the EID range the OEM reserved with the vendor
 * @param serialPrefix the OEM's device serials are this prefix, a dash and the device number
 * @param activationLeadDays days from shipping to the first day the MNOs are asked to activate the profiles
 * @param simulated whether the batch runs on simulated partners and numbers its devices from the ranges reserved for
 *        simulation ({@link Simulation}); every output of such a batch says so
 * @param eim the fleet's eIM (SGP.32) as the plan named it when the batch was made: each eUICC's personalization
 *        carries an AddInitialEimRequest with an association token of its own; null when the devices get none
 */
public record BatchSpec(String plan, int quantity, String vendor, String smdp, String eidPrefix, String serialPrefix,
        int activationLeadDays, List<ProfileSpec> profiles, List<MarketSpec> markets, boolean simulated,
        ProductPlan.Eim eim) {

    /** A batch whose devices get no eIM. */
    public BatchSpec(String plan, int quantity, String vendor, String smdp, String eidPrefix, String serialPrefix,
            int activationLeadDays, List<ProfileSpec> profiles, List<MarketSpec> markets, boolean simulated) {
        this(plan, quantity, vendor, smdp, eidPrefix, serialPrefix, activationLeadDays, profiles, markets, simulated,
                null);
    }

    /**
     * One profile of the set every eUICC carries.
     *
     * @param homePlmn the profile's home network (MCC-MNC, e.g. 262-01): its IMSIs are this and an MSIN
     * @param profileType the SM-DP+'s profile type (the profile design)
     * @param iccidPrefix the MNO's ICCID range for this batch: the ICCIDs are this prefix, a sequence number and the
     *        Luhn check digit (19 digits in all)
     * @param design the profile design (SAIP package, DER) as the batch was made: each device's package is it,
     *        personalized; null in batches stored before batches carried their designs (they cannot be ordered)
     */
    public record ProfileSpec(String agreementId, String operator, String homePlmn, String profileType,
            String iccidPrefix, byte[] design) {

        public ProfileSpec {
            Objects.requireNonNull(agreementId, "agreementId");
            if (homePlmn == null || !homePlmn.matches("\\d{3}-\\d{2,3}")) {
                throw new IllegalArgumentException("profile " + agreementId + ": the home PLMN is MCC-MNC (e.g. 262-01), "
                        + "found '" + homePlmn + "'");
            }
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(profileType, "profileType");
            if (iccidPrefix == null || !iccidPrefix.matches("89\\d{4,12}")) {
                throw new IllegalArgumentException("profile " + agreementId + ": the ICCID range prefix is 89 and 4 to "
                        + "12 more digits, found '" + iccidPrefix + "'");
            }
            design = design == null ? null : design.clone();
        }

        @Override
        public byte[] design() {
            return design == null ? null : design.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ProfileSpec p && agreementId.equals(p.agreementId) && operator.equals(p.operator)
                    && homePlmn.equals(p.homePlmn) && profileType.equals(p.profileType)
                    && iccidPrefix.equals(p.iccidPrefix) && java.util.Arrays.equals(design, p.design);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agreementId, operator, homePlmn, profileType, iccidPrefix)
                    + 31 * java.util.Arrays.hashCode(design);
        }

        /** The SHA-256 of the design (hex), or empty for a batch stored without its designs. */
        public String designSha256() {
            return design == null ? "" : java.util.HexFormat.of().formatHex(io.ifpp.profile.ProfileTemplate.sha256(design));
        }

        /** What people are shown of the profile: all but the design's bytes, which its SHA-256 and size stand for. */
        public java.util.Map<String, Object> summary() {
            java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
            summary.put("agreementId", agreementId);
            summary.put("operator", operator);
            summary.put("homePlmn", homePlmn);
            summary.put("profileType", profileType);
            summary.put("iccidPrefix", iccidPrefix);
            summary.put("designSha256", designSha256());
            summary.put("designBytes", design == null ? 0 : design.length);
            return summary;
        }

        @Override
        public String toString() {
            return "ProfileSpec[" + agreementId + ", " + operator + ", " + homePlmn + ", " + profileType + ", "
                    + iccidPrefix + ", " + (design == null ? "no design" : "design of " + design.length + " bytes")
                    + "]";
        }

        /** The IMSI of the profile with this ICCID: the home PLMN, then the ICCID's last digits before its check digit. */
        public String imsiOf(String iccid) {
            String mccMnc = homePlmn.replace("-", "");
            String body = iccid.substring(0, iccid.length() - 1);
            return mccMnc + body.substring(body.length() - (15 - mccMnc.length()));
        }
    }

    /**
     * A destination market: its share of the devices and the profile (by agreement id) that serves it; the other
     * profiles of the set are its fallbacks.
     */
    public record MarketSpec(String country, long weight, String servedBy) {

        public MarketSpec {
            if (country == null || !country.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("a market is an ISO 3166 alpha-2 code, found '" + country + "'");
            }
            if (weight < 1) {
                throw new IllegalArgumentException("market " + country + " needs a positive weight, found " + weight);
            }
        }
    }

    public BatchSpec {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(smdp, "smdp");
        profiles = List.copyOf(profiles);
        markets = List.copyOf(markets);
        if (quantity < 1) {
            throw new IllegalArgumentException("a batch needs at least one device, found " + quantity);
        }
        if (eidPrefix == null || !eidPrefix.matches("89\\d{6}")) {
            throw new IllegalArgumentException("the EUM's EID prefix is 8 digits starting with 89, found '" + eidPrefix
                    + "'");
        }
        if (serialPrefix == null || !serialPrefix.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalArgumentException("the serial prefix is 1 to 40 letters, digits, '.', '_' or '-', found '"
                    + serialPrefix + "'");
        }
        if (activationLeadDays < 0) {
            throw new IllegalArgumentException("the activation lead time is 0 days or more, found " + activationLeadDays);
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one profile");
        }
        if (markets.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one market");
        }
        for (MarketSpec market : markets) {
            if (profiles.stream().noneMatch(p -> p.agreementId().equals(market.servedBy()))) {
                throw new IllegalArgumentException("market " + market.country() + " is served by '" + market.servedBy()
                        + "', which is not a profile of the batch");
            }
        }
        if (profiles.stream().map(ProfileSpec::iccidPrefix).distinct().count() != profiles.size()) {
            throw new IllegalArgumentException("each profile of a batch needs its own ICCID range");
        }
    }

    /**
     * The agreement whose profile serves devices shipped to {@code country}: their primary profile, enabled first;
     * the others are fallbacks. Null for a country the batch does not ship to.
     */
    public String servingAgreement(String country) {
        return markets.stream().filter(m -> m.country().equals(country)).map(MarketSpec::servedBy).findFirst()
                .orElse(null);
    }

    public List<String> profileTypes() {
        return profiles.stream().map(ProfileSpec::profileType).toList();
    }
}
