package io.ifpp.server.internal.cli.batch;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.json.JsonMapper;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.core.AtomicFiles;
import io.ifpp.orchestration.output.ActivationSchedule;
import io.ifpp.orchestration.output.EimHandoff;
import io.ifpp.orchestration.output.ShippingManifest;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.orchestration.pipeline.BatchPlanning;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.KeptPackages;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.EngineSessions;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;
import io.ifpp.server.internal.DataDirectory;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.batch.HeapSampler;
import io.ifpp.server.internal.batch.KeyFiles;
import io.ifpp.server.internal.batch.ProgressPrinter;
import io.ifpp.server.internal.batch.ServerEngines;
import io.ifpp.server.internal.cli.DatabaseOptions;
import io.ifpp.server.internal.cli.IfppCli;
import io.ifpp.server.internal.cli.NeedsClock;
import io.ifpp.server.internal.cli.NeedsPasswords;
import io.ifpp.server.internal.cli.OwnerOnlyFiles;
import io.ifpp.server.internal.cli.PasswordSource;
import io.ifpp.server.internal.cli.TerminalText;
import io.ifpp.server.internal.cli.agreement.PlanInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp batch create|run|status|resume|cancel|manifest|schedule}: manufacturing batches. */
@Command(name = "batch", description = "Manufacturing batches: from a plan to the shipping manifest and activation "
        + "schedule.", subcommands = { BatchCommand.Create.class, BatchCommand.Run.class, BatchCommand.Status.class,
                BatchCommand.Resume.class, BatchCommand.Cancel.class, BatchCommand.Manifest.class,
                BatchCommand.Schedule.class, BatchCommand.EimHandoffFile.class, BatchCommand.Packages.class })
public final class BatchCommand {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private BatchCommand() {
    }

    static BatchStore store(DatabaseOptions options, Clock clock) throws Exception {
        Database database = options.open();
        Migrations.apply(database);
        return new BatchStore(database, clock);
    }

    static String actor() {
        return System.getProperty("user.name", "unknown");
    }

    static BatchStore.BatchInfo batch(BatchStore store, String id) throws Exception {
        return store.batch(id).orElseThrow(() -> new IllegalArgumentException("no batch " + id
                + " ('ifpp batch status' lists the batches)"));
    }

    @Command(name = "create", description = "Plan the profile set and record a batch of devices, all planned; "
            + "prints its id.")
    static final class Create extends NeedsClock.Command implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        PlanInputs inputs = new PlanInputs();

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Option(names = "--quantity", required = true, description = "Devices in the batch.")
        int quantity;

        @Option(names = "--id", description = "The batch id (default: a new one).")
        String id;

        @Option(names = "--simulated", description = "A simulated batch, for demonstrations and tests: on the "
                + "simulated partners, with EIDs under the GSMA test EUM and ICCIDs from the range reserved for "
                + "simulation; every output says so.")
        boolean simulated;

        @Option(names = "--vendor", description = "eUICC vendor connector id (default: the plan's euicc.connector; "
                + "with --simulated: simulator).")
        String vendor;

        @Option(names = "--smdp", description = "SM-DP+ connector id (default: the chosen agreements' "
                + "smdpPlus.connector; with --simulated: smdp-simulator, or es2plus-loopback, the ES2+ test SM-DP+ "
                + "in-process).")
        String smdp;

        @Option(names = "--eid-prefix", description = "The 8-digit EID prefix of the EUM range reserved with the "
                + "vendor (required unless --simulated, which takes the GSMA test EUM's).")
        String eidPrefix;

        @Option(names = "--serial-prefix", description = "Device serials are PREFIX-0000001... (default: the id).")
        String serialPrefix;

        @Option(names = "--activation-lead-days", defaultValue = "" + BatchPlanning.DEFAULT_ACTIVATION_LEAD_DAYS,
                description = "Days from shipping to activation (default: ${DEFAULT-VALUE}).")
        int leadDays;

