package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.fixtures.Fixtures;

class PkiCliTest {

    @TempDir
    Path temp;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private String fixture(String name) {
        return Fixtures.copyTo("sgp26-pki/" + name, temp).toString();
    }

    @Test
    void verifiesTheSgp26ChainAndSaysWhyAWrongOneFails() throws Exception {
        String ci = fixture("CertificateIssuer_CERT_CI_ECDSA_NIST.der");
        String eum = fixture("EUM_CERT_EUM_ECDSA_NIST.der");
        // The leaf as PEM: both encodings are read.
        Path leaf = temp.resolve("euicc.pem");
        Files.writeString(leaf, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(
                Fixtures.read("sgp26-pki/eUICC_CERT_EUICC_ECDSA_NIST.der")) + "\n-----END CERTIFICATE-----\n");
        assertEquals(0, run("pki", "verify", ci, eum, leaf.toString(), "--at", "2026-11-24T00:00:00Z"));
        assertTrue(cli.out().contains("valid: valid CI → EUM → eUICC chain for EID 89049032123451234512345678901235"), cli.out());

        String otherCi = fixture("CertificateIssuer_CERT_CI_ECDSA_BRP.der");
        assertEquals(1, run("pki", "verify", otherCi, eum, leaf.toString(), "--at", "2026-11-24T00:00:00Z"));
        assertTrue(cli.err().startsWith("INVALID: "), cli.err());
    }

    @Test
    void issuesATestPkiThatVerifies() {
        Path dir = temp.resolve("pki");
        assertEquals(0, run("pki", "issue-test-pki", "--out", dir.toString(), "--eid-prefix", "8949001"));
        assertEquals(0, run("pki", "verify", dir.resolve("ci.der").toString(), dir.resolve("eum.der").toString(),
                dir.resolve("euicc.der").toString()));
        assertTrue(cli.out().contains("for EID 8949001"), cli.out());
        assertEquals(0, run("pki", "verify", dir.resolve("ci.der").toString(), dir.resolve("smdp-tls.der").toString()));
        assertTrue(cli.out().contains("valid CI → SM-DP+ TLS chain"), cli.out());
    }
}
