package io.ifpp.server.internal.cli.batch;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.CalendarShift;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.readiness.ReadinessHtml;
import io.ifpp.agreement.readiness.ReadinessReport;
import io.ifpp.core.AtomicFiles;
import io.ifpp.orchestration.output.ActivationSchedule;
import io.ifpp.orchestration.output.EimHandoff;
import io.ifpp.orchestration.output.ShippingManifest;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.orchestration.pipeline.BatchPlanning;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Simulation;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.EngineSessions;
import io.ifpp.server.internal.DataDirectory;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.batch.KeyFiles;
import io.ifpp.server.internal.batch.ProgressPrinter;
import io.ifpp.server.internal.batch.ServerEngines;
import io.ifpp.server.internal.cli.DatabaseOptions;
import io.ifpp.server.internal.cli.IfppCli;
import io.ifpp.server.internal.cli.NeedsClock;
import io.ifpp.server.internal.cli.agreement.PlanInputs;
import io.ifpp.server.internal.cli.agreement.ReadinessCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ifpp demo}: the example plan end to end on the embedded defaults, in this process: the planner picks the
 * profile set, a batch is made, the simulated SM-DP+ reserves the ICCIDs, the simulated vendor line personalizes it
 * (a few eUICCs fail and go again), and the manifest, activation schedule and readiness report are
 * written to an output folder. An example whose ship window has started already is run with all its dates moved
 * forward so that the window starts tomorrow ({@link CalendarShift}), and the summary says so: the demonstration
 * works whatever the day.
 */
@Command(name = "demo", description = "Run the example plan end to end (planner, SM-DP+ and vendor line "
        + "simulated in-process, embedded database) and write the manifest, activation schedule and readiness report.")
