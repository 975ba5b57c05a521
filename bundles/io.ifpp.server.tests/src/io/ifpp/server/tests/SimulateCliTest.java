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
import io.ifpp.connector.es2plus.Es2PlusClient;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.connector.es2plus.TlsIdentity;
import io.ifpp.core.Iccid;
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

    @Test
    void simulateSmdpServesEs2PlusOverMutualTlsWithTheKeyStoreItWrote() throws Exception {
        char[] password = "operator key store password".toCharArray();
        CliRun cli = new CliRun(prompt -> password.clone());
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(cli.run("simulate", "smdp", "--port", "0", "--pki-out",
                folder.toString(), "--profiles", "2", "--profile-type", "cli-test")), "simulate-smdp");
        running.start();
        Pattern address = Pattern.compile("SM-DP\\+ simulator \\(ES2\\+\\) at (https://\\S+) with");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Matcher found = address.matcher(cli.out());
        while (!found.find()) {
            assertTrue(System.nanoTime() < deadline, "no address printed: " + cli.out() + cli.err());
            Thread.sleep(20);
            found = address.matcher(cli.out());
        }
        java.security.KeyStore store = java.security.KeyStore.getInstance(folder.resolve("operator.p12").toFile(),
                password);
        java.security.cert.X509Certificate ci;
        try (var in = Files.newInputStream(folder.resolve("ci.pem"))) {
            ci = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
        }
        TlsIdentity operator = new TlsIdentity((java.security.PrivateKey) store.getKey("operator", password),
                java.util.List.of((java.security.cert.X509Certificate) store.getCertificate("operator")),
                java.util.List.of(ci));
        Es2PlusClient client = new Es2PlusClient(Es2PlusSettings.of(URI.create(found.group(1)), "cli-operator"),
                operator);

        Iccid first = client.downloadOrder(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.of("cli-test"));
        assertTrue(cli.out().contains(first.digits()), "the first ICCID listed is the first ordered: " + cli.out());
        assertTrue(first.hasValidCheckDigit());

        running.interrupt();
        running.join(10_000);
        assertEquals(0, exit.get(), cli.err());
    }
}
