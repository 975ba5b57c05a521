package io.ifpp.connector.filedrop.tests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OperatorConnector;
import io.ifpp.connector.api.OrderPayload.ProfileSecrets;
import io.ifpp.connector.api.contract.OperatorConnectorContract;
import io.ifpp.connector.filedrop.FileDropOperatorConnector;
import io.ifpp.connector.filedrop.OperatorOutputFile;
import io.ifpp.core.AtomicFiles;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.SignatureKeyPair;

/** The file-drop operator connector passes the operator contract; the operator side writes `.ack` files. */
public class FileDropOperatorContractTest extends OperatorConnectorContract {

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();
    private static final KemKeyPair OPERATOR = KemKeyPair.generate();

    @TempDir
    Path root;

    private int exchanges;
    private final Map<OperatorConnector, Path> inboxes = new java.util.IdentityHashMap<>();

    @Override
    protected SignatureKeyPair orderer() {
        return ORDERER;
    }

    @Override
    protected OperatorConnector connector(int unavailableCalls) throws Exception {
        Path exchange = root.resolve("exchange-" + ++exchanges);
        Path outbox = Files.createDirectories(exchange.resolve("outbox"));
        Path inbox = Files.createDirectories(exchange.resolve("inbox"));
        FileDropOperatorConnector connector = new FileDropOperatorConnector("operator-hss", outbox, inbox,
                OPERATOR.publicKeys(), ORDERER.publicKeys(), Duration.ZERO);
        OperatorConnector made = unavailableCalls == 0 ? connector : new ShareOutage(connector, outbox, unavailableCalls);
        inboxes.put(made, inbox);
        return made;
    }

    @Override
    protected byte[] subscriptionContent(String deliveryId, List<ProfileSecrets> subscriptions) {
        return OperatorOutputFile.encode("Operator", "IFPP_TEST", deliveryId, "20261124", subscriptions);
    }

    @Override
    protected void acknowledge(OperatorConnector connector, String deliveryId, int accepted,
            Map<Integer, String> rejected) throws Exception {
        StringBuilder ack = new StringBuilder("delivery: " + deliveryId + "\naccepted: " + accepted + "\n");
        rejected.forEach((record, reason) -> ack.append("rejected: ").append(record).append(": ").append(reason)
                .append('\n'));
        AtomicFiles.write(inboxes.get(connector).resolve(deliveryId + FileDropOperatorConnector.ACK_SUFFIX),
                ack.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The operator connector behind a {@link FolderOutage} of its outbox. */
    private static final class ShareOutage implements OperatorConnector {

        private final FileDropOperatorConnector connector;
        private final FolderOutage outage;

        ShareOutage(FileDropOperatorConnector connector, Path outbox, int calls) {
            this.connector = connector;
            this.outage = new FolderOutage(outbox, calls);
        }

        @Override
        public String id() {
            return connector.id();
        }

        @Override
        public KemKeyPair.PublicKeys sealingKeys() {
            return connector.sealingKeys();
        }

        @Override
        public DeliveryReceipt deliver(Delivery delivery) throws ConnectorException {
            outage.beforeCall();
            return connector.deliver(delivery);
        }

        @Override
        public Optional<Acknowledgement> acknowledgement(String deliveryId) throws ConnectorException {
            outage.beforeCall();
            return connector.acknowledgement(deliveryId);
        }
    }
}
