package io.ifpp.orchestration.pipeline;

import java.util.List;

/**
 * What a simulated batch runs on and numbers its devices from, so that nothing it makes can be taken for, or collide
 * with, a real device: its partners are the simulators built for demonstrations and tests, its EIDs are under the
 * GSMA test EUM, and its ICCIDs under country code 999, which ITU-T E.164 reserves and no MNO range uses. A batch that
 * is not simulated may name none of these partners.
 */
public final class Simulation {

    /** The simulated vendor line. */
    public static final String VENDOR = "simulator";
    /** The in-process SM-DP+ simulator, without a protocol (for load). */
    public static final String SMDP = "smdp-simulator";
    /** The ES2+ test SM-DP+ on loopback, reached through the real ES2+ client over mutual TLS. */
    public static final String ES2PLUS_LOOPBACK = "es2plus-loopback";
    /** The EID prefix of the GSMA test EUM (SGP.26). */
    public static final String EID_PREFIX = "89049032";
    /** ICCIDs of simulated profiles: telecom (89), country code 999, then the profile's number in the set. */
    private static final String ICCID_ISSUER = "89999";

    private static final List<String> VENDORS = List.of(VENDOR);
    private static final List<String> SMDPS = List.of(SMDP, ES2PLUS_LOOPBACK);

    private Simulation() {
    }

    public static List<String> vendors() {
        return VENDORS;
    }

    public static List<String> smdps() {
        return SMDPS;
    }

    /** Whether {@code id} names a simulated partner, of any kind. */
    public static boolean isSimulatedPartner(String id) {
        return VENDORS.contains(id) || SMDPS.contains(id);
    }

    /** The ICCID range of the {@code position}-th profile (from 0) of a simulated batch's set. */
    public static String iccidPrefix(int position) {
        if (position < 0 || position > 999) {
            throw new IllegalArgumentException("a profile set has at most 1000 profiles, found position " + position);
        }
        return ICCID_ISSUER + String.format("%03d", position);
    }

    /** An audit entry's details, saying first that the batch is simulated when it is. */
    static String audited(BatchSpec spec, String details) {
        return spec.simulated() ? "simulated batch: " + details : details;
    }
}
