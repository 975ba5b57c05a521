package io.ifpp.orchestration.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.Simulation;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.ui.internal.OrchestrationView;
import io.ifpp.orchestration.ui.internal.source.EmbeddedBatchSource;
import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.ui.testing.Bot;
import io.ifpp.ui.testing.BotShell;
import io.ifpp.ui.testing.BotTable;
import io.ifpp.ui.testing.BotView;
import io.ifpp.ui.testing.Conditions;
import io.ifpp.ui.testing.ExampleProjects;
import io.ifpp.ui.testing.UIThread;
import io.ifpp.ui.testing.WorkbenchBot;

/**
 * The orchestration view on the workspace's embedded database: a batch made from the repository's example plan
 * through New Batch, run from the view's Run action and read back from the stage counts; drill-down to a stage and
 * to a device's history; a batch of a million devices scrolled to its last device.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrchestrationUiTest {

    private static final long RUN_TIMEOUT_MS = 180_000;
    private static WorkbenchBot bot;
    private static BotView view;

    @BeforeAll
    static void workspaceWithExamplesAndTheView() throws Exception {
        bot = new WorkbenchBot();
        ExampleProjects.withExamples("Orchestration", "agreements", "plans", "profiles");
        UIThread.syncExec(() -> {
            try {
                page().showView(OrchestrationView.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
        view = bot.viewById(OrchestrationView.ID);
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    @AfterEach
    void closeDialogs() {
        bot.closeAllShellsExceptWorkbench();
    }

    private static String status() {
        return view.bot().labelWithId("orchestration.status").getText();
    }

    private static long count(Stage stage) {
        String text = view.bot().labelWithId("orchestration.count." + stage.name()).getText();
        return Long.parseLong(text.replace(",", ""));
    }

    private static boolean noRunGoing() {
        return Job.getJobManager().find("io.ifpp.orchestration.ui.run").length == 0;
    }

    @Test
    @Order(1)
    void aSmallBatchMadeAndRunFromTheViewEndsScheduledStageByStage() throws Exception {
        view.toolbarButton("New Batch\u2026").click();
        BotShell dialog = bot.shell("New Batch");
        Bot form = dialog.bot();
        form.textWithId("newBatch.plan").setText("/Orchestration/plans/smart-water-meter.yaml");
        form.textWithId("newBatch.agreements").setText("/Orchestration/agreements");
        form.textWithId("newBatch.quantity").setText("50");
        form.button("Create").click();
        bot.waitUntil(Conditions.shellCloses(dialog));
        bot.waitUntil(Conditions.that("the batch is created", () -> status().contains(" created: 50 devices")), 60_000);
        Matcher created = Pattern.compile("^Simulated batch (\\S+) created").matcher(status());
        assertTrue(created.find(), status());
        String batchId = created.group(1);
        bot.waitUntil(Conditions.that("the new batch shows 50 planned devices", () -> count(Stage.PLANNED) == 50));
        BotTable batches = view.bot().tableWithId("orchestration.batches");
        int row = batches.columnTexts(0).indexOf(batchId);
        assertEquals("OPEN", batches.cell(row, 2));
        assertEquals("[simulated] Smart water meter, one SKU for 30 markets (example)", batches.cell(row, 1),
                "the workbench's batches are simulated, and the list says so");
        assertEquals("50", batches.cell(row, 3));

        view.toolbarButton("Run").click();
        bot.waitUntil(Conditions.that("the run ends with every device settled", () -> noRunGoing()
                && count(Stage.ACTIVATION_SCHEDULED) + count(Stage.VOID) == 50), RUN_TIMEOUT_MS);

        long voided = count(Stage.VOID);
        assertEquals(50 - voided, count(Stage.ACTIVATION_SCHEDULED), "every device not voided is scheduled");
        for (Stage stage : Stage.values()) {
            if (stage != Stage.ACTIVATION_SCHEDULED && stage != Stage.VOID) {
                assertEquals(0, count(stage), stage + " is empty once the run ended");
            }
        }
        assertEquals(0, voided, "the simulated line fails no personalization by default");
        bot.waitUntil(Conditions.that("the batch is COMPLETED in the list",
                () -> "COMPLETED".equals(batches.cell(batches.columnTexts(0).indexOf(batchId), 2))));
        assertTrue(status().startsWith("Batch " + batchId + " completed: 50 scheduled"), status());

        // Drill-down: a stage's devices, then one device's history.
        BotTable devices = view.bot().tableWithId("orchestration.devices");
        view.bot().buttonWithId("orchestration.stage.PLANNED").click();
        bot.waitUntil(Conditions.that("no device is left in PLANNED", () -> devices.rowCount() == 0));
        view.bot().buttonWithId("orchestration.stage.ACTIVATION_SCHEDULED").click();
        bot.waitUntil(Conditions.that("the scheduled devices are listed", () -> devices.rowCount() == 50
                && "ACTIVATION_SCHEDULED".equals(devices.cell(49, 1))));
        assertEquals("0", devices.cell(0, 0));
        assertTrue(devices.cell(0, 3).startsWith("89049032"), "an EID of the simulated EUM: " + devices.cell(0, 3));
        assertEquals(batchId + "-0000001", devices.cell(0, 4), "serials are the batch id and the device number");
        assertEquals(5, devices.cell(0, 5).split(" ").length, "the five profiles of the plan's set");
        for (String iccid : devices.cell(0, 5).split(" ")) {
            assertTrue(iccid.startsWith("89999"), "an ICCID of the range reserved for simulation: " + iccid);
        }
        assertTrue(devices.cell(0, 6).matches("\\d{4}-\\d{2}-\\d{2}.*"), devices.cell(0, 6));

        devices.select(7);
        bot.waitUntil(Conditions.that("device 7's history is shown", () -> view.bot()
                .labelWithId("orchestration.device").getText().startsWith("Device 7 of batch " + batchId)));
        BotTable history = view.bot().tableWithId("orchestration.history");
        List<String> actions = history.columnTexts(3);
        assertTrue(actions.contains("batch.create"), "the batch's creation: " + actions);
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("order.")), "its order's steps: " + actions);
        assertEquals("batch " + batchId, history.cell(actions.indexOf("batch.create"), 4));

        view.bot().buttonWithId("orchestration.stage.all").click();
        bot.waitUntil(Conditions.that("every stage again", () -> devices.rowCount() == 50));
        screenshot();
    }

    /** The view maximized, for docs/orchestration-view.png (copied from target/screenshots). */
    private static void screenshot() throws Exception {
        UIThread.syncExec(() -> page().setPartState(page().findViewReference(OrchestrationView.ID),
                IWorkbenchPage.STATE_MAXIMIZED));
        bot.sleep(800); // let the maximized view paint before the capture
        Path png = bot.captureScreenshot(Path.of("target", "screenshots", "orchestration-view.png"));
        assertTrue(Files.size(png) > 10_000, "a screenshot of the orchestration view for docs/");
        UIThread.syncExec(() -> page().setPartState(page().findViewReference(OrchestrationView.ID),
                IWorkbenchPage.STATE_RESTORED));
    }

    @Test
    @Order(2)
    void aMillionDeviceBatchScrollsToItsLastDeviceWithoutHoldingTheUiThread() throws Exception {
        byte[] design = ProfileCodec.encode(BuiltInTemplates.ALL.get(0).load());
        BatchSpec.ProfileSpec eu = new BatchSpec.ProfileSpec("eu-iot", "nordlicht", "262-91", "eu-iot-v1", "894991",
                design);
        BatchSpec.ProfileSpec americas = new BatchSpec.ProfileSpec("americas-iot", "prairie", "310-910",
                "americas-iot-v1", "8901910", design);
        BatchSpec spec = new BatchSpec("million", 1_000_000, Simulation.VENDOR, Simulation.SMDP, Simulation.EID_PREFIX, "M",
                3, List.of(eu, americas), List.of(new BatchSpec.MarketSpec("DE", 5, "eu-iot"),
                        new BatchSpec.MarketSpec("FR", 3, "eu-iot"), new BatchSpec.MarketSpec("US", 2, "americas-iot")),
                true);
        String batchId = "million-" + Long.toString(System.nanoTime(), 36);
        long start = System.nanoTime();
        EmbeddedBatchSource.workspace().create(batchId, spec);
        System.out.printf(Locale.ROOT, "a batch of 1,000,000 devices created in the embedded database in %.1f s%n",
                (System.nanoTime() - start) / 1e9);

        view.toolbarButton("Refresh").click();
        BotTable batches = view.bot().tableWithId("orchestration.batches");
        bot.waitUntil(Conditions.that("the batch is listed", () -> batches.columnTexts(0).contains(batchId)), 60_000);
        batches.select(batches.columnTexts(0).indexOf(batchId));
        bot.waitUntil(Conditions.that("its million planned devices are counted",
                () -> count(Stage.PLANNED) == 1_000_000), 60_000);
        BotTable devices = view.bot().tableWithId("orchestration.devices");
        bot.waitUntil(Conditions.that("the table holds a row per device", () -> devices.rowCount() == 1_000_000));
        bot.waitUntil(Conditions.that("the first page is shown", () -> "0".equals(devices.cell(0, 0))), 30_000);

        long scroll = System.nanoTime();
        devices.showRow(999_999);
        long scrollMillis = (System.nanoTime() - scroll) / 1_000_000;
        long ping = System.nanoTime();
        UIThread.waitForIdle();
        long pingMillis = (System.nanoTime() - ping) / 1_000_000;
        bot.waitUntil(Conditions.that("the last device's row is read", () -> "999999".equals(devices.cell(999_999, 0))),
                30_000);
        long loadedMillis = (System.nanoTime() - scroll) / 1_000_000;
        System.out.printf(Locale.ROOT, "scrolled to row 999,999 in %d ms (UI thread free again after %d ms), its page "
                + "read after %d ms%n", scrollMillis, pingMillis, loadedMillis);

        // GTK places rows it has not measured by an estimate, and settles the scroll position as it measures them.
        bot.waitUntil(Conditions.that("the table shows its end (top row " + devices.topIndex() + ")",
                () -> devices.topIndex() > 999_000), 30_000);
        assertEquals("PLANNED", devices.cell(999_999, 1));
        assertEquals("US", devices.cell(999_999, 2), "the last market's devices come last");
        // The UI thread reads no database: scrolling to the end returns at once, the page arrives later.
        assertTrue(scrollMillis < 5_000, "scrolling to the end held the UI thread " + scrollMillis + " ms");
        assertTrue(pingMillis < 5_000, "the UI thread answered after " + pingMillis + " ms");
        assertTrue(UIThread.syncExec(() -> Job.getJobManager().currentJob() == null), "no job on the UI thread");
    }
}
