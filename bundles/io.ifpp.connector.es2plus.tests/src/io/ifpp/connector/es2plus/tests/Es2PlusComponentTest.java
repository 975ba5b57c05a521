package io.ifpp.connector.es2plus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

import io.ifpp.connector.api.ConnectorCheck;
import io.ifpp.connector.api.ConnectorSecrets;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.connector.api.contract.ProfileOrderingConnectorContract.Faults;
import io.ifpp.connector.es2plus.Es2PlusClient;
import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;

/**
 * The connector as a Declarative Services component: a factory configuration naming a PKCS#12 key store, a password
 * file and the trusted issuers makes a ProfileOrderingConnector service that orders from the SM-DP+; the password is
 * nowhere in the configuration.
 */
class Es2PlusComponentTest {

    @TempDir
    Path folder;

    @Test
    void aFactoryConfigurationMakesAConnectorServiceThatOrdersFromTheSmdp() throws Exception {
        Path keyStore = folder.resolve("ifpp-client.p12");
        Path passwordFile = folder.resolve("ifpp-client.password");
        Path trusted = folder.resolve("trusted.pem");
        char[] password = "a password only the file holds".toCharArray();
        writeClientKeyStore(keyStore, password);
        Files.writeString(passwordFile, new String(password) + "\n");
        writeTrustedIssuers(trusted);

        Bundle bundle = FrameworkUtil.getBundle(Es2PlusClient.class);
        bundle.start();
        BundleContext context = bundle.getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admin = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        admin.open();
        try (var subject = new Es2PlusContractTest.LoopbackSubject(Faults.NONE,
                new RetryPolicy(1, Duration.ZERO, 1.0), Duration.ofSeconds(10))) {
            Iccid iccid = Iccid.of("8949009900000009990" + Luhn.checkDigit("8949009900000009990"));
            subject.addProfile(iccid, "configured");
            ConfigurationAdmin configurations = admin.waitForService(10_000);
            assertNotNull(configurations, "Config Admin runs");
            Configuration configuration = configurations.getFactoryConfiguration("io.ifpp.connector.es2plus",
                    "test-smdp", "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("id", "test-smdp");
            properties.put("endpoint", subject.smdp.uri().toString());
            properties.put("functionRequesterIdentifier", "ifpp-configured");
            properties.put("keyStore", keyStore.toString());
            properties.put("keyAlias", "ifpp");
            properties.put("keyStorePasswordFile", passwordFile.toString());
            properties.put("trustedCertificates", trusted.toString());
            ServiceTracker<ProfileOrderingConnector, ProfileOrderingConnector> connectors = new ServiceTracker<>(
                    context, context.createFilter("(&(objectClass=" + ProfileOrderingConnector.class.getName()
                            + ")(id=test-smdp))"), null);
            connectors.open();
            try {
                configuration.update(properties);
                ProfileOrderingConnector connector = connectors.waitForService(10_000);
                assertNotNull(connector, "the configured connector is a service");
                assertEquals("test-smdp", connector.id());

                assertEquals(iccid, connector.downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty()));
                assertEquals("ifpp-configured", subject.smdp.exchanges().get(0).request().replaceAll(
                        ".*\"functionRequesterIdentifier\":\"([^\"]+)\".*", "$1"));
                properties.forEach((key, value) -> assertFalse(String.valueOf(value).contains(new String(password)),
                        "the password is not configured: " + key));

                // 'ifpp connectors check': a mutual-TLS handshake with the SM-DP+, no function called.
                int calls = subject.smdp.exchanges().size();
                List<ConnectorCheck.Step> steps = ((ConnectorCheck) connector).check();
                assertEquals(2, steps.size(), steps.toString());
                assertTrue(steps.stream().allMatch(ConnectorCheck.Step::ok), steps.toString());
                assertTrue(steps.get(1).detail().contains("verified; it took our certificate"), steps.toString());
                assertEquals(calls, subject.smdp.exchanges().size(), "the check calls no ES2+ function");
                subject.smdp.close();
                ConnectorCheck.Step unreachable = ((ConnectorCheck) connector).check().get(1);
                assertFalse(unreachable.ok(), "the SM-DP+ is gone: " + unreachable);
                assertTrue(unreachable.what().startsWith("mutual TLS to localhost:"), unreachable.toString());
            } finally {
                connectors.close();
                configuration.delete();
            }
        } finally {
            admin.close();
        }
    }

