package io.ifpp.connector.es2plus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.contract.ConnectorCommandRun;
import io.ifpp.connector.es2plus.Es2PlusClient;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.connector.es2plus.TlsIdentity;
import io.ifpp.connector.es2plus.internal.SimulateSmdpCommand;
import io.ifpp.core.Iccid;

/**
 * {@code ifpp simulate smdp}, the command the ES2+ connector adds: its test SM-DP+ over mutual TLS, reached with the
 * operator key store and CI it wrote.
 */
class SimulateSmdpCommandTest {

    @TempDir
    Path folder;

    @Test
    void servesEs2PlusOverMutualTlsWithTheKeyStoreItWrote() throws Exception {
        char[] password = "operator key store password".toCharArray();
        SimulateSmdpCommand command = new SimulateSmdpCommand();
        assertEquals("simulate", command.parent());
        ConnectorCommandRun cli = ConnectorCommandRun.start(command, prompt -> password.clone(), "--port", "0",
                "--pki-out", folder.toString(), "--profiles", "2", "--profile-type", "cli-test");
        Matcher found = cli.awaitOutput(Pattern.compile("SM-DP\\+ simulator \\(ES2\\+\\) at (https://\\S+) with"));
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

        assertEquals(0, cli.stop(), cli.err());
    }
}
