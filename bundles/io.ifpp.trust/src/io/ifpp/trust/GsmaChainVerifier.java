package io.ifpp.trust;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import io.ifpp.core.Eid;
import io.ifpp.trust.internal.Crypto;

/**
 * Verifies GSMA RSP certificate chains (SGP.22 §4.5.2, SGP.26): CI → EUM → eUICC and CI → SM-DP+, on NIST P-256 or
 * brainpoolP256r1, including the rules generic PKIX gets wrong: the EUM's nameConstraints carry an EID prefix
 * (serialNumber) and the organisation; the eUICC's subject serialNumber is its EID, which must start with that
 * prefix and have valid check digits. The first certificate is the trusted CI.
 */
public final class GsmaChainVerifier {

    private static final ASN1ObjectIdentifier P256 = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");
    private static final ASN1ObjectIdentifier BRAINPOOL_P256 = new ASN1ObjectIdentifier("1.3.36.3.3.2.8.1.1.7");
    private static final ASN1ObjectIdentifier ECDSA_WITH_SHA1 = X9ObjectIdentifiers.ecdsa_with_SHA1;
    private static final Set<ASN1ObjectIdentifier> SIGNATURE_ALGORITHMS = Set.of(X9ObjectIdentifiers.ecdsa_with_SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, X9ObjectIdentifiers.ecdsa_with_SHA512);
    /** The extensions whose meaning the checks here apply; a critical one outside this set refuses the certificate. */
    private static final Set<ASN1ObjectIdentifier> PROCESSED_CRITICAL = Set.of(Extension.basicConstraints,
            Extension.keyUsage, Extension.extendedKeyUsage, Extension.certificatePolicies, Extension.nameConstraints,
            Extension.subjectAlternativeName, Extension.authorityKeyIdentifier, Extension.subjectKeyIdentifier);

    /** The outcome: valid, or the first rule broken with a reason a person understands. */
    public record Verdict(boolean valid, String reason, GsmaRole leafRole, Optional<Eid> eid) {

        static Verdict invalid(String reason) {
            return new Verdict(false, reason, null, Optional.empty());
        }
    }

    private GsmaChainVerifier() {
    }

