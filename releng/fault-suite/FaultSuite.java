import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The fault suite of the batch engine, on the built product with real processes: SIGKILLs at random points, database
 * restarts, connector timeouts, repeated and reordered vendor report lines. It runs rounds until the kills reach
 * {@code --min-kills}; each round is
 * <ul>
 * <li>H2: one {@code ifpp batch run} engine, SIGKILLed at random points and run again each time (the embedded
 * database serves one process);</li>
 * <li>PostgreSQL: two {@code ifpp server} processes sharing a PostgreSQL of the suite's own, both running the batch
 * (POST /batches/ID/run), one of the two SIGKILLed at random points and started again by the suite (as a supervisor
 * would), with the PostgreSQL restarted twice while they work, once shutting down cleanly (pg_ctl -m fast) and once
 * as in a crash (-m immediate): the servers must live through it and go on.</li>
 * </ul>
 * The simulated vendor line and SM-DP+ of every engine time out on some calls and the line repeats and shuffles the
 * lines of its reports ({@code --faults}). After the last fault, each batch must complete within a bound; its manifest
 * is then compared with an uninterrupted, fault-free run of the same batch: the same serial, ICCIDs and market per
 * device (and, with one engine, the same EID), no ICCID or EID twice. Each round prints "ok - ..." (releng/test counts
 * them) with devices lost, ICCIDs duplicated and batches stuck, or "not ok - ..." and exit 1.
 *
 * <p>Run from the repository root after the build: {@code java releng/fault-suite/FaultSuite.java [--devices N]
 * [--kills-per-phase N] [--min-kills N] [--faults LIST] [--seed N]}. Without PostgreSQL installed (initdb, pg_ctl)
 * the PostgreSQL phase is skipped, loudly.
 */
public final class FaultSuite {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path IFPP = ROOT.resolve("ifpp");
    private static final String PASSWORD = "fault-suite-keystore";
    private static final String BATCH = "crash";
    /** A batch not complete this long after the last fault is stuck. */
    private static final Duration SETTLE_BOUND = Duration.ofMinutes(4);
    /**
     * Timeouts of 1 in 5 vendor calls and 1 in 5,000 SM-DP+ reservations (a batch of 10,000 devices reserves 50,000
     * ICCIDs), each hanging 300 ms; every report line sent twice and the lines shuffled.
     */
    private static final String DEFAULT_FAULTS = "timeouts=0.2,smdp-timeouts=0.0002,stall-ms=300,"
            + "repeated-report-lines,shuffled-report-lines";

