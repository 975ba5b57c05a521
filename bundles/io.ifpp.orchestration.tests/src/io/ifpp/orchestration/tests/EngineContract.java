package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.ifpp.agreement.ProductPlan;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.SmdpSimulator;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.output.ActivationSchedule;
import io.ifpp.orchestration.output.EimHandoff;
import io.ifpp.orchestration.output.ShippingManifest;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.KeptPackages;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;
import io.ifpp.profile.InitialEim;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * Batches through the whole pipeline with the simulated vendor and SM-DP+, their faults included; run on each
 * database.
 */
abstract class EngineContract {

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();
    private static final Engine.Listener QUIET = new Engine.Listener() {
    };

    private Database database;
    private BatchStore store;
    private SmdpSimulator smdp;

    protected abstract Database freshDatabase() throws SQLException;

    @BeforeEach
    void migrated() throws SQLException {
        database = freshDatabase();
        Migrations.apply(database);
        store = new BatchStore(database, Clock.systemUTC());
        smdp = TestBatches.smdp();
    }

    private TestBatches.SimulatedPartners partners(SimulatorSettings settings) {
        return new TestBatches.SimulatedPartners(new VendorSimulator(settings, ORDERER.publicKeys(), java.time.Clock.systemUTC()), smdp);
    }

    private Engine engine(TestBatches.SimulatedPartners partners, String id) {
        return new Engine(database, partners, ORDERER, Clock.systemUTC(),
                Engine.Settings.defaults(id).withOrderSize(400));
    }