    /** Verifies {@code chain} (DER, the CI first, the leaf last) as of {@code at}. */
    public static Verdict verify(List<byte[]> chain, Instant at) {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        List<ByteBuffer> encodings = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            ByteBuffer encoding = ByteBuffer.wrap(chain.get(i).clone());
            try {
                // The CI and EUM of a report's thousands of chains are parsed once (a holder is immutable).
                boolean authority = i < chain.size() - 1;
                X509CertificateHolder parsed = authority ? PARSED_AUTHORITIES.get(encoding) : null;
                if (parsed == null) {
                    parsed = new X509CertificateHolder(encoding.array());
                    if (authority) {
                        remember(PARSED_AUTHORITIES, encoding, parsed);
                    }
                }
                certificates.add(parsed);
                encodings.add(encoding);
            } catch (IOException | RuntimeException e) {
                return Verdict.invalid("certificate " + (i + 1) + " is not a DER X.509 certificate");
            }
        }
        try {
            return new Check(certificates, encodings, at).run();
        } catch (Broken broken) {
            return Verdict.invalid(broken.getMessage());
        }
    }

    /** A broken rule, as the sentence the verdict gives. */
    private static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;

        Broken(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final class Check {
        private final List<X509CertificateHolder> chain;
        /** Each certificate's bytes as given: what the caches key on. */
        private final List<ByteBuffer> encodings;
        private final Instant at;

        Check(List<X509CertificateHolder> chain, List<ByteBuffer> encodings, Instant at) {
            this.chain = chain;
            this.encodings = encodings;
            this.at = at;
        }

        private ByteBuffer encodingOf(X509CertificateHolder certificate) {
            for (int i = 0; i < chain.size(); i++) {
                if (chain.get(i) == certificate) {
                    return encodings.get(i);
                }
            }
            throw new IllegalArgumentException("not a certificate of this chain");
        }

        Verdict run() throws Broken {
            if (chain.size() < 2 || chain.size() > 3) {
                throw new Broken("a GSMA chain is CI and leaf, or CI, EUM and eUICC; got " + chain.size() + " certificates");
            }
            X509CertificateHolder ci = chain.get(0);
            String ciName = name(GsmaRole.CI, ci);
            require(role(ci) == GsmaRole.CI, () -> "the first certificate is not a GSMA CI: its policy is not " + GsmaRole.CI.policy);
            require(ci.getIssuer().equals(ci.getSubject()), () -> ciName + " is not self-signed");
            signedBy(ci, ci, ciName, ciName);
            common(ci, ciName);
            ca(ci, ciName, -1);
            for (int i = 1; i < chain.size(); i++) {
                X509CertificateHolder certificate = chain.get(i);
                X509CertificateHolder issuer = chain.get(i - 1);
                GsmaRole role = role(certificate);
                String title = name(role, certificate);
                require(!certificate.getIssuer().equals(certificate.getSubject()), () -> title + " is self-signed; only the CI may be");
                require(role != null && role != GsmaRole.CI, () -> title + " has no GSMA RSP role policy other than CI");
                require(certificate.getIssuer().equals(issuer.getSubject()), () -> title + " was issued by " + certificate.getIssuer()
                        + ", not by the given " + name(role(issuer), issuer) + " (" + issuer.getSubject() + "): an unknown issuer");
                keyIdentifiersMatch(certificate, issuer, title);
                signedBy(certificate, issuer, title, name(role(issuer), issuer));
                common(certificate, title);
                boolean last = i == chain.size() - 1;
                switch (role) {
                    case EUM -> {
                        require(!last, () -> title + " cannot be the leaf: an EUM issues eUICC certificates");
                        ca(certificate, title, 0);
                        eidPrefix(certificate, title);
                    }
                    case EUICC -> {
                        require(last && i == 2 && role(issuer) == GsmaRole.EUM, () -> title + " must be issued by an EUM");
                        return euicc(certificate, issuer, title);
                    }
                    default -> {
                        require(last && i == 1, () -> title + " must be issued directly by the CI");
                        return smdp(certificate, role, title);
                    }
                }
            }
            throw new Broken("the chain ends with the EUM; the eUICC certificate is missing");
        }

        private Verdict euicc(X509CertificateHolder euicc, X509CertificateHolder eum, String title) throws Broken {
            keyUsage(euicc, title, KeyUsage.digitalSignature, "digitalSignature");
            String serial = rdn(euicc.getSubject(), BCStyle.SERIALNUMBER)
                    .orElseThrow(() -> new Broken(title + " has no subject serialNumber: it carries the EID"));
            Eid eid;
            try {
                eid = Eid.of(serial);
            } catch (IllegalArgumentException e) {
                throw new Broken(title + ": subject serialNumber is not an EID: " + e.getMessage());
            }
            require(eid.hasValidCheckDigits(), () -> title + ": EID " + eid + " fails its check digits (ISO 7064 MOD 97-10)");
            X500Name permitted = eidPrefix(eum, name(GsmaRole.EUM, eum));
            String prefix = rdn(permitted, BCStyle.SERIALNUMBER).orElseThrow();
            require(eid.startsWith(prefix), () -> title + ": EID " + eid + " is outside the EUM's range: it must start with "
                    + prefix + " (GSMA SGP.22 nameConstraints)");
            Optional<String> organisation = rdn(permitted, BCStyle.O);
            if (organisation.isPresent()) {
                require(organisation.equals(rdn(euicc.getSubject(), BCStyle.O)), () -> title + ": subject O "
                        + rdn(euicc.getSubject(), BCStyle.O).orElse("(none)") + " is not the EUM's permitted O " + organisation.get());
            }
            return new Verdict(true, "valid CI → EUM → eUICC chain for EID " + eid, GsmaRole.EUICC, Optional.of(eid));
        }

        private Verdict smdp(X509CertificateHolder smdp, GsmaRole role, String title) throws Broken {
            keyUsage(smdp, title, KeyUsage.digitalSignature, "digitalSignature");
            if (role == GsmaRole.DP_TLS) {
                ExtendedKeyUsage usage = ExtendedKeyUsage.fromExtensions(smdp.getExtensions());
                require(usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth),
                        () -> title + " lacks the extended key usage serverAuth that TLS needs");
            }
            return new Verdict(true, "valid CI → " + role.title + " chain", role, Optional.empty());
        }

        /** The EUM's permitted subtree name (O and EID prefix as serialNumber), which must be there. */
        private X500Name eidPrefix(X509CertificateHolder eum, String title) throws Broken {
            Extension extension = eum.getExtension(Extension.nameConstraints);
            require(extension != null && extension.isCritical(), () -> title + " lacks the critical nameConstraints with its EID prefix");
            NameConstraints constraints = NameConstraints.getInstance(extension.getParsedValue());
            GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
            require(permitted != null && permitted.length > 0, () -> title + " nameConstraints permit nothing");
            for (GeneralSubtree subtree : permitted) {
                if (subtree.getBase().getTagNo() == GeneralName.directoryName) {
                    X500Name name = X500Name.getInstance(subtree.getBase().getName());
                    Optional<String> prefix = rdn(name, BCStyle.SERIALNUMBER);
                    if (prefix.isPresent()) {
                        require(prefix.get().matches("\\d{1,32}"), () -> title + ": the EID prefix " + prefix.get() + " is not digits");
                        return name;
                    }
                }
            }
            throw new Broken(title + " nameConstraints hold no EID prefix (a directoryName with serialNumber)");
        }

        private void common(X509CertificateHolder certificate, String title) throws Broken {
            Date instant = Date.from(at);
            require(!instant.before(certificate.getNotBefore()), () -> title + " is not valid before "
                    + certificate.getNotBefore().toInstant().atOffset(ZoneOffset.UTC).toLocalDate());
            require(!instant.after(certificate.getNotAfter()), () -> title + " expired on "
                    + certificate.getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate());
            SubjectPublicKeyInfo key = certificate.getSubjectPublicKeyInfo();
            require(key.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve
                    && (curve.equals(P256) || curve.equals(BRAINPOOL_P256)),
                    () -> title + " has a key that is not on NIST P-256 or brainpoolP256r1");
            Extension policies = certificate.getExtension(Extension.certificatePolicies);
            require(policies != null && policies.isCritical() || role(certificate) == GsmaRole.DP_TLS,
                    () -> title + ": the GSMA certificate policy must be a critical extension");
            ASN1ObjectIdentifier algorithm = certificate.getSignatureAlgorithm().getAlgorithm();
            require(!algorithm.equals(ECDSA_WITH_SHA1), () -> title + " is signed over SHA-1 (ecdsa-with-SHA1), "
                    + "which is refused: SHA-1 signatures can be forged");
            require(SIGNATURE_ALGORITHMS.contains(algorithm), () -> title + " is signed with " + algorithm
                    + ", not ECDSA over SHA-256, SHA-384 or SHA-512 (SGP.22 uses ecdsa-with-SHA256)");
            for (Object oid : certificate.getCriticalExtensionOIDs()) {
                require(PROCESSED_CRITICAL.contains(oid), () -> title + " has a critical extension " + oid
                        + " that this verifier does not process: a certificate so marked must be refused (RFC 5280 "
                        + "4.2)");
            }
        }

        private void ca(X509CertificateHolder certificate, String title, int pathLength) throws Broken {
            BasicConstraints constraints = BasicConstraints.fromExtensions(certificate.getExtensions());
            require(constraints != null && constraints.isCA(), () -> title + " is not a CA (basicConstraints cA)");
            if (pathLength >= 0) {
                require(constraints.getPathLenConstraint() != null && constraints.getPathLenConstraint().intValue() == pathLength,
                        () -> title + " must have pathLenConstraint " + pathLength);
            }
            keyUsage(certificate, title, KeyUsage.keyCertSign, "keyCertSign");
        }

        private void keyUsage(X509CertificateHolder certificate, String title, int bit, String name) throws Broken {
            KeyUsage usage = KeyUsage.fromExtensions(certificate.getExtensions());
            require(usage != null && usage.hasUsages(bit), () -> title + " lacks the key usage " + name);
        }

        private void keyIdentifiersMatch(X509CertificateHolder certificate, X509CertificateHolder issuer, String title) throws Broken {
            AuthorityKeyIdentifier authority = AuthorityKeyIdentifier.fromExtensions(certificate.getExtensions());
            SubjectKeyIdentifier subject = SubjectKeyIdentifier.fromExtensions(issuer.getExtensions());
            if (authority != null && authority.getKeyIdentifier() != null && subject != null) {
                require(Arrays.equals(authority.getKeyIdentifier(), subject.getKeyIdentifier()),
                        () -> title + " names another issuer key (authorityKeyIdentifier): an unknown issuer");
            }
        }

        private void signedBy(X509CertificateHolder certificate, X509CertificateHolder issuer, String title, String issuerTitle)
                throws Broken {
            boolean authority = role(certificate) == GsmaRole.CI || role(certificate) == GsmaRole.EUM;
            SignedPair pair = authority ? new SignedPair(encodingOf(certificate), encodingOf(issuer)) : null;
            if (pair != null && VERIFIED_AUTHORITIES.containsKey(pair)) {
                return;
            }
            try {
                require(certificate.isSignatureValid(verifierOf(issuer, encodingOf(issuer))),
                        () -> title + ": the signature does not verify with the key of " + issuerTitle
                                + " (not issued by it, or changed since)");
            } catch (OperatorCreationException | CertException | java.security.cert.CertificateException
                    | IOException e) {
                throw new Broken(title + ": the signature cannot be checked (" + e.getClass().getSimpleName() + ")");
            }
            if (pair != null) {
                remember(VERIFIED_AUTHORITIES, pair, Boolean.TRUE);
            }
        }
    }

    /**
     * The verifier of an issuer's signatures. EC keys get BouncyCastle's lightweight verifier: the JCA one checks each
     * signature twice (it also verifies a second, raw signature object, for PKCS#11 sessions). A CI's or EUM's is
     * made once per certificate: every eUICC certificate of a report is checked with the same EUM key, and one key
     * object lets the EC code reuse the multiples of the key's point it precomputed (together half of each check).
     */
    private static ContentVerifierProvider verifierOf(X509CertificateHolder issuer, ByteBuffer encoded)
            throws OperatorCreationException, java.security.cert.CertificateException, IOException {
        GsmaRole role = role(issuer);
        if (role != GsmaRole.CI && role != GsmaRole.EUM) {
            return newVerifier(issuer);
        }
        ContentVerifierProvider known = AUTHORITY_VERIFIERS.get(encoded);
        if (known == null) {
            known = newVerifier(issuer);
            remember(AUTHORITY_VERIFIERS, encoded, known);
        }
        return known;
    }

    private static ContentVerifierProvider newVerifier(X509CertificateHolder issuer) throws OperatorCreationException,
            java.security.cert.CertificateException, IOException {
        SubjectPublicKeyInfo key = issuer.getSubjectPublicKeyInfo();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(key.getAlgorithm().getAlgorithm())) {
            return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
                    .build(PublicKeyFactory.createKey(key));
        }
        return new JcaContentVerifierProviderBuilder().setProvider(Crypto.BC).build(issuer);
    }

    /**
     * Signatures of CI and EUM certificates that verified, by the exact bytes of certificate and issuer: a report
     * carries thousands of eUICC chains under one EUM, whose two upper signatures need checking once. Only
     * successes are kept, and only for these exact encodings, so a changed certificate is checked afresh.
     */
    private static final Map<SignedPair, Boolean> VERIFIED_AUTHORITIES = new ConcurrentHashMap<>();

    private record SignedPair(ByteBuffer certificate, ByteBuffer issuer) {
    }

    private static final Map<ByteBuffer, X509CertificateHolder> PARSED_AUTHORITIES = new ConcurrentHashMap<>();

    private static final Map<ByteBuffer, ContentVerifierProvider> AUTHORITY_VERIFIERS = new ConcurrentHashMap<>();

    /** Puts into one of the caches above, emptied when full: a process meets a handful of CIs and EUMs. */
    private static <K, V> void remember(Map<K, V> cache, K key, V value) {
        if (cache.size() >= 256) {
            cache.clear();
        }
        cache.put(key, value);
    }

    static GsmaRole role(X509CertificateHolder certificate) {
        Extensions extensions = certificate.getExtensions();
        CertificatePolicies policies = extensions == null ? null : CertificatePolicies.fromExtensions(extensions);
        if (policies == null) {
            return null;
        }
        for (PolicyInformation policy : policies.getPolicyInformation()) {
            Optional<GsmaRole> role = GsmaRole.ofPolicy(policy.getPolicyIdentifier().getId());
            if (role.isPresent()) {
                return role.get();
            }
        }
        return null;
    }

    private static String name(GsmaRole role, X509CertificateHolder certificate) {
        return (role == null ? "the certificate" : "the " + role.title + " certificate") + " '" + rdn(certificate.getSubject(),
                BCStyle.CN).orElse(certificate.getSubject().toString()) + "'";
    }

    private static Optional<String> rdn(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        return rdns.length == 0 ? Optional.empty() : Optional.of(rdns[0].getFirst().getValue().toString());
    }

    /** The reason is made only when the rule is broken: most name certificates, and formatting them is dear. */
    private static void require(boolean holds, Supplier<String> reason) throws Broken {
        if (!holds) {
            throw new Broken(reason.get());
        }
    }
}
