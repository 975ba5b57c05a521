package io.ifpp.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.ifpp.core.AtomicFiles;
import io.ifpp.trust.internal.Crypto;

/**
 * A server's TLS identity in a PKCS#12 key store (alias {@value #ALIAS}): an operator's own certificate, or, when the
 * file does not exist yet, a self-signed ECDSA P-256 certificate for the given host names, made once and kept, so
 * clients can pin its fingerprint.
 */
public final class TlsServerKeys {

    public static final String ALIAS = "tls";

    private final KeyStore store;
    private final X509Certificate certificate;
    private final String renewed;

    private TlsServerKeys(KeyStore store, X509Certificate certificate, String renewed) {
        this.store = store;
        this.certificate = certificate;
        this.renewed = renewed;
    }

    /** Subject organisation of the self-signed certificates this class makes, which it may renew. */
    private static final String SELF_SIGNED_ORGANISATION = "IFPP Studio server";

    /**
     * The identity in {@code file}; when there is no such file, a self-signed one for {@code hostNames} (DNS names or
     * IP literals) is made and stored there first. A self-signed certificate of ours that has expired by the
     * clock's instant is replaced by a new one ({@link #renewed()} says so: clients that pinned the old fingerprint
     * must pin the new); an operator's own certificate that has expired is refused with its date.
     *
     * @param clock the instant validity is judged on and new certificates start from: TLS peers check it with
     *        JSSE, which reads the system clock, so servers give {@link Clock#systemUTC()}
     */
    public static TlsServerKeys loadOrCreate(Path file, char[] password, List<String> hostNames, Clock clock)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        String renewed = null;
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                store.load(in, password);
            } catch (IOException e) {
                throw new IOException(file + ": cannot be opened (wrong password, or not a PKCS#12 key store)");
            }
            if (!store.isKeyEntry(ALIAS)) {
                throw new GeneralSecurityException(file + ": holds no key entry '" + ALIAS + "' for TLS");
            }
            X509Certificate stored = (X509Certificate) store.getCertificate(ALIAS);
            Instant expiry = stored.getNotAfter().toInstant();
            if (expiry.isBefore(clock.instant())) {
                if (!isOurSelfSigned(stored)) {
                    throw new GeneralSecurityException(file + ": the TLS certificate '"
                            + stored.getSubjectX500Principal().getName() + "' expired on " + expiry
                            + "; put a current one in the key store under alias '" + ALIAS + "'");
                }
                renewed = "the self-signed TLS certificate expired on " + expiry + "; a new one was made";
                makeSelfSigned(store, file, password, hostNames, clock);
            }
        } else {
            store.load(null, password);
            makeSelfSigned(store, file, password, hostNames, clock);
        }
        return new TlsServerKeys(store, (X509Certificate) store.getCertificate(ALIAS), renewed);
    }

    private static boolean isOurSelfSigned(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                && subject.getRDNs(BCStyle.O).length == 1
                && SELF_SIGNED_ORGANISATION.equals(subject.getRDNs(BCStyle.O)[0].getFirst().getValue().toString());
    }

    private static void makeSelfSigned(KeyStore store, Path file, char[] password, List<String> hostNames,
            Clock clock) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), Crypto.random());
        KeyPair keys = generator.generateKeyPair();
        store.setKeyEntry(ALIAS, keys.getPrivate(), password,
                new Certificate[] { selfSigned(keys, hostNames, clock.instant()) });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        AtomicFiles.write(file, out.toByteArray());
    }

    /** Why the stored certificate was replaced by a new self-signed one at load, if it was. */
    public Optional<String> renewed() {
        return Optional.ofNullable(renewed);
    }

    private static X509Certificate selfSigned(KeyPair keys, List<String> hostNames, Instant now)
            throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, SELF_SIGNED_ORGANISATION)
                .addRDN(BCStyle.CN, hostNames.isEmpty() ? "localhost" : hostNames.get(0)).build();
        GeneralName[] names = hostNames.stream().map(name -> name.matches("[0-9.]+|.*:.*")
                ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new);
        try {
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, Crypto.random()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))), subject,
                    keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            var holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC)
                    .build(keys.getPrivate()));
            return new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(holder);
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot make the server's TLS certificate: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the certificate, as {@code AB:CD:...}, for clients that pin it. */
    public String fingerprint() throws GeneralSecurityException {
        return fingerprint(certificate.getEncoded());
    }

    /** SHA-256 of a DER certificate as operators write and compare it: {@code AB:CD:...}. */
    public static String fingerprint(byte[] certificateDer) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(Crypto.sha256(certificateDer));
    }

    /** A TLS context serving this identity (no client certificate asked for). */
    public SSLContext sslContext(char[] password) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, Crypto.random());
        return context;
    }

    /**
     * A client's TLS context that trusts exactly the server certificate with this SHA-256 fingerprint (as
     * {@link #fingerprint()} prints it): how a client pins a self-signed server. The host name is checked as usual.
     */
    public static SSLContext pinned(String sha256Fingerprint) throws GeneralSecurityException {
        String expected = sha256Fingerprint.strip().toUpperCase(java.util.Locale.ROOT);
        X509TrustManager pin = new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain == null || chain.length == 0) {
                    throw new CertificateException("the server presented no certificate");
                }
                String found = fingerprint(chain[0].getEncoded());
                if (!found.equals(expected)) {
                    throw new CertificateException("the server's certificate (SHA-256 " + found
                            + ") is not the pinned one (" + expected + ")");
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("a pinned context is for clients only");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { pin }, Crypto.random());
        return context;
    }

    /** Names the certificate only: the private key never leaves the key store through this class. */
    @Override
    public String toString() {
        return "TlsServerKeys[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