public final class DemoCommand extends NeedsClock.Command implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Option(names = "--plan", paramLabel = "PLAN", defaultValue = "${sys:ifpp.home:-.}/examples/plans/smart-water-meter.yaml",
            description = "The product plan (default: the example, ${DEFAULT-VALUE}).")
    Path plan;

    @Option(names = "--agreements", paramLabel = "FILE", defaultValue = "${sys:ifpp.home:-.}/examples/agreements",
            description = "Agreement file or folder (default: the examples, ${DEFAULT-VALUE}).")
    List<Path> agreements;

    @Option(names = "--quantity", defaultValue = "2000", description = "Devices (default: ${DEFAULT-VALUE}).")
    int quantity;

    @Option(names = "--failure-rate", defaultValue = "0.02",
            description = "Share of eUICCs the simulated line fails to personalize (default: ${DEFAULT-VALUE}).")
    double failureRate;

    @Option(names = { "-o", "--output" }, paramLabel = "DIR",
            description = "Output folder (default: outputs/<batch> in the data directory).")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        ProductPlan written = DesignFiles.readPlan(plan);
        CalendarShift shift = CalendarShift.toStartAfter(written, today);
        ProductPlan productPlan = shift.apply(written);
        ProfileDesigns designs = ProfileDesigns.beside(agreements.get(0));
        AgreementBook book = shift.apply(designs.measured(DesignFiles.readAgreements(agreements)));
        String dates = dates(written, productPlan, shift);
        err.println("planning " + productPlan.name() + " (" + dates + ") ...");
        PlanResult result = PlanInputs.plan(productPlan, book, designs, Duration.ofSeconds(5), today);
        String batchId = BatchCommand.newId("demo");
        BatchSpec batch = BatchPlanning.specOf(result, productPlan, book, designs, new BatchPlanning.Choices(quantity, true,
                Simulation.VENDOR, Simulation.SMDP, null, batchId,
                BatchPlanning.DEFAULT_ACTIVATION_LEAD_DAYS));
        BatchStore store = BatchCommand.store(database, clock);
        store.create(batchId, batch, BatchCommand.actor());
        Path data = DataDirectory.path();
        Path folder = output != null ? output : data.resolve("outputs").resolve(batchId);

        KeyFiles.Keys keys = KeyFiles.ephemeral();
        ProgressPrinter progress = new ProgressPrinter(err, System.console() != null);
        Engine.Summary summary;
        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        ServerEngines engines = new ServerEngines(store.database(), registry, data, keys,
                Engine.Settings.defaults("demo"), new ServerEngines.Simulated(failureRate, ""), clock);
        try (EngineSessions.Session session = engines.open(store.batch(batchId).orElseThrow())) {
            summary = session.engine().run(batchId, progress);
        } finally {
            progress.finish();
        }

        BatchCommand.writeFile(folder.resolve("manifest.csv"), store, batchId, ShippingManifest::writeCsv);
        BatchCommand.writeFile(folder.resolve("manifest.json"), store, batchId, ShippingManifest::writeJson);
        BatchCommand.writeFile(folder.resolve("activation-schedule.csv"), store, batchId, ActivationSchedule::writeCsv);
        BatchCommand.writeFile(folder.resolve("activation-schedule.json"), store, batchId, ActivationSchedule::writeJson);
        if (batch.eim() != null) {
            BatchCommand.writeFile(folder.resolve("eim-handoff.csv"), store, batchId, EimHandoff::writeCsv);
            BatchCommand.writeFile(folder.resolve("eim-handoff.json"), store, batchId, EimHandoff::writeJson);
        }
        // The demo's batch runs on the simulated vendor line and SM-DP+, standing in for every connector named.
        ReadinessReport readiness = ReadinessReport.of(productPlan, book, result,
                new ReadinessReport.Integrations(ReadinessCommand.installedConnectors(), true), designs, today);
        AtomicFiles.write(folder.resolve("readiness.html"),
                ReadinessHtml.render(readiness, result).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(folder.resolve("readiness.json"),
                DesignFiles.toJson(readiness).getBytes(StandardCharsets.UTF_8));

        out.printf(Locale.ROOT, "IFPP demo, simulated batch %s (%s)%n", batchId, productPlan.name());
        out.printf(Locale.ROOT, "  devices     %,d: %,d scheduled for activation, %,d void%n", summary.devices(),
                summary.count(Stage.ACTIVATION_SCHEDULED), summary.count(Stage.VOID));
        out.printf(Locale.ROOT, "  profiles    %d per eUICC (%s), %,d ICCIDs reserved at the SM-DP+%n",
                batch.profiles().size(), String.join(", ", batch.profiles().stream()
                        .map(BatchSpec.ProfileSpec::agreementId).toList()),
                summary.devices() * batch.profiles().size());
        out.println("  loaded      per operator, content checked (each installed package's SHA-256 is the one ordered):");
        for (BatchSpec.ProfileSpec profile : batch.profiles()) {
            out.printf(Locale.ROOT, "                %s: %,d packages of %s (design %s, SHA-256 %s...)%n",
                    profile.operator(), summary.count(Stage.ACTIVATION_SCHEDULED), profile.agreementId(),
                    book.agreement(profile.agreementId()).map(a -> a.profile().design()).orElse("?"),
                    profile.designSha256().substring(0, 16));
        }
        out.printf(Locale.ROOT, "  content     %,d eUICCs held with other content than ordered%n",
                summary.count(Stage.CONTENT_MISMATCH));
        out.printf(Locale.ROOT, "  eIM         %s%n", batch.eim() == null ? "none (the plan names no eim)"
                : batch.eim().id() + " given to each eUICC with its own association token (SGP.32); hand-off in "
                        + folder.resolve("eim-handoff.json").toAbsolutePath() + " and .csv");
        out.printf(Locale.ROOT, "  countries   %d%n", batch.markets().size());
        out.printf(Locale.ROOT, "  dates       %s%n", dates);
        out.printf(Locale.ROOT, "  failures    %,d eUICCs re-queued for personalization, %,d mismatches%n",
                summary.repersonalized(), summary.mismatches());
        out.printf(Locale.ROOT, "  readiness   %s%n", readiness.verdict());
        out.printf(Locale.ROOT, "  time        %.1f s%n", (System.nanoTime() - start) / 1e9);
        out.println("Outputs in " + folder.toAbsolutePath() + ":");
        out.println("  manifest.csv manifest.json activation-schedule.csv activation-schedule.json readiness.html "
                + "readiness.json" + (batch.eim() == null ? "" : " eim-handoff.csv eim-handoff.json"));
        return summary.state().equals("COMPLETED") ? 0 : IfppCli.EXIT_FAILURE;
    }

    /** What the demonstration does about dates, in one phrase. */
    private static String dates(ProductPlan written, ProductPlan run, CalendarShift shift) {
        ProductPlan.ShipWindow window = run.shipWindow();
        if (shift.none()) {
            return "ship window " + window.from() + " to " + window.until() + ", as written";
        }
        return "ship window moved to start tomorrow for the demonstration: " + window.from() + " to " + window.until()
                + " (written " + written.shipWindow().from() + " to " + written.shipWindow().until()
                + "); every date of the plan and its agreements moved " + shift.days() + " days with it";
    }
}
