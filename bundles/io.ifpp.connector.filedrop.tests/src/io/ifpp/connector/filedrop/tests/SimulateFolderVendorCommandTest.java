package io.ifpp.connector.filedrop.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.connector.api.contract.ConnectorCommandRun;
import io.ifpp.connector.filedrop.FileDropPersonalizationConnector;
import io.ifpp.connector.filedrop.internal.SimulateFolderVendorCommand;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * {@code ifpp simulate folder-vendor}: a vendor answering the connector's orders in its folders until stopped,
 * having written the public keys the connector is configured with and its EUM chain.
 */
class SimulateFolderVendorCommandTest {

    @TempDir
    Path folder;

    @Test
    void answersOrdersInTheFoldersWithReportsThatVerifyUnderTheKeysItWrote() throws Exception {
        SignatureKeyPair orderer = SignatureKeyPair.generate();
        Path ordererKeys = folder.resolve("ifpp.pub");
        Files.writeString(ordererKeys, PartyKeyStore.publicBundle(new PartyKeyStore.PublicParty("ifpp-test",
                KemKeyPair.generate().publicKeys(), orderer.publicKeys())));
        Path outbox = folder.resolve("outbox");
        Path inbox = folder.resolve("inbox");
        Path keys = folder.resolve("vendor-keys");
        ConnectorCommandRun run = ConnectorCommandRun.start(new SimulateFolderVendorCommand(), prompt -> {
            throw new AssertionError("the folder vendor asks for no password");
        }, "--outbox", outbox.toString(), "--inbox", inbox.toString(), "--orderer-keys", ordererKeys.toString(),
                "--keys-out", keys.toString(), "--eid-prefix", "89044045");
        run.awaitOutput(Pattern.compile("Folder vendor simulator collecting .* CI SHA-256 [0-9A-F:]+"));
        assertTrue(Files.readString(keys.resolve("ci.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(Files.readString(keys.resolve("eum.pem")).startsWith("-----BEGIN CERTIFICATE-----"));

        PartyKeyStore.PublicParty vendor = PartyKeyStore.readPublicBundle(Files.readString(keys.resolve("vendor.pub")));
        FileDropPersonalizationConnector connector = new FileDropPersonalizationConnector("folder-test", outbox, inbox,
                new VendorKeys(vendor.kem(), vendor.signing()), orderer.publicKeys(), Duration.ZERO,
                Duration.ofSeconds(30));
        PersonalizationOrder order = TestOrders.order(connector.vendorKeys(), "order-folder", 3, 1, orderer,
                new ArrayList<>());
        connector.submit(order);
        SignedReport answer = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (answer == null && System.nanoTime() < deadline) {
            Optional<SignedReport> report = connector.report(order.orderId());
            answer = report.orElse(null);
            Thread.sleep(20);
        }
        assertTrue(answer != null, "the vendor answered within 30 s: " + run.err());
        PersonalizationReport report = PersonalizationReport.verify(answer, vendor.signing(), connector.reportReader());
        assertEquals(3, report.devices().size());
        assertEquals(0, run.stop(), run.err());
    }
}
