package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.connector.simulator.SmdpSimulator;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.orchestration.partners.BatchPartners;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchStatus;
import io.ifpp.orchestration.service.EngineSessions;
import io.ifpp.orchestration.service.LocalBatchService;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The one partner registry as a batch's engine finds its partners: a batch that is not simulated gets the installed
 * connectors only, found the moment they are registered and gone when they go; a simulated batch gets the
 * simulators' partners only; and a batch run through them by the batch service.
 */
class BatchPartnersTest {

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();
    private static final PartyKeyStore.Party VENDOR_KEYS = new PartyKeyStore.Party("simulated-vendor",
            KemKeyPair.generate(), SignatureKeyPair.generate());

    @TempDir
    Path folder;

    private static ConnectorRegistry registry() throws InterruptedException {
        ServiceTracker<ConnectorRegistry, ConnectorRegistry> tracker = new ServiceTracker<>(context(),
                ConnectorRegistry.class, null);
        tracker.open();
        try {
            ConnectorRegistry registry = tracker.waitForService(10_000);
            assertNotNull(registry, "the partner registry is a Declarative Services component of orchestration");
            return registry;
        } finally {
            tracker.close();
        }
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(ConnectorRegistry.class).getBundleContext();
    }

    private static BatchPartners partners(BatchSpec spec) throws InterruptedException {
        ConnectorRegistry registry = registry();
        assertTrue(registry.awaitSimulator(VendorSimulator.ID, Duration.ofSeconds(10)), "the simulator bundle runs");
        return new BatchPartners(registry, spec, vendorId -> {
            throw new ConnectorException(ConnectorException.Reason.UNAVAILABLE, "no trust for " + vendorId);
        }, spec.simulated() ? BatchPartners.simulation(spec, VENDOR_KEYS, ORDERER.publicKeys(), 0, "",
                Clock.systemUTC()) : null);
    }

    @Test
    void aSimulatedBatchGetsTheSimulatorsOnlyAndKeepsOneLine() throws Exception {
        try (BatchPartners partners = partners(TestBatches.simulatedSpec(10))) {
            assertSame(partners.vendor(VendorSimulator.ID), partners.vendor(VendorSimulator.ID));
            assertArrayEquals(VENDOR_KEYS.kem().publicKeys().keyId(),
                    partners.vendor(VendorSimulator.ID).vendorKeys().sealing().keyId(),
                    "the line has the keys it was given");
            assertEquals(SmdpSimulator.ID, partners.smdp(SmdpSimulator.ID).id());
            assertEquals(2, partners.eumChain(VendorSimulator.ID).size(), "the test CI, then the line's EUM");
            ConnectorException unknownVendor = assertThrows(ConnectorException.class,
                    () -> partners.vendor("acme-line"));
            assertEquals(ConnectorException.Reason.UNAVAILABLE, unknownVendor.reason());
            assertTrue(unknownVendor.getMessage().contains("simulated partners only")
                    && unknownVendor.getMessage().contains("acme-line"), unknownVendor.getMessage());
            assertEquals(ConnectorException.Reason.UNAVAILABLE,
                    assertThrows(ConnectorException.class, () -> partners.smdp("acme-smdp")).reason());
        }
    }

    @Test
    void aBatchThatIsNotSimulatedGetsInstalledConnectorsOnlyTheMomentTheyComeAndGo() throws Exception {
        BatchSpec spec = TestBatches.spec(10, "acme-line");
        try (BatchPartners partners = partners(spec)) {
            ConnectorException missing = assertThrows(ConnectorException.class, () -> partners.vendor("acme-line"));
            assertEquals(ConnectorException.Reason.UNAVAILABLE, missing.reason());
            assertTrue(missing.getMessage().contains("no vendor connector 'acme-line' is installed"),
                    missing.getMessage());
            assertThrows(ConnectorException.class, () -> partners.vendor(VendorSimulator.ID),
                    "the simulators are not a fallback");
            assertThrows(ConnectorException.class, () -> partners.smdp(SmdpSimulator.ID));

            PersonalizationConnector named = new AcmeLine();
            ServiceRegistration<PersonalizationConnector> registration = context()
                    .registerService(PersonalizationConnector.class, named, null);
            try {
                assertSame(named, partners.vendor("acme-line"), "a connector registered while the engine runs");
            } finally {
                registration.unregister();
            }
            assertThrows(ConnectorException.class, () -> partners.vendor("acme-line"), "and gone when it goes");
        }
    }

    @Test
    void aBatchServiceRunsABatchThroughThemToTheActivationSchedule() throws Exception {
        Database database = Database.embedded(folder);
        Migrations.apply(database);
        BatchStore store = new BatchStore(database, Clock.systemUTC());
        BatchSpec spec = TestBatches.simulatedSpec(120);
        store.create("sim-1", spec, "alice");
        EngineSessions sessions = batch -> {
            BatchPartners partners = partners(batch.spec());
            Engine engine = new Engine(database, partners, ORDERER, Clock.systemUTC(),
                    Engine.Settings.defaults("test-engine").withOrderSize(50));
            return EngineSessions.Session.of(engine, partners::close);
        };
        LocalBatchService service = new LocalBatchService(store, sessions, "alice");

        Engine.Summary summary = service.run("sim-1", false, new Engine.Listener() {
        });

        assertEquals("COMPLETED", summary.state());
        assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 120L), summary.counts());
        BatchStatus status = service.status("sim-1");
        assertEquals(120, status.count(Stage.ACTIVATION_SCHEDULED));
        BatchStore.DeviceInfo last = service.devices("sim-1", List.of(), 119, 10).get(0);
        assertEquals(119, last.index());
        assertEquals(2, last.iccids().size(), "both profiles of the set reserved at the simulated SM-DP+");
        assertTrue(last.eid().startsWith(spec.eidPrefix()), last.eid());
    }

    /** A vendor connector known by its id only: what the registry finds it by. */
    private static final class AcmeLine implements PersonalizationConnector {

        @Override
        public String id() {
            return "acme-line";
        }

        @Override
        public VendorKeys vendorKeys() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SubmitReceipt submit(PersonalizationOrder order) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OrderProgress progress(String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SignedReport> report(String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancel(String orderId) {
            throw new UnsupportedOperationException();
        }
    }
}
