package io.ifpp.connector.filedrop;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A column a vendor output file may declare on its {@code var_Out:} line. Everything but ICCID and IMSI is key
 * material or a PIN and is held as a {@link io.ifpp.core.Secret}.
 */
public enum VendorOutputColumn {
    ICCID(false), IMSI(false), KI(true), OPC(true), PIN1(true), PIN2(true), PUK1(true), PUK2(true), ADM1(true);

    private final boolean secret;

    VendorOutputColumn(boolean secret) {
        this.secret = secret;
    }

    public boolean isSecret() {
        return secret;
    }

    /** The column named {@code name} as files spell it (case-insensitive), if it is one we know. */
    public static Optional<VendorOutputColumn> named(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().equals(upper)).findFirst();
    }

    static String knownNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
