package io.ifpp.connector.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.OrderPersonalization;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfileTemplate;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.SecretGenerator;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The behaviour every {@link PersonalizationConnector} shows, whatever vendor it speaks to: a connector's test
 * bundle subclasses this and says how to make its connector with the faults asked for.
 */
public abstract class PersonalizationConnectorContract {

    /** Faults the connector under test is made with. */
    /**
     * @param lostAnswers the next this-many submissions are carried out but their answer never arrives (the caller
     *        sees a TIMEOUT), as when a connection drops after the request went through
     */
    public record Faults(boolean paused, int transientFailures, boolean corruptReportSignature, int lostAnswers) {
        public static final Faults NONE = new Faults(false, 0, false, 0);

        public Faults(boolean paused, int transientFailures, boolean corruptReportSignature) {
            this(paused, transientFailures, corruptReportSignature, 0);
        }
    }

    private static final AtomicLong SEQUENCE = new AtomicLong(1);
    private static final List<String> PROFILE_SET = List.of("operator-a", "operator-b");

    /** The key IFPP Studio signs orders with, which the connector made by {@link #connector} trusts. */
    protected abstract SignatureKeyPair orderer();

    /** A fresh connector with the faults asked for. */
    protected abstract PersonalizationConnector connector(Faults faults);

    /** Lets the orders of a connector made {@link Faults#paused() paused} run. */
    protected abstract void resume(PersonalizationConnector connector) throws ConnectorException;

    /** The EID prefix of the line's EUM, within which an order's EID range lies. */
    protected String eumEidPrefix() {
        return "89049032";
    }

    /** How long a submitted order may take to complete. */
    protected Duration completionTimeout() {
        return Duration.ofSeconds(30);
    }

