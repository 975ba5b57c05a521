package io.ifpp.profile.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The GSMA TS.48 v7.0 test profiles in this bundle's fixtures/ folder. */
final class Fixtures {

    static final List<String> NAMES = List.of("TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI",
            "TS48_V7.0_eSIM_GTP_SAIP2.3_BERTLV_SUCI_NoRAMRFM", "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV",
            "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV_NoRAMRFM");

    private Fixtures() {
    }

    static byte[] der(String name) {
        return read(name + ".der");
    }

    static String text(String name) {
        return new String(read(name + ".asn1value.txt"), StandardCharsets.UTF_8);
    }

    private static byte[] read(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whitespace-insensitive form: value notation layout may differ, the tokens may not. */
    static String tokens(String valueNotation) {
        return valueNotation.replaceAll("\\s+", " ").strip();
    }
}
