package io.ifpp.profile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.profile.asn1.Asn1Type;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.Field;

/**
 * The eIM an IoT eUICC is given at manufacture (GSMA SGP.32 v1.2): its {@code EimConfigurationData} in an
 * {@code AddInitialEimRequest} (tag BF57), encoded with the SGP.32 module ({@link GsmaSchema}).
 */
public final class InitialEim {

    static final String REQUEST = "AddInitialEimRequest";

    /**
     * One eIM as SGP.32 configures it.
     *
     * @param eimId the eIM's identifier, 1 to 128 characters
     * @param fqdn the FQDN of the eIM (or an intermediate server), or null
     * @param idType {@code eimIdTypeOid}, {@code eimIdTypeFqdn} or {@code eimIdTypeProprietary} (EimIdType), or null
     * @param publicKey the eIM's key for eUICC package signatures, a SubjectPublicKeyInfo (DER); or null when
     *        {@code certificate} is given
     * @param certificate the eIM's certificate (DER), or null when {@code publicKey} is given
     * @param tlsPublicKey the key trusted for (D)TLS with the eIM (SubjectPublicKeyInfo, DER), or null
     * @param tlsCertificate the certificate (of the eIM or its CA) trusted for (D)TLS (DER), or null
     * @param protocols the protocols the eIM supports, as EimSupportedProtocol names them (eimRetrieveHttps, ...)
     * @param counterValue the eIM's initial counter value, or null
     */
    public record Configuration(String eimId, String fqdn, String idType, byte[] publicKey, byte[] certificate,
            byte[] tlsPublicKey, byte[] tlsCertificate, List<String> protocols, Long counterValue) {

        public Configuration {
            protocols = protocols == null ? List.of() : List.copyOf(protocols);
        }
    }

    private InitialEim() {
    }

    /**
     * An eIM checked and its keys decoded once: each eUICC's request only adds its association token, where SGP.32
     * places it (after counterValue, before eimPublicKeyData).
     */
    public static final class Prepared {

        private final List<Field> beforeToken;
        private final List<Field> afterToken;

        private Prepared(List<Field> beforeToken, List<Field> afterToken) {
            this.beforeToken = List.copyOf(beforeToken);
            this.afterToken = List.copyOf(afterToken);
        }

        /** The AddInitialEimRequest, with the eUICC's association token when it is given. */
        public Asn1Value request(BigInteger associationToken) {
            List<Field> data = new ArrayList<>(beforeToken);
            if (associationToken != null) {
                data.add(new Field("associationToken", new Asn1Value.IntegerValue(associationToken)));
            }
            data.addAll(afterToken);
            return new Asn1Value.SequenceValue(List.of(new Field("eimConfigurationDataList",
                    new Asn1Value.SequenceOfValue(List.of(new Asn1Value.SequenceValue(data))))));
        }

        /** The DER of {@link #request}. */
        public byte[] encode(BigInteger associationToken) {
            return GsmaSchema.encode(REQUEST, request(associationToken));
        }
    }

