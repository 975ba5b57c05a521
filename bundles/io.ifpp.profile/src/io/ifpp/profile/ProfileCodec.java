package io.ifpp.profile;

import java.util.HashMap;
import java.util.Map;

import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.profile.asn1.Asn1TextException;
import io.ifpp.profile.internal.asn1.BerDecoder;
import io.ifpp.profile.internal.asn1.BerEncoder;
import io.ifpp.profile.internal.asn1.ValueNotationParser;
import io.ifpp.profile.internal.asn1.ValueNotationWriter;

/**
 * Reads and writes SAIP profile packages: DER, byte for byte ({@link #decode} then {@link #encode} gives back the
 * same bytes, elements this schema does not know included), and ASN.1 value notation ({@link #dump},
 * {@link #compile}), so that architects can keep profiles as text in git.
 */
public final class ProfileCodec {

    private ProfileCodec() {
    }

    /** Reads a package (DER, or BER with definite lengths); the error says at which byte and why not. */
    public static ProfilePackage decode(byte[] der) throws Asn1DecodeException {
        BerDecoder.Run run = BerDecoder.decodeAll(SaipSchema.decoder(), der, "value");
        return new ProfilePackage(run.values(), run.encodings());
    }

    public static byte[] encode(ProfilePackage profile) {
        return BerEncoder.encodeAll(SaipSchema.module(), profileElement(), profile.elements(), profile.verbatim());
    }

    private static io.ifpp.profile.asn1.Asn1Type profileElement() {
        return SaipSchema.module().type(SaipSchema.PROFILE_ELEMENT);
    }

    /** The package in value notation, with the names of the version its header states. */
    public static String dump(ProfilePackage profile) {
        int[] version = profile.version();
        return ValueNotationWriter.write(SaipSchema.module(), SaipSchema.PROFILE_ELEMENT, profile.elements(),
                SaipSchema.dialectOfVersion(version[0], version[1]));
    }

    /** Reads value notation (as {@link #dump} prints it; names of any SAIP version) back into a package. */
    public static ProfilePackage compile(String text) throws Asn1TextException {
        Map<String, String> aliases = new HashMap<>(SaipSchema.LEGACY_NAMES);
        return new ProfilePackage(ValueNotationParser.parse(SaipSchema.module(), SaipSchema.PROFILE_ELEMENT, text, aliases));
    }
}