    @Test
    public void aBatchGoesFromPlanToActivationScheduleWithEveryIccidOnce() throws Exception {
        store.create("b1", TestBatches.spec(1_000, VendorSimulator.ID), "alice");

        Engine.Summary summary = engine(partners(SimulatorSettings.DEFAULT), "engine-1").run("b1",
                QUIET);

        assertEquals("COMPLETED", summary.state());
        assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 1_000L), summary.counts());
        assertEquals(2_000, smdp.reserved(), "each device's two profiles reserved at the SM-DP+");
        JsonNode manifest = JsonMapper.builder().build().readTree(manifestJson("b1"));
        Set<String> iccids = new HashSet<>();
        Set<String> eids = new HashSet<>();
        Set<String> serials = new HashSet<>();
        for (JsonNode device : manifest.get("devices")) {
            assertTrue(eids.add(device.get("eid").asText()), "EID once");
            assertTrue(Eid.of(device.get("eid").asText()).hasValidCheckDigits());
            assertTrue(serials.add(device.get("serial").asText()), "serial once");
            assertEquals(2, device.get("iccids").size());
            String eu = device.get("iccids").get(0).asText();
            assertTrue(eu.startsWith("894991") && Iccid.of(eu).hasValidCheckDigit(), eu);
            assertTrue(device.get("iccids").get(1).asText().startsWith("8901910"));
            device.get("iccids").forEach(iccid -> assertTrue(iccids.add(iccid.asText()), "ICCID once: " + iccid));
        }
        assertEquals(1_000, eids.size());
        assertTrue(serials.contains("SN-0000001") && serials.contains("SN-0001000"), serials.iterator().next());
        StringWriter schedule = new StringWriter();
        assertEquals(2_000, ActivationSchedule.writeCsv(store, "b1", schedule));
        List<String> lines = schedule.toString().lines().toList();
        assertEquals("operator,agreement,iccid,eid,country,activate_from,role", lines.get(0));
        assertEquals(500, lines.stream().filter(l -> l.startsWith("nordlicht,") && l.contains(",DE,")
                && l.endsWith(",primary")).count(), "the EU profile is primary for the 500 German devices");
        assertEquals(200, lines.stream().filter(l -> l.startsWith("nordlicht,") && l.contains(",US,")
                && l.endsWith(",fallback")).count(), "and a fallback for the 200 American ones");
        AuditLog.Verification audit = new AuditLog(database, Clock.systemUTC()).verify();
        assertTrue(audit.valid(), audit.reason());
        assertTrue(audit.checked() > 3 * 7, "every order's transitions are audited: " + audit.checked());
    }

    @Test
    public void failedPersonalizationsGoAgainAndAreVoidedAfterTheLastTry() throws Exception {
        store.create("b2", TestBatches.spec(600, VendorSimulator.ID), "alice");

        Engine.Summary summary = engine(partners(SimulatorSettings.DEFAULT.withFailureRate(0.4)), "engine-1")
                .run("b2", QUIET);

        assertEquals("COMPLETED", summary.state());
        assertEquals(600, summary.count(Stage.ACTIVATION_SCHEDULED) + summary.count(Stage.VOID));
        assertTrue(summary.repersonalized() > 100, "about 40 % went again: " + summary.repersonalized());
        assertTrue(summary.count(Stage.VOID) > 0 && summary.count(Stage.VOID) < 60,
                "about 0.4^3 of 600 fail three times: " + summary.count(Stage.VOID));
        for (BatchStore.DeviceInfo device : store.devices("b2", 0, 600, List.of(Stage.VOID))) {
            assertTrue(device.failure().contains("failed personalization"), device.failure());
            assertEquals(null, device.eid(), "a voided device holds no EID");
        }
        Set<String> eids = new HashSet<>();
        for (BatchStore.DeviceInfo device : store.devices("b2", 0, 600, List.of(Stage.ACTIVATION_SCHEDULED))) {
            assertTrue(eids.add(device.eid()));
        }
    }

    /**
     * From the security review: one oversized field of a vendor's report (a failure text, a list of ICCIDs) failed its
     * insert, ended the run, and every resume failed alike. Such lines are failed devices now: personalized again,
     * voided after the tries with the reason, and the batch completes.
     */
    @Test
    public void oversizedReportFieldsFailTheirDevicesAndNeverStopTheBatch() throws Exception {
        store.create("b9", TestBatches.spec(60, VendorSimulator.ID), "alice");
        SignatureKeyPair signing = SignatureKeyPair.generate();
        VendorSimulator line = new VendorSimulator(SimulatorSettings.DEFAULT, ORDERER.publicKeys(),
                KemKeyPair.generate(), signing, Clock.systemUTC());
        TestBatches.SimulatedPartners simulated = new TestBatches.SimulatedPartners(line, smdp);
        io.ifpp.orchestration.pipeline.Partners partners = new io.ifpp.orchestration.pipeline.Partners() {
            @Override
            public io.ifpp.connector.api.PersonalizationConnector vendor(String id)
                    throws io.ifpp.connector.api.ConnectorException {
                simulated.vendor(id);
                return new OversizingVendor(line, signing);
            }

            @Override
            public io.ifpp.connector.api.ProfileOrderingConnector smdp(String id)
                    throws io.ifpp.connector.api.ConnectorException {
                return simulated.smdp(id);
            }

            @Override
            public List<byte[]> eumChain(String vendorId) throws io.ifpp.connector.api.ConnectorException {
                return simulated.eumChain(vendorId);
            }
        };

        Engine.Summary summary = new Engine(database, partners, ORDERER, Clock.systemUTC(),
                Engine.Settings.defaults("engine-1").withOrderSize(20)).run("b9", QUIET);

        assertEquals("COMPLETED", summary.state(), summary.counts().toString());
        assertTrue(summary.count(Stage.VOID) > 0, "the oversized lines' devices are voided: " + summary.counts());
        assertEquals(60, summary.count(Stage.ACTIVATION_SCHEDULED) + summary.count(Stage.VOID));
        List<BatchStore.DeviceInfo> voided = store.devices("b9", 0, 100, List.of(Stage.VOID));
        assertTrue(voided.stream().allMatch(d -> d.failure().length() <= 1_000), "bounded reasons");
        assertTrue(voided.stream().anyMatch(d -> d.failure().contains("300 ICCIDs")), voided.toString());
        assertTrue(new AuditLog(database, Clock.systemUTC()).verify().valid());
    }

    @Test
    public void aReportThatDoesNotVerifyHoldsItsDevicesInRetryWithTheReason() throws Exception {
        store.create("b3", TestBatches.spec(300, VendorSimulator.ID), "alice");
        KemKeyPair sealing = KemKeyPair.generate();
        SignatureKeyPair signing = SignatureKeyPair.generate();
        TestBatches.SimulatedPartners partners = new TestBatches.SimulatedPartners(new VendorSimulator(
                SimulatorSettings.DEFAULT.withCorruptReportSignature(true), ORDERER.publicKeys(), sealing, signing, java.time.Clock.systemUTC()),
                smdp);

        Engine.Summary summary = engine(partners, "engine-1").run("b3", QUIET);

        assertEquals("OPEN", summary.state(), "not complete while devices wait");
        assertEquals(Map.of(Stage.RETRY, 300L), summary.counts());
        BatchStore.DeviceInfo device = store.devices("b3", 0, 1, List.of()).get(0);
        assertTrue(device.failure().contains("does not verify with the vendor's key"), device.failure());

        assertEquals(300, store.resume("b3", "alice"));
        assertEquals(Map.of(Stage.ORDER_SENT, 300L), store.counts("b3"), "back to the step that failed");
        partners.vendor.set(new VendorSimulator(SimulatorSettings.DEFAULT, ORDERER.publicKeys(), sealing, signing, java.time.Clock.systemUTC()));
        Engine.Summary fixed = engine(partners, "engine-1").run("b3", QUIET);
        assertEquals("COMPLETED", fixed.state(), "a vendor that lost the orders gets them again after resume");
        assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 300L), fixed.counts());
    }

    @Test
    public void aDoubleReportedChipIsAMismatchAndItsDevicesGoAgain() throws Exception {
        store.create("b4", TestBatches.spec(50, VendorSimulator.ID), "alice");

        Engine.Summary summary = engine(partners(SimulatorSettings.DEFAULT.withDuplicateReportLine(true)),
                "engine-1").run("b4", QUIET);

        List<BatchStore.Mismatch> mismatches = store.mismatches("b4", 0, 1_000);
        assertTrue(mismatches.stream().anyMatch(m -> m.reason().contains("reported 2 times with different content")),
                mismatches.toString());
        assertEquals(mismatches.size(), store.mismatchCount("b4"));
        assertEquals(mismatches.subList(1, 2), store.mismatches("b4", 1, 1), "a page is a slice, in the order found");
        assertTrue(mismatches.stream().anyMatch(m -> m.reason().contains("is reported on more than one eUICC")),
                mismatches.toString());
        assertEquals("COMPLETED", summary.state());
        assertEquals(50, summary.count(Stage.ACTIVATION_SCHEDULED) + summary.count(Stage.VOID));
        assertTrue(summary.count(Stage.VOID) > 0, "the double-reported slots fail three times and are voided");
    }

    /**
     * The line installs the ordered ICCIDs but, for some eUICCs, altered content: their hash differs from the one
     * recorded with the sealed order. Those devices are held in CONTENT_MISMATCH under their EID, the reason naming
     * the EID, the profile and its ICCID; nothing of them ships, and the batch is not complete until a person resumes
     * it (the devices go to the vendor again, on other eUICCs).
     */
    @Test
    public void aPackageInstalledWithOtherContentHoldsItsDeviceAndNamesTheProfile() throws Exception {
        store.create("b10", TestBatches.spec(200, VendorSimulator.ID), "alice");

        Engine.Summary summary = engine(partners(SimulatorSettings.DEFAULT.withAlteredPackageRate(0.2)), "engine-1")
                .run("b10", QUIET);

        long held = summary.count(Stage.CONTENT_MISMATCH);
        assertTrue(held > 10 && held < 80, "about a fifth of 200 altered: " + held);
        assertEquals("OPEN", summary.state(), "held devices wait for a person");
        assertEquals(200, summary.count(Stage.ACTIVATION_SCHEDULED) + held);
        List<BatchStore.DeviceInfo> devices = store.devices("b10", 0, 200, List.of(Stage.CONTENT_MISMATCH));
        for (BatchStore.DeviceInfo device : devices) {
            assertTrue(device.eid() != null && device.failure().startsWith("EID " + device.eid() + ": profile eu-iot "
                    + "(ICCID " + device.iccids().get(0) + ") was installed with package SHA-256 "), device.failure());
        }
        assertEquals(held, store.mismatches("b10", 0, 1_000).stream()
                .filter(m -> m.reason().contains("was installed with package SHA-256")).count());
        JsonNode manifest = JsonMapper.builder().build().readTree(manifestJson("b10"));
        Set<String> shipped = new HashSet<>();
        manifest.get("devices").forEach(d -> shipped.add(d.get("eid").asText()));
        assertEquals(summary.count(Stage.ACTIVATION_SCHEDULED), shipped.size());
        assertTrue(devices.stream().noneMatch(d -> shipped.contains(d.eid())), "a held eUICC never ships");

        assertEquals(held, store.resume("b10", "alice"));
        Engine.Summary resumed = engine(partners(SimulatorSettings.DEFAULT), "engine-1").run("b10", QUIET);
        assertEquals("COMPLETED", resumed.state());
        assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 200L), resumed.counts());
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*), COUNT(package_sha256) FROM profile_assignment WHERE batch_id = ?")) {
            query.setString(1, "b10");
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertEquals(400, row.getLong(1));
                assertEquals(400, row.getLong(2), "the SHA-256 of every package ordered is recorded");
            }
        }
    }

    /**
     * An engine given IFPP Studio's own key keeps a copy of each order sealed to it: a device's packages are made
     * again from it, exactly as ordered (the recorded SHA-256), for the studio's keys only, and the hand-out is
     * audited. An engine without that key keeps no copy, and says so.
     */
    @Test
    public void aDevicesPackagesAreMadeAgainFromTheCopyKeptForTheStudio() throws Exception {
        store.create("b11", TestBatches.spec(20, VendorSimulator.ID), "alice");
        PartyKeyStore.Party studio = new PartyKeyStore.Party("ifpp-studio", KemKeyPair.generate(), ORDERER);
        new Engine(database, partners(SimulatorSettings.DEFAULT), ORDERER, studio.kem().publicKeys(),
                Clock.systemUTC(), Engine.Settings.defaults("engine-1")).run("b11", QUIET);
        BatchStore.DeviceInfo device = store.devices("b11", 5, 1, List.of(Stage.ACTIVATION_SCHEDULED)).get(0);

        KeptPackages.Export export = KeptPackages.export(store, device.eid(), studio, "alice");
        List<byte[]> ders = new java.util.ArrayList<>();
        try {
            assertEquals(device.index(), export.deviceIndex());
            assertEquals(List.of("eu-iot", "americas-iot"), export.packages().stream()
                    .map(KeptPackages.Package::agreementId).toList());
            for (int p = 0; p < 2; p++) {
                KeptPackages.Package profile = export.packages().get(p);
                ders.add(profile.der());
                assertEquals(device.iccids().get(p), profile.iccid());
                assertEquals(device.iccids().get(p), OperationalProfile.of(ProfileCodec.decode(profile.der())).iccid()
                        .orElseThrow().digits());
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(profile.der())),
                        profile.sha256());
            }
        } finally {
            export.destroy();
        }
        assertTrue(ders.stream().allMatch(der -> java.util.Arrays.equals(der, new byte[der.length])),
                "the packages' keys are zeroized once handed over");
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT actor, details FROM audit_log WHERE action = 'device.packages'")) {
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the hand-out is audited");
                assertEquals("alice", row.getString(1));
                assertTrue(row.getString(2).contains("EID " + device.eid()), row.getString(2));
            }
        }

        PartyKeyStore.Party stranger = new PartyKeyStore.Party("ifpp-studio", KemKeyPair.generate(),
                SignatureKeyPair.generate());
        KeptPackages.Refused foreign = assertThrows(KeptPackages.Refused.class,
                () -> KeptPackages.export(store, device.serial(), stranger, "mallory"));
        assertTrue(foreign.getMessage().contains("does not open with the key store of ifpp-studio"),
                foreign.getMessage());

        store.create("b12", TestBatches.spec(5, VendorSimulator.ID), "alice");
        engine(partners(SimulatorSettings.DEFAULT), "engine-1").run("b12", QUIET);
        String other = store.devices("b12", 0, 1, List.of(Stage.ACTIVATION_SCHEDULED)).get(0).eid();
        KeptPackages.Refused notKept = assertThrows(KeptPackages.Refused.class,
                () -> KeptPackages.export(store, other, studio, "alice"));
        assertTrue(notKept.getMessage().contains("sealed without a copy kept for IFPP Studio"), notKept.getMessage());
    }

    /**
     * A batch that gives its devices an eIM (SGP.32): each eUICC's order carries its AddInitialEimRequest with an
     * association token of its own, recorded; the hand-off names it per shipped device with the ICCIDs, the profile
     * serving the device's market enabled first.
     */
    @Test
    public void eachEuiccIsGivenTheEimWithATokenOfItsOwnAndTheHandOffNamesIt() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String key = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        store.create("b13", TestBatches.withEim(TestBatches.spec(30, VendorSimulator.ID), new ProductPlan.Eim(
                "eim.test", null, null, key, null, null, null, List.of("eimRetrieveHttps"), 0L)), "alice");
        PartyKeyStore.Party studio = new PartyKeyStore.Party("ifpp-studio", KemKeyPair.generate(), ORDERER);
        new Engine(database, partners(SimulatorSettings.DEFAULT), ORDERER, studio.kem().publicKeys(),
                Clock.systemUTC(), Engine.Settings.defaults("engine-1")).run("b13", QUIET);

        List<BatchStore.DeviceInfo> shipped = store.devices("b13", 0, 30, List.of(Stage.ACTIVATION_SCHEDULED));
        assertEquals(30, shipped.size());
        assertEquals(30, shipped.stream().map(BatchStore.DeviceInfo::eimAssociationToken).distinct().count(),
                "a token per eUICC");
        BatchStore.DeviceInfo device = shipped.get(7);
        KeptPackages.Export export = KeptPackages.export(store, device.eid(), studio, "alice");
        export.destroy();
        Asn1Value.SequenceValue data = (Asn1Value.SequenceValue) ((Asn1Value.SequenceOfValue)
                ((Asn1Value.SequenceValue) InitialEim.decode(export.eimRequest())).get("eimConfigurationDataList")
                        .orElseThrow()).elements().get(0);
        assertEquals(new Asn1Value.StringValue("eim.test"), data.get("eimId").orElseThrow());
        assertEquals(BigInteger.valueOf(device.eimAssociationToken()),
                ((Asn1Value.IntegerValue) data.get("associationToken").orElseThrow()).value());

        StringWriter json = new StringWriter();
        assertEquals(30, EimHandoff.writeJson(store, "b13", json));
        JsonNode handoff = JsonMapper.builder().build().readTree(json.toString());
        assertEquals("eim.test", handoff.get("eimId").asText());
        for (JsonNode handed : handoff.get("devices")) {
            BatchStore.DeviceInfo info = store.findDevice(handed.get("eid").asText()).orElseThrow();
            assertEquals(info.eimAssociationToken().longValue(), handed.get("associationToken").asLong());
            String enabled = handed.get("profiles").get(0).get("agreement").asText();
            assertEquals(info.market().equals("US") ? "americas-iot" : "eu-iot", enabled, "the market's profile first");
            assertTrue(handed.get("profiles").get(0).get("enabled").asBoolean());
            assertFalse(handed.get("profiles").get(1).get("enabled").asBoolean());
        }
        StringWriter csv = new StringWriter();
        EimHandoff.writeCsv(store, "b13", csv);
        assertEquals("eid,serial,eim_id,association_token,enabled_iccid,iccids", csv.toString().lines().findFirst()
                .orElseThrow());
        assertEquals(31, csv.toString().lines().count());
        assertThrows(IllegalArgumentException.class, () -> EimHandoff.writeJson(store, "b12-none", new StringWriter()));
    }

    @Test
    public void transientSmdpAndVendorFailuresAreRetriedWithoutLoss() throws Exception {
        store.create("b5", TestBatches.spec(200, VendorSimulator.ID), "alice");
        smdp.failNext(2);

        Engine.Summary summary = engine(partners(SimulatorSettings.DEFAULT.withTransientFailures(2).withLostAnswers(1)),
                "engine-1").run("b5", QUIET);

        assertEquals("COMPLETED", summary.state());
        assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 200L), summary.counts());
    }

    @Test
    public void repeatedAndShuffledReportLinesAndTimedOutCallsCostNoDevice() throws Exception {
        store.create("b10", TestBatches.spec(500, VendorSimulator.ID), "alice");
        smdp.timeouts(0.01, Duration.ofMillis(20), 7);

        List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Engine.Summary summary = engine(partners(SimulatorSettings.DEFAULT.withRepeatedReportLines(true)
                .withShuffledReportLines(true).withTimeouts(0.2, 0, Duration.ofMillis(20))), "engine-1")
                .run("b10", new Engine.Listener() {
                    @Override
                    public void note(String message) {
                        notes.add(message);
                    }
                });

        assertEquals("COMPLETED", summary.state());
        assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 500L), summary.counts());
        assertEquals(0, summary.mismatches(), "a word-for-word repeat is one line; the order of lines does not matter");
        assertEquals(0, summary.repersonalized());
        assertEquals(1_000, smdp.reserved(), "a reservation whose answer was lost is not made twice");
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("connector call failed (TIMEOUT)")), notes.toString());
    }

    @Test
    public void aVendorThatLostItsOrdersGetsTheStoredOrderAgain() throws Exception {
        store.create("b6", TestBatches.spec(120, VendorSimulator.ID), "alice");
        KemKeyPair sealing = KemKeyPair.generate();
        SignatureKeyPair signing = SignatureKeyPair.generate();
        TestBatches.SimulatedPartners partners = new TestBatches.SimulatedPartners(new VendorSimulator(
                SimulatorSettings.DEFAULT.withPaused(true), ORDERER.publicKeys(), sealing, signing, java.time.Clock.systemUTC()), smdp);
        Engine engine = engine(partners, "engine-1");
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Engine.Summary> run = runner.submit(() -> engine.run("b6", QUIET));
            awaitOrderSent("b6", 120);
            // The line restarts with its keys but without its orders.
            partners.vendor.set(new VendorSimulator(SimulatorSettings.DEFAULT, ORDERER.publicKeys(), sealing, signing, java.time.Clock.systemUTC()));
            Engine.Summary summary = run.get(60, TimeUnit.SECONDS);
            assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 120L), summary.counts());
        } finally {
            runner.shutdownNow();
        }
        assertTrue(new AuditLog(database, Clock.systemUTC()).page(1, 1_000).stream()
                .anyMatch(e -> e.action().equals("order.resend")), "the resend is audited");
    }

    @Test
    public void twoEnginesShareABatchAndEachOrderIsWorkedOnce() throws Exception {
        store.create("b7", TestBatches.spec(2_000, VendorSimulator.ID), "alice");
        TestBatches.SimulatedPartners partners = partners(SimulatorSettings.DEFAULT);
        ExecutorService engines = Executors.newFixedThreadPool(2);
        try {
            Future<Engine.Summary> first = engines.submit(() -> engine(partners, "engine-a").run("b7",
                    QUIET));
            Future<Engine.Summary> second = engines.submit(() -> engine(partners, "engine-b").run("b7",
                    QUIET));
            assertEquals("COMPLETED", first.get(120, TimeUnit.SECONDS).state());
            assertEquals("COMPLETED", second.get(120, TimeUnit.SECONDS).state());
        } finally {
            engines.shutdownNow();
        }
        assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 2_000L), store.counts("b7"));
        assertEquals(4_000, smdp.reserved());
        Set<String> workers = new HashSet<>();
        for (AuditLog.Entry entry : new AuditLog(database, Clock.systemUTC()).page(1, 10_000)) {
            if (entry.action().equals("order.order_sent")) {
                workers.add(entry.actor());
            }
        }
        assertFalse(workers.isEmpty());
    }

    @Test
    public void anEngineStoppedMidBatchLeavesItsOrdersToAnother() throws Exception {
        store.create("b8", TestBatches.spec(100, VendorSimulator.ID), "alice");
        TestBatches.SimulatedPartners paused = partners(SimulatorSettings.DEFAULT.withPaused(true));
        Engine dying = new Engine(database, paused, ORDERER, Clock.systemUTC(),
                Engine.Settings.defaults("engine-dead").withLease(Duration.ofMillis(300)));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<Engine.Summary> run = runner.submit(() -> dying.run("b8", QUIET));
        awaitOrderSent("b8", 100);
        runner.shutdownNow();
        assertTrue(runner.awaitTermination(10, TimeUnit.SECONDS), "the first engine stops");
        paused.vendor.get().resume();

        Engine.Summary summary = new Engine(database, paused, ORDERER, Clock.systemUTC(),
                Engine.Settings.defaults("engine-live")).run("b8", QUIET);

        assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 100L), summary.counts());
        assertTrue(run.isDone());
    }

    @Test
    public void aCancelledBatchVoidsWhatIsNotShippedAndStops() throws Exception {
        store.create("b9", TestBatches.spec(80, VendorSimulator.ID), "alice");
        TestBatches.SimulatedPartners paused = partners(SimulatorSettings.DEFAULT.withPaused(true));
        Engine engine = engine(paused, "engine-1");
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Engine.Summary> run = runner.submit(() -> engine.run("b9", QUIET));
            awaitOrderSent("b9", 80);
            assertEquals(80, engine.cancel("b9", "alice", QUIET));
            Engine.Summary summary = run.get(30, TimeUnit.SECONDS);
            assertEquals("CANCELLED", summary.state());
            assertEquals(Map.of(Stage.VOID, 80L), summary.counts());
        } finally {
            runner.shutdownNow();
        }
        assertEquals("CANCELLED", store.batch("b9").orElseThrow().state());
    }

    /** Waits until {@code devices} devices of the batch are sent to the vendor (the engine runs elsewhere). */
    private void awaitOrderSent(String batchId, long devices) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.counts(batchId).getOrDefault(Stage.ORDER_SENT, 0L) < devices) {
            assertTrue(System.nanoTime() < deadline, "the devices of " + batchId + " were not sent within 60 s");
            Thread.sleep(20);
        }
    }

    private String manifestJson(String batchId) throws Exception {
        StringWriter out = new StringWriter();
        ShippingManifest.writeJson(store, batchId, out);
        return out.toString();
    }
}
