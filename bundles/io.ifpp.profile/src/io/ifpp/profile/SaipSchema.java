package io.ifpp.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.ifpp.profile.asn1.Asn1Module;
import io.ifpp.profile.asn1.Asn1TextException;
import io.ifpp.profile.internal.asn1.BerDecoder;
import io.ifpp.profile.internal.asn1.SchemaParser;
import io.ifpp.profile.internal.asn1.ValueNotationWriter.Dialect;

/**
 * The TCA "eUICC Profile Package: Interoperable Format" schema, v3.3.1 (PEDefinitions), read once from this
 * bundle. Packages of earlier versions (2.1, 2.3, ...) decode with it: later versions only added optional
 * components and elements.
 */
public final class SaipSchema {

    /** The top-level type: a profile package is a run of these. */
    public static final String PROFILE_ELEMENT = "ProfileElement";

    static final String RESOURCE = "/schema/PE_Definitions-3.3.1.asn";

    /** Names that earlier versions of the specification spelled differently: old name → v3.3.1 name. */
    static final Map<String, String> LEGACY_NAMES = Map.of("keyCompontents", "keyComponents", "ef-iwl", "ef-ial");

    private SaipSchema() {
    }

    private static final class Holder {
        static final Asn1Module MODULE = load();
        static final BerDecoder.Compiled DECODER = BerDecoder.compile(MODULE, MODULE.type(PROFILE_ELEMENT));
    }

    public static Asn1Module module() {
        return Holder.MODULE;
    }

    /** ProfileElement compiled for the decoder, once. */
    static BerDecoder.Compiled decoder() {
        return Holder.DECODER;
    }

    private static Asn1Module load() {
        try (InputStream in = SaipSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the SAIP schema " + RESOURCE + " is missing from the bundle");
            }
            return SchemaParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | Asn1TextException e) {
            throw new IllegalStateException("the SAIP schema " + RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The key reference of a PINConfiguration or PUKConfiguration by its schema name (pinAppl1, adm1, pukAppl1,
     * ...), else its number.
     */
    static String codeReference(io.ifpp.profile.asn1.Asn1Value.SequenceValue config, boolean puk) {
        long reference = config.get("keyReference")
                .map(v -> ((io.ifpp.profile.asn1.Asn1Value.IntegerValue) v).value().longValue()).orElse(-1L);
        var names = (io.ifpp.profile.asn1.Asn1Type.IntegerType) module().type(puk ? "PUKKeyReferenceValue" : "PINKeyReferenceValue");
        return names.nameOf(reference).orElse(Long.toString(reference));
    }

    /**
     * How the schema of a package of {@code majorVersion.minorVersion} differs from v3.3.1, for printing it as
     * that version's tools do: SAIP 2.x wrote {@code keyCompontents} and had no ProprietaryInfo.fileDetails; up to
     * 3.2, EF.IAL was {@code ef-iwl}.
     */
    static Dialect dialectOfVersion(int majorVersion, int minorVersion) {
        if (majorVersion < 3) {
            return new Dialect(Map.of("keyComponents", "keyCompontents", "ef-ial", "ef-iwl"), Set.of("fileDetails"));
        }
        if (majorVersion == 3 && minorVersion < 3) {
            return new Dialect(Map.of("ef-ial", "ef-iwl"), Set.of());
        }
        return Dialect.CURRENT;
    }
}
