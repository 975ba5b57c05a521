package io.ifpp.connector.es2plus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.ifpp.connector.api.ConnectorCheck;
import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorSecrets;
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
 * metatype). The TLS client key comes from a PKCS#12 key store whose password is read at activation, never from the
 * configuration: from the password file if one is configured, else from the product's {@link ConnectorSecrets} (the
 * workbench's secure storage) if it keeps one for this connector, else from the environment variable; it is cleared
 * once the key is loaded.
 */
@Component(service = ProfileOrderingConnector.class, configurationPid = Es2PlusComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Es2PlusComponent.Config.class, factory = true)
public final class Es2PlusComponent implements ProfileOrderingConnector, ConnectorCheck {

    public static final String PID = "io.ifpp.connector.es2plus";

    /** The configuration; the build writes its metatype (OSGI-INF/metatype) from these annotations. */
    @ObjectClassDefinition(id = PID, name = "IFPP ES2+ connector (SM-DP+)",
            description = "Profile ordering from one SM-DP+ through GSMA SGP.22 ES2+ over mutual TLS. One "
                    + "configuration per SM-DP+.")
    public @interface Config {
        @AttributeDefinition(name = "Connector id", description = "How plans and the server name this SM-DP+.")
        String id() default "es2plus";

        @AttributeDefinition(name = "Endpoint",
                description = "The SM-DP+ base address, https://host:port; functions are POSTed to "
                        + "/gsma/rsp2/es2plus/<function>.")
        String endpoint();

        @AttributeDefinition(name = "Function requester identifier",
                description = "Who we are to the SM-DP+ (the operator identifier it knows us by).")
        String functionRequesterIdentifier();

        @AttributeDefinition(name = "X-Admin-Protocol", description = "gsma/rsp/v2.<x>.<y>, as agreed with the SM-DP+.")
        String adminProtocol() default Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL;

        @AttributeDefinition(name = "Call timeout (ms)", min = "1",
                description = "How long one attempt of a call may take, connecting included.")
        long callTimeoutMillis() default 30_000;

        @AttributeDefinition(name = "Attempts", min = "1",
                description = "Attempts of a call in all; repeats carry the same functionCallIdentifier.")
        int retryAttempts() default 3;

        @AttributeDefinition(name = "First backoff (ms)", min = "0",
                description = "Wait before the second attempt; each further wait doubles.")
        long retryBackoffMillis() default 500;

        @AttributeDefinition(name = "Client key store",
                description = "PKCS#12 file with our TLS client key and certificate chain.")
        String keyStore();

        @AttributeDefinition(name = "Key alias", description = "The entry of the client key in the key store.")
        String keyAlias();

        @AttributeDefinition(name = "Key store password file",
                description = "File holding the key store password (readable by the service only). Empty: the "
                        + "password kept in secure storage (workbench), else the environment variable below.")
        String keyStorePasswordFile() default "";

        @AttributeDefinition(name = "Key store password", type = AttributeType.PASSWORD, required = false,
                description = "Kept in the workbench's secure storage, never in the configuration file.")
        String keyStorePassword() default "";

        @AttributeDefinition(name = "Key store password variable",
                description = "Environment variable holding the key store password when no password file is given.")
        String keyStorePasswordVariable() default "IFPP_KEYSTORE_PASSWORD";

        @AttributeDefinition(name = "Trusted issuers",
                description = "PEM or DER file with the certificates that issue the SM-DP+ TLS certificate (e.g. "
                        + "the GSMA CI).")
        String trustedCertificates();

        @AttributeDefinition(name = "ES2+ schema folder",
                description = "Folder with ES2+ JSON Schemas replacing the bundled ones (same file names). Empty: "
                        + "the bundled schemas.")
        String schemaFolder() default "";
    }

    /** How long the check waits for the SM-DP+ to answer the TLS handshake, or to refuse our certificate after it. */
    private static final int CHECK_TIMEOUT_MILLIS = 5_000;

