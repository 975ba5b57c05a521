package io.ifpp.trust;

import java.util.Arrays;
import java.util.Optional;

/** The GSMA RSP certificate roles (SGP.22 id-rspRole, 2.23.146.1.2.1.x), named by their certificate policy. */
public enum GsmaRole {
    CI("2.23.146.1.2.1.0", "CI"), EUICC("2.23.146.1.2.1.1", "eUICC"), EUM("2.23.146.1.2.1.2", "EUM"),
    DP_TLS("2.23.146.1.2.1.3", "SM-DP+ TLS"), DP_AUTH("2.23.146.1.2.1.4", "SM-DP+ authentication"),
    DP_PB("2.23.146.1.2.1.5", "SM-DP+ profile binding");

    public final String policy;
    public final String title;

    GsmaRole(String policy, String title) {
        this.policy = policy;
        this.title = title;
    }

    public static Optional<GsmaRole> ofPolicy(String oid) {
        return Arrays.stream(values()).filter(r -> r.policy.equals(oid)).findFirst();
    }
}