    private static Random random;
    private static String faults;
    private static int processes;

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int devices = Integer.parseInt(options.getOrDefault("devices", "10000"));
        int killsPerPhase = Integer.parseInt(options.getOrDefault("kills-per-phase", "20"));
        int minKills = Integer.parseInt(options.getOrDefault("min-kills", "30"));
        faults = options.getOrDefault("faults", DEFAULT_FAULTS);
        random = new Random(Long.parseLong(options.getOrDefault("seed", "20261124")));
        Path work = Files.createTempDirectory("ifpp-fault-suite");
        long start = System.nanoTime();
        Totals totals = new Totals();
        try (PrivatePostgres postgres = PrivatePostgres.start(work.resolve("postgres"))) {
            Map<String, Row> reference = uninterrupted(work.resolve("reference"), devices);
            ok("an uninterrupted run without faults schedules all " + devices + " devices");
            if (postgres == null) {
                System.out.println("*** PostgreSQL phase SKIPPED: no initdb/pg_ctl found (apt-get install "
                        + "postgresql); only the H2 engine is killed ***");
            }
            for (int round = 1; totals.kills < minKills || round == 1; round++) {
                Outcome h2 = killedAndResumed(work.resolve("h2-" + round), devices, killsPerPhase);
                report("H2 round " + round + ": " + h2.kills() + " SIGKILLs of the `ifpp batch run` engine, each "
                        + "run again", h2, reference, true, totals);
                if (postgres != null) {
                    Outcome servers = twoServers(work.resolve("servers-" + round), postgres, "round_" + round,
                            devices, killsPerPhase);
                    report("PostgreSQL round " + round + ": " + servers.kills() + " SIGKILLs of one of two `ifpp "
                            + "server`s, " + servers.restarts() + " PostgreSQL restarts (fast, immediate)",
                            servers, reference, false, totals);
                }
                if (round > 20) {
                    throw new AssertionError("20 rounds did not reach " + minKills + " kills (" + totals.kills + ")");
                }
            }
            ok(String.format(Locale.ROOT, "fault suite: %d SIGKILLs, %d PostgreSQL restarts, %d batches of %,d "
                    + "devices with faults %s in %.0f s: devices lost 0, ICCIDs duplicated 0, batches stuck 0",
                    totals.kills, totals.restarts, totals.batches, devices, faults,
                    (System.nanoTime() - start) / 1e9));
        } catch (AssertionError e) {
            System.out.println("not ok - " + e.getMessage());
            System.out.println("# the failed run's files stay in " + work);
            System.exit(1);
        }
        deleteTree(work);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: FaultSuite [--devices N] [--kills-per-phase N] "
                        + "[--min-kills N] [--faults LIST] [--seed N]; found " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** What the rounds added up to. */
    static final class Totals {
        int kills;
        int restarts;
        int batches;
    }

    /** How a phase ended: the manifest (empty when stuck), kills, database restarts, seconds to settle. */
    record Outcome(Map<String, Row> manifest, int kills, int restarts, boolean stuck, double settleSeconds,
            double seconds, Evidence evidence) {
    }

    /**
     * What the engines noted on stderr (servers log their runs' notes at INFO here): that the faults were live and
     * what the engine did about them.
     */
    record Evidence(int timeouts, int unreachable, int resent) {

        static Evidence of(Path data) throws IOException {
            int[] counts = new int[3];
            try (var files = Files.list(data)) {
                List<Path> logs = files.filter(f -> f.getFileName().toString().matches(".*\\.err|err.*\\.txt"))
                        .toList();
                for (Path file : logs) {
                    for (String line : Files.readAllLines(file)) {
                        counts[0] += line.contains("connector call failed (TIMEOUT)") ? 1 : 0;
                        counts[1] += line.contains("the database is unreachable") ? 1 : 0;
                        counts[2] += line.contains(" sent again: vendor ") ? 1 : 0;
                    }
                }
            }
            return new Evidence(counts[0], counts[1], counts[2]);
        }

        @Override
        public String toString() {
            return timeouts + " connector timeouts retried, " + unreachable + " waits for an unreachable database, "
                    + resent + " orders sent again to a line that did not know them";
        }
    }

    /** One line of the manifest: ICCIDs separated by spaces. */
    record Row(String serial, String eid, String iccids, String market) {
    }

