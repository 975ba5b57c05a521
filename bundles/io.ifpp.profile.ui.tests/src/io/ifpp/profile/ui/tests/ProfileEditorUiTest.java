package io.ifpp.profile.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ifpp.fixtures.Fixtures;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ui.internal.ProfileEditor;
import io.ifpp.ui.testing.Conditions;
import io.ifpp.ui.testing.UIThread;
import io.ifpp.ui.testing.WorkbenchBot;

/** The profile editor on a real TS.48 package in the workspace, driven through its widgets and the menus. */
class ProfileEditorUiTest {

    private static final String FIXTURE = Fixtures.SAIP_PROFILES.get(2);
    private static WorkbenchBot bot;
    private IFile file;
    private byte[] original;

    @BeforeAll
    static void workbench() {
        bot = new WorkbenchBot();
    }

    @BeforeEach
    void importFixture() throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("Profiles");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        original = Fixtures.saipDer(FIXTURE);
        file = project.getFile("ts48-" + System.nanoTime() + ".der");
        file.create(new ByteArrayInputStream(original), true, null);
    }

    @AfterEach
    void closeEditors() {
        bot.closeAllShellsExceptWorkbench();
        UIThread.syncExec(() -> {
            PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        });
    }

    private static IEditorPart open(IFile file) {
        return UIThread.syncExec(() -> {
            try {
                return IDE.openEditor(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), file);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void changeTheSpnSaveReopenAndOnlyEfSpnChanged() throws Exception {
        IEditorPart editor = open(file);
        assertTrue(editor instanceof ProfileEditor, "a .der file opens in the profile editor: " + editor);
        bot.cTabItem("Identity and Network").activate();
        var spn = bot.textWithId("identity.spn");
        assertEquals("GSMA_TEST", spn.getText(), "the TS.48 name, from EF.SPN's fill pattern");
        spn.setText("IFPP Test").pressEnter();
        bot.waitUntil(Conditions.that("the editor to be dirty", () -> UIThread.syncExec(editor::isDirty)));

        bot.menu("File").menu("Save").click();
        bot.waitUntil(Conditions.that("the editor to be saved", () -> !UIThread.syncExec(editor::isDirty)));

        byte[] saved = file.readAllBytes();
        ProfilePackage expected = OperationalProfile.of(ProfileCodec.decode(original)).withSpn("IFPP Test").toPackage();
        assertArrayEquals(ProfileCodec.encode(expected), saved);
        ProfilePackage before = ProfileCodec.decode(original);
        ProfilePackage after = ProfileCodec.decode(saved);
        int usim = before.elementKinds().indexOf("usim");
        for (int i = 0; i < before.elements().size(); i++) {
            if (i != usim) {
                assertEquals(before.elements().get(i), after.elements().get(i), "element " + (i + 1) + " unchanged");
            }
        }
        assertEquals(original.length + 19, saved.length, "EF.SPN gains a 17-byte fillFileContent step");

        closeEditors();
        open(file);
        bot.cTabItem("Identity and Network").activate();
        assertEquals("IFPP Test", bot.textWithId("identity.spn").getText());
        byte[] png = java.nio.file.Files.readAllBytes(bot.captureScreenshot(java.nio.file.Path.of("target", "screenshots",
                "profile-editor.png")));
        assertTrue(png.length > 10_000, "a screenshot of the editor for docs/");
    }

    @Test
    void anInvalidIccidShowsAProblemsMarkerAndUndoRemovesIt() throws Exception {
        IEditorPart editor = open(file);
        bot.textWithId("overview.iccid").setText("89000123456789012342").pressEnter();
        bot.waitUntil(Conditions.that("an iccid-luhn marker on the file", () -> markers().stream()
                .anyMatch(m -> "iccid-luhn".equals(m.getAttribute("rule", "")))));
        IMarker luhn = markers().stream().filter(m -> "iccid-luhn".equals(m.getAttribute("rule", ""))).findFirst().orElseThrow();
        assertEquals(IMarker.SEVERITY_ERROR, luhn.getAttribute(IMarker.SEVERITY, -1));
        assertTrue(luhn.getAttribute(IMarker.MESSAGE, "").contains("expected check digit 1, found check digit 2"));

        var problems = bot.viewByTitle("Problems").show().bot().tree();
        bot.waitUntil(Conditions.that("the Problems view to list the error", () -> problems.itemTexts().stream()
                .anyMatch(t -> t.startsWith("Errors"))));

        // Opening the marker (a double-click in Problems) shows its element in the Elements page.
        UIThread.syncExec(() -> {
            try {
                IDE.openEditor(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), luhn);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        var elements = bot.treeWithId("elements.tree");
        bot.waitUntil(Conditions.that("the header element to be selected", () -> UIThread.syncExec(() -> {
            var selection = elements.widget.getSelection();
            return selection.length == 1 && selection[0].getText().equals("value1 header");
        })));

        // Undo follows the active part: back to the editor, as a person would click into it.
        UIThread.syncExec(() -> {
            PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().activate(editor);
        });
        bot.menu("Edit").menu("Undo Change ICCID").click();
        bot.waitUntil(Conditions.that("the marker to go with the undo", () -> markers().stream()
                .noneMatch(m -> "iccid-luhn".equals(m.getAttribute("rule", "")))));
        assertFalse(UIThread.syncExec(editor::isDirty), "undo brings back the saved state");
    }

    @Test
    void elementsTreeFeedsThePropertiesViewWithKeysMasked() {
        open(file);
        bot.cTabItem("Elements").activate();
        var tree = bot.treeWithId("elements.tree");
        tree.select("value1 header", "iccid '89000123456789012341'H");
        var properties = bot.viewByTitle("Properties").show().bot().tree();
        bot.waitUntil(Conditions.that("the Properties view to show the ICCID's length",
                () -> properties.itemTexts().contains("Length")));
        UIThread.syncExec(() -> {
            PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                    .activate(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().getActiveEditor());
        });
        int aka = ProfileCodecHolder.akaIndex(original);
        assertTrue(tree.hasItem("value" + (aka + 1) + " akaParameter", "algoConfiguration : algoParameter", "algoParameter",
                "key \u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022 (16 bytes)"), "the key shows masked in the tree");
    }

    @Test
    void keysAreMaskedUntilRevealed() {
        open(file);
        bot.cTabItem("Security").activate();
        var page = bot;
        String firstAka = page.widgets(org.eclipse.swt.widgets.Label.class).stream()
                .map(l -> UIThread.syncExec(() -> (String) l.getData(io.ifpp.ui.Widgets.ID_KEY)))
                .filter(id -> id != null && id.startsWith("security.aka") && id.endsWith(".key")).findFirst().orElseThrow();
        String masked = page.labelWithId(firstAka).getText();
        assertTrue(masked.startsWith("\u2022") && masked.endsWith("(16 bytes)"), masked);
        for (var label : page.widgets(org.eclipse.swt.widgets.Label.class)) {
            String text = UIThread.syncExec(label::getText);
            assertFalse(text.contains("000102030405060708090A0B0C0D0E0F"), "no key in clear before Reveal: " + text);
            assertFalse(text.contains("30303030"), "no PIN in clear before Reveal: " + text);
        }
        page.button("Reveal").click();
        bot.waitUntil(Conditions.that("the key to show once revealed",
                () -> page.labelWithId(firstAka).getText().matches("[0-9A-F]{32}")));
    }

    private List<IMarker> markers() {
        try {
            return Arrays.asList(file.findMarkers("io.ifpp.profile.ui.problem", false, IResource.DEPTH_ZERO));
        } catch (org.eclipse.core.runtime.CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void newProfileWizardCreatesAValidPackageFromTheBuiltInTemplate() throws Exception {
        bot.menu("File").menu("New").menu("SAIP Profile Package").click();
        var wizard = bot.shell("New SAIP Profile Package");
        wizard.bot().textWithLabel("Enter or select the parent folder:").setText("Profiles");
        wizard.bot().textWithLabel("File name:").setText("from-template.der");
        wizard.bot().button("Next >").click();
        wizard.bot().button("Finish").click();
        bot.waitUntil(Conditions.shellCloses(wizard));

        IFile created = ResourcesPlugin.getWorkspace().getRoot().getProject("Profiles").getFile("from-template.der");
        assertTrue(created.exists());
        ProfilePackage profile = ProfileCodec.decode(created.readAllBytes());
        assertEquals(List.of(), io.ifpp.profile.ProfileValidator.validate(profile));
        bot.waitUntil(Conditions.that("the new profile to open in the editor", () -> UIThread.syncExec(() -> PlatformUI
                .getWorkbench().getActiveWorkbenchWindow().getActivePage().getActiveEditor() instanceof ProfileEditor)));
        assertEquals("IFPP operational USIM (Milenage)", bot.labelWithId("overview.profileType").getText());
        created.delete(true, null);
    }

    /** Where the first akaParameter element is. */
    private static final class ProfileCodecHolder {
        static int akaIndex(byte[] der) {
            try {
                return ProfileCodec.decode(der).elementKinds().indexOf("akaParameter");
            } catch (io.ifpp.profile.asn1.Asn1DecodeException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
