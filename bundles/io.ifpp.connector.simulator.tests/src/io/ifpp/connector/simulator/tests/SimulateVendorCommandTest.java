package io.ifpp.connector.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.contract.ConnectorCommandRun;
import io.ifpp.connector.simulator.http.PersonalizationHttpClient;
import io.ifpp.connector.simulator.internal.SimulateVendorCommand;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/** {@code ifpp simulate vendor}, the command the simulator adds: the line served over HTTP until stopped. */
class SimulateVendorCommandTest {

    @TempDir
    Path folder;

    @Test
    void servesTheLineOverHttpUntilStopped() throws Exception {
        Path orderer = folder.resolve("ifpp.pub");
        Files.writeString(orderer, PartyKeyStore.publicBundle(new PartyKeyStore.Party("ifpp-test", KemKeyPair.generate(),
                SignatureKeyPair.generate())));
        SimulateVendorCommand command = new SimulateVendorCommand();
        assertEquals("simulate", command.parent());
        ConnectorCommandRun run = ConnectorCommandRun.start(command, prompt -> {
            throw new AssertionError("the vendor line asks for no password");
        }, "--port", "0", "--orderer-keys", orderer.toString());
        Matcher found = run.awaitOutput(Pattern.compile("Vendor line simulator at (http://\\S+/vendor/)"));

        PersonalizationHttpClient client = new PersonalizationHttpClient("cli", URI.create(found.group(1)),
                Duration.ofSeconds(5));
        assertEquals("EC", client.vendorKeys().signing().ecdsa().getAlgorithm(), "the line gives its keys");
        ConnectorException unknown = assertThrows(ConnectorException.class, () -> client.progress("no-such-order"));
        assertEquals(ConnectorException.Reason.UNKNOWN_ORDER, unknown.reason(), "and answers for its orders");
        assertTrue(run.out().contains("accepts orders signed by 'ifpp-test'"), run.out());

        assertEquals(0, run.stop(), run.err());
    }
}
