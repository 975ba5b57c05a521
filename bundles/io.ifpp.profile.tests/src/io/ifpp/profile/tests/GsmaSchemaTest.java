package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ifpp.fixtures.Fixtures;
import io.ifpp.profile.GsmaSchema;
import io.ifpp.profile.InitialEim;
import io.ifpp.profile.asn1.Asn1Value;

/**
 * The GSMA modules (SGP.32, SGP.22, the TCA package, RFC 5280) read together by the project's one ASN.1 codec:
 * real certificates of the SGP.26 test PKI decode and encode back byte for byte (open types, SET OF, character
 * strings and times, explicit and implicit modules), and the SGP.32 AddInitialEimRequest a factory gives each eUICC
 * round-trips with the tags the standard says.
 */
class GsmaSchemaTest {

    @Test
    void certificatesOfTheSgp26TestPkiDecodeAndEncodeBackByteForByte() throws Exception {
        for (String name : List.of("CertificateIssuer_CERT_CI_ECDSA_NIST.der", "CertificateIssuer_CERT_CI_ECDSA_BRP.der",
                "EUM_CERT_EUM_ECDSA_NIST.der", "eUICC_CERT_EUICC_ECDSA_NIST.der",
                "DPtls_CERT_S_SM_DP_VARO_TLS_NIST.der")) {
            byte[] der = Fixtures.read("sgp26-pki/" + name);
            Asn1Value certificate = GsmaSchema.decode("Certificate", der);
            assertArrayEquals(der, GsmaSchema.encode("Certificate", certificate), name);
            Asn1Value.SequenceValue tbs = (Asn1Value.SequenceValue) ((Asn1Value.SequenceValue) certificate)
                    .get("tbsCertificate").orElseThrow();
            assertTrue(tbs.get("subjectPublicKeyInfo").isPresent() && tbs.get("validity").isPresent(), name);
        }
    }

    @Test
    void anAddInitialEimRequestRoundTripsWithTheTagsOfSgp32() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] eimKey = generator.generateKeyPair().getPublic().getEncoded();
        byte[] tls = Fixtures.read("sgp26-pki/DPtls_CERT_S_SM_DP_VARO_TLS_NIST.der");
        InitialEim.Configuration eim = new InitialEim.Configuration("eim.example.com", "eim.example.com",
                "eimIdTypeFqdn", eimKey, null, null, tls, List.of("eimRetrieveHttps", "eimInjectHttps"), 1L);

        byte[] der = InitialEim.encode(eim, BigInteger.valueOf(4242));

        assertEquals("bf57", HexFormat.of().formatHex(der, 0, 2), "tag BF57");
        Asn1Value decoded = InitialEim.decode(der);
        assertEquals(InitialEim.request(eim, BigInteger.valueOf(4242)), decoded);
        assertArrayEquals(der, InitialEim.encode(eim, BigInteger.valueOf(4242)));
        String hex = HexFormat.of().formatHex(der);
        String id = HexFormat.of().formatHex("eim.example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // EimConfigurationData, components tagged [0] to [7] (implicit under AUTOMATIC TAGS, explicit on a CHOICE)
        assertTrue(hex.startsWith("bf57"), hex);
        assertTrue(hex.contains("800f" + id + "810f" + id + "820102" + "830101" + "84021092"),
                "eimId, eimFqdn, eimIdType fqdn(2), counterValue 1, associationToken 4242: " + hex);
        assertTrue(hex.contains("a55ba059" + HexFormat.of().formatHex(eimKey, 2, eimKey.length)),
                "eimPublicKeyData [5] { eimPublicKey [0] IMPLICIT SubjectPublicKeyInfo }: " + hex);
        assertTrue(hex.contains("a1" + HexFormat.of().formatHex(tls, 1, tls.length)),
                "trustedPublicKeyDataTls [6] { trustedCertificateTls [1] IMPLICIT Certificate }: " + hex);
        assertTrue(hex.endsWith("870205a0"), "eimSupportedProtocol [7]: bits 0 and 2, five unused: " + hex);
    }

    @Test
    void aSettingOutsideSgp32IsRefusedNamingIt() {
        InitialEim.Configuration noKey = new InitialEim.Configuration("eim-1", null, null, null, null, null, null,
                List.of(), null);
        assertEquals("publicKey or certificate: the eIM's key for eUICC packages is given as one of the two",
                assertThrows(IllegalArgumentException.class, () -> InitialEim.encode(noKey, null)).getMessage());
        InitialEim.Configuration badType = new InitialEim.Configuration("eim-1", null, "url", new byte[] { 0x30, 0 },
                null, null, null, List.of(), null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InitialEim.encode(badType, null)).getMessage()
                .startsWith("idType: one of [eimIdTypeOid, eimIdTypeFqdn, eimIdTypeProprietary], found 'url'"));
        InitialEim.Configuration notAKey = new InitialEim.Configuration("eim-1", null, null, new byte[] { 0x04, 0 },
                null, null, null, List.of(), null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InitialEim.encode(notAKey, null)).getMessage()
                .startsWith("publicKey: not a DER SubjectPublicKeyInfo"));
    }
}
