package io.ifpp.trust;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import io.ifpp.core.Eid;
import io.ifpp.trust.internal.Crypto;

/**
 * A GSMA-shaped test PKI for demos and tests, with the extension profile of the SGP.26 certificates: a CI, EUMs with
 * an EID range, eUICC certificates for EIDs in it, and SM-DP+ certificates. Never for production: keys live in
 * memory and the CI is self-made.
 */
public final class TestPki {

    /** A certificate with its key pair. */
    public record Issued(X509CertificateHolder certificate, KeyPair keys) {

        public byte[] der() {
            try {
                return certificate.getEncoded();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The certificate as PEM, as trust folders and partners' configurations take it. */
        public String pem() {
            StringWriter text = new StringWriter();
            try (PemWriter writer = new PemWriter(text)) {
                writer.writeObject(new PemObject("CERTIFICATE", der()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return text.toString();
        }

        @Override
        public String toString() {
            return "Issued[" + certificate.getSubject() + ", private key not shown]";
        }
    }

    private final String curve;
    private final Instant notBefore;
    private final Instant notAfter;
    private final Issued ci;
    private final AtomicLong serials = new AtomicLong(1);

    private TestPki(String curve, Instant notBefore, Instant notAfter) {
        this.curve = curve;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        KeyPair keys = keyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "IFPP Test CI").addRDN(BCStyle.OU, "TESTCERT")
                .addRDN(BCStyle.O, "IFPP Studio").addRDN(BCStyle.C, "DE").build();
        this.ci = issue(name, keys, name, keys, GsmaRole.CI, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    }

    /**
     * A test PKI on {@code curve} ("secp256r1" or "brainpoolP256r1"), its certificates valid from a day before the
     * clock's instant for ten years: verify them at an instant from the same clock.
     */
    public static TestPki create(String curve, Clock clock) {
        Instant from = clock.instant().minus(Duration.ofDays(1));
        return new TestPki(curve, from, from.plus(Duration.ofDays(3650)));
    }

    /** As {@link #create}, with the validity of every certificate given (for expired or not-yet-valid cases). */
    public static TestPki create(String curve, Instant notBefore, Instant notAfter) {
        return new TestPki(curve, notBefore, notAfter);
    }

    public Issued ci() {
        return ci;
    }

    /** An EUM whose eUICCs' EIDs start with {@code eidPrefix} and whose organisation is {@code organisation}. */
    public Issued eum(String organisation, String eidPrefix) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "DE").addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, organisation + " EUM").build();
        X500Name permitted = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.SERIALNUMBER, eidPrefix).build();
        return issue(subject, keyPair(), ci.certificate().getSubject(), ci.keys(), GsmaRole.EUM, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
            builder.addExtension(Extension.nameConstraints, true, new NameConstraints(
                    new GeneralSubtree[] { new GeneralSubtree(new GeneralName(permitted)) }, null));
            authorityKey(builder, ci);
        });
    }

    /** An eUICC certificate for {@code eid} under {@code eum} (the EID is not checked against the range here). */
    public Issued euicc(Issued eum, Eid eid) {
        String organisation = eum.certificate().getSubject().getRDNs(BCStyle.O)[0].getFirst().getValue().toString();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "DE").addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.SERIALNUMBER, eid.digits()).addRDN(BCStyle.CN, "Test eUICC").build();
        return issue(subject, keyPair(), eum.certificate().getSubject(), eum.keys(), GsmaRole.EUICC, builder -> {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            authorityKey(builder, eum);
        });
    }

    /**
     * The registered ID an SM-DP+'s TLS certificate names beside its host (SGP.22 4.5.2: the SM-DP+ OID); the
     * example OID the SGP.26 test certificates carry.
     */
    public static final String TEST_SMDP_OID = "2.999.10";

    /**
     * An SM-DP+ certificate (authentication, profile binding or TLS) for {@code host}; a TLS one names the host in its
     * subjectAltName too, as TLS clients require.
     */
    public Issued smdp(GsmaRole role, String host) {
        if (role != GsmaRole.DP_AUTH && role != GsmaRole.DP_PB && role != GsmaRole.DP_TLS) {
            throw new IllegalArgumentException("an SM-DP+ certificate has an SM-DP+ role, not " + role);
        }
        return role == GsmaRole.DP_TLS ? tls(List.of(host)) : issueSmdp(role, host, builder -> { });
    }

    /**
     * A TLS certificate (server and client authentication) for every name of {@code hostNames} (DNS names or IP
     * literals), as SGP.26 issues the SM-DP+'s: the first name in its CN; all of them, with the registered ID
     * {@link #TEST_SMDP_OID}, in its subjectAltName. Also what an operator's endpoints present in the tests.
     */
    public Issued tls(List<String> hostNames) {
        if (hostNames.isEmpty()) {
            throw new IllegalArgumentException("a TLS certificate names at least one host");
        }
        List<GeneralName> names = new ArrayList<>();
        for (String name : hostNames) {
            names.add(name.matches("[0-9.]+|.*:.*") ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        names.add(new GeneralName(GeneralName.registeredID, TEST_SMDP_OID));
        return issueSmdp(GsmaRole.DP_TLS, hostNames.get(0), builder -> {
            builder.addExtension(Extension.extendedKeyUsage, true,
                    new ExtendedKeyUsage(new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
        });
    }

    private Issued issueSmdp(GsmaRole role, String host, Extensions roleExtensions) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "IFPP Test SM-DP+").addRDN(BCStyle.CN, host).build();
        return issue(subject, keyPair(), ci.certificate().getSubject(), ci.keys(), role, builder -> {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            roleExtensions.add(builder);
            authorityKey(builder, ci);
        });
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws CertIOException, GeneralSecurityException;
    }

    private Issued issue(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys, GsmaRole role, Extensions extensions) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serials.getAndIncrement()),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            builder.addExtension(Extension.certificatePolicies, true,
                    new CertificatePolicies(new PolicyInformation(new ASN1ObjectIdentifier(role.policy))));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            extensions.add(builder);
            return new Issued(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC)
                    .build(issuerKeys.getPrivate())), keys);
        } catch (CertIOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("the test certificate cannot be issued: " + e.getClass().getSimpleName(), e);
        }
    }

    private static void authorityKey(X509v3CertificateBuilder builder, Issued issuer) throws CertIOException, GeneralSecurityException {
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.keys().getPublic()));
    }

    private KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Crypto.BC);
            generator.initialize(new ECGenParameterSpec(curve), Crypto.random());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("curve " + curve + " is not available: use secp256r1 or brainpoolP256r1", e);
        }
    }
}
