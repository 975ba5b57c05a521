package io.ifpp.connector.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.contract.PersonalizationConnectorContract;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.core.Eid;
import io.ifpp.trust.GsmaChainVerifier;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/** The simulator passes the personalization contract, and its eUICCs are what a real EUM would issue. */
class VendorSimulatorTest extends PersonalizationConnectorContract {

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();

    @Override
    protected SignatureKeyPair orderer() {
        return ORDERER;
    }

    @Override
    protected PersonalizationConnector connector(Faults faults) {
        return new VendorSimulator(SimulatorSettings.DEFAULT.withPaused(faults.paused())
                .withTransientFailures(faults.transientFailures())
                .withCorruptReportSignature(faults.corruptReportSignature()).withLostAnswers(faults.lostAnswers()),
                ORDERER.publicKeys(), java.time.Clock.systemUTC());
    }

    @Override
    protected void resume(PersonalizationConnector connector) {
        ((VendorSimulator) connector).resume();
    }

    @Test
    void eidsAreInTheEumRangeAndCertificatesChainToTheCertificateIssuer() throws Exception {
        VendorSimulator simulator = (VendorSimulator) connector(Faults.NONE);
        Order order = order(simulator, "order-pki", 2, ORDERER);
        simulator.submit(order.order());
        PersonalizationReport report = verifiedReport(simulator, "order-pki");

        for (PersonalizationReport.DeviceResult device : report.devices()) {
            assertTrue(device.eid().startsWith("89049032"), device.eid().toString());
            GsmaChainVerifier.Verdict verdict = GsmaChainVerifier.verify(List.of(simulator.certificateIssuer().der(),
                    simulator.eum().der(), device.euiccCertificate()), Instant.now());
            assertTrue(verdict.valid(), verdict.reason());
            assertEquals(device.eid(), verdict.eid().orElseThrow());
        }
    }

    @Test
    void aCrashInTheMiddleOfAnOrderResumesWithoutPersonalizingADeviceTwice() throws Exception {
        VendorSimulator simulator = new VendorSimulator(SimulatorSettings.DEFAULT.withCrashAfterDevices(3),
                ORDERER.publicKeys(), java.time.Clock.systemUTC());
        Order order = order(simulator, "order-crash", 5, ORDERER);
        simulator.submit(order.order());

        ConnectorException down = assertThrows(ConnectorException.class, () -> simulator.progress("order-crash"));
        assertEquals(ConnectorException.Reason.UNAVAILABLE, down.reason(), "the line is down after its crash");
        simulator.recover();

        assertEquals(OrderProgress.State.COMPLETED, simulator.progress("order-crash").state());
        PersonalizationReport report = verifiedReport(simulator, "order-crash");
        assertEquals(5, report.devices().size());
        assertEquals(5, report.devices().stream().map(d -> d.eid().digits()).distinct().count());
        for (int i = 0; i < 5; i++) {
            assertEquals(order.iccids().get(i), report.devices().get(i).iccids(), "device " + i);
        }
    }

    @Test
    void anEidRangeOutsideTheEumOrAlreadyUsedIsRefused() throws Exception {
        VendorSimulator simulator = (VendorSimulator) connector(Faults.NONE);
        Order plain = order(simulator, "order-foreign-range", 1, ORDERER);
        PersonalizationOrder foreign = new PersonalizationOrder("order-foreign-range", 1, plain.order().profileSet(),
                plain.order().sealedDeviceSecrets(), plain.order().context(),
                Eid.withCheckDigits("89033023" + "0".repeat(21) + "1"));
        ConnectorException outside = assertThrows(ConnectorException.class, () -> simulator.submit(foreign));
        assertEquals(ConnectorException.Reason.REJECTED, outside.reason());
        assertTrue(outside.getMessage().contains("outside this EUM's range 89049032"), outside.getMessage());

        Eid first = Eid.withCheckDigits("89049032" + "0".repeat(21) + "5");
        Order one = order(simulator, "order-range-one", 1, ORDERER);
        simulator.submit(new PersonalizationOrder("order-range-one", 1, one.order().profileSet(),
                one.order().sealedDeviceSecrets(), one.order().context(), first));
        Order two = order(simulator, "order-range-two", 1, ORDERER);
        ConnectorException reused = assertThrows(ConnectorException.class, () -> simulator.submit(
                new PersonalizationOrder("order-range-two", 1, two.order().profileSet(),
                        two.order().sealedDeviceSecrets(), two.order().context(), first)));
        assertTrue(reused.getMessage().contains("was personalized before"), reused.getMessage());
    }

