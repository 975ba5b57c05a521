package io.ifpp.agreement.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ui.internal.AgreementEditor;
import io.ifpp.agreement.ui.internal.PlannerView;
import io.ifpp.ui.testing.BotTable;
import io.ifpp.ui.testing.ExampleProjects;
import io.ifpp.ui.testing.Conditions;
import io.ifpp.ui.testing.UIThread;
import io.ifpp.ui.testing.WorkbenchBot;

/** The SKU planner view and the agreement editor on the repository's examples, copied into a workspace project. */
class PlannerUiTest {

    private static final Path EXAMPLES = ExampleProjects.EXAMPLES;
    private static WorkbenchBot bot;
    private static IProject project;

    @BeforeAll
    static void workspaceWithExamples() throws Exception {
        bot = new WorkbenchBot();
        project = ExampleProjects.withExamples("Planning", "agreements", "plans", "profiles");
    }

    @AfterEach
    void closeEditors() {
        bot.closeAllShellsExceptWorkbench();
        UIThread.syncExec(() -> {
            PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().closeAllEditors(false);
        });
    }

    @Test
    void runThePlannerFromTheViewAndReadTheChosenSet() throws Exception {
        UIThread.syncExec(() -> {
            try {
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(PlannerView.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        bot.textWithId("planner.plan").setText("/Planning/plans/smart-water-meter.yaml");
        bot.textWithId("planner.agreements").setText("/Planning/agreements");
        bot.button("Run Planner").click();
        bot.waitUntil(Conditions.that("the planner reports its result",
                () -> bot.labelWithId("planner.summary").getText().contains("profile(s), total")), 60_000);

        String summary = bot.labelWithId("planner.summary").getText();
        assertTrue(summary.contains(": optimal, 5 profile(s), total ") && summary.contains(" EUR"), summary);
        BotTable profiles = bot.tableWithId("planner.profiles");
        List<String> chosen = profiles.columnTexts(0);
        assertEquals(List.of("anatolia-tr", "cruzeiro-latam", "ganges-in", "globalm2m-world", "nordlicht-eu-iot"),
                chosen.stream().sorted().toList());
        assertFalse(profiles.cell(chosen.indexOf("anatolia-tr"), 4).isBlank(), "each profile says why it is in");
        bot.cTabItem("Markets").activate();
        BotTable markets = bot.tableWithId("planner.markets");
        assertEquals(30, markets.rowCount());
        assertEquals("cruzeiro-latam", markets.cell(markets.columnTexts(0).indexOf("BR"), 2));
        bot.cTabItem("Coverage").activate();
        BotTable coverage = bot.tableWithId("planner.coverage");
        assertEquals(30, coverage.rowCount());
        assertTrue(coverage.columnHeaders().contains("globalm2m-world"));
        bot.cTabItem("Readiness").activate();
        assertEquals("Verdict: in-factory provisioning, simulated partners",
                bot.labelWithId("planner.verdict").getText());

        UIThread.syncExec(() -> {
            var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            page.setPartState(page.findViewReference(PlannerView.ID), org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED);
        });
        bot.cTabItem("Chosen profiles").activate();
        bot.sleep(500); // let the maximized view paint before the capture
        Path png = bot.captureScreenshot(Path.of("target", "screenshots", "planner-view.png"));
        assertTrue(Files.size(png) > 10_000, "a screenshot of the planner for docs/");
        bot.cTabItem("Cost by profiles").activate();
        bot.sleep(500);
        bot.captureScreenshot(Path.of("target", "screenshots", "planner-cost-chart.png"));
        UIThread.syncExec(() -> {
            var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            page.setPartState(page.findViewReference(PlannerView.ID), org.eclipse.ui.IWorkbenchPage.STATE_RESTORED);
        });
    }

    @Test
    void editAnAgreementInTheEditorSaveAndReadItBack() throws Exception {
        IFile file = project.getFile("agreements/edited-" + System.nanoTime() + ".yaml");
        file.create(new ByteArrayInputStream(Files.readAllBytes(EXAMPLES.resolve("agreements/agreements.yaml"))), true,
                null);
        IFile operators = project.getFile("agreements/operators.yaml");
        assertTrue(operators.exists());
        IEditorPart editor = UIThread.syncExec(() -> {
            try {
                return IDE.openEditor(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), file,
                        AgreementEditor.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(editor instanceof AgreementEditor, String.valueOf(editor));
        BotTable table = bot.tableWithId("agreements.table");
        assertEquals(16, table.rowCount());
        assertEquals("nordlicht-eu-iot", table.cell(0, 0));
        String design = bot.textWithId("agreement.design").getText();
        assertTrue(design.matches("profiles/nordlicht-eu-iot\\.der \\([0-9,]+ bytes installed, \\d+ KB counted\\)"),
                design);
        bot.buttonWithId("agreement.openDesign").click();
        bot.waitUntil(Conditions.that("the design opens in the profile editor", () -> UIThread.syncExec(() -> {
            IEditorPart active = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().getActiveEditor();
            return active != null && active.getEditorInput().getName().equals("nordlicht-eu-iot.der")
                    && active.getSite().getId().equals("io.ifpp.profile.ui.editor");
        })));
        String users = bot.labelWithId("overview.agreements").getText();
        assertTrue(users.contains("nordlicht-eu-iot") && !users.contains("hexagone-fr"),
                "the profile editor lists the agreements that use the design: " + users);
        UIThread.syncExec(() -> PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().activate(editor));

        bot.textWithId("agreement.quota").setText("12x").pressEnter();
        assertFalse(UIThread.syncExec(editor::isDirty), "a quota that is not a number changes nothing");

        bot.textWithId("agreement.quota").setText("250000").pressEnter();
        assertTrue(UIThread.syncExec(editor::isDirty));
        assertEquals("250,000", table.cell(0, 5));

        bot.textWithId("agreement.validUntil").setText("2020-01-01").pressEnter();
        assertEquals("2020-01-01", table.cell(0, 4));
        List<String> rules = new java.util.ArrayList<>();
        for (IMarker marker : file.findMarkers(AgreementEditor.MARKER, false, IResource.DEPTH_ZERO)) {
            rules.add(marker.getAttribute("rule", "") + ": " + marker.getAttribute(IMarker.MESSAGE, ""));
        }
        assertTrue(rules.stream().anyMatch(r -> r.startsWith("validity: ")),
                "the validity ending before it starts is a problem marker: " + rules);
        bot.textWithId("agreement.validUntil").setText("2031-12-31").pressEnter();

        UIThread.syncExec(() -> editor.doSave(null));
        assertFalse(UIThread.syncExec(editor::isDirty));
        var saved = DesignFiles.readAgreements(file.getLocation().toPath());
        assertEquals(250_000, saved.agreements().get(0).profileQuota());
        assertEquals(DesignFiles.readAgreements(EXAMPLES.resolve("agreements/agreements.yaml")).agreements().subList(1, 16),
                saved.agreements().subList(1, 16), "the other agreements are unchanged");
    }
}
