package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.SmdpSimulator;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchStatus;
import io.ifpp.orchestration.service.EngineSessions;
import io.ifpp.orchestration.service.LocalBatchService;
import io.ifpp.orchestration.simulated.SimulatedPartners;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/** The built-in simulated partners: what they answer to, and a batch run through them by the batch service. */
class SimulatedPartnersTest {

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();
    private static final PartyKeyStore.Party VENDOR_KEYS = new PartyKeyStore.Party("simulated-vendor",
            KemKeyPair.generate(), SignatureKeyPair.generate());

    @TempDir
    Path folder;

    private static SimulatedPartners partners(BatchSpec spec) {
        return new SimulatedPartners(spec, VENDOR_KEYS, ORDERER.publicKeys(),
                SimulatorSettings.of(spec.eidPrefix(), 0, 1), Clock.systemUTC());
    }

    @Test
    void answersToTheBuiltInIdsOnlyAndKeepsOneLinePerBatch() throws Exception {
        BatchSpec spec = TestBatches.spec(10, VendorSimulator.ID);
        SimulatedPartners partners = partners(spec);

        assertSame(partners.vendor(VendorSimulator.ID), partners.vendor(VendorSimulator.ID));
        assertArrayEquals(VENDOR_KEYS.kem().publicKeys().keyId(),
                partners.vendor(VendorSimulator.ID).vendorKeys().sealing().keyId(), "the line has the keys it was given");
        assertEquals(SmdpSimulator.ID, partners.smdp(SmdpSimulator.ID).id());
        List<byte[]> chain = partners.eumChain(VendorSimulator.ID);
        assertEquals(2, chain.size(), "the test CI, then the line's EUM");
        ConnectorException unknownVendor = assertThrows(ConnectorException.class, () -> partners.vendor("acme-line"));
        assertEquals(ConnectorException.Reason.UNAVAILABLE, unknownVendor.reason());
        assertTrue(unknownVendor.getMessage().contains("acme-line"), unknownVendor.getMessage());
        assertEquals(ConnectorException.Reason.UNAVAILABLE,
                assertThrows(ConnectorException.class, () -> partners.smdp("es2plus-loopback")).reason());
    }

    @Test
    void aBatchServiceRunsABatchThroughThemToTheActivationSchedule() throws Exception {
        Database database = Database.embedded(folder);
        Migrations.apply(database);
        BatchStore store = new BatchStore(database, Clock.systemUTC());
        BatchSpec spec = TestBatches.spec(120, VendorSimulator.ID);
        store.create("sim-1", spec, "alice");
        EngineSessions sessions = batch -> {
            Engine engine = new Engine(database, partners(batch.spec()), ORDERER, Clock.systemUTC(),
                    Engine.Settings.defaults("test-engine").withOrderSize(50));
            return EngineSessions.Session.of(engine);
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
}
