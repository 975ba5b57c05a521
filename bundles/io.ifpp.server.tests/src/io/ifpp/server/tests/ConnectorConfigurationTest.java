package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.orchestration.partners.ConnectorConfigurations;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.server.internal.DataDirectory;
import io.ifpp.server.internal.Services;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * A connector configured as a user does: {@code ifpp connectors configure} writes its file in the data directory,
 * checked against its metatype; File Install applies it, and the partner registry has the connector within seconds,
 * used at once; {@code check} reaches its folders; a file removed takes the connector away.
 */
class ConnectorConfigurationTest {

    private static final String TYPE = "io.ifpp.connector.filedrop";
    private static final Duration APPLIED = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    @AfterEach
    void removeTheTestConnectors() throws Exception {
        ConnectorConfigurations configurations = ConnectorConfigurations.of(DataDirectory.path());
        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        for (String id : List.of("acme-drop", "half-done", "no-type", "odd-type", "ghost")) {
            configurations.remove(id);
        }
        long deadline = System.nanoTime() + APPLIED.toNanos();
        ConnectorConfigurations.Configured removed = new ConnectorConfigurations.Configured("acme-drop", TYPE, null);
        while (registry.connector("acme-drop").isPresent()
                || !configurations.state(removed).equals("not applied yet")) {
            assertTrue(System.nanoTime() < deadline, "the removed file takes the connector away");
            Thread.sleep(50);
        }
    }