    @Test
    void aPasswordTheProductKeepsOpensTheKeyStoreAndOneInTheConfigurationIsRefused() throws Exception {
        char[] password = "a password only the secret store holds".toCharArray();
        Path keyStore = folder.resolve("kept-client.p12");
        Path trusted = folder.resolve("trusted.pem");
        writeClientKeyStore(keyStore, password);
        writeTrustedIssuers(trusted);

        Bundle bundle = FrameworkUtil.getBundle(Es2PlusClient.class);
        bundle.start();
        BundleContext context = bundle.getBundleContext();
        List<String> asked = new CopyOnWriteArrayList<>();
        ConnectorSecrets secrets = (connectorId, name) -> {
            asked.add(connectorId + "/" + name);
            return connectorId.equals("kept-smdp") && name.equals("keyStorePassword")
                    ? Optional.of(password.clone()) : Optional.empty();
        };
        ServiceRegistration<ConnectorSecrets> registration = context.registerService(ConnectorSecrets.class, secrets,
                null);
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admin = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> runtime = new ServiceTracker<>(context,
                ServiceComponentRuntime.class, null);
        admin.open();
        runtime.open();
        ServiceTracker<ProfileOrderingConnector, ProfileOrderingConnector> kept = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ProfileOrderingConnector.class.getName()
                        + ")(id=kept-smdp))"), null);
        kept.open();
        Configuration good = null;
        Configuration bad = null;
        try {
            ConfigurationAdmin configurations = admin.waitForService(10_000);
            good = configurations.getFactoryConfiguration("io.ifpp.connector.es2plus", "kept-smdp", "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("id", "kept-smdp");
            properties.put("endpoint", "https://localhost:1");
            properties.put("functionRequesterIdentifier", "ifpp-kept");
            properties.put("keyStore", keyStore.toString());
            properties.put("keyAlias", "ifpp");
            // No password file, and a variable nobody sets: the password can only come from the secret store.
            properties.put("keyStorePasswordVariable", "IFPP_TEST_VARIABLE_NOBODY_SETS");
            properties.put("trustedCertificates", trusted.toString());
            good.update(properties);
            assertNotNull(kept.waitForService(10_000), "the key store opened with the kept password");
            assertEquals(List.of("kept-smdp/keyStorePassword"), asked);

            bad = configurations.getFactoryConfiguration("io.ifpp.connector.es2plus", "clear-smdp", "?");
            properties.put("id", "clear-smdp");
            properties.put("keyStorePassword", new String(password));
            bad.update(properties);
            // The component is made when its service is first asked for (a tracker asks as it sees it), and fails.
            ServiceTracker<ProfileOrderingConnector, ProfileOrderingConnector> clear = new ServiceTracker<>(context,
                    context.createFilter("(&(objectClass=" + ProfileOrderingConnector.class.getName()
                            + ")(id=clear-smdp))"), null);
            clear.open();
            ServiceComponentRuntime scr = runtime.waitForService(10_000);
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundle,
                    "io.ifpp.connector.es2plus.internal.Es2PlusComponent");
            String failure = null;
            for (long deadline = System.nanoTime() + 10_000_000_000L; failure == null && System.nanoTime() < deadline;
                    Thread.sleep(50)) {
                failure = scr.getComponentConfigurationDTOs(description).stream()
                        .filter(c -> "clear-smdp".equals(c.properties.get("id"))
                                && c.state == ComponentConfigurationDTO.FAILED_ACTIVATION)
                        .map(c -> c.failure).findFirst().orElse(null);
            }
            assertNull(clear.getService(), "no connector with a password in its configuration");
            clear.close();
            assertNotNull(failure, "a password in the configuration fails the connector");
            assertTrue(failure.contains("keyStorePassword is a secret and is never taken from the configuration"),
                    failure);
            assertFalse(failure.contains(new String(password)), "the refusal does not repeat the password");
        } finally {
            kept.close();
            if (good != null) {
                good.delete();
            }
            if (bad != null) {
                bad.delete();
            }
            registration.unregister();
            runtime.close();
            admin.close();
        }
    }

    /** Our TLS client key and chain in a PKCS#12 key store under {@code password}. */
    private static void writeClientKeyStore(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ifpp", Loopback.IFPP.privateKey(), password,
                Loopback.IFPP.chain().toArray(Certificate[]::new));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    /** The issuer of the SM-DP+'s TLS certificate, as PEM. */
    private static void writeTrustedIssuers(Path file) throws Exception {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(Loopback.IFPP.trusted().get(0).getEncoded())
                + "\n-----END CERTIFICATE-----\n");
    }
}
