package io.ifpp.connector.filedrop.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.OperatorConnector.Acknowledgement;
import io.ifpp.connector.api.OperatorConnector.Delivery;
import io.ifpp.connector.api.OperatorConnector.Kind;
import io.ifpp.connector.api.OrderPayload.ProfileSecrets;
import io.ifpp.connector.filedrop.FileDropOperatorConnector;
import io.ifpp.connector.filedrop.OperatorOutputFile;
import io.ifpp.connector.filedrop.VendorOutputColumn;
import io.ifpp.connector.filedrop.VendorOutputFile;
import io.ifpp.core.AtomicFiles;
import io.ifpp.core.Iccid;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.SecretGenerator;
import io.ifpp.trust.SignatureKeyPair;

/**
 * What is particular to the file-drop operator connector (the generic behaviour is FileDropOperatorContractTest's):
 * the published file's format, nothing forged or replayed ever written, acknowledgements that must add up, no key
 * in clear in any file.
 */
class FileDropOperatorConnectorTest {

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();
    private static final KemKeyPair OPERATOR = KemKeyPair.generate();

    @TempDir
    Path root;

    private Path outbox;
    private Path inbox;
    private FileDropOperatorConnector connector;
    private final List<String> keysHex = new ArrayList<>();
    private long sequence;

    @BeforeEach
    void folders() throws Exception {
        outbox = Files.createDirectories(root.resolve("outbox"));
        inbox = Files.createDirectories(root.resolve("inbox"));
        connector = new FileDropOperatorConnector("footel-hss", outbox, inbox, OPERATOR.publicKeys(),
                ORDERER.publicKeys(), Duration.ZERO);
    }

    @Test
    void aDeliveryIsPublishedSealedAndTheOperatorReadsItsOutputFile() throws Exception {
        Delivery delivery = delivery("delivery-1", 3, ORDERER);

        assertFalse(connector.deliver(delivery).duplicate());
        assertTrue(connector.deliver(delivery).duplicate(), "the same delivery again is a duplicate");

        // The operator's side: open what was published with its key and read the records.
        List<String> lines = Files.readAllLines(outbox.resolve("delivery-1.delivery"));
        byte[] sealed = Base64.getDecoder().decode(lines.stream().filter(l -> l.startsWith("sealed: "))
                .findFirst().orElseThrow().substring(8));
        assertArrayEquals(delivery.sealedContent(), sealed);
        byte[] plain = Envelope.open(sealed, delivery.context(), OPERATOR, ORDERER.publicKeys());
        VendorOutputFile file = VendorOutputFile.parse(plain);
        assertEquals(List.of(VendorOutputColumn.ICCID, VendorOutputColumn.IMSI, VendorOutputColumn.KI,
                VendorOutputColumn.OPC), file.columns());
        assertEquals(3, file.records().size());
        assertEquals("delivery-1", file.header().batchNumber());
        assertEquals(keysHex.getFirst(), file.records().getFirst().secret(VendorOutputColumn.KI).orElseThrow()
                .apply(HexFormat.of().withUpperCase()::formatHex));
        file.destroySecrets();
    }

    @Test
    void forgedAndReplayedDeliveriesAreNeverWritten() throws Exception {
        Delivery delivery = delivery("delivery-2", 1, ORDERER);
        connector.deliver(delivery);
        Delivery replay = new Delivery("delivery-3", delivery.operatorId(), delivery.kind(), delivery.records(),
                delivery.sealedContent(), delivery.context());
        assertThrows(ConnectorException.class, () -> connector.deliver(replay));
        assertThrows(ConnectorException.class, () -> connector.deliver(delivery("delivery-4", 1,
                SignatureKeyPair.generate())));
        assertFalse(Files.exists(outbox.resolve("delivery-3.delivery")), "a replayed delivery never goes out");
        assertFalse(Files.exists(outbox.resolve("delivery-4.delivery")), "nor a forged one");
    }

    @Test
    void anAcknowledgementThatDoesNotAddUpIsRejectedWithItsLine() throws Exception {
        connector.deliver(delivery("delivery-7", 3, ORDERER));
        AtomicFiles.write(inbox.resolve("delivery-7.ack"), "delivery: delivery-7\naccepted: 2\n"
                .getBytes(StandardCharsets.US_ASCII));

        ConnectorException error = assertThrows(ConnectorException.class,
                () -> connector.acknowledgement("delivery-7"));

        assertEquals(Reason.REJECTED, error.reason());
        assertTrue(error.getMessage().contains("2 accepted and 0 rejected do not add up to the delivery's 3"),
                error.getMessage());
    }

    @Test
    void noKeyAppearsInTheOutboxOrAnError() throws Exception {
        connector.deliver(delivery("delivery-8", 2, ORDERER));
        List<String> messages = new ArrayList<>();
        messages.add(assertThrows(ConnectorException.class,
                () -> connector.deliver(delivery("delivery-8", 1, ORDERER))).getMessage());
        messages.add(assertThrows(ConnectorException.class,
                () -> connector.deliver(delivery("delivery-9", 1, SignatureKeyPair.generate()))).getMessage());
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                String name = file.toString().toUpperCase();
                String content = Files.isRegularFile(file)
                        ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toUpperCase()
                        : "";
                for (String key : keysHex) {
                    assertFalse(name.contains(key) || content.contains(key), "a key in clear in " + file);
                    messages.forEach(m -> assertFalse(m.toUpperCase().contains(key), "a key in: " + m));
                }
            }
        }
    }

    /** A delivery of {@code records} fresh subscriptions, as an operator output file sealed for the operator. */
    private Delivery delivery(String deliveryId, int records, SignatureKeyPair signer) {
        sequence++;
        List<ProfileSecrets> subscriptions = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            var ki = SecretGenerator.ki();
            var opc = SecretGenerator.random(16);
            keysHex.add(ki.apply(HexFormat.of().withUpperCase()::formatHex));
            keysHex.add(opc.apply(HexFormat.of().withUpperCase()::formatHex));
            subscriptions.add(new ProfileSecrets(Iccid.of(TestOrders.iccid(sequence, 0, r)),
                    String.format("24201%010d", sequence * 100 + r), ki, opc));
        }
        byte[] plain = OperatorOutputFile.encode("Footel", "BAR_FOOTEL_STD", deliveryId, "20261124",
                subscriptions);
        Envelope.Context context = new Envelope.Context(deliveryId, sequence);
        byte[] sealed = Envelope.seal(plain, context, OPERATOR.publicKeys(), signer);
        java.util.Arrays.fill(plain, (byte) 0);
        return new Delivery(deliveryId, "footel", Kind.SUBSCRIPTIONS, records, sealed, context);
    }
}
