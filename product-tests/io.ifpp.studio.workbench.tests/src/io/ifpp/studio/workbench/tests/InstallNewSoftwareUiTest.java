package io.ifpp.studio.workbench.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import io.ifpp.ui.testing.Bot;
import io.ifpp.ui.testing.BotShell;
import io.ifpp.ui.testing.Conditions;
import io.ifpp.ui.testing.WorkbenchBot;

/**
 * A connector installed the way a user of the workbench installs one: Help > Install New Software, a local p2
 * repository added by its location, the connector's category ticked, unsigned content trusted, the changes applied
 * without restart; its preference page then appears under IFPP Orchestration > Connectors. Runs in the product as p2
 * installs it (the installation has a profile), with the third-party example connector's repository.
 */
class InstallNewSoftwareUiTest {

    private static final String EXAMPLE_BUNDLE = "com.example.vendorline.connector";
    private static final String EXAMPLE_CATEGORY = "Example Vendor Connectors";
    private static final String EXAMPLE_PAGE = "Example Vendor personalization line";
    /** Resolving, fetching and installing from a local repository takes seconds; the margin is for a busy CI. */
    private static final long INSTALL_TIMEOUT_MILLIS = 180_000;

    private static WorkbenchBot bot;

    @BeforeAll
    static void workbench() {
        bot = new WorkbenchBot();
    }

    @AfterEach
    void closeDialogs() {
        bot.closeAllShellsExceptWorkbench();
    }

    @Test
    void aConnectorInstalledWithInstallNewSoftwareAndAppliedGetsItsPreferencePage() throws Exception {
        Path repository = Path.of(System.getProperty("ifpp.example.repository"));
        assertTrue(Files.isRegularFile(repository.resolve("content.jar"))
                || Files.isRegularFile(repository.resolve("content.xml.xz")), "no p2 repository at " + repository);
        assertTrue(example().isEmpty(), "the example connector is in no product");

        bot.menu("Help").menu(menuItem("Help", "Install New Software")).click();
        BotShell install = bot.shell("Install");
        Bot wizard = install.bot();
        wizard.button("Add...").click();
        BotShell add = bot.shell("Add Repository");
        add.bot().textWithLabel("Name:").setText("Example Vendor");
        add.bot().textWithLabel("Location:").setText(repository.toUri().toString());
        add.bot().button("Add").click();
        bot.waitUntil(Conditions.shellCloses(add));

        bot.waitUntil(Conditions.that("the repository's category is listed",
                () -> wizard.tree().hasItem(EXAMPLE_CATEGORY)), INSTALL_TIMEOUT_MILLIS);
        wizard.tree().check(EXAMPLE_CATEGORY);
        bot.waitUntil(Conditions.that("Next is enabled", () -> wizard.button("Next >").isEnabled()));
        wizard.button("Next >").click();
        bot.waitUntil(Conditions.that("the install is resolved (Finish enabled)",
                () -> wizard.button("Finish").isEnabled()), INSTALL_TIMEOUT_MILLIS);
        wizard.button("Finish").click();

        // Our bundles are not signed: p2 asks whether to trust them, then whether to restart or apply.
        bot.waitUntil(Conditions.that("p2 asks to trust the content or to apply it",
                () -> bot.shellTitles().stream().anyMatch(t -> t.equals("Trust Artifacts")
                        || t.equals("Trust Authorities") || t.equals("Software Updates"))), INSTALL_TIMEOUT_MILLIS);
        for (String trust : List.of("Trust Authorities", "Trust Artifacts")) {
            if (bot.shellTitles().contains(trust)) {
                BotShell dialog = bot.shell(trust);
                dialog.bot().button("Select All").click();
                dialog.bot().button("Trust Selected").click();
                bot.waitUntil(Conditions.shellCloses(dialog));
            }
        }
        BotShell apply = bot.shell("Software Updates");
        apply.bot().button("Apply Changes Now").click();
        bot.waitUntil(Conditions.shellCloses(apply));

        bot.waitUntil(Conditions.that("the example connector's bundle is resolved in the running workbench",
                () -> example().filter(b -> (b.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0)
                        .isPresent()), INSTALL_TIMEOUT_MILLIS);
        bot.menu("Window").menu(menuItem("Window", "Preferences")).click();
        Bot preferences = bot.shell("Preferences").bot();
        bot.waitUntil(Conditions.that("the connector's page is listed under IFPP Orchestration > Connectors",
                () -> preferences.tree().hasItem("IFPP Orchestration", "Connectors", EXAMPLE_PAGE)), 30_000);
        preferences.tree().select("IFPP Orchestration", "Connectors", EXAMPLE_PAGE);
        bot.waitUntil(Conditions.that("the page shows the connector's settings from its metatype", () -> {
            try {
                preferences.textWithId("connector.setting.endpoint");
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }));
    }

    private static Optional<Bundle> example() {
        return Arrays.stream(FrameworkUtil.getBundle(InstallNewSoftwareUiTest.class).getBundleContext().getBundles())
                .filter(b -> b.getSymbolicName().equals(EXAMPLE_BUNDLE)).findFirst();
    }

    private static String menuItem(String menu, String prefix) {
        List<String> items = bot.menu(menu).menuItems();
        return items.stream().filter(item -> item.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + menu + " > " + prefix + " in " + items));
    }
}
