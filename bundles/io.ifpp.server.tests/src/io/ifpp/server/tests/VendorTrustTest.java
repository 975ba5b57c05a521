package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.server.internal.batch.VendorTrust;
import io.ifpp.trust.TestPki;

/** From the security review: the trust anchors were whatever ci.pem a data directory held. */
class VendorTrustTest {

    @TempDir
    Path data;

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void aVendorsCiIsTrustedOnlyWhenTheListOfTrustedCisNamesIt() throws Exception {
        TestPki pki = TestPki.create("secp256r1", Clock.systemUTC());
        TestPki.Issued eum = pki.eum("Acme Chips", "8949000");
        Path vendor = Files.createDirectories(data.resolve("trust/acme-line"));
        Files.writeString(vendor.resolve("ci.pem"), pem(pki.ci().der()));
        Files.writeString(vendor.resolve("eum.pem"), pem(eum.der()));

        ConnectorException untrusted = assertThrows(ConnectorException.class,
                () -> VendorTrust.eumChain(data, "acme-line"));
        assertTrue(untrusted.getMessage().contains("is not in " + data.resolve("trust/trusted-cis")),
                untrusted.getMessage());

        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(pki.ci().der()));
        Files.writeString(data.resolve("trust/trusted-cis"), "# the test CI of this machine\n" + fingerprint + "\n");
        List<byte[]> chain = VendorTrust.eumChain(data, "acme-line");
        assertEquals(2, chain.size());
        assertArrayEquals(pki.ci().der(), chain.get(0));
        assertArrayEquals(eum.der(), chain.get(1));

        TestPki other = TestPki.create("secp256r1", Clock.systemUTC());
        Files.writeString(vendor.resolve("ci.pem"), pem(other.ci().der()));
        assertThrows(ConnectorException.class, () -> VendorTrust.eumChain(data, "acme-line"),
                "another CI dropped in its place is not trusted");
    }
}
