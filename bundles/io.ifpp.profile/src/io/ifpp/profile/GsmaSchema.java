package io.ifpp.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.profile.asn1.Asn1Module;
import io.ifpp.profile.asn1.Asn1TextException;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.internal.asn1.BerDecoder;
import io.ifpp.profile.internal.asn1.BerEncoder;
import io.ifpp.profile.internal.asn1.SchemaParser;
import io.ifpp.profile.internal.asn1.ValueNotationWriter;

/**
 * The GSMA eSIM modules read together with those they import, from this bundle: SGP.32 v1.2 (SGP32Definitions),
 * SGP.22 v2.5 (RSPDefinitions), the TCA profile package (PEDefinitions) and RFC 5280 (PKIX1Explicit88,
 * PKIX1Implicit88). A name two modules define is SGP.32's first, then SGP.22's. Values are encoded and decoded with
 * the project's one ASN.1 codec, as SAIP packages are.
 */
public final class GsmaSchema {

    static final List<String> RESOURCES = List.of("/schema/SGP32Definitions.asn", "/schema/RSPDefinitions.asn",
            "/schema/PE_Definitions-3.3.1.asn", "/schema/PKIX1Explicit88.asn", "/schema/PKIX1Implicit88.asn");

    /** Each type compiled for the decoder once (compiled types are immutable and shared). */
    private static final Map<String, BerDecoder.Compiled> DECODERS = new ConcurrentHashMap<>();

    private GsmaSchema() {
    }

    private static final class Holder {
        static final Asn1Module MODULE = load();
    }

    public static Asn1Module module() {
        return Holder.MODULE;
    }

    /** The DER of {@code value} as the type {@code typeName}. */
    public static byte[] encode(String typeName, Asn1Value value) {
        return BerEncoder.encodeAll(module(), module().type(typeName), List.of(value), List.of());
    }

    /** One value of the type {@code typeName} read from {@code der}; refused when bytes follow it. */
    public static Asn1Value decode(String typeName, byte[] der) throws Asn1DecodeException {
        List<Asn1Value> values = BerDecoder.decodeAll(DECODERS.computeIfAbsent(typeName,
                name -> BerDecoder.compile(module(), module().type(name))), der, typeName).values();
        if (values.size() != 1) {
            throw new Asn1DecodeException(0, typeName, "one " + typeName + " expected, found " + values.size()
                    + " elements");
        }
        return values.get(0);
    }

    /** {@code value1 Type ::= ...} of {@code value}, as {@code ifpp profile dump} prints packages. */
    public static String valueNotation(String typeName, Asn1Value value) {
        return ValueNotationWriter.write(module(), typeName, List.of(value), ValueNotationWriter.Dialect.CURRENT);
    }

    private static Asn1Module load() {
        List<String> texts = new ArrayList<>();
        for (String resource : RESOURCES) {
            try (InputStream in = GsmaSchema.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the schema " + resource + " is missing from the bundle");
                }
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("the schema " + resource + " cannot be read: " + e.getMessage(), e);
            }
        }
        try {
            return SchemaParser.parseAll(texts);
        } catch (Asn1TextException e) {
            throw new IllegalStateException("the GSMA schemas cannot be read: " + e.getMessage(), e);
        }
    }
}
