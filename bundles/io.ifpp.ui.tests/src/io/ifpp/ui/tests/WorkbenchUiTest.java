package io.ifpp.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.ifpp.core.ProductInfo;
import io.ifpp.ui.internal.handlers.NewIfppProjectHandler;
import io.ifpp.ui.internal.workspace.IfppProjects;
import io.ifpp.ui.testing.BotButton;
import io.ifpp.ui.testing.BotShell;
import io.ifpp.ui.testing.BotTree;
import io.ifpp.ui.testing.Conditions;
import io.ifpp.ui.testing.WorkbenchBot;

/** What a provisioning architect sees when IFPP Studio starts, read from the real widgets. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchUiTest {

    private static WorkbenchBot bot;

    @BeforeAll
    static void workbenchIsUp() {
        bot = new WorkbenchBot();
    }

    @AfterEach
    void closeDialogsLeftOpen() {
        bot.closeAllShellsExceptWorkbench();
    }

    @Test
    @Order(1)
    void windowIsTitledIfppStudioAndOpensTheIfppPerspective() {
        assertEquals("IFPP Studio", bot.workbenchShell().getText());
        assertEquals("io.ifpp.ui.perspective", bot.activePerspectiveId());
        assertEquals("IFPP", bot.activePerspectiveLabel());
    }

    @Test
    @Order(2)
    void perspectiveHoldsTheIdeViewsArchitectsExpect() {
        List<String> views = bot.viewTitles();
        for (String expected : List.of("Project Explorer", "Problems", "Progress", "Properties")) {
            assertTrue(views.contains(expected), expected + " missing from " + views);
        }
        assertTrue(bot.viewByTitle("Project Explorer").show().isActive());
    }

    @Test
    @Order(3)
    void aboutDialogStatesProductAndVersion() {
        bot.menu("Help").menu("About IFPP Studio").click();
        BotShell about = bot.shell("About IFPP Studio");
        assertEquals("IFPP Studio", about.bot().labelWithId("about.name").getText());
        assertEquals("Version " + ProductInfo.shortVersion() + " (build " + ProductInfo.version().getQualifier() + ")",
                about.bot().labelWithId("about.version").getText());
        about.bot().button("Close").click();
        bot.waitUntil(Conditions.shellCloses(about));
    }

    @Test
    @Order(4)
    void newIfppProjectCommandCreatesTheProjectAndProjectExplorerShowsIt() {
        assertTrue(bot.menu("IFPP").menuItems().contains("New IFPP Project..."));
        bot.menu("IFPP").menu("New IFPP Project...").click();
        BotShell dialog = bot.shell(NewIfppProjectHandler.DIALOG_TITLE);
        BotButton ok = dialog.bot().button("OK");

        dialog.bot().text().setText("bad/name");
        bot.waitUntil(Conditions.that("OK to be disabled for an invalid name", () -> !ok.isEnabled()));
        assertTrue(dialog.bot().text(1).getText().contains("/"), "the error names the offending character");

        dialog.bot().text().setText("Acme Tracker");
        bot.waitUntil(Conditions.that("OK to be enabled for a valid name", ok::isEnabled));
        ok.click();
        bot.waitUntil(Conditions.shellCloses(dialog));

        BotTree explorer = bot.viewByTitle("Project Explorer").bot().tree();
        bot.waitUntil(Conditions.treeHasItem(explorer, "Acme Tracker", "profiles"));
        for (String folder : IfppProjects.FOLDERS) {
            assertTrue(explorer.hasItem("Acme Tracker", folder), folder);
        }
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("Acme Tracker");
        assertTrue(project.isOpen());
        assertTrue(project.getFolder("agreements").exists());
    }

    @Test
    @Order(5)
    void sameProjectNameIsRefused() {
        bot.menu("IFPP").menu("New IFPP Project...").click();
        BotShell dialog = bot.shell(NewIfppProjectHandler.DIALOG_TITLE);
        dialog.bot().text().setText("Acme Tracker");
        BotButton ok = dialog.bot().button("OK");
        bot.waitUntil(Conditions.that("OK to be disabled for an existing project", () -> !ok.isEnabled()));
        assertEquals("A project named 'Acme Tracker' already exists in the workspace.", dialog.bot().text(1).getText());
        dialog.bot().button("Cancel").click();
        bot.waitUntil(Conditions.shellCloses(dialog));
        assertFalse(bot.shellTitles().contains(NewIfppProjectHandler.DIALOG_TITLE));
    }

    @Test
    @Order(6)
    void screenshotOfTheWorkbench() throws Exception {
        Path png = bot.captureScreenshot(Path.of("target", "screenshots", "ifpp-studio.png"));
        byte[] head = Files.readAllBytes(png);
        assertTrue(head.length > 10_000, "a screenshot of a whole window is more than a few bytes: " + head.length);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }
}
