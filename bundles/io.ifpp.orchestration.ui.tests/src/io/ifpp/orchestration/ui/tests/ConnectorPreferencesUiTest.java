package io.ifpp.orchestration.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.ifpp.orchestration.partners.ConnectorConfigurations;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.orchestration.ui.internal.connectors.ConnectorSecureStorage;
import io.ifpp.orchestration.ui.internal.connectors.WorkbenchConnectors;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;
import io.ifpp.trust.TestPki;
import io.ifpp.ui.testing.Bot;
import io.ifpp.ui.testing.BotShell;
import io.ifpp.ui.testing.Conditions;
import io.ifpp.ui.testing.UIThread;
import io.ifpp.ui.testing.WorkbenchBot;

/**
 * Connectors in the workbench: Help has p2's Install New Software; Window > Preferences has a page per installed
 * connector type under IFPP Orchestration > Connectors, built from its metatype, whose settings are checked as
 * {@code ifpp connectors configure} checks them (a refusal names the setting) and written into the workspace's
 * connectors folder, from which the connector is made for the embedded engine.
 */
class ConnectorPreferencesUiTest {

    private static final String FILE_DROP_PAGE = "IFPP file-drop personalization connector";
    private static final String ES2PLUS_PAGE = "IFPP ES2+ connector (SM-DP+)";
    private static WorkbenchBot bot;
    private static ServiceTracker<ConnectorRegistry, ConnectorRegistry> registries;

    @TempDir
    Path folder;

    @BeforeAll
    static void workbench() {
        bot = new WorkbenchBot();
        registries = new ServiceTracker<>(FrameworkUtil.getBundle(ConnectorPreferencesUiTest.class)
                .getBundleContext(), ConnectorRegistry.class, null);
        registries.open();
    }

    @AfterAll
    static void closeRegistries() {
        registries.close();
    }

    @AfterEach
    void closeDialogsAndRemoveTheConnector() throws Exception {
        bot.closeAllShellsExceptWorkbench();
        WorkbenchConnectors.configurations().remove("ui-drop");
        WorkbenchConnectors.configurations().remove("ui-smdp");
    }

    @Test
    void helpOffersP2sInstallNewSoftware() {
        assertTrue(bot.menu("Help").menuItems().stream().anyMatch(item -> item.startsWith("Install New Software")),
                bot.menu("Help").menuItems().toString());
    }

    @Test
    void aConnectorTypesPageRefusesASettingNamingItAndWritesTheConnectorTheEngineThenHas() throws Exception {
        ConnectorRegistry registry = registries.waitForService(10_000);
        Path vendor = folder.resolve("vendor.pub");
        Path orderer = folder.resolve("orderer.pub");
        Files.writeString(vendor, PartyKeyStore.publicBundle(new PartyKeyStore.Party("acme", KemKeyPair.generate(),
                SignatureKeyPair.generate())));
        Files.writeString(orderer, PartyKeyStore.publicBundle(new PartyKeyStore.Party("ifpp", KemKeyPair.generate(),
                SignatureKeyPair.generate())));
        Path outbox = Files.createDirectories(folder.resolve("outbox"));
        Path inbox = Files.createDirectories(folder.resolve("inbox"));

        Bot page = openFileDropPage();
        page.textWithId("connector.id").setText("ui-drop");
        page.textWithId("connector.setting.outbox").setText(outbox.toString());
        page.textWithId("connector.setting.inbox").setText(inbox.toString());
        page.textWithId("connector.setting.vendorPublicKeys").setText(vendor.toString());
        page.textWithId("connector.setting.ordererPublicKeys").setText(orderer.toString());
        page.textWithId("connector.setting.quietPeriodMillis").setText("soon");
        BotShell dialog = preferences();
        page.button("Apply").click();
        bot.waitUntil(Conditions.that("the refusal names the setting",
                () -> shown(dialog.bot(), "quietPeriodMillis: 'soon' is refused")));
        ConnectorConfigurations configurations = WorkbenchConnectors.configurations();
        assertTrue(configurations.configured("ui-drop").isEmpty(), "a refused setting writes nothing");
        assertTrue(dialog.isOpen(), "the dialog stays open on the refusal");

        page.textWithId("connector.setting.quietPeriodMillis").setText("0");
        page.button("Apply and Close").click();
        bot.waitUntil(Conditions.shellCloses(dialog));
        Optional<ConnectorConfigurations.Configured> written = configurations.configured("ui-drop");
        assertTrue(written.isPresent(), "the configuration is written");
        assertEquals("io.ifpp.connector.filedrop", written.get().type());
        assertTrue(written.get().file().startsWith(configurations.folder()));
        assertEquals(outbox.toString(), configurations.settings(written.get()).get("outbox"));
        assertTrue(registry.awaitConnector("ui-drop", Duration.ofSeconds(20)),
                "the embedded engine has the connector the page configured");

        Bot again = openFileDropPage();
        assertEquals("ui-drop", again.textWithId("connector.id").getText(), "the page shows the configured connector");
        assertEquals("active", again.labelWithId("connector.state").getText());
        again.buttonWithId("connector.remove").click();
        bot.waitUntil(Conditions.that("the connector is removed from the page",
                () -> configurationOf("ui-drop").isEmpty()));
    }

