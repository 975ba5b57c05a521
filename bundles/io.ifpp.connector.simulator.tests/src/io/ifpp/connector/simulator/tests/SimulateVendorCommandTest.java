package io.ifpp.connector.simulator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.contract.ConnectorCommandRun;
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

        HttpClient http = HttpClient.newHttpClient();
        URI line = URI.create(found.group(1));
        HttpResponse<String> keys = http.send(HttpRequest.newBuilder(line.resolve("keys")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, keys.statusCode());
        assertEquals("EC", PartyKeyStore.readPublicBundle(keys.body()).signing().ecdsa().getAlgorithm(),
                "the line gives its keys");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(line.resolve("orders/no-such-order")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("UNKNOWN_ORDER"), "and answers for its orders: " + unknown.body());
        assertTrue(run.out().contains("accepts orders signed by 'ifpp-test'"), run.out());

        assertEquals(0, run.stop(), run.err());
    }
}
