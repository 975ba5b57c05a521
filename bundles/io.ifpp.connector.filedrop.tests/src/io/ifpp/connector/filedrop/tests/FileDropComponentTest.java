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

import io.ifpp.connector.api.OperatorConnector;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.filedrop.FileDropPersonalizationConnector;
import io.ifpp.connector.filedrop.internal.FolderVendorSimulator;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The connectors as Declarative Services components: a configuration naming two folders and two public key bundles
 * makes a connector service that exchanges files with the vendor or operator; nothing secret is configured.
 */
class FileDropComponentTest {

    @TempDir
    Path folder;

    @Test
    void aConfigurationMakesAConnectorServiceThatExchangesWithTheVendor() throws Exception {
        Path outbox = Files.createDirectories(folder.resolve("outbox"));
        Path inbox = Files.createDirectories(folder.resolve("inbox"));
        SignatureKeyPair orderer = SignatureKeyPair.generate();
        try (FolderVendorSimulator vendor = new FolderVendorSimulator(outbox, inbox, orderer.publicKeys(), false, false).start()) {
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

    @Test
    void eachOperatorFactoryConfigurationMakesAnOperatorConnectorService() throws Exception {
        Path outbox = Files.createDirectories(folder.resolve("operator-outbox"));
        Path inbox = Files.createDirectories(folder.resolve("operator-inbox"));
        io.ifpp.trust.KemKeyPair operator = io.ifpp.trust.KemKeyPair.generate();
        SignatureKeyPair orderer = SignatureKeyPair.generate();
        Path operatorKeys = folder.resolve("operator.pub");
        Path ordererKeys = folder.resolve("orderer.pub");
        Files.writeString(operatorKeys, PartyKeyStore.publicBundle(new PartyKeyStore.PublicParty("footel",
                operator.publicKeys(), SignatureKeyPair.generate().publicKeys())));
        Files.writeString(ordererKeys, PartyKeyStore.publicBundle(new PartyKeyStore.PublicParty("ifpp",
                io.ifpp.trust.KemKeyPair.generate().publicKeys(), orderer.publicKeys())));

        Bundle bundle = FrameworkUtil.getBundle(FileDropPersonalizationConnector.class);
        bundle.start();
        BundleContext context = bundle.getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admin = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        admin.open();
        ServiceTracker<OperatorConnector, OperatorConnector> connectors = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + OperatorConnector.class.getName() + ")(id=footel-hss))"),
                null);
        connectors.open();
        Configuration configuration = null;
        try {
            ConfigurationAdmin configurations = admin.waitForService(10_000);
            assertNotNull(configurations, "Config Admin runs");
            configuration = configurations.getFactoryConfiguration("io.ifpp.connector.filedrop.operator", "footel",
                    "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("id", "footel-hss");
            properties.put("outbox", outbox.toString());
            properties.put("inbox", inbox.toString());
            properties.put("operatorPublicKeys", operatorKeys.toString());
            properties.put("ordererPublicKeys", ordererKeys.toString());
            configuration.update(properties);

            OperatorConnector connector = connectors.waitForService(10_000);
            assertNotNull(connector, "the configured connector is a service");
            Envelope.Context sealing = new Envelope.Context("delivery-configured", 1);
            byte[] sealed = Envelope.seal("records".getBytes(java.nio.charset.StandardCharsets.US_ASCII), sealing,
                    connector.sealingKeys(), orderer);
            connector.deliver(new OperatorConnector.Delivery("delivery-configured", "footel",
                    OperatorConnector.Kind.SUBSCRIPTIONS, 1, sealed, sealing));
            assertTrue(Files.exists(outbox.resolve("delivery-configured.delivery")));
        } finally {
            if (configuration != null) {
                configuration.delete();
            }
            connectors.close();
            admin.close();
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