    @Test
    void pausedOrdersCanCompleteOutOfOrder() throws Exception {
        VendorSimulator simulator = new VendorSimulator(SimulatorSettings.DEFAULT.withPaused(true)
                .withCompleteOutOfOrder(true), ORDERER.publicKeys(), java.time.Clock.systemUTC());
        Order first = order(simulator, "order-first", 1, ORDERER);
        Order second = order(simulator, "order-second", 1, ORDERER);
        simulator.submit(first.order());
        simulator.submit(second.order());
        simulator.resume();

        String firstEid = eidOf(simulator, "order-first");
        String secondEid = eidOf(simulator, "order-second");
        assertTrue(secondEid.compareTo(firstEid) < 0, "the second order was personalized first");
    }

    private static String eidOf(VendorSimulator simulator, String orderId) throws ConnectorException {
        return verifiedReport(simulator, orderId).devices().get(0).eid().digits();
    }

    private static PersonalizationReport verifiedReport(VendorSimulator simulator, String orderId)
            throws ConnectorException {
        return PersonalizationReport.verify(simulator.report(orderId).orElseThrow(), simulator.vendorKeys().signing());
    }

    @Test
    void theComponentTakesItsSettingsAndFaultsFromConfigAdmin(@TempDir Path folder) throws Exception {
        Path ordererKeys = folder.resolve("orderer.pub");
        Files.writeString(ordererKeys, PartyKeyStore.publicBundle(new PartyKeyStore.PublicParty("ifpp",
                KemKeyPair.generate().publicKeys(), ORDERER.publicKeys())));
        Bundle bundle = FrameworkUtil.getBundle(VendorSimulator.class);
        bundle.start();
        BundleContext context = bundle.getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admin = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        ServiceTracker<PersonalizationConnector, PersonalizationConnector> lines = new ServiceTracker<>(context,
                PersonalizationConnector.class, null);
        admin.open();
        lines.open();
        Configuration configuration = null;
        try {
            configuration = admin.waitForService(10_000).getConfiguration("io.ifpp.connector.simulator", "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("ordererPublicKeys", ordererKeys.toString());
            properties.put("eidPrefix", "89049099");
            properties.put("corruptReportSignature", true);
            configuration.update(properties);
            PersonalizationConnector line = lines.waitForService(10_000);
            assertEquals("simulator", line.id());

            Order order = order(line, "order-configured", 1, ORDERER);
            line.submit(order.order());
            SignedReport report = line.report("order-configured").orElseThrow();
            assertEquals(ConnectorException.Reason.BAD_SIGNATURE, assertThrows(ConnectorException.class,
                    () -> PersonalizationReport.verify(report, line.vendorKeys().signing())).reason(),
                    "the configured fault is applied");
            String text = new String(report.payload(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(text.lines().skip(1).allMatch(l -> l.startsWith("89049099")), "EIDs in the configured range");
        } finally {
            if (configuration != null) {
                configuration.delete();
            }
            lines.close();
            admin.close();
        }
    }

    @Test
    void theFailureRateFailsAboutThatShareOfDevicesWithAReason() throws Exception {
        VendorSimulator simulator = new VendorSimulator(SimulatorSettings.DEFAULT.withFailureRate(0.3),
                ORDERER.publicKeys(), java.time.Clock.systemUTC());
        Order order = order(simulator, "order-failures", 200, ORDERER);
        simulator.submit(order.order());
        PersonalizationReport report = verifiedReport(simulator, "order-failures");

        List<PersonalizationReport.DeviceResult> failed = report.devices().stream()
                .filter(d -> d.result() == PersonalizationReport.Result.FAILED).toList();
        assertTrue(failed.size() > 30 && failed.size() < 90, "about 60 of 200 fail: " + failed.size());
        failed.forEach(d -> {
            assertTrue(d.iccids().isEmpty(), "a failed device has no profile installed");
            assertTrue(!d.failure().isBlank(), "and says why");
        });
    }

    @Test
    void repeatedAndShuffledReportLinesNameEachEuiccTwiceWordForWordInAnotherOrder() throws Exception {
        VendorSimulator simulator = new VendorSimulator(SimulatorSettings.DEFAULT.withRepeatedReportLines(true)
                .withShuffledReportLines(true), ORDERER.publicKeys(), java.time.Clock.systemUTC());
        Order order = order(simulator, "order-lines", 20, ORDERER);
        simulator.submit(order.order());

        List<PersonalizationReport.DeviceResult> lines = verifiedReport(simulator, "order-lines").devices();

        assertEquals(40, lines.size(), "every line twice");
        List<String> eids = lines.stream().map(d -> d.eid().digits()).toList();
        assertTrue(!eids.equals(eids.stream().sorted().toList()), "not in the order's order: " + eids);
        java.util.Map<String, List<PersonalizationReport.DeviceResult>> byEid = lines.stream()
                .collect(java.util.stream.Collectors.groupingBy(d -> d.eid().digits()));
        assertEquals(20, byEid.size());
        for (List<PersonalizationReport.DeviceResult> same : byEid.values()) {
            assertEquals(2, same.size());
            assertEquals(same.get(0).iccids(), same.get(1).iccids(), "word for word");
            assertEquals(same.get(0).result(), same.get(1).result());
            assertTrue(java.util.Arrays.equals(same.get(0).euiccCertificate(), same.get(1).euiccCertificate()));
        }
        assertEquals(new java.util.HashSet<>(order.iccids()), byEid.values().stream().map(l -> l.get(0).iccids())
                .collect(java.util.stream.Collectors.toSet()), "each device of the order installed as ordered");
    }

    @Test
    void aTimedOutCallHangsThenEitherNeverReachedTheLineOrTookEffect() throws Exception {
        VendorSimulator simulator = new VendorSimulator(SimulatorSettings.DEFAULT.withTimeouts(0.5, 0,
                java.time.Duration.ofMillis(30)), ORDERER.publicKeys(), java.time.Clock.systemUTC());
        int lost = 0;
        int unreached = 0;
        for (int i = 0; i < 20; i++) {
            Order order = order(simulator, "order-timeout-" + i, 1, ORDERER);
            while (true) {
                long start = System.nanoTime();
                try {
                    simulator.submit(order.order());
                    break;
                } catch (ConnectorException e) {
                    assertEquals(ConnectorException.Reason.TIMEOUT, e.reason(), e.getMessage());
                    assertTrue(System.nanoTime() - start >= 25_000_000, "it hung for the stall first");
                    if (e.getMessage().contains("the answer was lost")) {
                        lost++;
                    } else {
                        assertTrue(e.getMessage().contains("did not reach"), e.getMessage());
                        unreached++;
                    }
                }
            }
            while (true) {
                try {
                    assertEquals(1, verifiedReport(simulator, order.order().orderId()).devices().size(),
                            "a repeated submission is one order");
                    break;
                } catch (ConnectorException e) {
                    assertEquals(ConnectorException.Reason.TIMEOUT, e.reason(), e.getMessage());
                }
            }
        }
        assertTrue(lost > 0 && unreached > 0, "both kinds: " + lost + " answers lost, " + unreached + " unreached");
    }

    @Test
    void faultsAreReadFromTheListACommandLineGives() {
        SimulatorSettings settings = SimulatorSettings.DEFAULT.withFaults("timeouts=0.05, smdp-timeouts=0.001,"
                + "stall-ms=250,transient-failures=2,lost-answers=1,repeated-report-lines,shuffled-report-lines");

        assertEquals(0.05, settings.timeoutRate());
        assertEquals(0.001, settings.smdpTimeoutRate());
        assertEquals(java.time.Duration.ofMillis(250), settings.stall());
        assertEquals(2, settings.transientFailures());
        assertEquals(1, settings.lostAnswers());
        assertTrue(settings.repeatedReportLines() && settings.shuffledReportLines());
        assertEquals(false, settings.duplicateReportLine());
        assertEquals(SimulatorSettings.DEFAULT, SimulatorSettings.DEFAULT.withFaults(""));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SimulatorSettings.DEFAULT.withFaults("timeouts=0.1,slow-line"));
        assertTrue(unknown.getMessage().startsWith("simulated fault 'slow-line': not a simulated fault"),
                unknown.getMessage());
        IllegalArgumentException badRate = assertThrows(IllegalArgumentException.class,
                () -> SimulatorSettings.DEFAULT.withFaults("timeouts=2"));
        assertTrue(badRate.getMessage().contains("'timeouts=2'"), badRate.getMessage());
    }
}