    /**
     * Prints the phase's line: devices lost (not shipped, or shipped with other ICCIDs or market than uninterrupted),
     * ICCIDs and EIDs duplicated, batches stuck; fails when one of them is not 0.
     */
    private static void report(String phase, Outcome outcome, Map<String, Row> reference, boolean sameEids,
            Totals totals) {
        Map<String, Integer> iccidUses = new HashMap<>();
        Set<String> eids = new HashSet<>();
        int eidsDuplicated = 0;
        int lost = 0;
        List<String> examples = new ArrayList<>();
        for (Row row : outcome.manifest().values()) {
            for (String iccid : row.iccids().split(" ")) {
                iccidUses.merge(iccid, 1, Integer::sum);
            }
            if (!eids.add(row.eid())) {
                eidsDuplicated++;
            }
        }
        for (Row expected : reference.values()) {
            Row actual = outcome.manifest().get(expected.serial());
            boolean same = actual != null && actual.iccids().equals(expected.iccids())
                    && actual.market().equals(expected.market()) && (!sameEids || actual.eid().equals(expected.eid()));
            if (!same) {
                lost++;
                if (examples.size() < 3) {
                    examples.add(expected.serial() + ": " + actual + " after the faults, " + expected
                            + " uninterrupted");
                }
            }
        }
        long iccidsDuplicated = iccidUses.values().stream().filter(n -> n > 1).count();
        int extra = (int) outcome.manifest().keySet().stream().filter(s -> !reference.containsKey(s)).count();
        int stuck = outcome.stuck() ? 1 : 0;
        totals.kills += outcome.kills();
        totals.restarts += outcome.restarts();
        totals.batches++;
        System.out.println("# engines' notes: " + outcome.evidence());
        String line = String.format(Locale.ROOT, "%s, faults %s: devices lost %d, ICCIDs duplicated %d, EIDs "
                + "duplicated %d, devices not in the batch %d, batches stuck %d (settled %.1f s after the last "
                + "fault; phase %.0f s)", phase, faults, lost, iccidsDuplicated, eidsDuplicated, extra, stuck,
                outcome.settleSeconds(), outcome.seconds());
        check(faults.isBlank() || !faults.contains("timeouts=") || outcome.evidence().timeouts() > 0,
                line + "; but no connector call timed out: the faults were not live");
        check(lost == 0 && iccidsDuplicated == 0 && eidsDuplicated == 0 && extra == 0 && stuck == 0,
                line + (examples.isEmpty() ? "" : "; e.g. " + String.join("; ", examples)));
        ok(line);
    }

    private static Map<String, Row> uninterrupted(Path data, int devices) throws Exception {
        create(data, devices, null);
        Result run = ifpp(data, null, Duration.ofMinutes(5), "batch", "run", BATCH);
        check(run.code == 0, "the uninterrupted run failed: " + run.err);
        return manifest(data, null, BATCH);
    }

    // ---- H2: one engine, killed and run again ----------------------------------------------------------------------

    /** Starts the engine, kills it after a random delay, again and again, then lets a last run finish. */
    private static Outcome killedAndResumed(Path data, int devices, int kills) throws Exception {
        long start = System.nanoTime();
        create(data, devices, null);
        int killed = 0;
        while (killed < kills) {
            Process engine = engine(data);
            // A random point of the work: the engine has started (it names the batch), then 0 to 3 s more.
            Path err = data.resolve("engine.err");
            int started = count(read(err), "batch " + BATCH + ":");
            for (int i = 0; i < 600 && engine.isAlive() && count(read(err), "batch " + BATCH + ":") == started; i++) {
                Thread.sleep(100);
            }
            if (engine.waitFor(random.nextInt(3_000), TimeUnit.MILLISECONDS)) {
                // Finished before the kill: the batch is done, nothing left to interrupt.
                check(engine.exitValue() == 0, "an engine run failed: " + read(err));
                break;
            }
            engine.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hook runs
            killed++;
        }
        long faultsOver = System.nanoTime();
        Result last = ifpp(data, null, SETTLE_BOUND, "batch", "run", BATCH, "--engine-id", "engine-a",
                "--simulated-faults", faults + ",seed=" + (++processes));
        boolean stuck = last.code != 0 || !last.out.contains(": completed");
        if (stuck) {
            System.out.println("# the run after the kills did not complete the batch: " + last.out + last.err);
        }
        double settle = (System.nanoTime() - faultsOver) / 1e9;
        Result audit = ifpp(data, null, Duration.ofMinutes(2), "audit", "verify");
        check(audit.code == 0, "the audit log does not verify after the kills: " + audit.out + audit.err);
        return new Outcome(stuck ? Map.of() : manifest(data, null, BATCH), killed, 0, stuck, settle,
                (System.nanoTime() - start) / 1e9, Evidence.of(data));
    }

