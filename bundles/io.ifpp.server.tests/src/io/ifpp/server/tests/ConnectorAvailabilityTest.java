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
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.server.internal.Services;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The server runs without any connector; the simulator's bundle, started and configured while it runs, becomes an
 * available connector without a restart, and is gone again when stopped.
 */
class ConnectorAvailabilityTest {

    /** The simulator as the reactor built it (the bundles are built before the server's tests). */
    private static final Path SIMULATOR_TARGET = Path.of("../io.ifpp.connector.simulator/target");

    @TempDir
    Path folder;

    @Test
    void aConnectorStartedWhileTheServerRunsBecomesAvailableAndGoesAway() throws Exception {
        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        BundleContext context = FrameworkUtil.getBundle(ConnectorRegistry.class).getBundleContext();
        // The test runtime may hold the simulator (the server imports it optionally for 'ifpp simulate'); stopped,
        // it is the same as absent. Otherwise it is installed from the reactor's build, as from a p2 repository.
        Bundle simulator = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "io.ifpp.connector.simulator".equals(b.getSymbolicName())).findFirst().orElse(null);
        boolean installedHere = simulator == null;
        if (installedHere) {
            simulator = context.installBundle(simulatorJar().toUri().toString());
        }
        simulator.stop();
        assertFalse(registry.personalization("simulator").isPresent(), "no connector while none runs");
        CliRun before = new CliRun();
        assertEquals(0, before.run("connectors"));
        assertTrue(before.out().contains("no connector available"), before.out());

        // Held for the whole test: Config Admin is a service factory, released when its user ungets it.
        awaitTrue(() -> context.getServiceReference(ConfigurationAdmin.class) != null, "Config Admin runs");
        ConfigurationAdmin configurations = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        Configuration configuration = configurations.getConfiguration("io.ifpp.connector.simulator", "?");
        try {
            Path orderer = folder.resolve("orderer.pub");
            Files.writeString(orderer, PartyKeyStore.publicBundle(new PartyKeyStore.Party("ifpp",
                    KemKeyPair.generate(), SignatureKeyPair.generate())));
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("ordererPublicKeys", orderer.toString());
            properties.put("eidPrefix", "89049032");
            configuration.update(properties);
            simulator.start();

            awaitTrue(() -> registry.personalization("simulator").isPresent(), "the simulator becomes available");
            PersonalizationConnector connector = registry.personalization("simulator").orElseThrow();
            assertEquals("simulator", connector.id());
            assertEquals(List.of(new ConnectorRegistry.Available("personalization", "simulator")), registry.available());
            CliRun after = new CliRun();
            assertEquals(0, after.run("connectors"));
            assertEquals("personalization simulator", after.out().lines().findFirst().orElse(""), after.out());
            assertTrue(after.out().contains("simulated vendor simulator (simulated batches only)"), after.out());

            simulator.stop();
            awaitTrue(() -> registry.personalization("simulator").isEmpty(), "the stopped simulator is gone");
        } finally {
            configuration.delete();
            if (installedHere) {
                simulator.uninstall();
            } else {
                simulator.start(); // the other tests' simulated batches need its simulators
            }
        }
    }

    private static Path simulatorJar() throws java.io.IOException {
        try (var files = Files.list(SIMULATOR_TARGET)) {
            return files.filter(f -> f.getFileName().toString().matches("io\\.ifpp\\.connector\\.simulator-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("build io.ifpp.connector.simulator first"));
        }
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
