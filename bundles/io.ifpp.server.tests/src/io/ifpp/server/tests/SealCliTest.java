package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.server.internal.cli.IfppCli;

/** Two parties exchange a sealed file through the command line; the password never is an argument. */
class SealCliTest {

    private static final String PASSWORD = "s3cret-keystore-pass";

    @TempDir
    Path temp;

    private final CliRun cli = new CliRun(prompt -> PASSWORD.toCharArray());

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void sealForTheVendorAndOpenAsTheVendor() throws Exception {
        String orchestratorStore = temp.resolve("orchestrator.p12").toString();
        String vendorStore = temp.resolve("vendor.bcfks").toString();
        assertEquals(0, run("keys", "generate", "--keystore", orchestratorStore, "--name", "orchestrator"));
        assertEquals(0, run("keys", "generate", "--keystore", vendorStore, "--name", "vendor"));
        assertEquals(0, run("keys", "export-public", "--keystore", orchestratorStore, "--name", "orchestrator", "-o", temp.resolve("o.pub").toString()));
        assertEquals(0, run("keys", "export-public", "--keystore", vendorStore, "--name", "vendor", "-o", temp.resolve("v.pub").toString()));

        Path order = Files.writeString(temp.resolve("order.json"), "{\"ki\":\"000102030405060708090A0B0C0D0E0F\"}");
        Path sealed = temp.resolve("order.env");
        assertEquals(0, run("seal", "--keystore", orchestratorStore, "--name", "orchestrator", "--recipient", temp.resolve("v.pub").toString(),
                "--batch", "B-1", "--sequence", "3", order.toString(), "-o", sealed.toString()));
        assertFalse(new String(Files.readAllBytes(sealed), StandardCharsets.ISO_8859_1).contains("000102030405"));

        Path opened = temp.resolve("opened.json");
        assertEquals(0, run("open", "--keystore", vendorStore, "--name", "vendor", "--sender", temp.resolve("o.pub").toString(),
                "--batch", "B-1", "--sequence", "3", sealed.toString(), "-o", opened.toString()));
        assertArrayEquals(Files.readAllBytes(order), Files.readAllBytes(opened));

        Path replayed = temp.resolve("replayed.json");
        assertEquals(IfppCli.EXIT_FAILURE, run("open", "--keystore", vendorStore, "--name", "vendor", "--sender", temp.resolve("o.pub").toString(),
                "--batch", "B-1", "--sequence", "4", sealed.toString(), "-o", replayed.toString()));
        assertTrue(cli.err().contains("replayed or substituted"), cli.err());
        assertFalse(Files.exists(replayed), "nothing is written when a check fails");
        for (String text : new String[] { cli.out(), cli.err() }) {
            assertFalse(text.contains(PASSWORD) || text.contains("000102030405"), text);
        }
    }
}
