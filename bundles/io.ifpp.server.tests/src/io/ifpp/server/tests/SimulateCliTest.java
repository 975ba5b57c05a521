package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.simulator.http.PersonalizationHttpClient;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

class SimulateCliTest {

    @TempDir
    Path folder;

    @Test
    void simulateVendorServesTheLineOverHttpUntilStopped() throws Exception {
        Path orderer = folder.resolve("ifpp.pub");
        Files.writeString(orderer, PartyKeyStore.publicBundle(new PartyKeyStore.Party("ifpp-test", KemKeyPair.generate(),
                SignatureKeyPair.generate())));
        CliRun cli = new CliRun();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(cli.run("simulate", "vendor", "--port", "0", "--orderer-keys",
                orderer.toString())), "simulate-vendor");
        running.start();
        Pattern address = Pattern.compile("Vendor line simulator at (http://\\S+/vendor/)");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Matcher found = address.matcher(cli.out());
        while (!found.find()) {
            assertTrue(System.nanoTime() < deadline, "no address printed: " + cli.out() + cli.err());
            Thread.sleep(20);
            found = address.matcher(cli.out());
        }
        PersonalizationHttpClient client = new PersonalizationHttpClient("cli", URI.create(found.group(1)),
                Duration.ofSeconds(5));
        assertEquals("EC", client.vendorKeys().signing().ecdsa().getAlgorithm(), "the line gives its keys");
        ConnectorException unknown = assertThrows(ConnectorException.class, () -> client.progress("no-such-order"));
        assertEquals(ConnectorException.Reason.UNKNOWN_ORDER, unknown.reason(), "and answers for its orders");
        assertTrue(cli.out().contains("accepts orders signed by 'ifpp-test'"), cli.out());

        running.interrupt();
        running.join(10_000);
        assertEquals(0, exit.get(), cli.err());
    }
}