    @Test
    public void anOrderIsPersonalizedAndReportedWithASignatureThatVerifies() throws Exception {
        PersonalizationConnector connector = connector(Faults.NONE);
        Order order = order(connector, "order-happy-" + SEQUENCE.get(), 3, orderer());

        SubmitReceipt receipt = connector.submit(order.order);
        assertFalse(receipt.duplicate());
        PersonalizationReport report = awaitReport(connector, order.order.orderId());

        assertEquals(3, report.devices().size());
        Set<String> eids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            PersonalizationReport.DeviceResult device = report.devices().get(i);
            assertTrue(device.eid().hasValidCheckDigits(), device.eid().toString());
            assertTrue(eids.add(device.eid().digits()), "EIDs are unique");
            assertEquals(PersonalizationReport.Result.INSTALLED, device.result());
            assertEquals(order.iccids.get(i), device.iccids(), "device " + i + " carries its profiles in order");
            assertEquals(order.packageHashes.get(i), device.packageHashes(),
                    "device " + i + " reports the SHA-256 of each package personalized from the order's templates");
            assertTrue(device.euiccCertificate().length > 100, "an eUICC certificate (DER)");
        }
        OrderProgress progress = connector.progress(order.order.orderId());
        assertEquals(OrderProgress.State.COMPLETED, progress.state());
        assertEquals(3, progress.devicesDone());
    }

    @Test
    public void anOrderWithAnEidRangeGetsConsecutiveEidsFromItsStart() throws Exception {
        PersonalizationConnector connector = connector(Faults.NONE);
        Order plain = order(connector, "order-range-" + SEQUENCE.get(), 3, orderer());
        Eid first = Eid.withCheckDigits(eumEidPrefix() + String.format("%022d", 7_000_000_000L + SEQUENCE.get()));
        PersonalizationOrder ranged = new PersonalizationOrder(plain.order.orderId(), 3, plain.order.profileSet(),
                plain.order.sealedDeviceSecrets(), plain.order.context(), first);

        connector.submit(ranged);
        PersonalizationReport report = awaitReport(connector, ranged.orderId());

        assertEquals(List.of(first, first.plus(1), first.plus(2)),
                report.devices().stream().map(PersonalizationReport.DeviceResult::eid).toList());
        assertTrue(report.devices().stream().allMatch(d -> d.eid().hasValidCheckDigits()));
    }

    @Test
    public void theSameOrderSubmittedTwiceIsPersonalizedOnce() throws Exception {
        PersonalizationConnector connector = connector(Faults.NONE);
        Order order = order(connector, "order-dup-" + SEQUENCE.get(), 2, orderer());
        connector.submit(order.order);
        PersonalizationReport first = awaitReport(connector, order.order.orderId());

        SubmitReceipt again = connector.submit(order.order);

        assertTrue(again.duplicate());
        PersonalizationReport second = awaitReport(connector, order.order.orderId());
        assertEquals(first.devices().stream().map(d -> d.eid().digits()).toList(),
                second.devices().stream().map(d -> d.eid().digits()).toList(), "no device personalized twice");
    }

    @Test
    public void anOrderIdWithOtherContentIsAConflict() throws Exception {
        PersonalizationConnector connector = connector(Faults.NONE);
        Order order = order(connector, "order-conflict-" + SEQUENCE.get(), 1, orderer());
        connector.submit(order.order);
        Order other = order(connector, order.order.orderId(), 2, orderer());

        ConnectorException error = assertThrows(ConnectorException.class, () -> connector.submit(other.order));
        assertEquals(Reason.CONFLICT, error.reason());
    }

    @Test
    public void sealedContentReusedUnderAnotherOrderIdIsAReplay() throws Exception {
        PersonalizationConnector connector = connector(Faults.NONE);
        Order order = order(connector, "order-replayed-" + SEQUENCE.get(), 1, orderer());
        connector.submit(order.order);
        PersonalizationOrder replay = new PersonalizationOrder("order-replay-" + SEQUENCE.incrementAndGet(),
                order.order.deviceCount(), order.order.profileSet(), order.order.sealedDeviceSecrets(),
                order.order.context());

        ConnectorException error = assertThrows(ConnectorException.class, () -> connector.submit(replay));
        assertEquals(Reason.REPLAY, error.reason());
    }

    @Test
    public void anOrderSignedByAnotherKeyIsRefusedAsBadSignature() throws Exception {
        PersonalizationConnector connector = connector(Faults.NONE);
        Order forged = order(connector, "order-forged-" + SEQUENCE.get(), 1, SignatureKeyPair.generate());

        ConnectorException error = assertThrows(ConnectorException.class, () -> connector.submit(forged.order));
        assertEquals(Reason.BAD_SIGNATURE, error.reason());
        assertThrows(ConnectorException.class, () -> connector.progress(forged.order.orderId()),
                "a refused order is not kept");
    }

    /**
     * A damaged report is never taken: a connector that checks the vendor's signature itself refuses it from
     * {@code report} with BAD_SIGNATURE; one that hands it on leaves {@link PersonalizationReport#verify} to refuse it.
     */
    @Test
    public void aReportWithADamagedSignatureDoesNotVerify() throws Exception {
        PersonalizationConnector connector = connector(new Faults(false, 0, true));
        Order order = order(connector, "order-damaged-" + SEQUENCE.get(), 1, orderer());
        connector.submit(order.order);

        ConnectorException error = assertThrows(ConnectorException.class,
                () -> awaitReport(connector, order.order.orderId()));
        assertEquals(Reason.BAD_SIGNATURE, error.reason());
    }

    @Test
    public void transientFailuresAreRetriedAndTheOrderRunsOnce() throws Exception {
        PersonalizationConnector connector = connector(new Faults(false, 2, false));
        Order order = order(connector, "order-retried-" + SEQUENCE.get(), 2, orderer());
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(1), 2.0);

        SubmitReceipt receipt = policy.call(() -> connector.submit(order.order));

        assertFalse(receipt.duplicate(), "the failed attempts did not take the order");
        PersonalizationReport report = awaitReport(connector, order.order.orderId());
        assertEquals(2, report.devices().size());
    }

    @Test
    public void aSubmissionWhoseAnswerWasLostIsCarriedOutOnceWhenRepeated() throws Exception {
        PersonalizationConnector connector = connector(new Faults(false, 0, false, 1));
        Order order = order(connector, "order-timeout-" + SEQUENCE.get(), 2, orderer());

        ConnectorException lost = assertThrows(ConnectorException.class, () -> connector.submit(order.order));
        assertEquals(Reason.TIMEOUT, lost.reason());
        assertTrue(lost.retryable(), "a timeout is retried");

        assertTrue(connector.submit(order.order).duplicate(), "the first submission went through");
        assertEquals(2, awaitReport(connector, order.order.orderId()).devices().size(), "and was carried out once");
    }

    @Test
    public void retriesEndWithTheLastFailure() {
        PersonalizationConnector connector = connector(new Faults(false, 5, false));
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), 1.0);
        ConnectorException error = assertThrows(ConnectorException.class,
                () -> policy.call(() -> connector.progress("any")));
        assertEquals(Reason.UNAVAILABLE, error.reason());
    }

    @Test
    public void aPendingOrderIsCancelledAndACompletedOneIsNot() throws Exception {
        PersonalizationConnector connector = connector(new Faults(true, 0, false));
        Order pending = order(connector, "order-cancelled-" + SEQUENCE.get(), 1, orderer());
        Order completed = order(connector, "order-completed-" + SEQUENCE.get(), 1, orderer());
        connector.submit(pending.order);
        connector.submit(completed.order);

        connector.cancel(pending.order.orderId());
        connector.cancel(pending.order.orderId());
        resume(connector);

        assertEquals(OrderProgress.State.CANCELLED, connector.progress(pending.order.orderId()).state());
        assertTrue(connector.report(pending.order.orderId()).isEmpty(), "a cancelled order has no report");
        awaitReport(connector, completed.order.orderId());
        ConnectorException error = assertThrows(ConnectorException.class,
                () -> connector.cancel(completed.order.orderId()));
        assertEquals(Reason.REJECTED, error.reason());
    }

    @Test
    public void anUnknownOrderIsNamedAsSuch() {
        PersonalizationConnector connector = connector(Faults.NONE);
        ConnectorException error = assertThrows(ConnectorException.class, () -> connector.progress("no-such-order"));
        assertEquals(Reason.UNKNOWN_ORDER, error.reason());
        assertTrue(error.getMessage().contains("no-such-order"));
    }

    @Test
    public void noKeyOfTheOrderAppearsInAnErrorOrTheReport() throws Exception {
        PersonalizationConnector connector = connector(Faults.NONE);
        Order order = order(connector, "order-secret-" + SEQUENCE.get(), 2, orderer());
        connector.submit(order.order);
        SignedReport report = awaitSignedReport(connector, order.order.orderId());
        String reportText = new String(report.payload(), java.nio.charset.StandardCharsets.US_ASCII);
        ConnectorException conflict = assertThrows(ConnectorException.class,
                () -> connector.submit(order(connector, order.order.orderId(), 1, orderer()).order));
        for (String key : order.keysHex) {
            assertFalse(reportText.contains(key), "a key in the report");
            assertFalse(String.valueOf(conflict.getMessage()).contains(key), "a key in an error");
            assertFalse(order.order.toString().contains(key), "a key in the order's text");
        }
    }

    /**
     * An order and what it carries, for the assertions: per device its ICCIDs and the SHA-256 of the packages the
     * line must install (each template personalized with the device's values, docs/vendor-line.md).
     */
    protected record Order(PersonalizationOrder order, List<List<String>> iccids, List<String> keysHex,
            List<List<String>> packageHashes) {
    }

    /** The templates of an order of {@code profileSet}: the built-in USIM template, once per profile. */
    public static List<OrderPayload.Template> templates(List<String> profileSet) {
        byte[] der = ProfileCodec.encode(BuiltInTemplates.ALL.get(0).load());
        return profileSet.stream().map(profile -> new OrderPayload.Template(profile, der)).toList();
    }

    /** A sealed order of {@code devices} devices with two profiles each, signed by {@code signer}. */
    protected static Order order(PersonalizationConnector connector, String orderId, int devices,
            SignatureKeyPair signer) {
        long sequence = SEQUENCE.incrementAndGet();
        List<OrderPayload.Device> payload = new ArrayList<>();
        List<List<String>> iccids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            List<OrderPayload.ProfileSecrets> profiles = new ArrayList<>();
            List<String> deviceIccids = new ArrayList<>();
            for (int p = 0; p < PROFILE_SET.size(); p++) {
                String body = String.format("89490%02d%06d%05d", p, sequence % 1_000_000, d);
                Iccid iccid = Iccid.of(body + io.ifpp.core.Luhn.checkDigit(body));
                var ki = SecretGenerator.ki();
                var opc = SecretGenerator.random(16);
                keys.add(ki.apply(java.util.HexFormat.of().withUpperCase()::formatHex));
                keys.add(opc.apply(java.util.HexFormat.of().withUpperCase()::formatHex));
                profiles.add(new OrderPayload.ProfileSecrets(iccid, String.format("26291%010d", sequence * 100 + d), ki,
                        opc));
                deviceIccids.add(iccid.digits());
            }
            payload.add(new OrderPayload.Device(d, profiles));
            iccids.add(deviceIccids);
        }
        List<OrderPayload.Template> templates = templates(PROFILE_SET);
        OrderPersonalization personalization = new OrderPersonalization(templates);
        List<List<String>> hashes = payload.stream().map(device -> personalization.packagesOf(device).stream()
                .map(ProfileTemplate.Personalized::sha256Hex).toList()).toList();
        byte[] plain = OrderPayload.encode(templates, payload);
        Envelope.Context context = new Envelope.Context(orderId, sequence);
        byte[] sealed = Envelope.seal(plain, context, connector.vendorKeys().sealing(), signer);
        java.util.Arrays.fill(plain, (byte) 0);
        return new Order(new PersonalizationOrder(orderId, devices, PROFILE_SET, sealed, context), iccids, keys,
                hashes);
    }

    private PersonalizationReport awaitReport(PersonalizationConnector connector, String orderId) throws Exception {
        return PersonalizationReport.verify(awaitSignedReport(connector, orderId), connector.vendorKeys().signing(),
                connector.reportReader());
    }

    private SignedReport awaitSignedReport(PersonalizationConnector connector, String orderId) throws Exception {
        long deadline = System.nanoTime() + completionTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            var report = connector.report(orderId);
            if (report.isPresent()) {
                return report.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no report for " + orderId + " within " + completionTimeout());
    }
}
