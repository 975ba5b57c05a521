package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.connectors.ConnectorRegistry;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The server runs without any connector; the simulator's bundle, installed and configured while it runs, becomes an
 * available connector without a restart, and is gone again when uninstalled.
 */
class ConnectorAvailabilityTest {

    /** The simulator as the reactor built it (the bundles are built before the server's tests). */
    private static final Path SIMULATOR_JAR = Path.of("../io.ifpp.connector.simulator/target");

    @TempDir
    Path folder;

    @Test
    void aConnectorInstalledWhileTheServerRunsBecomesAvailableAndGoesAway() throws Exception {
        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        assertFalse(registry.personalization("simulator").isPresent(), "no connector in the server at first");
        CliRun before = new CliRun();
        assertEquals(0, before.run("connectors"));
        assertTrue(before.out().contains("no connector installed"), before.out());

        BundleContext context = FrameworkUtil.getBundle(ConnectorRegistry.class).getBundleContext();
        Path jar;
        try (var files = Files.list(SIMULATOR_JAR)) {
            jar = files.filter(f -> f.getFileName().toString().matches("io\\.ifpp\\.connector\\.simulator-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("build io.ifpp.connector.simulator first"));
        }
        Bundle simulator = context.installBundle(jar.toUri().toString());
        try {
            simulator.start();
            Path orderer = folder.resolve("orderer.pub");
            Files.writeString(orderer, PartyKeyStore.publicBundle(new PartyKeyStore.Party("ifpp",
                    KemKeyPair.generate(), SignatureKeyPair.generate())));
            // Held for the whole test: Config Admin is a service factory, released when its user ungets it.
            awaitTrue(() -> context.getServiceReference(ConfigurationAdmin.class) != null, "Config Admin runs");
            ConfigurationAdmin configurations = context.getService(context.getServiceReference(ConfigurationAdmin.class));
            Configuration configuration = configurations.getConfiguration("io.ifpp.connector.simulator", "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("ordererPublicKeys", orderer.toString());
            properties.put("eidPrefix", "89049032");
            configuration.update(properties);

            awaitTrue(() -> registry.personalization("simulator").isPresent(), "the simulator becomes available");
            PersonalizationConnector connector = registry.personalization("simulator").orElseThrow();
            assertEquals("simulator", connector.id());
            assertEquals(List.of(new ConnectorRegistry.Available("personalization", "simulator")), registry.available());
            CliRun after = new CliRun();
            assertEquals(0, after.run("connectors"));
            assertEquals("personalization simulator", after.out().strip());
            configuration.delete();
        } finally {
            simulator.uninstall();
        }
        awaitTrue(() -> registry.personalization("simulator").isEmpty(), "the uninstalled simulator is gone");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(20);
        }
    }
}