        @Option(names = "--json", description = "Print {\"id\": ...} and the batch's profiles and markets.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            String batchId = id != null ? id : newId("b");
            AgreementBook book = inputs.readAgreements();
            ProductPlan productPlan = inputs.readPlan();
            PlanResult plan = inputs.run(productPlan, book, LocalDate.now(clock));
            BatchSpec batch;
            try {
                batch = BatchPlanning.specOf(plan, productPlan, book, inputs.designs(), new BatchPlanning.Choices(quantity, simulated,
                        vendor, smdp, eidPrefix, serialPrefix != null ? serialPrefix : batchId, leadDays));
            } catch (BatchPlanning.MissingChoice e) {
                throw new ParameterException(spec.commandLine(), option(e.setting()) + ": " + e.getMessage());
            }
            store(database, clock).create(batchId, batch, actor());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> created = new LinkedHashMap<>();
                created.put("id", batchId);
                created.put("simulated", batch.simulated());
                created.put("quantity", quantity);
                created.put("profiles", batch.profiles().stream().map(BatchSpec.ProfileSpec::summary).toList());
                created.put("markets", batch.markets());
                out.println(JSON.writeValueAsString(created));
            } else {
                out.println(batchId);
            }
            return 0;
        }
    }

    /** The option of {@code batch create} that makes a {@link BatchPlanning.MissingChoice}. */
    private static String option(String choice) {
        return switch (choice) {
        case "vendor" -> "--vendor";
        case "smdp" -> "--smdp";
        case "eidPrefix" -> "--eid-prefix";
        default -> "--" + choice;
        };
    }

    static String newId(String prefix) {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + "-" + HexFormat.of().formatHex(random);
    }

    /** The options of a run: which engine this is and how the built-in simulated vendor behaves. */
    static final class RunOptions {

        @Option(names = "--engine-id", defaultValue = "${env:IFPP_ENGINE_ID}", description = "This engine's name in "
                + "claims; engines running at the same time need different names (default: the host name; env "
                + "IFPP_ENGINE_ID).")
        String engineId;

        @Option(names = "--lease-seconds", defaultValue = "60", description = "How long a claimed order stays this "
                + "engine's without progress before another engine may take it (default: ${DEFAULT-VALUE}).")
        int leaseSeconds;

        @Option(names = "--failure-rate", defaultValue = "0",
                description = "Simulated vendor only: share of eUICCs whose personalization fails.")
        double failureRate;

        @Option(names = "--simulated-faults", paramLabel = "LIST", defaultValue = "${env:IFPP_SIMULATED_FAULTS}",
                description = "Simulated partners only, for fault tests and demonstrations: comma-separated "
                        + "timeouts=RATE, smdp-timeouts=RATE, stall-ms=N, transient-failures=N, lost-answers=N, "
                        + "seed=N, repeated-report-lines, shuffled-report-lines, duplicate-report-line (env "
                        + "IFPP_SIMULATED_FAULTS).")
        String simulatedFaults;

        @Option(names = "--json", description = "Print the summary as JSON.")
        boolean json;

        Engine.Settings settings() throws Exception {
            String name = engineId != null && !engineId.isBlank() ? engineId : InetAddress.getLocalHost().getHostName();
            return Engine.Settings.defaults(name).withLease(Duration.ofSeconds(leaseSeconds));
        }
    }

    /** Runs a batch to its end with the installed or simulated partners; exit 0 when it completed. */
    static int run(CommandSpec spec, DatabaseOptions database, RunOptions options, PasswordSource passwords,
            String batchId, boolean resume, Clock clock) throws Exception {
        BatchStore store = store(database, clock);
        BatchStore.BatchInfo batch = batch(store, batchId);
        Path data = DataDirectory.path();
        KeyFiles.Keys keys = KeyFiles.open(data, passwords);
        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        PrintWriter err = spec.commandLine().getErr();
        ProgressPrinter progress = new ProgressPrinter(err, System.console() != null);
        if (resume) {
            err.println("batch " + batchId + ": " + store.resume(batchId, actor()) + " devices re-queued from RETRY");
        }
        Engine.Summary summary;
        long peakHeapMb;
        ServerEngines.checkFaults(registry, options.simulatedFaults);
        ServerEngines engines = new ServerEngines(store.database(), registry, data, keys, options.settings(),
                new ServerEngines.Simulated(options.failureRate, options.simulatedFaults), clock);
        try (HeapSampler heap = new HeapSampler(); EngineSessions.Session session = engines.open(batch)) {
            summary = session.engine().run(batchId, progress);
            peakHeapMb = heap.peakMb();
        } finally {
            progress.finish();
        }
        print(spec.commandLine().getOut(), summary, batch.spec().simulated(), peakHeapMb, options.json);
        return summary.state().equals("COMPLETED") || summary.state().equals("CANCELLED") ? 0 : IfppCli.EXIT_FAILURE;
    }

    static void print(PrintWriter out, Engine.Summary summary, boolean simulated, long peakHeapMb, boolean json)
            throws Exception {
        double seconds = summary.elapsed().toMillis() / 1000.0;
        if (json) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", summary.batchId());
            fields.put("simulated", simulated);
            fields.put("state", summary.state());
            fields.put("devices", summary.devices());
            fields.put("stages", summary.counts());
            fields.put("repersonalized", summary.repersonalized());
            fields.put("mismatches", summary.mismatches());
            fields.put("seconds", seconds);
            fields.put("transitions", summary.transitions());
            fields.put("transitionsPerSecond", Math.round(summary.transitions() / Math.max(seconds, 0.001)));
            fields.put("peakHeapMb", peakHeapMb);
            out.println(JSON.writeValueAsString(fields));
            return;
        }
        out.printf(Locale.ROOT, "%s %s: %s, %,d devices: %s; re-personalized %,d, mismatches %,d, %.1f s "
                + "(%,.0f device transitions/s)%n", simulated ? "simulated batch" : "batch", summary.batchId(),
                summary.state().toLowerCase(Locale.ROOT),
                summary.devices(), stages(summary.counts()), summary.repersonalized(), summary.mismatches(), seconds,
                summary.transitions() / Math.max(seconds, 0.001));
        if (summary.count(Stage.RETRY) > 0) {
            out.println("  " + summary.count(Stage.RETRY) + " devices wait in RETRY ('ifpp batch status "
                    + summary.batchId() + "' says why; 'ifpp batch resume " + summary.batchId() + "' tries again)");
        }
        if (summary.count(Stage.CONTENT_MISMATCH) > 0) {
            out.println("  " + summary.count(Stage.CONTENT_MISMATCH) + " eUICCs are held: their installed packages are "
                    + "not the ones ordered ('ifpp batch status " + summary.batchId() + "' names them; 'ifpp batch "
                    + "resume " + summary.batchId() + "' personalizes those devices again on other eUICCs)");
        }
    }

    static String stages(Map<Stage, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((stage, count) -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%,d %s", count, stage.name().toLowerCase(Locale.ROOT))));
        return text.toString();
    }

    /** What {@code run} and {@code resume} share: the batch, the database, the engine's options, the key password. */
    abstract static class EngineRun extends NeedsClock.Command implements Callable<Integer>, NeedsPasswords {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Mixin
        RunOptions options = new RunOptions();

        @Parameters(paramLabel = "ID", description = "The batch.")
        String id;

        PasswordSource passwords;

        @Override
        public void passwords(PasswordSource source) {
            passwords = source;
        }

        /** Whether the devices waiting in RETRY are re-queued first. */
        abstract boolean requeue();

        @Override
        public Integer call() throws Exception {
            return run(spec, database, options, passwords, id, requeue(), clock);
        }
    }

    @Command(name = "run", description = "Carry a batch through the pipeline until every device is scheduled for "
            + "activation, voided or waiting in RETRY; after a crash, run it again: it resumes.")
    static final class Run extends EngineRun {

        @Override
        boolean requeue() {
            return false;
        }
    }

    @Command(name = "resume", description = "Send the devices waiting in RETRY back to the step that failed, and those "
            + "held in CONTENT_MISMATCH to personalization again, then run.")
    static final class Resume extends EngineRun {

        @Override
        boolean requeue() {
            return true;
        }
    }

    @Command(name = "status", description = "Devices per stage of a batch, its failures and mismatches; without an "
            + "id, the batches.")
    static final class Status extends NeedsClock.Command implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Parameters(paramLabel = "ID", arity = "0..1", description = "The batch.")
        String id;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            BatchStore store = store(database, clock);
            PrintWriter out = spec.commandLine().getOut();
            if (id == null) {
                List<BatchStore.BatchInfo> batches = store.list();
                if (json) {
                    out.println(JSON.writeValueAsString(batches.stream().map(b -> Map.of("id", b.id(), "state",
                            b.state(), "quantity", b.spec().quantity(), "plan", b.spec().plan(), "simulated",
                            b.spec().simulated())).toList()));
                } else {
                    batches.forEach(b -> out.printf(Locale.ROOT, "%s\t%s\t%,d devices\t%s%s%n", b.id(),
                            b.state().toLowerCase(Locale.ROOT), b.spec().quantity(), b.spec().plan(),
                            b.spec().simulated() ? "\tsimulated" : ""));
                }
                return 0;
            }
            BatchStore.BatchInfo batch = batch(store, id);
            Map<Stage, Long> counts = store.counts(id);
            long mismatches = store.mismatchCount(id);
            List<BatchStore.DeviceInfo> waiting = store.devices(id, 0, 20, List.of(Stage.RETRY, Stage.CONTENT_MISMATCH,
                    Stage.VOID));
            if (json) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("id", id);
                fields.put("simulated", batch.spec().simulated());
                fields.put("state", batch.state());
                fields.put("quantity", batch.spec().quantity());
                fields.put("stages", counts);
                fields.put("mismatches", mismatches);
                out.println(JSON.writeValueAsString(fields));
                return 0;
            }
            out.printf(Locale.ROOT, "%s %s (%s): %s, %,d devices: %s%n", batch.spec().simulated() ? "simulated batch"
                    : "batch", id, batch.spec().plan(), batch.state().toLowerCase(Locale.ROOT), batch.spec().quantity(),
                    stages(counts));
            for (BatchStore.DeviceInfo device : waiting) {
                out.println("  device " + device.index() + " " + device.stage().name().toLowerCase(Locale.ROOT) + ": "
                        + TerminalText.escape(device.failure()));
            }
            store.mismatches(id, 0, 20).forEach(m -> out.println("  mismatch in " + m.orderId() + ": "
                    + TerminalText.escape(m.reason())));
            if (mismatches > 20) {
                out.println("  ... " + (mismatches - 20) + " more mismatches");
            }
            return 0;
        }
    }

    @Command(name = "cancel", description = "Stop a batch: orders in progress are cancelled at the vendor, devices "
            + "not shipped are voided.")
    static final class Cancel extends NeedsClock.Command implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Parameters(paramLabel = "ID", description = "The batch.")
        String id;

        @Override
        public Integer call() throws Exception {
            BatchStore store = store(database, clock);
            BatchStore.BatchInfo batch = batch(store, id);
            ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
            PrintWriter err = spec.commandLine().getErr();
            // A simulated line lives in the process that runs the batch: there is none here to cancel at.
            KeyFiles.Keys keys = KeyFiles.ephemeral();
            long voided;
            ServerEngines engines = new ServerEngines(store.database(), registry, DataDirectory.path(), keys,
                    Engine.Settings.defaults("cancel"), ServerEngines.Simulated.PLAIN, clock);
            try (EngineSessions.Session session = engines.open(batch)) {
                voided = session.engine().cancel(id, actor(), new Engine.Listener() {
                    @Override
                    public void note(String message) {
                        err.println(message);
                    }
                });
            }
            spec.commandLine().getOut().println("batch " + id + " cancelled: " + voided + " devices voided");
            return 0;
        }
    }

    /** Where an output goes: a file written atomically, or stdout. */
    static final class OutputOptions {

        @Option(names = "--json", description = "JSON instead of CSV.")
        boolean json;

        @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "Write to FILE (default: stdout).")
        Path output;

        interface Producer {
            long write(BatchStore store, String batchId, Writer out) throws Exception;
        }

        int write(CommandSpec spec, BatchStore store, String batchId, Producer csv, Producer json) throws Exception {
            batch(store, batchId);
            Producer producer = this.json ? json : csv;
            if (output == null) {
                Writer out = spec.commandLine().getOut();
                producer.write(store, batchId, out);
                out.write('\n');
                out.flush();
                return 0;
            }
            long count = writeFile(output, store, batchId, producer);
            spec.commandLine().getErr().println(count + " rows written to " + output);
            return 0;
        }
    }

    /** Writes an output to {@code file} atomically (all of it or, on failure, the file as it was); returns its rows. */
    static long writeFile(Path file, BatchStore store, String batchId, OutputOptions.Producer producer)
            throws java.io.IOException {
        long[] count = new long[1];
        AtomicFiles.write(file, stream -> {
            Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            try {
                count[0] = producer.write(store, batchId, out);
            } catch (java.io.IOException e) {
                throw e;
            } catch (Exception e) {
                throw new java.io.IOException(file.getFileName() + ": " + e.getMessage(), e);
            }
            out.flush();
        });
        return count[0];
    }

    @Command(name = "manifest", description = "The shipping manifest: serial, EID, ICCIDs and market of every shipped "
            + "device (CSV, or JSON {\"devices\": [...]}).")
    static final class Manifest extends NeedsClock.Command implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Parameters(paramLabel = "ID", description = "The batch.")
        String id;

        @Override
        public Integer call() throws Exception {
            return output.write(spec, store(database, clock), id, ShippingManifest::writeCsv, ShippingManifest::writeJson);
        }
    }

    @Command(name = "schedule", description = "The activation schedule per MNO: which ICCIDs to activate, where, from "
            + "when, primary or fallback (CSV or JSON).")
    static final class Schedule extends NeedsClock.Command implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Parameters(paramLabel = "ID", description = "The batch.")
        String id;

        @Override
        public Integer call() throws Exception {
            return output.write(spec, store(database, clock), id, ActivationSchedule::writeCsv, ActivationSchedule::writeJson);
        }
    }

    @Command(name = "eim-handoff", description = "The eIM hand-off (GSMA SGP.32) the customer's eIM imports: per "
            + "shipped device its EID, eimId, association token and ICCIDs, the enabled one first (CSV, or JSON).")
    static final class EimHandoffFile extends NeedsClock.Command implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Mixin
        OutputOptions output = new OutputOptions();

        @Parameters(paramLabel = "ID", description = "The batch.")
        String id;

        @Override
        public Integer call() throws Exception {
            return output.write(spec, store(database, clock), id, EimHandoff::writeCsv, EimHandoff::writeJson);
        }
    }

    @Command(name = "packages", description = "Write a device's SAIP packages as its line was ordered to load them, "
            + "and its eUICC's AddInitialEimRequest when the batch gives an eIM "
            + "(keys and codes included: files readable by their owner only), for checks by other SAIP tools. Made "
            + "from the copy of the order kept sealed to IFPP Studio's key (the key store password is asked for) and "
            + "checked against the SHA-256 recorded with the order; audited.")
    static final class Packages extends NeedsClock.Command implements Callable<Integer>, NeedsPasswords {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Parameters(paramLabel = "ID", description = "The batch.")
        String id;

        @Option(names = "--device", required = true, paramLabel = "EID|SERIAL", description = "The device: its EID, "
                + "serial or one of its ICCIDs.")
        String device;

        @Option(names = { "-o", "--output" }, required = true, paramLabel = "DIR", description = "The folder to write "
                + "into (made readable by its owner only when new); files there are not overwritten.")
        Path output;

        PasswordSource passwords;

        @Override
        public void passwords(PasswordSource source) {
            passwords = source;
        }

        @Override
        public Integer call() throws Exception {
            BatchStore store = store(database, clock);
            batch(store, id);
            KeyFiles.Keys keys = KeyFiles.open(DataDirectory.path(), passwords);
            KeptPackages.Export export;
            try {
                export = KeptPackages.export(store, device, keys.orderer(), actor());
            } catch (KeptPackages.Refused e) {
                throw new ParameterException(spec.commandLine(), "--device " + device + ": " + e.getMessage());
            }
            try {
                if (!export.batchId().equals(id)) {
                    throw new ParameterException(spec.commandLine(), "--device " + device + " is a device of batch "
                            + export.batchId() + ", not of " + id);
                }
                OwnerOnlyFiles.createFolder(output);
                String name = export.eid() != null ? export.eid() : export.serial() != null ? export.serial()
                        : "device-" + export.deviceIndex();
                PrintWriter out = spec.commandLine().getOut();
                for (int p = 0; p < export.packages().size(); p++) {
                    KeptPackages.Package profile = export.packages().get(p);
                    Path file = output.resolve(name + "-" + (p + 1) + "-" + profile.agreementId() + ".der");
                    OwnerOnlyFiles.writeNew(file, profile.der());
                    out.println(file + "  ICCID " + profile.iccid() + "  SHA-256 " + profile.sha256()
                            + " (as recorded with the order)");
                }
                if (export.eimRequest() != null) {
                    Path file = output.resolve(name + "-eim.der");
                    OwnerOnlyFiles.writeNew(file, export.eimRequest());
                    out.println(file + "  AddInitialEimRequest (SGP.32), association token "
                            + store.findDevice(device).map(BatchStore.DeviceInfo::eimAssociationToken).orElse(null));
                }
                return 0;
            } finally {
                export.destroy();
            }
        }
    }
}