    private static Process engine(Path data) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(IFPP.toString(), "batch", "run", BATCH, "--engine-id", "engine-a",
                "--simulated-faults", faults + ",seed=" + (++processes)).directory(ROOT.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("engine.out").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(data.resolve("engine.err").toFile()));
        environment(builder, data, false);
        return builder.start();
    }

    // ---- PostgreSQL: two servers, one of them killed, the database restarted ---------------------------------------

    /**
     * Two servers on one data directory (one set of keys: a server's simulated line opens the orders the other
     * sealed) run the batch; one of them, drawn at random, is killed and started again, over and over; after the
     * first and the third kill, PostgreSQL restarts under them.
     */
    private static Outcome twoServers(Path data, PrivatePostgres postgres, String database, int devices, int kills)
            throws Exception {
        long start = System.nanoTime();
        postgres.createDatabase(database);
        String db = postgres.url(database);
        create(data, devices, db);
        String token = ifpp(data, null, Duration.ofMinutes(1), "token", "create", "--role", "operator").out.strip();
        Server[] servers = { Server.start(data, db, "server-a", postgres), null };
        servers[1] = Server.start(data, db, "server-b", postgres);
        HttpClient http = HttpClient.newBuilder().sslContext(trusting(data.resolve("keys/server-tls.p12")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        int killed = 0;
        int restarts = 0;
        try {
            for (Server server : servers) {
                server.run(http, token);
            }
            while (killed < kills && !complete(http, token, servers)) {
                Thread.sleep(random.nextInt(3_000));
                int victim = random.nextInt(2);
                servers[victim].kill();
                killed++;
                // Early (after the first and third kills), so that both restarts come while the batch runs.
                if (killed == 1 || killed == 3) {
                    restarts++;
                    // The other server works on through the restart: it must still be running its batch afterwards.
                    postgres.restart(restarts == 1 ? "fast" : "immediate");
                    Thread.sleep(2_000);
                    Server survivor = servers[1 - victim];
                    check(survivor.process.isAlive(), survivor.engineId + " exited during the PostgreSQL restart: "
                            + read(survivor.err));
                    String status = survivor.status(http, token);
                    check(status.contains("\"running\":true") || status.contains("\"state\":\"COMPLETED\""),
                            survivor.engineId + " stopped running the batch through the PostgreSQL restart: "
                                    + status);
                }
                servers[victim] = Server.start(data, db, servers[victim].engineId, postgres);
                servers[victim].run(http, token);
            }
            check(restarts == 2, "the batch completed after " + killed + " kills, before both PostgreSQL restarts: "
                    + "give it more devices");
            long faultsOver = System.nanoTime();
            long deadline = faultsOver + SETTLE_BOUND.toNanos();
            boolean stuck = true;
            while (System.nanoTime() < deadline) {
                if (complete(http, token, servers)) {
                    stuck = false;
                    break;
                }
                Thread.sleep(500);
            }
            double settle = (System.nanoTime() - faultsOver) / 1e9;
            for (Server server : servers) {
                check(server.process.isAlive(), server.engineId + " exited: " + read(server.err));
                String status = server.status(http, token);
                check(!status.contains("\"FAILED\""), "a run of " + server.engineId + " failed: " + status);
            }
            System.out.println("# " + killed + " kills, " + restarts + " PostgreSQL restarts (two servers)");
            Result audit = ifpp(data, db, Duration.ofMinutes(2), "audit", "verify");
            check(audit.code == 0, "the audit log does not verify after the kills: " + audit.out + audit.err);
            return new Outcome(stuck ? Map.of() : manifest(data, db, BATCH), killed, restarts, stuck, settle,
                    (System.nanoTime() - start) / 1e9, Evidence.of(data));
        } finally {
            for (Server server : servers) {
                if (server != null) {
                    server.process.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static boolean complete(HttpClient http, String token, Server[] servers) throws InterruptedException {
        for (Server server : servers) {
            if (server.process.isAlive()) {
                try {
                    return server.status(http, token).contains("\"state\":\"COMPLETED\"");
                } catch (IOException | AssertionError e) {
                    // Ask the other one.
                }
            }
        }
        return false;
    }

    /** One {@code ifpp server} process. */
    static final class Server {
        final String engineId;
        final Process process;
        final URI base;
        final Path err;

        private Server(String engineId, Process process, URI base, Path err) {
            this.engineId = engineId;
            this.process = process;
            this.base = base;
            this.err = err;
        }

        /**
         * Starts the server and waits for its address; started again when it exits first (as a supervisor does:
         * while PostgreSQL restarts, a server cannot open its database).
         */
        static Server start(Path data, String db, String engineId, PrivatePostgres postgres) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            Pattern listening = Pattern.compile("listening on (https://127\\.0\\.0\\.1:\\d+/)");
            while (System.nanoTime() < deadline) {
                int n = ++processes;
                Path out = data.resolve(engineId + "-" + n + ".out");
                Path err = data.resolve(engineId + "-" + n + ".err");
                ProcessBuilder builder = new ProcessBuilder(IFPP.toString(), "server", "--port", "0", "--engine-id",
                        engineId, "--db", db, "--simulated-faults", faults + ",seed=" + n).directory(ROOT.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                environment(builder, data, true);
                builder.environment().put("IFPP_JAVA_OPTS", "-Djava.util.logging.config.file=" + logging(data));
                Process process = builder.start();
                while (process.isAlive() && System.nanoTime() < deadline) {
                    Matcher address = listening.matcher(read(out));
                    if (address.find()) {
                        return new Server(engineId, process, URI.create(address.group(1)), err);
                    }
                    Thread.sleep(100);
                }
                process.destroyForcibly().waitFor();
                Thread.sleep(1_000);
            }
            throw new AssertionError(engineId + " did not start within 90 s");
        }

        /** The product's logging settings, with the batch runs' notes (INFO) shown. */
        private static Path logging(Path data) throws IOException {
            Path file = data.resolve("logging.properties");
            if (!Files.exists(file)) {
                Files.writeString(file, Files.readString(ROOT.resolve("features/io.ifpp.server.feature/rootfiles/"
                        + "logging.properties")) + "io.ifpp.server.internal.batch.BatchRuns.level = INFO\n");
            }
            return file;
        }

        /** POST /batches/ID/run until it is taken (202), or the batch is complete already (409). */
        void run(HttpClient http, String token) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String last = "";
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> answer = http.send(request("batches/" + BATCH + "/run", token)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                    boolean done = answer.statusCode() == 409 && answer.body().contains("complete");
                    if (answer.statusCode() == 202 || done) {
                        return;
                    }
                    last = answer.statusCode() + " " + answer.body();
                } catch (IOException e) {
                    last = e.toString();
                }
                Thread.sleep(500);
            }
            throw new AssertionError(engineId + " did not take the run of the batch: " + last);
        }

        String status(HttpClient http, String token) throws IOException, InterruptedException {
            HttpResponse<String> answer = http.send(request("batches/" + BATCH, token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            check(answer.statusCode() == 200, engineId + ": GET /batches/" + BATCH + " answered "
                    + answer.statusCode() + " " + answer.body());
            return answer.body();
        }

        private HttpRequest.Builder request(String path, String token) {
            return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(); // SIGKILL
        }
    }

    /** Trusts exactly the servers' own certificate, read from their key store (what a client pins). */
    private static SSLContext trusting(Path keyStore) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", server.getCertificate("tls"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /**
     * A PostgreSQL of the suite's own in a temporary folder, on a free loopback port, so that restarting it disturbs
     * no one else's tests (and a server started from a process that holds a lock file does not keep the lock).
     * Started as the postgres user when the suite runs as root (initdb refuses root).
     */
    static final class PrivatePostgres implements AutoCloseable {
        static final String USER = "ifpp_fault";
        final Path folder;
        final Path bin;
        final int port;

        private PrivatePostgres(Path folder, Path bin, int port) {
            this.folder = folder;
            this.bin = bin;
            this.port = port;
        }

        /** Null when PostgreSQL is not installed. */
        static PrivatePostgres start(Path folder) throws Exception {
            Path bin = binaries();
            if (bin == null) {
                return null;
            }
            Files.createDirectories(folder);
            if (root()) {
                run(List.of("chown", "postgres:postgres", folder.toString()), false);
                run(List.of("chmod", "755", folder.getParent().toString()), false);
            }
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            PrivatePostgres postgres = new PrivatePostgres(folder, bin, port);
            run(List.of(bin.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-sync"), true);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-l",
                    folder.resolve("log").toString(), "-w", "-o", "-p " + port + " -k " + folder
                            + " -c listen_addresses=127.0.0.1", "start"), true);
            System.out.println("# a PostgreSQL of the suite's own on 127.0.0.1:" + port + " (" + folder + ")");
            return postgres;
        }

        private static Path binaries() throws IOException {
            Path debian = Path.of("/usr/lib/postgresql");
            if (Files.isDirectory(debian)) {
                try (var versions = Files.list(debian)) {
                    Path newest = versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                            .map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                            .max(java.util.Comparator.comparingInt(b -> Integer.parseInt(
                                    b.getParent().getFileName().toString()))).orElse(null);
                    if (newest != null) {
                        return newest;
                    }
                }
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pg_ctl"))
                        && Files.isExecutable(Path.of(dir, "initdb"))) {
                    return Path.of(dir);
                }
            }
            return null;
        }

        String url(String database) {
            return "postgresql://127.0.0.1:" + port + "/" + database;
        }

        void createDatabase(String name) throws Exception {
            run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER,
                    name), false);
        }

        /** pg_ctl restart: "fast" ends the sessions and shuts down cleanly, "immediate" as in a crash (recovery). */
        void restart(String mode) throws Exception {
            long start = System.nanoTime();
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-l",
                    folder.resolve("log").toString(), "-w", "-m", mode, "restart"), true);
            System.out.printf(Locale.ROOT, "# PostgreSQL restarted (-m %s) in %.1f s%n", mode,
                    (System.nanoTime() - start) / 1e9);
        }

        @Override
        public void close() throws IOException {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-w", "-m",
                        "immediate", "stop"), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static boolean root() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
            List<String> full = new ArrayList<>();
            if (asPostgres && root()) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            check(process.waitFor() == 0, String.join(" ", command) + " failed: " + output);
        }
    }

    // ---- the product's commands ----------------------------------------------------------------------------------

    private static void create(Path data, int devices, String db) throws Exception {
        Files.createDirectories(data);
        Result created = ifpp(data, db, Duration.ofMinutes(2), "batch", "create", "--plan",
                "examples/plans/smart-water-meter.yaml", "--agreements", "examples/agreements", "--quantity",
                String.valueOf(devices), "--id", BATCH, "--time-limit", "2", "--simulated");
        check(created.code == 0, "batch create failed: " + created.err);
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
            check(rows.put(fields[0], new Row(fields[0], fields[1], fields[2], fields[3])) == null,
                    "serial " + fields[0] + " twice in the manifest");
        }
        return rows;
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
        environment(builder, data, db != null);
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            return new Result(-1, read(out), read(err) + "\n(ended: not done within " + limit + ")");
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    /** The data directory, its key stores' password and, with {@code onPostgres}, the suite's PostgreSQL user. */
    private static void environment(ProcessBuilder builder, Path data, boolean onPostgres) {
        builder.environment().put("IFPP_DATA", data.toString());
        builder.environment().put("IFPP_KEYSTORE_PASSWORD", PASSWORD);
        if (onPostgres) {
            builder.environment().put("IFPP_DB_USER", PrivatePostgres.USER);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
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