    /**
     * {@code eim} checked against SGP.32, its keys decoded.
     *
     * @throws IllegalArgumentException naming the setting that does not fit SGP.32 and why
     */
    public static Prepared prepare(Configuration eim) {
        List<Field> before = new ArrayList<>();
        if (eim.eimId() == null || eim.eimId().isEmpty() || eim.eimId().length() > 128) {
            throw new IllegalArgumentException("eimId: 1 to 128 characters (SGP.32 EimConfigurationData), found "
                    + (eim.eimId() == null ? "none" : eim.eimId().length() + " characters"));
        }
        before.add(new Field("eimId", new Asn1Value.StringValue(eim.eimId())));
        if (eim.fqdn() != null) {
            before.add(new Field("eimFqdn", new Asn1Value.StringValue(eim.fqdn())));
        }
        if (eim.idType() != null) {
            before.add(new Field("eimIdType", Asn1Value.IntegerValue.of(named("EimIdType", "idType", eim.idType()))));
        }
        if (eim.counterValue() != null) {
            if (eim.counterValue() < 0) {
                throw new IllegalArgumentException("counterValue: 0 or more, found " + eim.counterValue());
            }
            before.add(new Field("counterValue", Asn1Value.IntegerValue.of(eim.counterValue())));
        }
        List<Field> after = new ArrayList<>();
        if ((eim.publicKey() == null) == (eim.certificate() == null)) {
            throw new IllegalArgumentException("publicKey or certificate: the eIM's key for eUICC packages is given "
                    + "as one of the two");
        }
        after.add(new Field("eimPublicKeyData", eim.publicKey() != null
                ? new Asn1Value.ChoiceValue("eimPublicKey", decoded("SubjectPublicKeyInfo", "publicKey", eim.publicKey()))
                : new Asn1Value.ChoiceValue("eimCertificate", decoded("Certificate", "certificate", eim.certificate()))));
        if (eim.tlsPublicKey() != null && eim.tlsCertificate() != null) {
            throw new IllegalArgumentException("tlsPublicKey or tlsCertificate: the key trusted for (D)TLS is given "
                    + "as one of the two, or neither");
        }
        if (eim.tlsPublicKey() != null) {
            after.add(new Field("trustedPublicKeyDataTls", new Asn1Value.ChoiceValue("trustedEimPkTls",
                    decoded("SubjectPublicKeyInfo", "tlsPublicKey", eim.tlsPublicKey()))));
        } else if (eim.tlsCertificate() != null) {
            after.add(new Field("trustedPublicKeyDataTls", new Asn1Value.ChoiceValue("trustedCertificateTls",
                    decoded("Certificate", "tlsCertificate", eim.tlsCertificate()))));
        }
        if (!eim.protocols().isEmpty()) {
            after.add(new Field("eimSupportedProtocol", protocols(eim.protocols())));
        }
        return new Prepared(before, after);
    }

    /**
     * The AddInitialEimRequest of {@code eim}, with the eUICC's association token when it is given.
     *
     * @throws IllegalArgumentException naming the setting that does not fit SGP.32 and why
     */
    public static Asn1Value request(Configuration eim, BigInteger associationToken) {
        return prepare(eim).request(associationToken);
    }

    /** The DER of {@link #request}. */
    public static byte[] encode(Configuration eim, BigInteger associationToken) {
        return prepare(eim).encode(associationToken);
    }

    /** An AddInitialEimRequest read back. */
    public static Asn1Value decode(byte[] der) throws Asn1DecodeException {
        return GsmaSchema.decode(REQUEST, der);
    }

    private static long named(String typeName, String setting, String name) {
        Map<String, Long> names = ((Asn1Type.IntegerType) GsmaSchema.module().resolve(
                GsmaSchema.module().type(typeName))).namedNumbers();
        Long value = names.get(name);
        if (value == null) {
            throw new IllegalArgumentException(setting + ": one of " + names.keySet() + ", found '" + name + "'");
        }
        return value;
    }

    private static Asn1Value decoded(String typeName, String setting, byte[] der) {
        try {
            return GsmaSchema.decode(typeName, der);
        } catch (Asn1DecodeException e) {
            throw new IllegalArgumentException(setting + ": not a DER " + typeName + " (" + e.getMessage() + ")", e);
        }
    }

    /** EimSupportedProtocol as DER writes a named-bit BIT STRING: no trailing zero bits. */
    private static Asn1Value protocols(List<String> protocols) {
        Map<String, Long> names = ((Asn1Type.BitStringType) GsmaSchema.module().resolve(
                GsmaSchema.module().type("EimSupportedProtocol"))).namedBits();
        int highest = -1;
        List<Integer> bits = new ArrayList<>();
        for (String protocol : protocols) {
            Long bit = names.get(protocol);
            if (bit == null) {
                throw new IllegalArgumentException("protocols: each one of " + names.keySet() + ", found '" + protocol
                        + "'");
            }
            bits.add(bit.intValue());
            highest = Math.max(highest, bit.intValue());
        }
        byte[] bytes = new byte[highest / 8 + 1];
        for (int bit : bits) {
            bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return new Asn1Value.BitStringValue(new Asn1Value.OctetStringValue(bytes), 7 - highest % 8);
    }
}