    @Test
    void aSecretTypedIntoAConnectorsPageIsKeptInSecureStorageAndOpensItsKeyStore() throws Exception {
        ConnectorRegistry registry = registries.waitForService(10_000);
        char[] password = "a key store password the page keeps".toCharArray();
        TestPki pki = TestPki.create("secp256r1", Clock.systemUTC());
        TestPki.Issued client = pki.tls(List.of("ifpp.example"));
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ifpp", client.keys().getPrivate(), password, new Certificate[] {
                x509.generateCertificate(new ByteArrayInputStream(client.der())) });
        Path keyStore = folder.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, password);
        }
        Path trusted = Files.writeString(folder.resolve("trusted.pem"), pki.ci().pem());

        Bot page = openPage(ES2PLUS_PAGE, "connector.setting.endpoint");
        page.textWithId("connector.id").setText("ui-smdp");
        page.textWithId("connector.setting.endpoint").setText("https://localhost:1");
        page.textWithId("connector.setting.functionRequesterIdentifier").setText("ifpp-ui");
        page.textWithId("connector.setting.keyStore").setText(keyStore.toString());
        page.textWithId("connector.setting.keyAlias").setText("ifpp");
        // No password file and a variable nobody sets: the connector can only have the password from secure storage.
        page.textWithId("connector.setting.keyStorePasswordVariable").setText("IFPP_UI_TEST_VARIABLE_NOBODY_SETS");
        page.textWithId("connector.setting.trustedCertificates").setText(trusted.toString());
        page.textWithId("connector.secret.keyStorePassword").setText(new String(password));
        BotShell dialog = preferences();
        page.button("Apply and Close").click();
        bot.waitUntil(Conditions.shellCloses(dialog));

        ConnectorConfigurations configurations = WorkbenchConnectors.configurations();
        ConnectorConfigurations.Configured written = configurations.configured("ui-smdp").orElseThrow();
        assertFalse(Files.readString(written.file()).contains(new String(password)),
                "the password is not in the configuration file");
        assertFalse(configurations.settings(written).containsKey("keyStorePassword"));
        assertTrue(Arrays.equals(password, new ConnectorSecureStorage().secret("ui-smdp", "keyStorePassword")
                .orElseThrow()), "secure storage keeps it");
        assertTrue(registry.awaitConnector("ui-smdp", Duration.ofSeconds(20)),
                "the ES2+ connector opened its key store with the kept password: "
                        + configurations.state(written));

        Bot again = openPage(ES2PLUS_PAGE, "connector.setting.endpoint");
        assertEquals("ui-smdp", again.textWithId("connector.id").getText());
        assertEquals("", again.textWithId("connector.secret.keyStorePassword").getText(), "never shown again");
        assertEquals("kept in secure storage; type to replace it",
                UIThread.syncExec(() -> again.widgetWithId(Text.class, "connector.secret.keyStorePassword").getMessage()));
        again.buttonWithId("connector.remove").click();
        bot.waitUntil(Conditions.that("the connector is removed", () -> configurationOf("ui-smdp").isEmpty()));
        assertTrue(new ConnectorSecureStorage().secret("ui-smdp", "keyStorePassword").isEmpty(),
                "its secrets go with it");
    }

    private static Optional<ConnectorConfigurations.Configured> configurationOf(String id) {
        try {
            return WorkbenchConnectors.configurations().configured(id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if a text or label of the dialog (its message area among them) starts with {@code prefix}. */
    private static boolean shown(Bot dialog, String prefix) {
        return UIThread.syncExec(() -> dialog.widgets(Text.class).stream().anyMatch(t -> t.getText().startsWith(prefix))
                || dialog.widgets(Label.class).stream().anyMatch(l -> l.getText().startsWith(prefix))
                || dialog.widgets(CLabel.class).stream().anyMatch(l -> String.valueOf(l.getText()).startsWith(prefix)));
    }

    private static BotShell preferences() {
        return bot.shell("Preferences");
    }

    private static Bot openFileDropPage() {
        return openPage(FILE_DROP_PAGE, "connector.setting.outbox");
    }

    /** Opens Window > Preferences on a connector type's page, once the field {@code settingId} shows. */
    private static Bot openPage(String page, String settingId) {
        List<String> items = bot.menu("Window").menuItems();
        String preferences = items.stream().filter(item -> item.startsWith("Preferences")).findFirst()
                .orElseThrow(() -> new AssertionError("no Window > Preferences in " + items));
        bot.menu("Window").menu(preferences).click();
        BotShell dialog = preferences();
        Bot form = dialog.bot();
        bot.waitUntil(Conditions.that("the connector type's page is listed",
                () -> form.tree().hasItem("IFPP Orchestration", "Connectors", page)), 20_000);
        form.tree().select("IFPP Orchestration", "Connectors", page);
        bot.waitUntil(Conditions.that("the page is shown", () -> {
            try {
                form.textWithId(settingId);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }));
        return form;
    }
}
