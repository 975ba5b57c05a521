import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Kills the batch engine of the built product (a real process, SIGKILL) at random points of a batch and resumes
 * it each time, then compares the end state with an uninterrupted run of the same batch: every device scheduled for
 * activation with the same serial, EID, ICCIDs and market, no ICCID twice, no EID lost. With PostgreSQL (IFPP_TEST_DB
 * and friends set, as releng/postgres exports them) the same with two engines sharing the database, one killed over
 * and over while the other finishes the work. Prints one "ok - ..." line per check passed (releng/test counts them),
 * "not ok - ..." and exit 1 at the first failure.
 *
 * <p>Run: {@code java releng/crash-test/CrashTest.java [devices] [kills]} from the repository root, after the build.
 */
public final class CrashTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path IFPP = ROOT.resolve("ifpp");
    private static final String PASSWORD = "crash-test-keystore";
    private static final Random RANDOM = new Random(20261124);

    private CrashTest() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int kills = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path work = Files.createTempDirectory("ifpp-crash-test");
        try {
            Map<String, Row> reference = uninterrupted(work.resolve("reference"), devices);
            ok("an uninterrupted run schedules all " + devices + " devices");
            Outcome killed = killedAndResumed(work.resolve("h2"), devices, kills, null);
            compare(reference, killed.manifest(), true);
            check(killed.kills() == kills, "the batch ended after " + killed.kills() + " of " + kills + " kills");
            ok("H2: " + killed.kills() + " SIGKILLs of the engine at random points, each resumed: the end state is the "
                    + "uninterrupted run's, no ICCID twice, no EID lost");
            String postgres = System.getenv("IFPP_TEST_DB");
            if (postgres == null) {
                System.out.println("*** PostgreSQL crash test SKIPPED: IFPP_TEST_DB is not set (releng/postgres could "
                        + "not start a PostgreSQL) ***");
                return;
            }
            String schema = "crash_" + ProcessHandle.current().pid();
            psql(postgres, "CREATE SCHEMA " + schema);
            try {
                Outcome shared = killedAndResumed(work.resolve("postgres"), devices, kills,
                        postgres + "?currentSchema=" + schema);
                compare(reference, shared.manifest(), false);
                check(shared.kills() > 0, "the second engine finished the batch before any kill");
                ok("PostgreSQL: two engines share the batch, one is SIGKILLed " + shared.kills() + " times while the "
                        + "other works on: every device scheduled with its ICCIDs, no ICCID twice, no EID lost");
            } finally {
                psql(postgres, "DROP SCHEMA " + schema + " CASCADE");
            }
        } catch (AssertionError e) {
            System.out.println("not ok - " + e.getMessage());
            System.out.println("# the failed run's files stay in " + work);
            System.exit(1);
        }
        deleteTree(work);
    }

    /** The manifest after the kills, and how many kills there were. */
    record Outcome(Map<String, Row> manifest, int kills) {
    }

    /** One line of the manifest. */
    record Row(String serial, String eid, String iccids, String market) {
    }

    private static Map<String, Row> uninterrupted(Path data, int devices) throws Exception {
        String id = create(data, devices, null);
        Result run = ifpp(data, null, Duration.ofMinutes(5), "batch", "run", id);
        check(run.code == 0, "the uninterrupted run failed: " + run.err);
        return manifest(data, null, id);
    }

    /**
     * Starts the engine, kills it after a random delay, again and again, then lets a last run finish. With a
     * database URL, a second engine runs beside the killed one from the first kill on.
     */
    private static Outcome killedAndResumed(Path data, int devices, int kills, String db) throws Exception {
        String id = create(data, devices, db);
        Process partner = null;
        try {
            if (db != null) {
                partner = start(data, db, "engine-b", "--lease-seconds", "10");
            }
            int killed = 0;
            while (killed < kills) {
                Process engine = start(data, db, "engine-a", "--lease-seconds", "10");
                // A random point of the work: the engine has started (it names the batch), then 0 to 3 s more.
                Path err = data.resolve("engine-a.err");
                for (int i = 0; i < 600 && engine.isAlive() && !read(err).contains("batch " + id + ":"); i++) {
                    Thread.sleep(100);
                }
                if (engine.waitFor(RANDOM.nextInt(3_000), TimeUnit.MILLISECONDS)) {
                    // Finished before the kill: the batch is done, nothing left to interrupt.
                    check(engine.exitValue() == 0, "an engine run failed: " + read(data.resolve("engine-a.err")));
                    break;
                }
                engine.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hook runs
                killed++;
            }
            Result last = ifpp(data, db, Duration.ofMinutes(5), "batch", "run", id, "--engine-id", "engine-a",
                    "--lease-seconds", "10");
            check(last.code == 0, "the run after the kills failed: " + last.err + last.out);
            if (partner != null) {
                check(partner.waitFor(10, TimeUnit.MINUTES), "the second engine did not finish");
                check(partner.exitValue() == 0, "the second engine failed: " + read(data.resolve("engine-b.err")));
            }
            System.out.println("# " + killed + " kills" + (db == null ? " (H2)" : " (PostgreSQL, two engines)"));
            Result audit = ifpp(data, db, Duration.ofMinutes(2), "audit", "verify");
            check(audit.code == 0, "the audit log does not verify after the kills: " + audit.out);
            return new Outcome(manifest(data, db, id), killed);
        } finally {
            if (partner != null) {
                partner.destroyForcibly();
            }
        }
    }

    private static void compare(Map<String, Row> reference, Map<String, Row> actual, boolean sameEids) {
        check(actual.size() == reference.size(), reference.size() + " devices shipped uninterrupted, "
                + actual.size() + " after the kills (devices lost)");
        Set<String> eids = new HashSet<>();
        Set<String> iccids = new HashSet<>();
        for (Row row : actual.values()) {
            check(eids.add(row.eid()), "EID " + row.eid() + " on two devices");
            for (String iccid : row.iccids().split(" ")) {
                check(iccids.add(iccid), "ICCID " + iccid + " on two devices");
            }
            Row expected = reference.get(row.serial());
            check(expected != null, "device " + row.serial() + " is not in the uninterrupted run");
            check(expected.iccids().equals(row.iccids()) && expected.market().equals(row.market()),
                    "device " + row.serial() + ": " + row + " after the kills, " + expected + " uninterrupted");
            if (sameEids) {
                check(expected.eid().equals(row.eid()), "device " + row.serial() + " has EID " + row.eid()
                        + " after the kills, " + expected.eid() + " uninterrupted");
            }
        }
    }

    private static String create(Path data, int devices, String db) throws Exception {
        Files.createDirectories(data);
        Result created = ifpp(data, db, Duration.ofMinutes(2), "batch", "create", "--plan",
                "examples/plans/smart-water-meter.yaml", "--agreements", "examples/agreements", "--quantity",
                String.valueOf(devices), "--id", "crash", "--time-limit", "2");
        check(created.code == 0, "batch create failed: " + created.err);
        return created.out.strip();
    }

    private static Map<String, Row> manifest(Path data, String db, String id) throws Exception {
        Result status = ifpp(data, db, Duration.ofMinutes(2), "batch", "status", id, "--json");
        check(status.out.contains("\"state\":\"COMPLETED\""), "the batch is not complete: " + status.out);
        Path csv = data.resolve("manifest.csv");
        Result written = ifpp(data, db, Duration.ofMinutes(2), "batch", "manifest", id, "--output", csv.toString());
        check(written.code == 0, "batch manifest failed: " + written.err);
        Map<String, Row> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            rows.put(fields[0], new Row(fields[0], fields[1], fields[2], fields[3]));
        }
        return rows;
    }

    private static Process start(Path data, String db, String engine, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(IFPP.toString(), "batch", "run", "crash", "--engine-id", engine));
        command.addAll(List.of(options));
        if (db != null) {
            command.addAll(List.of("--db", db));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(data.resolve(engine + ".out").toFile())
                .redirectError(data.resolve(engine + ".err").toFile());
        environment(builder, data);
        return builder.start();
    }

    record Result(int code, String out, String err) {
    }

    private static Result ifpp(Path data, String db, Duration limit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(IFPP.toString()));
        command.addAll(List.of(args));
        if (db != null) {
            command.addAll(List.of("--db", db));
        }
        Path out = Files.createTempFile(data, "out", ".txt");
        Path err = Files.createTempFile(data, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        environment(builder, data);
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ifpp " + String.join(" ", args) + " did not end within " + limit);
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    private static void environment(ProcessBuilder builder, Path data) {
        builder.environment().put("IFPP_DATA", data.toString());
        builder.environment().put("IFPP_KEYSTORE_PASSWORD", PASSWORD);
        builder.environment().put("IFPP_DB_USER", String.valueOf(System.getenv("IFPP_TEST_DB_USER")));
        builder.environment().put("IFPP_DB_PASSWORD", String.valueOf(System.getenv("IFPP_TEST_DB_PASSWORD")));
    }

    private static void psql(String url, String sql) throws Exception {
        // postgresql://host:port/database
        String[] hostPortDb = url.substring("postgresql://".length()).split("[:/]");
        ProcessBuilder builder = new ProcessBuilder("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", hostPortDb[0], "-p", hostPortDb[1], "-U",
                System.getenv("IFPP_TEST_DB_USER"), "-d", hostPortDb[2], "-c", sql).inheritIO();
        builder.environment().put("PGPASSWORD", System.getenv("IFPP_TEST_DB_PASSWORD"));
        builder.environment().put("PGOPTIONS", "-c client_min_messages=warning");
        check(builder.start().waitFor() == 0, "psql could not run: " + sql);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static void ok(String message) {
        System.out.println("ok - " + message);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
