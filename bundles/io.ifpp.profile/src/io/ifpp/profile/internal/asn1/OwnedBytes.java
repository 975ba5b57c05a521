package io.ifpp.profile.internal.asn1;

import io.ifpp.profile.asn1.Asn1Value.OctetStringValue;

/**
 * Octet strings over a range of an array that the decoder owns and never changes (its private copy of a package),
 * so that decoding copies a package once rather than once per value. The public constructors of
 * {@link OctetStringValue} copy; this bridge to its private one is registered by that class and is for this
 * bundle's codec only (as the JDK's SharedSecrets).
 */
public final class OwnedBytes {

    /** Makes an octet string over {@code owned} without copying it. */
    @FunctionalInterface
    public interface Maker {
        OctetStringValue make(byte[] owned, int offset, int length);
    }

    /** Set by OctetStringValue's class initializer. */
    private static volatile Maker maker;

    private OwnedBytes() {
    }

    /** Called once, by {@link OctetStringValue}. */
    public static synchronized void register(Maker octetStrings) {
        if (maker != null) {
            throw new IllegalStateException("the octet string maker is registered already");
        }
        maker = octetStrings;
    }

    /** The {@code length} bytes of {@code owned} from {@code offset}; {@code owned} must never change again. */
    static OctetStringValue slice(byte[] owned, int offset, int length) {
        Maker octetStrings = maker;
        if (octetStrings == null) {
            new OctetStringValue(owned, 0, 0); // runs (or waits for) the class initializer, which registers
            octetStrings = maker;
        }
        return octetStrings.make(owned, offset, length);
    }
}
