import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A bounded load test of the built product's REST API on loopback: starts {@code ./ifpp server} on a data directory of
 * its own, stores the example plan through the API, makes and runs a batch, then lets several client threads call
 * batch status and device look-up (by EID, ICCID and serial in turn) for a fixed time each over HTTPS with bearer
 * tokens. Prints one "ok - ..." line per endpoint with requests/s and latency percentiles (releng/test counts them;
 * releng/bench-report reads the figures) and exits 1 on any error answer or failed request.
 *
 * <p>Run: {@code java releng/rest-load/RestLoad.java [seconds per endpoint] [client threads] [devices]} from the
 * repository root, after the build.
 */
public final class RestLoad {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String PASSWORD = "rest-load-keystore";

    private RestLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int devices = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        Path data = Files.createTempDirectory("ifpp-rest-load");
        String architect = ifpp(data, "token", "create", "--role", "architect");
        String operator = ifpp(data, "token", "create", "--role", "operator");
        ProcessBuilder serverBuilder = new ProcessBuilder(ROOT.resolve("ifpp").toString(), "server", "--port", "0")
                .redirectError(data.resolve("server.err").toFile()).directory(ROOT.toFile());
        environment(serverBuilder.environment(), data);
        Process server = serverBuilder.start();
        try {
            URI base = address(server);
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(data.resolve("keys/server-tls.p12")))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Api api = new Api(client, base);
            try (var designs = Files.list(ROOT.resolve("examples/profiles"))) {
                for (Path design : designs.filter(f -> f.toString().endsWith(".der")).sorted().toList()) {
                    api.expect(201, "PUT", "profiles/" + design.getFileName().toString().replaceFirst("\\.der$", ""),
                            architect, "application/octet-stream", Files.readAllBytes(design));
                }
            }
            for (String file : List.of("operators", "country-rules", "agreements")) {
                api.expect(201, "PUT", "agreements/" + file, architect, "application/yaml",
                        Files.readAllBytes(ROOT.resolve("examples/agreements/" + file + ".yaml")));
            }
            api.expect(201, "PUT", "plans/water", architect, "application/yaml",
                    Files.readAllBytes(ROOT.resolve("examples/plans/smart-water-meter.yaml")));
            api.expect(201, "POST", "batches", operator, "application/json", ("{\"plan\": \"water\", "
                    + "\"simulated\": true, \"quantity\": " + devices + ", \"id\": \"load-1\"}").getBytes(StandardCharsets.UTF_8));
            api.expect(202, "POST", "batches/load-1/run", operator, null, new byte[0]);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!api.expect(200, "GET", "batches/load-1", operator, null, null).contains("\"state\":\"COMPLETED\"")) {
                if (System.nanoTime() > deadline) {
                    fail("the batch did not complete within 5 minutes");
                }
                Thread.sleep(200);
            }
            String page = api.expect(200, "GET", "batches/load-1/devices?limit=1000", operator, null, null);
            List<String> keys = new ArrayList<>();
            Matcher field = Pattern.compile("\"(eid|serial)\":\"([^\"]+)\"|\"iccids\":\\[\"([0-9]+)\"").matcher(page);
            while (field.find()) {
                keys.add(field.group(2) != null ? field.group(2) : field.group(3));
            }
            int expected = 3 * Math.min(1000, devices);
            if (keys.size() != expected) {
                fail("the device page named " + keys.size() + " EIDs, ICCIDs and serials, expected " + expected);
            }
            measure(api, operator, seconds, threads, "batch status", i -> "batches/load-1");
            measure(api, operator, seconds, threads, "device look-up",
                    i -> "devices/" + keys.get(i % keys.size()));
        } finally {
            server.destroy();
            server.waitFor();
            deleteTree(data);
        }
    }

    /** Calls the endpoint from {@code threads} clients for {@code seconds}; prints the rate, fails on any error. */
    private static void measure(Api api, String token, int seconds, int threads, String name,
            IntFunction<String> path) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<long[]>> clients = new ArrayList<>();
        String[] firstError = new String[1];
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            clients.add(pool.submit(() -> {
                long[] micros = new long[1 << 20];
                int n = 0;
                for (int i = offset; System.nanoTime() < end; i++) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = api.send("GET", path.apply(i), token, null, null);
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                            firstError[0] = "HTTP " + response.statusCode() + ": " + response.body();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        firstError[0] = e.toString();
                    }
                    if (n < micros.length) {
                        micros[n++] = (System.nanoTime() - start) / 1_000;
                    }
                    done.incrementAndGet();
                }
                return java.util.Arrays.copyOf(micros, n);
            }));
        }
        for (Future<long[]> client : clients) {
            latencies.add(client.get());
        }
        pool.shutdown();
        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        if (errors.get() > 0) {
            fail(name + ": " + errors.get() + " of " + done.get() + " requests failed, e.g. " + firstError[0]);
        }
        System.out.printf(Locale.ROOT, "ok - REST %s: %,d requests in %d s from %d clients, %,.0f requests/s, "
                + "p50 %.1f ms, p99 %.1f ms, 0 errors%n", name, done.get(), seconds, threads,
                done.get() / (double) seconds, all[all.length / 2] / 1000.0, all[(int) (all.length * 0.99)] / 1000.0);
    }

    private record Api(HttpClient client, URI base) {

        HttpResponse<String> send(String method, String path, String token, String type, byte[] body)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).method(method, body == null
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (type != null) {
                request.header("Content-Type", type);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String expect(int status, String method, String path, String token, String type, byte[] body)
                throws IOException, InterruptedException {
            HttpResponse<String> response = send(method, path, token, type, body);
            if (response.statusCode() != status) {
                fail(method + " /" + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }

    /** Trusts exactly the server's own certificate, read from its key store (what a client pins). */
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

    private static URI address(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on (https://127\\.0\\.0\\.1:\\d+/)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = listening.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // The server's further output is not needed; reading it keeps its pipe from filling.
                        }
                    } catch (IOException e) {
                        // The server was stopped: its output ended.
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return URI.create(matcher.group(1));
            }
        }
        fail("./ifpp server exited without an address");
        return null;
    }

    /** Runs {@code ./ifpp args} on the data directory and returns its stdout (stripped). */
    private static String ifpp(Path data, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("ifpp").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        environment(builder.environment(), data);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            fail("./ifpp " + String.join(" ", args) + " failed");
        }
        return out;
    }

    private static void environment(Map<String, String> environment, Path data) {
        environment.put("IFPP_DATA", data.toString());
        environment.put("IFPP_KEYSTORE_PASSWORD", PASSWORD);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void fail(String message) {
        System.out.println("not ok - " + message);
        System.exit(1);
    }
}
