package io.ifpp.connector.filedrop;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A column a vendor output file may declare on its {@code var_Out:} line. KI, OPC, the PINs, PUKs and ADM1 are key
 * material and are held as {@link io.ifpp.core.Secret}s. EID, RESULT and EUICC_CERT are what an eUICC
 * personalization line adds to each record: the eUICC the profile went onto, {@code INSTALLED} or {@code FAILED},
 * and the eUICC's certificate (DER in base64, so that it stays one whitespace-free value); PACKAGE_SHA256 is the
 * SHA-256 (64 hex digits) of the SAIP package installed under the record's ICCID, as docs/vendor-line.md makes it.
 */
public enum VendorOutputColumn {
    ICCID(false), IMSI(false), EID(false), RESULT(false), EUICC_CERT(false), PACKAGE_SHA256(false), KI(true), OPC(true), PIN1(true), PIN2(true), PUK1(true), PUK2(true), ADM1(true);

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