    /** The setting the password is kept under in {@link ConnectorSecrets}. */
    static final String KEY_STORE_PASSWORD = "keyStorePassword";

    /** Where the product keeps connectors' secrets (the workbench); greedy, so one registered later is used. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    ConnectorSecrets secrets;

    private Es2PlusClient client;
    private URI endpoint;
    private SSLContext sslContext;
    private X509Certificate clientCertificate;

    @Activate
    void activate(Config config) throws IOException, GeneralSecurityException {
        Es2PlusSettings settings = new Es2PlusSettings(config.id(), URI.create(config.endpoint()),
                config.functionRequesterIdentifier(), config.adminProtocol(),
                Duration.ofMillis(config.callTimeoutMillis()),
                new RetryPolicy(config.retryAttempts(), Duration.ofMillis(config.retryBackoffMillis()), 2.0));
        TlsIdentity identity = identity(config, Optional.ofNullable(secrets));
        Es2PlusSchemas schemas = config.schemaFolder().isBlank() ? Es2PlusSchemas.bundled()
                : Es2PlusSchemas.fromFolder(Path.of(config.schemaFolder()));
        endpoint = settings.endpoint();
        sslContext = identity.sslContext();
        clientCertificate = identity.chain().get(0);
        client = new Es2PlusClient(settings, sslContext, schemas);
    }

    /**
     * The client key was loaded at activation; the SM-DP+ is reached with a mutual-TLS handshake (its certificate
     * verified under the trusted issuers and for its host name) and given a moment to refuse ours; no function is
     * called.
     */
    @Override
    public List<Step> check() {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.ok("client key", "certificate " + clientCertificate.getSubjectX500Principal().getName()
                + ", valid until " + clientCertificate.getNotAfter().toInstant()));
        String host = endpoint.getHost();
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : 443;
        try (SSLSocket socket = (SSLSocket) sslContext.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), CHECK_TIMEOUT_MILLIS);
            socket.setSoTimeout(CHECK_TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            String peer = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                    .getName();
            socket.setSoTimeout(500);
            try {
                // TLS 1.3 servers refuse a client certificate after the handshake: an alert here says so.
                socket.getInputStream().read();
            } catch (SocketTimeoutException quiet) {
                // Still connected and waiting for a request: our certificate was taken.
            }
            steps.add(Step.ok("mutual TLS to " + host + ":" + port, socket.getSession().getProtocol()
                    + ", the SM-DP+ presented " + peer + ", verified; it took our certificate"));
        } catch (IOException e) {
            steps.add(Step.failed("mutual TLS to " + host + ":" + port, e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
        return steps;
    }

    @Deactivate
    void deactivate() {
        client.close();
    }

    static TlsIdentity identity(Config config, Optional<ConnectorSecrets> secrets)
            throws IOException, GeneralSecurityException {
        char[] password = password(config, secrets);
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

    private static char[] password(Config config, Optional<ConnectorSecrets> secrets) throws IOException {
        if (!config.keyStorePassword().isEmpty()) {
            throw new IOException("keyStorePassword is a secret and is never taken from the configuration: remove it "
                    + "from connector '" + config.id() + "''s configuration file and keep it in the workbench's "
                    + "secure storage, a password file (keyStorePasswordFile) or " + config.keyStorePasswordVariable());
        }
        if (!config.keyStorePasswordFile().isBlank()) {
            byte[] bytes = Files.readAllBytes(Path.of(config.keyStorePasswordFile()));
            try {
                String text = new String(bytes, StandardCharsets.UTF_8);
                return text.strip().toCharArray();
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        if (secrets.isPresent()) {
            Optional<char[]> kept = secrets.get().secret(config.id(), KEY_STORE_PASSWORD);
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        String value = System.getenv(config.keyStorePasswordVariable());
        if (value == null) {
            throw new IOException("no key store password for connector '" + config.id() + "': configure "
                    + "keyStorePasswordFile, keep it in the workbench's secure storage or set "
                    + config.keyStorePasswordVariable());
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
