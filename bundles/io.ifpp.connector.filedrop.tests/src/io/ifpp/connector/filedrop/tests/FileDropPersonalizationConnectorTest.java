package io.ifpp.connector.filedrop.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.filedrop.FileDropPersonalizationConnector;
import io.ifpp.connector.filedrop.Inbox;
import io.ifpp.connector.filedrop.internal.FolderVendorSimulator;
import io.ifpp.core.AtomicFiles;
import io.ifpp.trust.SignatureKeyPair;

/** What the file exchange does with the vendor's answers beyond the contract: quarantine, partial files, secrecy. */
public class FileDropPersonalizationConnectorTest {

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();

    @TempDir
    Path root;

    private Path outbox;
    private Path inbox;
    private FolderVendorSimulator vendor;
    private long sequence;
    /** The hex of every Ki and OPc of the orders made, for the secrecy checks. */
    private final List<String> keysHex = new ArrayList<>();

    @BeforeEach
    void folders() throws Exception {
        outbox = Files.createDirectories(root.resolve("outbox"));
        inbox = Files.createDirectories(root.resolve("inbox"));
        // Paused for good: each test drops the vendor's answers itself, whole, partly or damaged.
        vendor = new FolderVendorSimulator(outbox, inbox, ORDERER.publicKeys(), true, false);
    }

    @AfterEach
    void stop() throws InterruptedException {
        vendor.close();
    }

    private FileDropPersonalizationConnector connector(Duration signatureWait) {
        return new FileDropPersonalizationConnector("filedrop", outbox, inbox, vendor.publicKeys(),
                ORDERER.publicKeys(), Duration.ZERO, signatureWait);
    }

    @Test
    void anAnswerWithABadSignatureIsQuarantinedWithItsReason() throws Exception {
        FileDropPersonalizationConnector connector = connector(Duration.ofMinutes(1));
        PersonalizationOrder order = order("order-badsig", 2);
        connector.submit(order);
        FolderVendorSimulator.Answer answer = vendor.answer(order);
        byte[] damaged = answer.signature().clone();
        damaged[10] ^= 0x40;
        vendor.drop(new FolderVendorSimulator.Answer(order.orderId(), answer.out(), damaged));

        ConnectorException error = assertThrows(ConnectorException.class, () -> connector.report(order.orderId()));

        assertEquals(Reason.BAD_SIGNATURE, error.reason());
        Path quarantine = inbox.resolve(Inbox.QUARANTINE);
        String reason = Files.readString(quarantine.resolve("order-badsig.out" + Inbox.ERROR_SUFFIX));
        assertTrue(reason.startsWith(Inbox.SIGNATURE_REFUSED + "the detached signature order-badsig.out.sig does not"
                + " verify"), reason);
        assertTrue(error.getMessage().contains(reason.strip()), error.getMessage());
        assertTrue(Files.exists(quarantine.resolve("order-badsig.out.sig")), "the signature is kept with its file");
        assertFalse(Files.exists(inbox.resolve(Inbox.IMPORTED).resolve("order-badsig.out")), "never imported");
        assertEquals(OrderProgress.State.ACCEPTED, connector.progress(order.orderId()).state());

        // The vendor sends the answer again, properly signed: it is taken.
        vendor.drop(answer);
        PersonalizationReport report = PersonalizationReport.verify(connector.report(order.orderId()).orElseThrow(),
                connector.vendorKeys().signing(), connector.reportReader());
        assertEquals(2, report.devices().size());
        assertEquals(OrderProgress.State.COMPLETED, connector.progress(order.orderId()).state());
    }

    @Test
    void aRestartedConnectorKnowsItsOrdersAndTheirSealingContextsFromTheFolders() throws Exception {
        PersonalizationOrder order = order("order-restart", 1);
        connector(Duration.ofMinutes(1)).submit(order);

        FileDropPersonalizationConnector restarted = connector(Duration.ofMinutes(1));

        assertTrue(restarted.submit(order).duplicate());
        PersonalizationOrder replay = new PersonalizationOrder("order-restart-replay", order.deviceCount(),
                order.profileSet(), order.sealedDeviceSecrets(), order.context());
        ConnectorException error = assertThrows(ConnectorException.class, () -> restarted.submit(replay));
        assertEquals(Reason.REPLAY, error.reason());
        assertTrue(error.getMessage().contains("order order-restart "), error.getMessage());
        assertEquals(OrderProgress.State.ACCEPTED, restarted.progress("order-restart").state());
        restarted.cancel("order-restart");
        assertEquals(OrderProgress.State.CANCELLED, connector(Duration.ofMinutes(1)).progress("order-restart")
                .state());
    }

    @Test
    void aPartialAnswerIsSkippedUntilComplete() throws Exception {
        FileDropPersonalizationConnector connector = connector(Duration.ofMinutes(1));
        PersonalizationOrder order = order("order-partial", 1);
        connector.submit(order);
        FolderVendorSimulator.Answer answer = vendor.answer(order);
        int half = answer.out().length / 2;

        // Still being transferred: a .part name, then the whole file but its signature not there yet.
        Files.write(inbox.resolve("order-partial.out.part"), java.util.Arrays.copyOf(answer.out(), half));
        assertTrue(connector.report(order.orderId()).isEmpty());
        Files.move(inbox.resolve("order-partial.out.part"), inbox.resolve("order-partial.out"));
        Files.write(inbox.resolve("order-partial.out"), answer.out());
        assertTrue(connector.report(order.orderId()).isEmpty(), "no report without the signature");
        assertTrue(Files.exists(inbox.resolve("order-partial.out")), "left in the inbox, neither taken nor refused");

        AtomicFiles.write(inbox.resolve("order-partial.out.sig"), answer.signature());
        PersonalizationReport report = PersonalizationReport.verify(connector.report(order.orderId()).orElseThrow(),
                connector.vendorKeys().signing(), connector.reportReader());
        assertEquals(1, report.devices().size());
        try (Stream<Path> quarantined = Files.list(inbox.resolve(Inbox.QUARANTINE))) {
            assertTrue(quarantined.findAny().isEmpty(), "nothing quarantined");
        }
    }

