package io.ifpp.connector.filedrop.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.filedrop.FileDropPersonalizationConnector;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The connector as a Declarative Services component: a configuration naming two folders and two public key bundles
 * makes a PersonalizationConnector service that exchanges orders and answers with the vendor; nothing secret is
 * configured.
 */
class FileDropComponentTest {

    @TempDir
    Path folder;

    @Test
    void aConfigurationMakesAConnectorServiceThatExchangesWithTheVendor() throws Exception {
        Path outbox = Files.createDirectories(folder.resolve("outbox"));
        Path inbox = Files.createDirectories(folder.resolve("inbox"));
        SignatureKeyPair orderer = SignatureKeyPair.generate();
        try (FileDropVendor vendor = new FileDropVendor(outbox, inbox, orderer.publicKeys(), false, false).start()) {
            Path vendorKeys = folder.resolve("vendor.pub");
            Path ordererKeys = folder.resolve("orderer.pub");
            Files.writeString(vendorKeys, PartyKeyStore.publicBundle(new PartyKeyStore.PublicParty("vendor",
                    vendor.publicKeys().sealing(), vendor.publicKeys().signing())));
            Files.writeString(ordererKeys, PartyKeyStore.publicBundle(new PartyKeyStore.PublicParty("ifpp",
                    io.ifpp.trust.KemKeyPair.generate().publicKeys(), orderer.publicKeys())));

            Bundle bundle = FrameworkUtil.getBundle(FileDropPersonalizationConnector.class);
            bundle.start();
            BundleContext context = bundle.getBundleContext();
            ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admin = new ServiceTracker<>(context,
                    ConfigurationAdmin.class, null);
            admin.open();
            ServiceTracker<PersonalizationConnector, PersonalizationConnector> connectors = new ServiceTracker<>(
                    context, context.createFilter("(&(objectClass=" + PersonalizationConnector.class.getName()
                            + ")(id=filedrop-test))"), null);
            connectors.open();
            Configuration configuration = null;
            try {
                ConfigurationAdmin configurations = admin.waitForService(10_000);
                assertNotNull(configurations, "Config Admin runs");
                configuration = configurations.getConfiguration("io.ifpp.connector.filedrop", "?");
                Hashtable<String, Object> properties = new Hashtable<>();
                properties.put("id", "filedrop-test");
                properties.put("outbox", outbox.toString());
                properties.put("inbox", inbox.toString());
                properties.put("vendorPublicKeys", vendorKeys.toString());
                properties.put("ordererPublicKeys", ordererKeys.toString());
                properties.put("quietPeriodMillis", 0L);
                configuration.update(properties);

                PersonalizationConnector connector = connectors.waitForService(10_000);
                assertNotNull(connector, "the configured connector is a service");
                assertEquals("filedrop-test", connector.id());
                PersonalizationOrder order = TestOrders.order(connector.vendorKeys(), "order-configured", 2, 1,
                        orderer, new ArrayList<>());
                connector.submit(order);
                SignedReport answer = awaitAnswer(connector, order.orderId());
                PersonalizationReport report = PersonalizationReport.verify(answer,
                        connector.vendorKeys().signing(), connector.reportReader());
                assertEquals(2, report.devices().size());
                assertTrue(Files.exists(outbox.resolve("order-configured.order")));
            } finally {
                if (configuration != null) {
                    configuration.delete();
                }
                connectors.close();
                admin.close();
            }
        }
    }

    private static SignedReport awaitAnswer(PersonalizationConnector connector, String orderId) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<SignedReport> report = connector.report(orderId);
            if (report.isPresent()) {
                return report.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no answer to " + orderId + " within 30 s");
    }
}
