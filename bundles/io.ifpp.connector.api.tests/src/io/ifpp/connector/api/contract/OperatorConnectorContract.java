package io.ifpp.connector.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.OperatorConnector;
import io.ifpp.connector.api.OperatorConnector.Acknowledgement;
import io.ifpp.connector.api.OperatorConnector.Delivery;
import io.ifpp.connector.api.OrderPayload.ProfileSecrets;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.SecretGenerator;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The behaviour every {@link OperatorConnector} shows: deliveries are idempotent by id, conflicting, replayed and
 * forged deliveries are refused, acknowledgements appear once the operator has imported, transient outages are
 * retried, and no key appears in an error. A connector's test bundle subclasses this.
 */
public abstract class OperatorConnectorContract {

    private static final AtomicLong SEQUENCE = new AtomicLong(1);

    /** The key IFPP Studio signs deliveries with, which the connector made by {@link #connector} trusts. */
    protected abstract SignatureKeyPair orderer();

    /** A fresh connector; the next {@code unavailableCalls} calls find the operator's side unavailable. */
    protected abstract OperatorConnector connector(int unavailableCalls) throws Exception;

    /** The delivery content in the connector's format (before sealing), e.g. an operator output file. */
    protected abstract byte[] subscriptionContent(String deliveryId, List<ProfileSecrets> subscriptions);

    /** The operator's side acknowledges a delivery: {@code accepted} records, and the rejected ones by number. */
    protected abstract void acknowledge(OperatorConnector connector, String deliveryId, int accepted,
            Map<Integer, String> rejected) throws Exception;

    @Test
    public void aDeliveryIsTakenOnceAndAcknowledgedByTheOperator() throws Exception {
        OperatorConnector connector = connector(0);
        Delivery delivery = delivery(connector, "delivery-ack-" + SEQUENCE.get(), 3, orderer(), new ArrayList<>());

        assertFalse(connector.deliver(delivery).duplicate());
        assertTrue(connector.deliver(delivery).duplicate(), "the same delivery again is a duplicate");
        assertTrue(connector.acknowledgement(delivery.deliveryId()).isEmpty(), "not yet imported");

        acknowledge(connector, delivery.deliveryId(), 2, Map.of(3, "IMSI already provisioned"));

        Acknowledgement ack = connector.acknowledgement(delivery.deliveryId()).orElseThrow();
        assertEquals(2, ack.accepted());
        assertEquals(Map.of(3, "IMSI already provisioned"), ack.rejected());
    }

    @Test
    public void conflictingReplayedAndForgedDeliveriesAreRefused() throws Exception {
        OperatorConnector connector = connector(0);
        Delivery delivery = delivery(connector, "delivery-refused-" + SEQUENCE.get(), 1, orderer(), new ArrayList<>());
        connector.deliver(delivery);

        assertEquals(Reason.CONFLICT, assertThrows(ConnectorException.class, () -> connector.deliver(
                delivery(connector, delivery.deliveryId(), 2, orderer(), new ArrayList<>()))).reason());
        Delivery replay = new Delivery("delivery-replay-" + SEQUENCE.incrementAndGet(), delivery.operatorId(),
                delivery.kind(), delivery.records(), delivery.sealedContent(), delivery.context());
        assertEquals(Reason.REPLAY, assertThrows(ConnectorException.class, () -> connector.deliver(replay)).reason());
        Delivery forged = delivery(connector, "delivery-forged-" + SEQUENCE.get(), 1, SignatureKeyPair.generate(),
                new ArrayList<>());
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(ConnectorException.class, () -> connector.deliver(forged))
                .reason());
        assertEquals(Reason.UNKNOWN_ORDER, assertThrows(ConnectorException.class,
                () -> connector.acknowledgement(forged.deliveryId())).reason(), "a refused delivery is not kept");
    }

    @Test
    public void anOutageIsRetriedAndTheDeliveryTakenOnce() throws Exception {
        OperatorConnector connector = connector(2);
        Delivery delivery = delivery(connector, "delivery-retried-" + SEQUENCE.get(), 1, orderer(), new ArrayList<>());
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(1), 2.0);

        assertFalse(policy.call(() -> connector.deliver(delivery)).duplicate());
        assertTrue(connector.deliver(delivery).duplicate());
    }

    @Test
    public void anUnknownDeliveryIsNamed() throws Exception {
        OperatorConnector connector = connector(0);
        ConnectorException error = assertThrows(ConnectorException.class,
                () -> connector.acknowledgement("delivery-none"));
        assertEquals(Reason.UNKNOWN_ORDER, error.reason());
        assertTrue(error.getMessage().contains("delivery-none"), error.getMessage());
    }

    @Test
    public void noKeyOfADeliveryAppearsInAnError() throws Exception {
        OperatorConnector connector = connector(0);
        List<String> keys = new ArrayList<>();
        Delivery delivery = delivery(connector, "delivery-keys-" + SEQUENCE.get(), 2, orderer(), keys);
        connector.deliver(delivery);
        List<String> messages = List.of(
                assertThrows(ConnectorException.class, () -> connector.deliver(
                        delivery(connector, delivery.deliveryId(), 1, orderer(), keys))).getMessage(),
                assertThrows(ConnectorException.class, () -> connector.deliver(delivery(connector,
                        "delivery-keys-forged-" + SEQUENCE.get(), 1, SignatureKeyPair.generate(), keys))).getMessage());
        for (String key : keys) {
            messages.forEach(m -> assertFalse(m.toUpperCase().contains(key), "a key in: " + m));
            assertFalse(delivery.toString().toUpperCase().contains(key), "a key in the delivery's text");
        }
    }

    /** A delivery of {@code records} fresh subscriptions sealed for the operator, signed by {@code signer}. */
    protected final Delivery delivery(OperatorConnector connector, String deliveryId, int records,
            SignatureKeyPair signer, List<String> keysHex) {
        long sequence = SEQUENCE.incrementAndGet();
        List<ProfileSecrets> subscriptions = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            var ki = SecretGenerator.ki();
            var opc = SecretGenerator.random(16);
            keysHex.add(ki.apply(HexFormat.of().withUpperCase()::formatHex));
            keysHex.add(opc.apply(HexFormat.of().withUpperCase()::formatHex));
            String body = String.format("8942%08d%06d", sequence, r);
            subscriptions.add(new ProfileSecrets(Iccid.of(body + Luhn.checkDigit(body)),
                    String.format("24201%010d", sequence * 100 + r), ki, opc));
        }
        byte[] plain = subscriptionContent(deliveryId, subscriptions);
        Envelope.Context context = new Envelope.Context(deliveryId, sequence);
        byte[] sealed = Envelope.seal(plain, context, connector.sealingKeys(), signer);
        java.util.Arrays.fill(plain, (byte) 0);
        return new Delivery(deliveryId, "operator", OperatorConnector.Kind.SUBSCRIPTIONS, records, sealed, context);
    }
}