    private String[] fileDrop(String... more) throws Exception {
        Path vendor = folder.resolve("vendor.pub");
        Path orderer = folder.resolve("orderer.pub");
        Files.writeString(vendor, PartyKeyStore.publicBundle(new PartyKeyStore.Party("acme", KemKeyPair.generate(),
                SignatureKeyPair.generate())));
        Files.writeString(orderer, PartyKeyStore.publicBundle(new PartyKeyStore.Party("ifpp", KemKeyPair.generate(),
                SignatureKeyPair.generate())));
        Files.createDirectories(folder.resolve("outbox"));
        Files.createDirectories(folder.resolve("inbox"));
        List<String> args = new java.util.ArrayList<>(List.of("connectors", "configure", "acme-drop", "--type", TYPE,
                "--set", "outbox=" + folder.resolve("outbox"), "--set", "inbox=" + folder.resolve("inbox"), "--set",
                "vendorPublicKeys=" + vendor, "--set", "ordererPublicKeys=" + orderer));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aConnectorConfiguredByCommandIsUsedAtOnceCheckedAndGoesWithItsFile() throws Exception {
        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        CliRun configure = new CliRun();
        assertEquals(0, configure.run(fileDrop()), configure.err());
        assertTrue(configure.out().startsWith("connector acme-drop (" + TYPE + ") configured in "), configure.out());
        assertTrue(configure.out().strip().endsWith(": active"), "applied, and taken up by the partner registry: "
                + configure.out());
        Path file = ConnectorConfigurations.of(DataDirectory.path()).configured("acme-drop").orElseThrow().file();
        assertEquals(TYPE + "-acme-drop.cfg", file.getFileName().toString());
        String text = Files.readString(file);
        assertTrue(text.contains("id=acme-drop") && text.contains("outbox="), text);

        assertTrue(registry.awaitConnector("acme-drop", APPLIED), "File Install and DS made the connector");
        assertEquals("acme-drop", registry.personalization("acme-drop").orElseThrow().id());
        CliRun list = new CliRun();
        assertEquals(0, list.run("connectors"), list.err());
        assertTrue(list.out().contains("personalization acme-drop\n"), list.out());
        assertTrue(list.out().contains("configured acme-drop (" + TYPE + ", " + file + "): active"), list.out());

        CliRun check = new CliRun();
        assertEquals(0, check.run("connectors", "check", "acme-drop"), check.out() + check.err());
        assertTrue(check.out().contains("ok   outbox (orders for the vendor): " + folder.resolve("outbox")
                + " is writable"), check.out());
        Files.delete(folder.resolve("inbox"));
        CliRun failing = new CliRun();
        assertEquals(1, failing.run("connectors", "check", "acme-drop"));
        assertTrue(failing.out().contains("FAIL inbox (the vendor's answers): " + folder.resolve("inbox")
                + " is not a folder"), failing.out());

        CliRun change = new CliRun();
        assertEquals(0, change.run("connectors", "configure", "acme-drop", "--set", "quietPeriodMillis=500"),
                change.err());
        assertTrue(Files.readString(file).contains("quietPeriodMillis=500"), "the existing file keeps its type and "
                + "settings and takes the new one");

        assertTrue(ConnectorConfigurations.of(DataDirectory.path()).remove("acme-drop"));
        long deadline = System.nanoTime() + APPLIED.toNanos();
        while (registry.connector("acme-drop").isPresent()) {
            assertTrue(System.nanoTime() < deadline, "the removed file takes the connector away");
            Thread.sleep(50);
        }
    }

    /** Settings that pass the metatype but do not start the connector: it is listed failed, with the first line why. */
    @Test
    void aConnectorThatCannotStartSaysWhyInOneLine() throws Exception {
        Path missing = folder.resolve("no-such-vendor.pub");
        CliRun configure = new CliRun();
        assertEquals(0, configure.run(fileDrop("--set", "vendorPublicKeys=" + missing)), configure.err());
        assertTrue(configure.out().strip().endsWith(": failed: java.nio.file.NoSuchFileException: " + missing),
                configure.out());
        assertFalse(configure.out().contains("\\tat "), "no stack trace: " + configure.out());
        CliRun check = new CliRun();
        assertEquals(1, check.run("connectors", "check", "acme-drop"));
        assertTrue(check.err().contains("no connector 'acme-drop' is active here: failed: "), check.err());
    }

    @Test
    void settingsAreCheckedAgainstTheConnectorsMetatypeNamingTheSettingAndNothingIsWritten() throws Exception {
        CliRun unknown = new CliRun();
        assertEquals(2, unknown.run(fileDrop("--set", "colour=red")));
        assertTrue(unknown.err().contains("--set colour: a " + TYPE + " connector has no setting 'colour'; its "
                + "settings are [id, inbox, ordererPublicKeys, outbox, quietPeriodMillis, signatureWaitSeconds, "
                + "vendorPublicKeys]"), unknown.err());
        CliRun notANumber = new CliRun();
        assertEquals(2, notANumber.run(fileDrop("--set", "quietPeriodMillis=soon")));
        assertTrue(notANumber.err().contains("--set quietPeriodMillis: quietPeriodMillis: 'soon' is refused"),
                notANumber.err());
        CliRun missing = new CliRun();
        assertEquals(2, missing.run("connectors", "configure", "half-done", "--type", TYPE, "--set",
                "outbox=" + folder));
        assertTrue(missing.err().contains(" is required ("), missing.err());
        CliRun noType = new CliRun();
        assertEquals(2, noType.run("connectors", "configure", "no-type", "--set", "outbox=" + folder));
        assertTrue(noType.err().contains("--type: connector 'no-type' is not configured yet: name its type, one of ["),
                noType.err());
        assertTrue(noType.err().contains(TYPE) && noType.err().contains("io.ifpp.connector.es2plus"), noType.err());
        CliRun oddType = new CliRun();
        assertEquals(2, oddType.run("connectors", "configure", "odd-type", "--type", "com.example.none"));
        assertTrue(oddType.err().contains("--type: no installed connector is configured as 'com.example.none'"),
                oddType.err());

        CliRun secret = new CliRun();
        assertEquals(2, secret.run("connectors", "configure", "clear-smdp", "--type", "io.ifpp.connector.es2plus",
                "--set", "keyStorePassword=in-clear"));
        assertTrue(secret.err().contains("--set keyStorePassword: keyStorePassword is a secret, which is never "
                + "written into a configuration file"), secret.err());
        assertFalse(secret.err().contains("in-clear"), "the refusal does not repeat the secret: " + secret.err());

        ConnectorConfigurations configurations = ConnectorConfigurations.of(DataDirectory.path());
        for (String id : List.of("acme-drop", "half-done", "no-type", "odd-type", "clear-smdp")) {
            assertFalse(configurations.configured(id).isPresent(), id + ": nothing written");
        }
    }

    /** A file left for a connector whose feature was uninstalled (or never installed) is listed as such. */
    @Test
    void aConfigurationOfAConnectorNotInstalledIsListedAsNotInstalled() throws Exception {
        Path file = DataDirectory.path().resolve(ConnectorConfigurations.FOLDER).resolve("com.example.gone-ghost.cfg");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "id = ghost\n");
        CliRun list = new CliRun();
        assertEquals(0, list.run("connectors"), list.err());
        assertTrue(list.out().contains("configured ghost (com.example.gone, " + file + "): not installed: no "
                + "connector of type com.example.gone (install its feature with 'ifpp connectors install', or remove "
                + file + ")"), list.out());
    }

    /**
     * The test runtime was not installed by p2, so it has no profile to install into: install and uninstall are
     * refused, saying so, and nothing is changed.
     */
    @Test
    void installingIntoARuntimeWithoutP2ProfileIsRefusedSayingWhy() throws Exception {
        CliRun install = new CliRun();
        assertEquals(1, install.run("connectors", "install", "--repository", folder.toString(), "any.feature"));
        assertTrue(install.err().contains("connectors install: this installation"), install.err());
        assertTrue(install.err().contains("connectors install only into a product built with p2"), install.err());
    }
}
