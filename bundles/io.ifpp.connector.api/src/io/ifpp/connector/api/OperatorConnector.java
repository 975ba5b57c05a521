package io.ifpp.connector.api;

import java.util.Optional;

import io.ifpp.trust.Envelope;

/**
 * An MNO's provisioning interface: receives the subscription data of the profiles installed for it (ICCID, IMSI,
 * Ki/OPc, sealed for the operator) for its HSS/AuC, and the activation schedule; acknowledges each delivery.
 * Deliveries are idempotent by id.
 */
public interface OperatorConnector {

    String id();

    /** The operator's public keys, to seal deliveries for it. */
    io.ifpp.trust.KemKeyPair.PublicKeys sealingKeys();

    DeliveryReceipt deliver(Delivery delivery) throws ConnectorException;

    /** The operator's acknowledgement of a delivery, once it has imported it. */
    Optional<Acknowledgement> acknowledgement(String deliveryId) throws ConnectorException;

    enum Kind {
        SUBSCRIPTIONS, ACTIVATION_SCHEDULE
    }

    /** @param sealedContent the records, sealed for the operator and signed by IFPP Studio under {@code context} */
    record Delivery(String deliveryId, String operatorId, Kind kind, int records, byte[] sealedContent,
            Envelope.Context context) {

        public Delivery {
            sealedContent = sealedContent.clone();
        }

        @Override
        public byte[] sealedContent() {
            return sealedContent.clone();
        }
    }

    record DeliveryReceipt(String deliveryId, boolean duplicate) {
    }

    /** @param accepted records imported; {@code rejected} with the reason of each, by record number */
    record Acknowledgement(String deliveryId, int accepted, java.util.Map<Integer, String> rejected) {
    }
}
