package io.ifpp.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import io.ifpp.core.Eid;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.trust.GsmaChainVerifier;
import io.ifpp.trust.GsmaChainVerifier.Verdict;
import io.ifpp.trust.GsmaRole;
import io.ifpp.trust.TestPki;

class GsmaChainVerifierTest {

    /**
     * A fixed instant, so that the SGP.26 certificates' validity does not make these tests expire; the test PKIs are
     * issued on the same clock, so that they are valid at it whatever the day the tests run.
     */
    private static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);

    private static byte[] sgp26(String file) {
        return Fixtures.read("sgp26-pki/" + file);
    }

    private static Verdict verify(byte[]... chain) {
        return GsmaChainVerifier.verify(List.of(chain), AT);
    }

    private static void invalidBecause(Verdict verdict, String reason) {
        assertFalse(verdict.valid(), "expected invalid: " + reason);
        assertTrue(verdict.reason().contains(reason), verdict.reason());
    }

    @Test
    void theSgp26ChainsThatOpenSslRejectsVerifyOnBothCurves() {
        for (String curve : List.of("NIST", "BRP")) {
            Verdict verdict = verify(sgp26("CertificateIssuer_CERT_CI_ECDSA_" + curve + ".der"),
                    sgp26("EUM_CERT_EUM_ECDSA_" + curve + ".der"), sgp26("eUICC_CERT_EUICC_ECDSA_" + curve + ".der"));
            assertTrue(verdict.valid(), curve + ": " + verdict.reason());
            assertEquals(GsmaRole.EUICC, verdict.leafRole());
            assertEquals(Eid.of("89049032123451234512345678901235"), verdict.eid().orElseThrow());
        }
    }

    @Test
    void theSgp26SmdpTlsCertificateAndItsExpiry() {
        byte[] ci = sgp26("CertificateIssuer_CERT_CI_ECDSA_NIST.der");
        byte[] tls = sgp26("DPtls_CERT_S_SM_DP_VARO_TLS_NIST.der");
        Verdict now = verify(ci, tls);
        assertTrue(now.valid(), now.reason());
        assertEquals(GsmaRole.DP_TLS, now.leafRole());
        invalidBecause(GsmaChainVerifier.verify(List.of(ci, tls), Instant.parse("2027-03-01T00:00:00Z")), "expired on 2027-02-06");
    }

    @Test
    void aChainUnderAnotherCiIsRefused() {
        invalidBecause(verify(sgp26("CertificateIssuer_CERT_CI_ECDSA_BRP.der"), sgp26("EUM_CERT_EUM_ECDSA_NIST.der"),
                sgp26("eUICC_CERT_EUICC_ECDSA_NIST.der")), "EUM");
        TestPki ours = TestPki.create("secp256r1", CLOCK);
        TestPki.Issued eum = ours.eum("Acme Chips", "8949000");
        Verdict foreignCi = verify(sgp26("CertificateIssuer_CERT_CI_ECDSA_NIST.der"), eum.der(),
                ours.euicc(eum, Eid.withCheckDigits("894900012345678901234567890123")).der());
        invalidBecause(foreignCi, "unknown issuer");
    }

    @Test
    void theEidMustBeInTheEumRangeAndHaveValidCheckDigits() {
        TestPki pki = TestPki.create("brainpoolP256r1", CLOCK);
        TestPki.Issued eum = pki.eum("Acme Chips", "8949000");
        Eid inside = Eid.withCheckDigits("894900012345678901234567890123");
        Verdict valid = verify(pki.ci().der(), eum.der(), pki.euicc(eum, inside).der());
        assertTrue(valid.valid(), valid.reason());

        Eid outside = Eid.withCheckDigits("894900112345678901234567890123");
        invalidBecause(verify(pki.ci().der(), eum.der(), pki.euicc(eum, outside).der()),
                "EID " + outside + " is outside the EUM's range: it must start with 8949000");
        Eid badCheck = Eid.of(inside.digits().substring(0, 30) + "00");
        invalidBecause(verify(pki.ci().der(), eum.der(), pki.euicc(eum, badCheck).der()), "fails its check digits");
    }

    @Test
    void expiredSelfSignedAndChangedCertificatesAreRefused() {
        Instant longAgo = AT.minus(Duration.ofDays(800));
        TestPki expired = TestPki.create("secp256r1", longAgo, longAgo.plus(Duration.ofDays(365)));
        TestPki.Issued eum = expired.eum("Acme Chips", "8949000");
        invalidBecause(verify(expired.ci().der(), eum.der(), expired.euicc(eum, Eid.withCheckDigits("894900012345678901234567890123")).der()),
                "expired on");

        TestPki pki = TestPki.create("secp256r1", CLOCK);
        invalidBecause(verify(pki.ci().der(), pki.ci().der()), "self-signed; only the CI may be");

        byte[] euicc = sgp26("eUICC_CERT_EUICC_ECDSA_NIST.der").clone();
        euicc[euicc.length - 120] ^= 0x01; // inside the signed part
        Verdict changed = verify(sgp26("CertificateIssuer_CERT_CI_ECDSA_NIST.der"), sgp26("EUM_CERT_EUM_ECDSA_NIST.der"), euicc);
        assertFalse(changed.valid(), "a changed certificate must not verify");
    }

    @Test
    void aForgedEuiccSignatureIsRefusedAfterItsEumsKeyServedOthers() {
        for (String curve : List.of("secp256r1", "brainpoolP256r1")) {
            TestPki pki = TestPki.create(curve, CLOCK);
            TestPki.Issued eum = pki.eum("Acme Chips", "8949000");
            for (int i = 0; i < 3; i++) { // the EUM's parsed certificate and key are kept after the first
                Verdict valid = verify(pki.ci().der(), eum.der(), pki.euicc(eum,
                        Eid.withCheckDigits(String.format("8949000%023d", i))).der());
                assertTrue(valid.valid(), curve + ": " + valid.reason());
            }
            byte[] forged = pki.euicc(eum, Eid.withCheckDigits("894900012345678901234567890123")).der();
            forged[forged.length - 1] ^= 0x01; // the last byte of the signature's s
            invalidBecause(verify(pki.ci().der(), eum.der(), forged), "the signature does not verify with the key of");
            TestPki.Issued otherEum = TestPki.create(curve, CLOCK).eum("Acme Chips", "8949000");
            invalidBecause(verify(pki.ci().der(), otherEum.der(), pki.euicc(otherEum,
                    Eid.withCheckDigits("894900012345678901234567890123")).der()), "EUM");
        }
    }

    /**
     * TLS clients match the host against the subjectAltName, not the CN: ours name their hosts there with the
     * registered ID, as the SGP.26 SM-DP+ TLS certificate does (DNS name and registered ID), and still verify.
     */
    @Test
    void tlsCertificatesNameTheirHostsInTheSubjectAltNameAsSgp26Does() throws Exception {
        X509CertificateHolder sgp26 = new X509CertificateHolder(sgp26("DPtls_CERT_S_SM_DP_VARO_TLS_NIST.der"));
        assertEquals(List.of(GeneralName.dNSName, GeneralName.registeredID), nameKinds(sgp26));

        TestPki pki = TestPki.create("secp256r1", CLOCK);
        X509CertificateHolder smdp = pki.smdp(GsmaRole.DP_TLS, "smdp.test.example").certificate();
        assertEquals(List.of(GeneralName.dNSName, GeneralName.registeredID), nameKinds(smdp));
        GeneralName[] names = GeneralNames.fromExtensions(smdp.getExtensions(), Extension.subjectAlternativeName)
                .getNames();
        assertEquals("smdp.test.example", names[0].getName().toString());
        assertEquals(TestPki.TEST_SMDP_OID, names[1].getName().toString());

        TestPki.Issued operator = pki.tls(List.of("operator.example", "localhost", "127.0.0.1"));
        assertEquals(List.of(GeneralName.dNSName, GeneralName.dNSName, GeneralName.iPAddress,
                GeneralName.registeredID), nameKinds(operator.certificate()));
        Verdict verdict = verify(pki.ci().der(), operator.der());
        assertTrue(verdict.valid(), verdict.reason());
        assertEquals(GsmaRole.DP_TLS, verdict.leafRole());
    }

    /**
     * From the security review: the verifier took SHA-1 signatures and critical extensions it does not understand.
     * A certificate built by hand like the test PKI's SM-DP+ ones verifies; the same with SHA-1, or with an unknown
     * critical extension, is refused naming why.
     */
    @Test
    void sha1SignaturesAndUnknownCriticalExtensionsAreRefused() throws Exception {
        TestPki pki = TestPki.create("secp256r1", CLOCK);
        Verdict plain = verify(pki.ci().der(), smdpAuthentication(pki, "SHA256withECDSA", null));
        assertTrue(plain.valid(), "the hand-built certificate is otherwise valid: " + plain.reason());
        invalidBecause(verify(pki.ci().der(), smdpAuthentication(pki, "SHA1withECDSA", null)),
                "is signed over SHA-1 (ecdsa-with-SHA1), which is refused");
        invalidBecause(verify(pki.ci().der(), smdpAuthentication(pki, "SHA256withECDSA",
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"))),
                "has a critical extension 1.3.6.1.4.1.99999.1 that this verifier does not process");
    }

    private static byte[] smdpAuthentication(TestPki pki, String signatureAlgorithm, ASN1ObjectIdentifier unknown)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(pki.ci().certificate().getSubject(),
                BigInteger.valueOf(4242), Date.from(AT.minus(Duration.ofDays(1))), Date.from(AT.plus(Duration.ofDays(365))),
                new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "IFPP Test SM-DP+")
                        .addRDN(BCStyle.CN, "smdp.test.example").build(), keys.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.certificatePolicies, true, new CertificatePolicies(new PolicyInformation(
                new ASN1ObjectIdentifier(GsmaRole.DP_AUTH.policy))));
        if (unknown != null) {
            builder.addExtension(unknown, true, new DERUTF8String("not understood"));
        }
        return builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(pki.ci().keys().getPrivate()))
                .getEncoded();
    }

    private static List<Integer> nameKinds(X509CertificateHolder certificate) {
        return java.util.Arrays.stream(GeneralNames.fromExtensions(certificate.getExtensions(),
                Extension.subjectAlternativeName).getNames()).map(GeneralName::getTagNo).toList();
    }

    @Test
    void issuedSmdpCertificatesVerifyOnBothCurves() {
        for (String curve : List.of("secp256r1", "brainpoolP256r1")) {
            TestPki pki = TestPki.create(curve, CLOCK);
            for (GsmaRole role : List.of(GsmaRole.DP_AUTH, GsmaRole.DP_PB, GsmaRole.DP_TLS)) {
                Verdict verdict = verify(pki.ci().der(), pki.smdp(role, "smdp.test.example").der());
                assertTrue(verdict.valid(), curve + " " + role + ": " + verdict.reason());
                assertEquals(role, verdict.leafRole());
            }
            assertTrue(pki.ci().toString().contains("private key not shown"));
        }
    }
}
