package io.ifpp.connector.es2plus;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One side's TLS material for ES2+ mutual TLS: its private key and certificate chain (leaf first), and the
 * certificates it trusts as issuers of the other side's certificate (e.g. the CI or CA that issued the SM-DP+ TLS
 * certificate). The key lives only in memory; {@link #toString()} never shows it.
 */
public record TlsIdentity(PrivateKey privateKey, List<X509Certificate> chain, List<X509Certificate> trusted) {

    public TlsIdentity {
        chain = List.copyOf(chain);
        trusted = List.copyOf(trusted);
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("a TLS identity trusts at least one issuer");
        }
    }

    /** Only the trust, no key: a client that cannot authenticate itself (refused by an SM-DP+). */
    public static TlsIdentity trustOnly(List<X509Certificate> trusted) {
        return new TlsIdentity(null, List.of(), trusted);
    }

    /** A certificate from its DER encoding. */
    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** A TLS 1.2/1.3 context presenting this identity and trusting only {@link #trusted()}. */
    public SSLContext sslContext() {
        try {
            // The key store lives only here; its password is random and dropped with it.
            char[] password = java.util.UUID.randomUUID().toString().toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (privateKey != null) {
                keys.setKeyEntry("identity", privateKey, password,
                        chain.toArray(X509Certificate[]::new));
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                anchors.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
            trustManagers.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("the TLS identity cannot be used: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + (chain.isEmpty() ? "no certificate" : chain.get(0).getSubjectX500Principal().getName())
                + ", trusts " + trusted.size() + ", private key not shown]";
    }
}
