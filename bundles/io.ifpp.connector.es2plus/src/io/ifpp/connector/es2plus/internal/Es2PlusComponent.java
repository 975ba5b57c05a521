package io.ifpp.connector.es2plus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.connector.es2plus.Es2PlusClient;
import io.ifpp.connector.es2plus.Es2PlusSchemas;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.connector.es2plus.TlsIdentity;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;

/**
 * One SM-DP+ as an OSGi service, from a factory configuration of PID {@value #PID} (described by the bundle's
 * metatype). The TLS client key comes from a PKCS#12 key store whose password is read from a file or an environment
 * variable at activation, never from the configuration, and is cleared once the key is loaded.
 */
@Component(service = ProfileOrderingConnector.class, configurationPid = Es2PlusComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class Es2PlusComponent implements ProfileOrderingConnector {

    public static final String PID = "io.ifpp.connector.es2plus";

    /** The configuration, as the metatype describes it. */
    public @interface Config {
        String id() default "es2plus";

        String endpoint();

        String functionRequesterIdentifier();

        String adminProtocol() default Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL;

        long callTimeoutMillis() default 30_000;

        int retryAttempts() default 3;

        long retryBackoffMillis() default 500;

        String keyStore();

        String keyAlias();

        String keyStorePasswordFile() default "";

        String keyStorePasswordVariable() default "IFPP_KEYSTORE_PASSWORD";

        String trustedCertificates();

        String schemaFolder() default "";
    }

    private Es2PlusClient client;

    @Activate
    void activate(Config config) throws IOException, GeneralSecurityException {
        Es2PlusSettings settings = new Es2PlusSettings(config.id(), URI.create(config.endpoint()),
                config.functionRequesterIdentifier(), config.adminProtocol(),
                Duration.ofMillis(config.callTimeoutMillis()),
                new RetryPolicy(config.retryAttempts(), Duration.ofMillis(config.retryBackoffMillis()), 2.0));
        TlsIdentity identity = identity(config);
        Es2PlusSchemas schemas = config.schemaFolder().isBlank() ? Es2PlusSchemas.bundled()
                : Es2PlusSchemas.fromFolder(Path.of(config.schemaFolder()));
        client = new Es2PlusClient(settings, identity.sslContext(), schemas);
    }

    @Deactivate
    void deactivate() {
        client.close();
    }

    static TlsIdentity identity(Config config) throws IOException, GeneralSecurityException {
        char[] password = password(config);
        try {
            KeyStore store = KeyStore.getInstance(Path.of(config.keyStore()).toFile(), password);
            Key key = store.getKey(config.keyAlias(), password);
            Certificate[] chain = store.getCertificateChain(config.keyAlias());
            if (!(key instanceof PrivateKey privateKey) || chain == null) {
                throw new GeneralSecurityException("the key store " + config.keyStore() + " has no private key entry '"
                        + config.keyAlias() + "' with a certificate chain");
            }
            return new TlsIdentity(privateKey,
                    Arrays.stream(chain).map(X509Certificate.class::cast).toList(), trusted(config));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] password(Config config) throws IOException {
        if (!config.keyStorePasswordFile().isBlank()) {
            byte[] bytes = Files.readAllBytes(Path.of(config.keyStorePasswordFile()));
            try {
                String text = new String(bytes, StandardCharsets.UTF_8);
                return text.strip().toCharArray();
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        String value = System.getenv(config.keyStorePasswordVariable());
        if (value == null) {
            throw new IOException("no key store password: set " + config.keyStorePasswordVariable()
                    + " or configure keyStorePasswordFile");
        }
        return value.toCharArray();
    }

    private static List<X509Certificate> trusted(Config config) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(config.trustedCertificates()))) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + config.trustedCertificates());
            }
            return certificates;
        }
    }

    @Override
    public String id() {
        return client.id();
    }

    @Override
    public Iccid downloadOrder(Optional<Eid> eid, Optional<Iccid> iccid, Optional<String> profileType)
            throws ConnectorException {
        return client.downloadOrder(eid, iccid, profileType);
    }

    @Override
    public ConfirmedOrder confirmOrder(Iccid iccid, Optional<Eid> eid, Optional<String> matchingId,
            Optional<String> confirmationCode, Optional<String> smdsAddress, boolean release)
            throws ConnectorException {
        return client.confirmOrder(iccid, eid, matchingId, confirmationCode, smdsAddress, release);
    }

    @Override
    public void cancelOrder(Iccid iccid, Optional<Eid> eid, Optional<String> matchingId,
            String finalProfileStatusIndicator) throws ConnectorException {
        client.cancelOrder(iccid, eid, matchingId, finalProfileStatusIndicator);
    }

    @Override
    public void releaseProfile(Iccid iccid) throws ConnectorException {
        client.releaseProfile(iccid);
    }

    @Override
    public String toString() {
        return "Es2PlusComponent[" + client + "]";
    }
}