    @Test
    void anAnswerWhoseSignatureNeverComesIsQuarantinedAsUnsigned() throws Exception {
        FileDropPersonalizationConnector connector = connector(Duration.ZERO);
        PersonalizationOrder order = order("order-unsigned", 1);
        connector.submit(order);
        AtomicFiles.write(inbox.resolve("order-unsigned.out"), vendor.answer(order).out());

        ConnectorException error = assertThrows(ConnectorException.class, () -> connector.report(order.orderId()));

        assertEquals(Reason.BAD_SIGNATURE, error.reason());
        assertTrue(error.getMessage().contains("no detached signature order-unsigned.out.sig arrived"),
                error.getMessage());
    }

    @Test
    void aMalformedAnswerIsQuarantinedAndNamedAsRejected() throws Exception {
        FileDropPersonalizationConnector connector = connector(Duration.ofMinutes(1));
        PersonalizationOrder order = order("order-malformed", 2);
        connector.submit(order);
        FolderVendorSimulator.Answer whole = vendor.answer(order);
        String text = new String(whole.out(), StandardCharsets.US_ASCII);
        // The vendor's file lost its last record: Quantity says 4, the file holds 3.
        byte[] cut = text.substring(0, text.stripTrailing().lastIndexOf('\n') + 1).getBytes(StandardCharsets.US_ASCII);
        vendor.drop(new FolderVendorSimulator.Answer(order.orderId(), cut,
                io.ifpp.trust.CompositeSignature.sign(cut, vendor.signingKeys())));

        ConnectorException error = assertThrows(ConnectorException.class, () -> connector.report(order.orderId()));

        assertEquals(Reason.REJECTED, error.reason());
        assertTrue(error.getMessage().contains("Quantity: expected 4 records, found 3 records"), error.getMessage());
    }

    @Test
    void noKeyValueAppearsInAFileNameAnErrorFileOrAnException() throws Exception {
        FileDropPersonalizationConnector connector = connector(Duration.ofMinutes(1));
        List<String> messages = new ArrayList<>();
        PersonalizationOrder answered = order("order-keys-a", 2);
        connector.submit(answered);
        vendor.drop(vendor.answer(answered));
        assertTrue(connector.report(answered.orderId()).isPresent());
        messages.add(assertThrows(ConnectorException.class, () -> connector.submit(order("order-keys-a", 1)))
                .getMessage());
        messages.add(assertThrows(ConnectorException.class, () -> connector.cancel("order-keys-a")).getMessage());

        // A vendor that wrongly sends the keys back: the answer is refused, and the reason does not repeat them.
        PersonalizationOrder leaked = order("order-keys-b", 1);
        connector.submit(leaked);
        String ki = keysHex.get(keysHex.size() - 2);
        String iccid = TestOrders.iccid(sequence, 0, 0);
        byte[] out = FolderVendorSimulator.outFile("order-keys-b", "p",
                "ICCID/EID/RESULT/EUICC_CERT/PACKAGE_SHA256/KI", List.of(iccid + "F " + io.ifpp.core.Eid.withCheckDigits(
                        FolderVendorSimulator.EID_PREFIX + "9".repeat(22)).digits() + " INSTALLED AAAA " + "ab".repeat(32)
                        + " " + ki));
        vendor.drop(new FolderVendorSimulator.Answer("order-keys-b", out,
                io.ifpp.trust.CompositeSignature.sign(out, vendor.signingKeys())));
        messages.add(assertThrows(ConnectorException.class, () -> connector.report("order-keys-b")).getMessage());

        // And a forged order: refused before it reaches the outbox.
        SignatureKeyPair forger = SignatureKeyPair.generate();
        messages.add(assertThrows(ConnectorException.class,
                () -> connector.submit(order("order-keys-c", 1, forger))).getMessage());

        List<String> errorFiles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                names.add(root.relativize(file).toString());
                if (file.getFileName().toString().endsWith(Inbox.ERROR_SUFFIX)) {
                    errorFiles.add(Files.readString(file));
                }
            }
        }
        assertTrue(errorFiles.stream().anyMatch(e -> e.contains("key material")), errorFiles.toString());
        assertEquals(4, messages.size());
        for (String key : keysHex) {
            for (String text : List.of(String.join("\n", names), String.join("\n", errorFiles),
                    String.join("\n", messages))) {
                assertFalse(text.toUpperCase().contains(key), "a key in: " + text);
            }
        }
        try (Stream<Path> files = Files.walk(outbox)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toUpperCase();
                keysHex.forEach(key -> assertFalse(content.contains(key), "a key in clear in " + file));
            }
        }
    }

    private PersonalizationOrder order(String orderId, int devices) {
        return order(orderId, devices, ORDERER);
    }

    private PersonalizationOrder order(String orderId, int devices, SignatureKeyPair signer) {
        return TestOrders.order(vendor.publicKeys(), orderId, devices, ++sequence, signer, keysHex);
    }
}
