import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The secret-leak scan of the built product: runs the commands that handle secrets with values it knows, then looks
 * for those values in everything the run printed or wrote, and, given a folder, in the Surefire reports below it.
 *
 * <p>Values looked for: the keys and codes of the TS.48 fixture profiles (read from their value notation in
 * bundles/io.ifpp.fixtures); a profile of the scan's own, compiled from that text with every key and code replaced
 * by a fresh random value (TS.48's own values are test patterns, such as an all-zero OPc, that also occur in data
 * which is no secret); the private keys of every key store the run makes (as their PKCS#8 encoding and the key
 * material inside it); the Ki and OPc of every device of a batch as the simulated vendor line receives them (its
 * sealed orders are read from the database and opened with the line's key store, as a vendor would); the key store
 * password and the REST API bearer tokens. Renderings: hex in either case with any separators (every 8-byte run of
 * a longer value, so a truncated key counts), Base64 (standard and URL-safe, PEM lines included), the raw bytes in
 * any file, and the digits of PINs, PUKs and ADM codes.
 *
 * <p>Where some output holds a secret by design, it is named and used as a control instead: {@code ifpp profile
 * dump} prints the package (the detector must find every secret there), an opened envelope holds its plaintext,
 * {@code ifpp token create} prints the new token once. Key stores are not searched (they hold the private keys,
 * encrypted); every other file is, the H2 database included.
 *
 * <p>Prints one "ok - ..." line per check (releng/test counts them) and, on a find, "not ok - FILE:LINE: KIND in
 * clear" for each (never the value), then exits 1. Run: {@code java releng/secret-scan/SecretScan.java [REPORTS]}
 * from the repository root, after the build; REPORTS is a folder whose {@code bundles/* /target/surefire-reports}
 * and {@code releng/* /target/surefire-reports} are scanned too.
 */
public final class SecretScan {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path IFPP = ROOT.resolve("ifpp");
    private static final Path FIXTURES = ROOT.resolve("bundles/io.ifpp.fixtures");
    private static final Path PRODUCT = ROOT.resolve("product/target/products/io.ifpp.studio.server/linux/gtk/x86_64");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** The SAIP components that hold keys or codes, as value notation names them. */
    private static final Pattern SECRET_COMPONENT = Pattern.compile("\\b(key|opc|pinValue|pukValue|keyData|authenticationKey"
            + "|ssd|hrpdAccessAuthenticationData|simpleIPAuthenticationData|mobileIPAuthenticationData)(\\s+')([0-9A-Fa-f]*)('H)");
    private static final Pattern KEY_REFERENCE = Pattern.compile("keyReference\\s+(\\w+)");
    private static final String FIXTURE = "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV";
    private static final int BATCH_DEVICES = 40;

    private final Path work;
    private final Path data;
    private final Path logs;
    /** The data directories of the profile and the envelope commands, beside the batch's. */
    private final Path profileData;
    private final Path envelopeData;
    /** Files that hold secrets by design, with why: not searched, named in the output. */
    private final Map<Path, String> byDesign = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Detector detector = new Detector();
    private int vendorCount;
    private final java.util.concurrent.atomic.AtomicInteger commands = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
    private final String password = "scan-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(18));

    private SecretScan(Path work) {
        this.work = work;
        this.data = work.resolve("data");
        this.logs = work.resolve("logs");
        this.profileData = work.resolve("data-profiles");
        this.envelopeData = work.resolve("data-envelopes");
    }

    public static void main(String[] args) throws Exception {
        Path reports = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : null;
        Path work = Files.createTempDirectory("ifpp-secret-scan");
        SecretScan scan = new SecretScan(work);
        boolean clean;
        try {
            clean = scan.run(reports);
        } catch (AssertionError e) {
            System.out.println("not ok - " + e.getMessage());
            clean = false;
        }
        if (!clean) {
            System.out.println("# the run's files stay in " + work + " (test values only)");
            System.exit(1);
        }
        deleteTree(work);
    }

    private boolean run(Path reports) throws Exception {
        Files.createDirectories(data);
        Files.createDirectories(logs);
        Instant start = Instant.now();
        detector.selfTest();
        ok("the detector finds a known key in each rendering (hex upper, lower, spaced, colon-separated, 0x-listed, "
                + "truncated to 8 bytes, Base64, PEM-wrapped Base64, raw bytes), a code as digits, and any key in value "
                + "notation");

        int fixtureValues = fixtureSecrets();
        // Independent chains at once (each JVM start costs seconds); the profile and envelope commands on data
        // directories of their own, as the embedded database serves one process at a time.
        ExecutorService chains = Executors.newFixedThreadPool(3);
        try {
            Future<String> profiles = chains.submit(() -> {
                String control = profileCommands(scanProfile());
                ifppOn(work.resolve("data-demo"), "demo", 0, "demo", "--quantity", String.valueOf(BATCH_DEVICES));
                return control;
            });
            Future<List<String>> tokens = chains.submit(() -> {
                envelopeCommands();
                return tokens();
            });
            String batch = result(chains.submit(this::batchAndDemo));
            Map<Integer, byte[]> sealed = sealedOrders(batch); // read before the server holds the database
            Future<Integer> vendorValues = chains.submit(() -> openOrders(batch, sealed));
            ok(result(profiles));
            restApi(work.resolve("profiles/scan.der"), result(tokens));
            vendorCount = result(vendorValues);
        } finally {
            chains.shutdownNow();
        }
        ok("ran " + commands + " ifpp commands and 6 REST requests, each with its expected outcome (" + refusals
                + " commands and 1 request refused on purpose: bad input, a wrong envelope, a wrong token)");
        int keyStores = keyStoreSecrets();
        detector.addText("key store password (IFPP_KEYSTORE_PASSWORD)", password);
        ok("looked for " + detector.size() + " secret values: " + detector.kindCounts());
        ok("of them " + fixtureValues + " from the TS.48 fixtures (" + detector.skipped().size() + " fixture values "
                + "left out as too uniform to tell from data that is no secret: " + String.join(", ", detector.skipped())
                + "; written as value notation they are found all the same), " + vendorCount + " Ki/OPc the vendor line received, the private keys of " + keyStores
                + " key stores; the SGP.26 fixtures hold " + sgp26PrivateKeys() + " private keys");

        List<Path> runFiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(work)) {
            files.filter(Files::isRegularFile).forEach(runFiles::add);
        }
        // Equinox writes its own log into the product's configuration area when something fails.
        try (Stream<Path> files = Files.walk(PRODUCT.resolve("configuration"))) {
            files.filter(f -> f.toString().endsWith(".log")).filter(f -> modifiedSince(f, start)).forEach(runFiles::add);
        }
        List<Path> keyStoreFiles = runFiles.stream().filter(SecretScan::isKeyStore).toList();
        List<Path> searched = runFiles.stream().filter(f -> !isKeyStore(f) && !byDesign.containsKey(f)).toList();
        Findings run = detector.scan(searched, work);
        boolean clean = report(run, searched.size() + " files the run printed or wrote (outputs, logs, reports, the H2 "
                + "database, " + countIn(searched, logs) + " captured stdout/stderr)", "not searched: " + keyStoreFiles.size()
                + " key stores (they hold the private keys, encrypted); held by design: " + describeByDesign());
        if (reports != null) {
            List<Path> reportFiles = surefireReports(reports);
            check(!reportFiles.isEmpty(), "no Surefire reports under " + reports + " (bundles/*/target/surefire-reports)");
            Findings found = detector.scan(reportFiles, reports);
            clean &= report(found, reportFiles.size() + " Surefire report files of the test suites under " + reports,
                    "values of this run's keys and tokens cannot be there; the fixtures' can");
        }
        return clean;
    }

    // ---- the values

    /** The keys and codes of every TS.48 fixture, from its value notation. */
    private int fixtureSecrets() throws IOException {
        int before = detector.size();
        try (Stream<Path> texts = Files.list(FIXTURES.resolve("saip-ts48-v7"))) {
            for (Path text : texts.filter(p -> p.toString().endsWith(".asn1value.txt")).sorted().toList()) {
                forEachSecret(Files.readString(text), (kind, value) -> detector.addFixture("TS.48 fixture " + kind, value));
            }
        }
        return detector.size() - before;
    }

    /** Calls {@code action} with each key or code of a value notation text and its kind. */
    private static void forEachSecret(String text, java.util.function.BiConsumer<String, byte[]> action) {
        String reference = "";
        for (String line : text.split("\n")) {
            Matcher ref = KEY_REFERENCE.matcher(line);
            if (ref.find()) {
                reference = ref.group(1);
            }
            Matcher secret = SECRET_COMPONENT.matcher(line);
            while (secret.find()) {
                action.accept(kind(secret.group(1), reference), HexFormat.of().parseHex(secret.group(3)));
            }
        }
    }

    private static String kind(String component, String reference) {
        return switch (component) {
            case "key" -> "AKA key K";
            case "opc" -> "AKA OPc";
            case "pinValue" -> reference.startsWith("adm") ? "ADM code" : "PIN";
            case "pukValue" -> "PUK";
            case "keyData" -> "security domain key";
            default -> "CDMA " + component;
        };
    }

    /**
     * The scan's profile: the TS.48 text with every key and code replaced by a fresh random value (codes: 8 ASCII
     * digits), compiled by the product; a copy with a PIN and a PUK that are no digits, which the validator reports.
     */
    private Path scanProfile() throws Exception {
        String fixture = Files.readString(FIXTURES.resolve("saip-ts48-v7/" + FIXTURE + ".asn1value.txt"));
        String personalized = replaceSecrets(fixture, "profile of the scan", false);
        Path text = work.resolve("profiles/scan.asn1value.txt");
        Path der = work.resolve("profiles/scan.der");
        Files.createDirectories(text.getParent());
        Files.writeString(text, personalized);
        byDesign.put(text, "the scan's profile, as text");
        byDesign.put(der, "the scan's profile package");
        ifppOn(profileData, "compile", 0, "profile", "compile", text.toString(), "-o", der.toString());

        String malformed = replaceSecrets(personalized, "malformed profile of the scan", true);
        Path malformedText = work.resolve("profiles/malformed.asn1value.txt");
        Path malformedDer = work.resolve("profiles/malformed.der");
        Files.writeString(malformedText, malformed);
        byDesign.put(malformedText, "the malformed profile, as text");
        byDesign.put(malformedDer, "the malformed profile package");
        ifppOn(profileData, "compile-malformed", 0, "profile", "compile", malformedText.toString(), "-o", malformedDer.toString());
        ifppOn(profileData, "validate-malformed", 1, "profile", "validate", malformedDer.toString());

        // A key with an odd number of hex digits does not compile: the error must not quote the key.
        Matcher key = Pattern.compile("(\\bkey\\s+')([0-9A-F]+)('H)").matcher(personalized);
        check(key.find(), "the scan's profile has no key");
        Path broken = work.resolve("profiles/broken.asn1value.txt");
        Files.writeString(broken, personalized.substring(0, key.start(2)) + key.group(2).substring(1)
                + personalized.substring(key.end(2)));
        byDesign.put(broken, "a profile text that does not compile");
        ifppOn(profileData, "compile-broken", 1, "profile", "compile", broken.toString(), "-o", work.resolve("profiles/broken.der").toString());
        return der;
    }

    /**
     * {@code text} with the value of every key and code replaced by a fresh random one of the same length, each known
     * to the detector; {@code malformed}: PINs and PUKs become bytes that are no digits.
     */
    private String replaceSecrets(String text, String owner, boolean malformed) {
        StringBuilder out = new StringBuilder();
        String reference = "";
        for (String line : text.split("\n", -1)) {
            Matcher ref = KEY_REFERENCE.matcher(line);
            if (ref.find()) {
                reference = ref.group(1);
            }
            Matcher secret = SECRET_COMPONENT.matcher(line);
            StringBuilder replaced = new StringBuilder();
            while (secret.find()) {
                String component = secret.group(1);
                int length = secret.group(3).length() / 2;
                boolean code = component.equals("pinValue") || component.equals("pukValue");
                if (malformed && !code) {
                    secret.appendReplacement(replaced, Matcher.quoteReplacement(secret.group()));
                    continue;
                }
                byte[] value = code && !malformed ? digits(length) : bytes(length);
                if (malformed) {
                    value[0] = (byte) 0xA5; // never a digit
                }
                detector.add(kind(component, reference) + " of the " + owner, value);
                secret.appendReplacement(replaced, Matcher.quoteReplacement(secret.group(1) + secret.group(2)
                        + HEX.formatHex(value) + secret.group(4)));
            }
            secret.appendTail(replaced);
            out.append(replaced).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** Runs the profile commands on the scan's package; dump is the control: its output must show every secret. */
    private String profileCommands(Path profile) throws Exception {
        ifppOn(profileData, "profile-info", 0, "profile", "info", profile.toString());
        ifppOn(profileData, "profile-validate", 0, "profile", "validate", profile.toString());
        ifppOn(profileData, "profile-dump", 0, "profile", "dump", profile.toString());
        Path dump = logs.resolve("profile-dump.out");
        byDesign.put(dump, "ifpp profile dump prints the package, keys included, by design (issue 3)");
        Set<String> inDump = detector.scan(List.of(dump), work).kinds();
        Set<String> expected = detector.kindsOf("profile of the scan");
        check(inDump.containsAll(expected), "ifpp profile dump should show the profile's secrets (the control), the "
                + "detector found only " + inDump + " of " + expected);
        return "ifpp profile dump prints the package with its keys by design: the detector finds all " + expected.size()
                + " kinds of its secrets there (the control; not counted as a leak)";
    }

    /** keys generate / export-public, seal and open of a payload with a known Ki, and an open that must fail. */
    private void envelopeCommands() throws Exception {
        Path keys = work.resolve("envelope");
        Files.createDirectories(keys);
        for (String party : List.of("sender", "recipient")) {
            ifppOn(envelopeData, "keys-generate-" + party, 0, "keys", "generate", "--keystore", keys.resolve(party + ".p12").toString(),
                    "--name", party);
            ifppOn(envelopeData, "keys-export-" + party, 0, "keys", "export-public", "--keystore", keys.resolve(party + ".p12").toString(),
                    "--name", party, "-o", keys.resolve(party + ".pub").toString());
        }
        byte[] ki = bytes(16);
        detector.add("Ki in a sealed file", ki);
        Path plain = keys.resolve("payload.txt");
        Files.writeString(plain, "0;8900000000000000001;001010000000001;" + HEX.formatHex(ki) + ";" + HEX.formatHex(bytes(16)) + "\n");
        byDesign.put(plain, "the plaintext the scan seals");
        Path sealed = keys.resolve("payload.sealed");
        ifppOn(envelopeData, "seal", 0, "seal", "--keystore", keys.resolve("sender.p12").toString(), "--name", "sender", "--recipient",
                keys.resolve("recipient.pub").toString(), "--batch", "scan", "--sequence", "1", plain.toString(), "-o", sealed.toString());
        Path opened = keys.resolve("payload.opened");
        ifppOn(envelopeData, "open", 0, "open", "--keystore", keys.resolve("recipient.p12").toString(), "--name", "recipient", "--sender",
                keys.resolve("sender.pub").toString(), "--batch", "scan", "--sequence", "1", sealed.toString(), "-o", opened.toString());
        byDesign.put(opened, "the opened envelope: its plaintext");
        check(detector.scan(List.of(opened), work).kinds().contains("Ki in a sealed file"), "ifpp open did not give back the sealed Ki");
        ifppOn(envelopeData, "open-wrong-sequence", 1, "open", "--keystore", keys.resolve("recipient.p12").toString(), "--name", "recipient",
                "--sender", keys.resolve("sender.pub").toString(), "--batch", "scan", "--sequence", "2", sealed.toString(),
                "-o", keys.resolve("refused.opened").toString());
    }

    /** A batch through the pipeline with key stores in the data directory, and its outputs. */
    private String batchAndDemo() throws Exception {
        String batch = "secrets";
        ifpp("batch-create", 0, "batch", "create", "--plan", "examples/plans/smart-water-meter.yaml", "--agreements",
                "examples/agreements", "--quantity", String.valueOf(BATCH_DEVICES), "--id", batch, "--time-limit", "2",
                "--simulated");
        ifpp("batch-run", 0, "batch", "run", batch, "--failure-rate", "0.1");
        ifpp("batch-status", 0, "batch", "status", batch, "--json");
        Path outputs = data.resolve("outputs").resolve(batch);
        Files.createDirectories(outputs);
        ifpp("batch-manifest", 0, "batch", "manifest", batch, "-o", outputs.resolve("manifest.csv").toString());
        ifpp("batch-schedule", 0, "batch", "schedule", batch, "--json", "-o", outputs.resolve("schedule.json").toString());
        ifpp("audit-list", 0, "audit", "list", "--limit", "1000");
        return batch;
    }

    /**
     * The Ki and OPc of every device as the simulated vendor line receives them: the batch's sealed orders, read
     * from the H2 database with the product's own driver, opened with the line's key store by {@code ifpp open}.
     */
    private int openOrders(String batch, Map<Integer, byte[]> sealed) throws Exception {
        check(!sealed.isEmpty(), "the batch left no sealed order in the database");
        Path keys = data.resolve("keys");
        Path studio = work.resolve("orders/ifpp-studio.pub");
        Files.createDirectories(studio.getParent());
        ifpp("keys-export-studio", 0, "keys", "export-public", "--keystore", keys.resolve("ifpp-studio.p12").toString(),
                "--name", "ifpp-studio", "-o", studio.toString());
        int profiles = 0;
        for (Map.Entry<Integer, byte[]> order : sealed.entrySet()) {
            Path in = work.resolve("orders/order-" + order.getKey() + ".sealed");
            Path out = work.resolve("orders/order-" + order.getKey() + ".opened");
            Files.write(in, order.getValue());
            ifpp("open-order-" + order.getKey(), 0, "open", "--keystore", keys.resolve("simulated-vendor.p12").toString(),
                    "--name", "simulated-vendor", "--sender", studio.toString(), "--batch", batch, "--sequence",
                    String.valueOf(order.getKey()), in.toString(), "-o", out.toString());
            byDesign.put(out, "an order opened as the vendor line does: its Ki and OPc");
            // ifpp-order-payload 2 (docs/vendor-line.md): template lines, then device;iccid;imsi;ki;opc;codes. The
            // codes (8 ASCII digits) are not looked for: any long digit string of a log (ICCIDs, EIDs) would match.
            for (String line : Files.readAllLines(out)) {
                String[] fields = line.split(";", -1);
                if (fields.length == 6) {
                    detector.add("Ki the vendor line received", HexFormat.of().parseHex(fields[3]));
                    detector.add("OPc the vendor line received", HexFormat.of().parseHex(fields[4]));
                    profiles++;
                }
            }
        }
        check(profiles >= BATCH_DEVICES, "the sealed orders held " + profiles + " profiles' Ki and OPc, fewer than the "
                + "batch's " + BATCH_DEVICES + " devices");
        return 2 * profiles;
    }

    private Map<Integer, byte[]> sealedOrders(String batch) throws Exception {
        Map<Integer, byte[]> orders = new TreeMap<>();
        Driver driver = (Driver) productClass("com.h2database_", "org.h2.Driver").getDeclaredConstructor().newInstance();
        // Read-only, and shut down before the server opens the database: H2 serves one process at a time.
        try (Connection connection = driver.connect("jdbc:h2:file:" + data.resolve("db/ifpp")
                + ";ACCESS_MODE_DATA=r;DB_CLOSE_ON_EXIT=FALSE", new Properties());
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT w.seq, p.sealed FROM work_order w JOIN order_payload p "
                    + "ON p.order_id = w.id WHERE w.batch_id = '" + batch + "'")) {
                while (rows.next()) {
                    orders.put(rows.getInt(1), rows.getBytes(2));
                }
            }
            statement.execute("SHUTDOWN");
        }
        return orders;
    }

    /** A class of the built product's plugin {@code jarPrefix}*.jar (its H2 driver, its BouncyCastle provider). */
    private static Class<?> productClass(String jarPrefix, String name) throws Exception {
        Path jar;
        try (Stream<Path> plugins = Files.list(PRODUCT.resolve("plugins"))) {
            jar = plugins.filter(p -> p.getFileName().toString().startsWith(jarPrefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + jarPrefix + "*.jar in the product's plugins"));
        }
        // Not closed: the class serves to the end of the scan.
        URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, ClassLoader.getPlatformClassLoader());
        return Class.forName(name, true, loader);
    }

    /** Two bearer tokens, architect and auditor: secrets, printed once by design. */
    private List<String> tokens() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (String role : List.of("architect", "auditor")) {
            tokens.add(ifpp("token-create-" + role, 0, "token", "create", "--role", role).strip());
            byDesign.put(logs.resolve("token-create-" + role + ".out"), "ifpp token create prints the new token once");
            detector.addText("REST API bearer token", tokens.getLast());
        }
        return tokens;
    }

    /** The server: the scan's profile uploaded, read back, listed and a malformed one validated over HTTPS. */
    private void restApi(Path profile, List<String> tokens) throws Exception {
        String architect = tokens.get(0);
        String auditor = tokens.get(1);
        ProcessBuilder builder = new ProcessBuilder(IFPP.toString(), "server", "--port", "0").directory(ROOT.toFile())
                .redirectError(logs.resolve("server.err").toFile());
        environment(builder);
        Process server = builder.start();
        try {
            URI base = address(server, logs.resolve("server.out"));
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(data.resolve("keys/server-tls.p12"))).build();
            byte[] der = Files.readAllBytes(profile);
            Path responses = logs.resolve("rest-responses.txt");
            StringBuilder text = new StringBuilder();
            text.append(call(client, base, architect, "PUT", "profiles/scan", der, 201)).append('\n');
            text.append(call(client, base, architect, "GET", "profiles/scan", null, 200)).append('\n');
            text.append(call(client, base, architect, "GET", "profiles", null, 200)).append('\n');
            byte[] malformed = Files.readAllBytes(work.resolve("profiles/malformed.der"));
            text.append(call(client, base, architect, "POST", "profiles/validate", malformed, 200)).append('\n');
            // The stored package carries the keys by design: refused to every role but the architect's, and the
            // refusal must not carry them either; the architect's copy is audited (RestApiTest checks both).
            text.append(call(client, base, auditor, "GET", "profiles/scan/package", null, 403)).append('\n');
            text.append(call(client, base, auditor, "GET", "audit", null, 200)).append('\n');
            // A wrong token is a secret too: whoever presents it must not find it in a log.
            String wrong = "ifpp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24));
            detector.addText("REST API bearer token presented and refused", wrong);
            text.append(call(client, base, wrong, "GET", "profiles/scan", null, 401)).append('\n');
            Files.writeString(responses, text);
            byDesign.put(data.resolve("designs/profiles/scan.der"), "the uploaded profile package");
        } finally {
            server.destroy(); // SIGTERM: the server stops as an operator would stop it
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The result of a chain; its failure as it was thrown. */
    private static <T> T result(Future<T> chain) throws Exception {
        try {
            return chain.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError failure) {
                throw failure;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The answer to one request, which must have {@code expected} status; the body is searched, not checked. */
    private static String call(HttpClient client, URI base, String token, String method, String path, byte[] body,
            int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream").timeout(Duration.ofSeconds(30));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() == expected, method + " /" + path + " answered " + response.statusCode() + ", expected "
                + expected);
        return method + " /" + path + " " + response.statusCode() + "\n" + response.body();
    }

    /** The private keys of every key store the run made: PKCS#8 and the key material inside. */
    private int keyStoreSecrets() throws Exception {
        List<Path> stores;
        try (Stream<Path> files = Files.walk(work)) {
            stores = files.filter(SecretScan::isKeyStore).sorted().toList();
        }
        check(stores.size() >= 5, "expected the key stores of the orderer, the vendor line, the TLS server and the "
                + "envelope parties, found " + stores.size());
        // The product's own provider reads its key stores: the JDK's PKCS#12 cannot parse BouncyCastle's encoding of
        // ML-KEM and ML-DSA private keys.
        java.security.Provider bouncyCastle = (java.security.Provider) productClass("bcprov_",
                "org.bouncycastle.jce.provider.BouncyCastleProvider").getDeclaredConstructor().newInstance();
        Map<Path, KeyStore> loaded = new LinkedHashMap<>();
        for (Path file : stores) {
            KeyStore store = KeyStore.getInstance(file.toString().endsWith(".bcfks") ? "BCFKS" : "PKCS12", bouncyCastle);
            try (var in = Files.newInputStream(file)) {
                store.load(in, password.toCharArray());
            }
            loaded.put(file, store);
            // Certificates and public keys are meant to be seen: first, so that no private window overlaps them.
            for (String alias : Collections.list(store.aliases())) {
                for (java.security.cert.Certificate certificate : store.getCertificateChain(alias) == null
                        ? new java.security.cert.Certificate[] { store.getCertificate(alias) } : store.getCertificateChain(alias)) {
                    if (certificate != null) {
                        detector.addPublic(certificate.getEncoded());
                        detector.addPublic(certificate.getPublicKey().getEncoded());
                    }
                }
            }
        }
        for (Map.Entry<Path, KeyStore> entry : loaded.entrySet()) {
            KeyStore store = entry.getValue();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password.toCharArray());
                    check(key instanceof PrivateKey && key.getEncoded() != null, entry.getKey().getFileName() + " " + alias
                            + ": the private key cannot be read");
                    String kind = "private key " + alias + " (" + entry.getKey().getFileName() + ")";
                    detector.add(kind, key.getEncoded());
                    for (byte[] material : Der.keyMaterial(key.getEncoded())) {
                        if (material.length >= 8 && Detector.distinct(material) >= 4) {
                            detector.add(kind, material);
                        }
                    }
                }
            }
        }
        return stores.size();
    }

    /** Private keys among the SGP.26 fixtures (PEM); their certificates and public keys are no secret. */
    private int sgp26PrivateKeys() throws IOException {
        int found = 0;
        try (Stream<Path> files = Files.list(FIXTURES.resolve("sgp26-pki"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".pem")).toList()) {
                Matcher pem = Pattern.compile("-----BEGIN ((?:EC |RSA )?PRIVATE KEY)-----([^-]+)-----END").matcher(Files.readString(file));
                while (pem.find()) {
                    byte[] key = Base64.getMimeDecoder().decode(pem.group(2));
                    detector.add("SGP.26 fixture private key", key);
                    Der.keyMaterial(key).forEach(m -> detector.add("SGP.26 fixture private key", m));
                    found++;
                }
            }
        }
        return found;
    }

    // ---- running the product

    private String ifpp(String name, int expectedExit, String... args) throws Exception {
        return ifppOn(data, name, expectedExit, args);
    }

    /** Runs {@code ./ifpp args} on the data directory {@code dataDirectory}, its stdout and stderr to logs/NAME.*. */
    private String ifppOn(Path dataDirectory, String name, int expectedExit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(IFPP.toString()));
        command.addAll(List.of(args));
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        environment(builder);
        builder.environment().put("IFPP_DATA", dataDirectory.toString());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("ifpp " + args[0] + " " + (args.length > 1 ? args[1] : "") + " did not end in 5 minutes");
        }
        commands.incrementAndGet();
        if (expectedExit != 0) {
            refusals.incrementAndGet();
        }
        // Its output is not quoted here: it is what the scan searches.
        check(process.exitValue() == expectedExit, "ifpp " + String.join(" ", args).replace(work.toString(), "$WORK")
                + " exited " + process.exitValue() + ", expected " + expectedExit + " (see " + out + " and " + err + ")");
        return Files.readString(out);
    }

    private void environment(ProcessBuilder builder) {
        builder.environment().put("IFPP_DATA", data.toString());
        builder.environment().put("IFPP_KEYSTORE_PASSWORD", password);
    }

    private static URI address(Process server, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        Pattern listening = Pattern.compile("listening on (https://127\\.0\\.0\\.1:\\d+/)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            Matcher matcher = listening.matcher(line);
            if (matcher.find()) {
                Files.write(log, lines);
                Thread drain = new Thread(() -> {
                    try {
                        for (String more = out.readLine(); more != null; more = out.readLine()) {
                            Files.writeString(log, more + "\n", java.nio.file.StandardOpenOption.APPEND);
                        }
                    } catch (IOException e) {
                        // the server stopped: its output ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return URI.create(matcher.group(1));
            }
        }
        Files.write(log, lines);
        throw new AssertionError("./ifpp server exited without an address (see " + log + ")");
    }

    /** TLS that trusts the server's own certificate (the key entry of its key store: PKIX takes it as trusted). */
    private SSLContext trusting(Path keyStore) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(KeyStore.getInstance(keyStore.toFile(), password.toCharArray()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    // ---- reporting

    private boolean report(Findings findings, String what, String note) {
        if (findings.isEmpty()) {
            ok(what + ", " + findings.bytes() + " bytes: none of the " + detector.size() + " secret values in clear ("
                    + note + ")");
            return true;
        }
        for (String finding : findings.lines()) {
            System.out.println("not ok - " + finding);
        }
        System.out.println("not ok - " + what + ": " + findings.lines().size() + " finds of " + findings.kinds().size()
                + " kinds of secret (" + note + ")");
        return false;
    }

    private String describeByDesign() {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        byDesign.values().forEach(r -> reasons.merge(r, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(count > 1 ? count + "x " + reason : reason));
        return String.join("; ", parts);
    }

    private static List<Path> surefireReports(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String group : List.of("bundles", "releng")) {
            Path folder = root.resolve(group);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> modules = Files.list(folder)) {
                for (Path reports : modules.map(m -> m.resolve("target/surefire-reports")).filter(Files::isDirectory).sorted().toList()) {
                    try (Stream<Path> found = Files.walk(reports)) {
                        found.filter(Files::isRegularFile).forEach(files::add);
                    }
                }
            }
        }
        return files;
    }

    private static boolean isKeyStore(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".p12") || name.endsWith(".bcfks");
    }

    private static boolean modifiedSince(Path file, Instant start) {
        try {
            return Files.getLastModifiedTime(file).compareTo(FileTime.from(start)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static long countIn(List<Path> files, Path folder) {
        return files.stream().filter(f -> f.startsWith(folder)).count();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static void ok(String message) {
        System.out.println("ok - " + message);
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** ASCII digits, at least four different ones, so that the code is told apart from other numbers. */
    private static byte[] digits(int length) {
        while (true) {
            byte[] digits = new byte[length];
            for (int i = 0; i < length; i++) {
                digits[i] = (byte) ('0' + RANDOM.nextInt(10));
            }
            if (Detector.distinct(digits) >= 4) {
                return digits;
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    // ---- the detector

    /** What a scan found: one line per file, line and kind; never a value. */
    record Findings(List<String> lines, Set<String> kinds, long bytes) {

        boolean isEmpty() {
            return lines.isEmpty();
        }
    }

    /**
     * Known values as fixed-width fingerprints, so that a file is searched in one pass however many values there
     * are: 16-character windows of their uppercase hex and of their Base64 (standard and URL-safe, at the 4-character
     * steps where an encoding of the value itself places them), 8-byte windows of their raw bytes; and literals (the
     * digits of a code, a password, a token, short Base64).
     */
    static final class Detector {

        private static final int WINDOW = 8;
        private static final String HEX_ALPHABET = "0123456789ABCDEF".repeat(4);
        private final Map<String, String> hexWindows = new HashMap<>();
        private final Map<String, String> base64Windows = new HashMap<>();
        private final Map<Long, String> rawWindows = new HashMap<>();
        private final Map<String, String> literals = new HashMap<>();
        private final Map<String, Integer> counts = new TreeMap<>();
        private final Set<String> skipped = new LinkedHashSet<>();
        private final Set<String> values = new java.util.HashSet<>();
        private final Set<Long> publicWindows = new java.util.HashSet<>();

        /**
         * Adds a value of the scan's own (random, so distinctive: searched as text and as raw bytes). Windows that
         * also occur in a public key are left out: some private key encodings hold their public key (EC, X25519 v2,
         * ML-KEM's expanded key, ML-DSA's rho), which is meant to be seen.
         */
        synchronized void add(String kind, byte[] value) {
            check(value.length >= WINDOW && distinct(value) >= 4, kind + ": a value of the scan's own is not distinctive");
            add(kind, value, true);
        }

        /**
         * Adds a value of the fixtures, searched as text only (a test pattern such as 00 01 02 ... may well occur in
         * binary data); one too short or too uniform to be told apart from data that is no secret (fewer than 8 bytes
         * or 4 distinct byte values, such as an all-zero OPc or PIN "0000", or the hex digits in order, as every hex
         * encoder's table holds them) is counted as skipped.
         */
        synchronized void addFixture(String kind, byte[] value) {
            if (value.length < WINDOW || distinct(value) < 4 || HEX_ALPHABET.contains(HEX.formatHex(value))) {
                skipped.add(kind);
                return;
            }
            add(kind, value, false);
        }

        /** Adds a secret that is text (a password, a token), searched as it is. */
        synchronized void addText(String kind, String value) {
            if (values.add(kind + value)) {
                counts.merge(kind, 1, Integer::sum);
                literals.put(value, kind);
            }
        }

        /** Marks {@code value} as public: no window of a secret that also occurs in it is looked for. */
        synchronized void addPublic(byte[] value) {
            for (int from = 0; from + WINDOW <= value.length; from++) {
                publicWindows.add(rawWindow(value, from));
            }
        }

        private synchronized void add(String kind, byte[] value, boolean raw) {
            if (!values.add(kind + HEX.formatHex(value))) {
                return;
            }
            counts.merge(kind, 1, Integer::sum);
            for (int from = 0; from + WINDOW <= value.length; from++) {
                long window = rawWindow(value, from);
                if (!publicWindows.contains(window)) {
                    hexWindows.put(HEX.formatHex(value, from, from + WINDOW), kind);
                    if (raw) {
                        rawWindows.put(window, kind);
                    }
                }
            }
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String base64 = encoder.encodeToString(value);
                if (base64.length() < 16) {
                    literals.put(base64, kind);
                }
                for (int from = 0; from + 16 <= base64.length(); from += 4) {
                    // 16 characters are 12 bytes from byte 3 * from / 4: left out if those touch a public key.
                    int bytes = 3 * from / 4;
                    boolean isPublic = false;
                    for (int at = bytes; at + WINDOW <= Math.min(value.length, bytes + 12); at++) {
                        isPublic |= publicWindows.contains(rawWindow(value, at));
                    }
                    if (!isPublic) {
                        base64Windows.put(base64.substring(from, from + 16), kind);
                    }
                }
            }
            int digits = 0;
            while (digits < value.length && value[digits] >= '0' && value[digits] <= '9') {
                digits++;
            }
            if (digits >= 6 && distinct(java.util.Arrays.copyOf(value, digits)) >= 4) {
                literals.put(new String(value, 0, digits, StandardCharsets.US_ASCII), kind);
            }
        }

        static int distinct(byte[] value) {
            Set<Byte> seen = new java.util.HashSet<>();
            for (byte b : value) {
                seen.add(b);
            }
            return seen.size();
        }

        private static long rawWindow(byte[] bytes, int from) {
            long window = 0;
            for (int i = from; i < from + WINDOW; i++) {
                window = window << 8 | (bytes[i] & 0xFF);
            }
            return window;
        }

        int size() {
            return values.size();
        }

        Set<String> skipped() {
            return skipped;
        }

        /** "12 TS.48 fixture keys and codes, ..." by family of kinds, for one readable line. */
        String kindCounts() {
            Map<String, Integer> families = new TreeMap<>();
            counts.forEach((kind, count) -> families.merge(family(kind), count, Integer::sum));
            List<String> parts = new ArrayList<>();
            families.forEach((family, count) -> parts.add(count + " " + family));
            return String.join(", ", parts);
        }

        private static String family(String kind) {
            if (kind.startsWith("private key ")) {
                return "private key values of the key stores (PKCS#8 and the key material in it)";
            }
            if (kind.startsWith("TS.48 fixture ")) {
                return "TS.48 fixture keys";
            }
            int of = kind.indexOf(" of the ");
            return of > 0 ? "keys and codes (K, OPc, PIN, PUK, ADM, security domain, CDMA) of the " + kind.substring(of + 8) : kind;
        }

        Set<String> kindsOf(String owner) {
            Set<String> kinds = new LinkedHashSet<>();
            counts.keySet().stream().filter(k -> k.endsWith(" of the " + owner)).forEach(kinds::add);
            return kinds;
        }

        /** Searches {@code files}, each as text (line by line) and as raw bytes; names files relative to {@code base}. */
        Findings scan(List<Path> files, Path base) throws IOException {
            Set<String> lines = new LinkedHashSet<>();
            Set<String> kinds = new LinkedHashSet<>();
            long total = 0;
            for (Path file : files) {
                byte[] content = Files.readAllBytes(file);
                total += content.length;
                String name = (file.startsWith(base) ? base : ROOT).relativize(file).toString();
                Map<String, Integer> firstLine = new LinkedHashMap<>();
                // ISO-8859-1 maps every byte to one char: any file reads as text, UTF-8 hex and Base64 unchanged.
                String[] text = new String(content, StandardCharsets.ISO_8859_1).split("\n", -1);
                for (int line = 0; line < text.length; line++) {
                    for (String kind : inLine(text[line])) {
                        firstLine.putIfAbsent(kind, line + 1);
                    }
                }
                for (int at = 0; at + WINDOW <= content.length; at++) {
                    String kind = rawWindows.get(rawWindow(content, at));
                    if (kind != null) {
                        firstLine.putIfAbsent(kind + " (raw bytes)", lineOf(content, at));
                    }
                }
                firstLine.forEach((kind, line) -> {
                    lines.add(name + ":" + line + ": " + kind + " in clear");
                    kinds.add(kind.replace(" (raw bytes)", ""));
                });
            }
            return new Findings(new ArrayList<>(lines), kinds, total);
        }

        private Set<String> inLine(String line) {
            Set<String> kinds = new LinkedHashSet<>();
            String upper = line.toUpperCase(Locale.ROOT);
            // Separators and "0x" prefixes out: "0a 1b", "0A:1B" and "0x0a, 0x1b" all read as "0A1B".
            for (String hex : List.of(upper.replaceAll("[^0-9A-F]", ""), upper.replace("0X", "").replaceAll("[^0-9A-F]", ""))) {
                for (int at = 0; at + 2 * WINDOW <= hex.length(); at++) {
                    String kind = hexWindows.get(hex.substring(at, at + 2 * WINDOW));
                    if (kind != null) {
                        kinds.add(kind);
                    }
                }
            }
            for (int at = 0; at + 16 <= line.length(); at++) {
                String kind = base64Windows.get(line.substring(at, at + 16));
                if (kind != null) {
                    kinds.add(kind);
                }
            }
            literals.forEach((literal, kind) -> {
                if (line.contains(literal)) {
                    kinds.add(kind);
                }
            });
            // Any profile's key or code as value notation shows, even one whose value this scan does not know (the
            // test suites make their own); the TS.48 test patterns left out above count here too.
            Matcher shape = SECRET_COMPONENT.matcher(line);
            while (shape.find()) {
                if (shape.group(3).length() >= 8) {
                    kinds.add("a profile's " + shape.group(1) + " in value notation (any value)");
                }
            }
            return kinds;
        }

        private static int lineOf(byte[] content, int offset) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (content[i] == '\n') {
                    line++;
                }
            }
            return line;
        }

        /** The detector on renderings of a value of its own, so that a scan that sees nothing cannot pass. */
        void selfTest() throws IOException {
            Detector probe = new Detector();
            byte[] key = bytes(32);
            byte[] code = digits(8);
            probe.add("probe key", key);
            probe.add("probe code", code);
            String hex = HEX.formatHex(key);
            String lower = hex.toLowerCase(Locale.ROOT);
            String pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key);
            List<String> renderings = List.of("K=" + hex, "k: " + lower, lower.replaceAll("(..)", "$1 "),
                    hex.replaceAll("(..)(?!$)", "$1:"), lower.replaceAll("(..)", "0x$1, "), "K " + hex.substring(0, 16) + "...",
                    "\"" + Base64.getEncoder().encodeToString(key) + "\"", "-----BEGIN PRIVATE KEY-----\n" + pem + "\n-----END",
                    "PIN " + new String(code, StandardCharsets.US_ASCII));
            Path sample = Files.createTempFile("secret-scan-probe", ".txt");
            try {
                for (String rendering : renderings) {
                    Files.writeString(sample, "before\n" + rendering + "\nafter\n");
                    check(!probe.scan(List.of(sample), sample.getParent()).isEmpty(), "the detector misses a rendering "
                            + "of a known value (its form: " + rendering.replaceAll("[0-9A-Za-z+/]", "x") + ")");
                }
                byte[] raw = new byte[100];
                System.arraycopy(key, 0, raw, 37, key.length);
                Files.write(sample, raw);
                check(!probe.scan(List.of(sample), sample.getParent()).isEmpty(), "the detector misses raw key bytes");
                Files.writeString(sample, "nothing to see: " + HEX.formatHex(bytes(32)) + " " + Base64.getEncoder().encodeToString(bytes(32)));
                check(probe.scan(List.of(sample), sample.getParent()).isEmpty(), "the detector finds a value it was not given");
                Files.writeString(sample, "    keyData '" + HEX.formatHex(bytes(16)) + "'H,\n");
                check(!new Detector().scan(List.of(sample), sample.getParent()).isEmpty(),
                        "the detector misses a key in value notation whose value it does not know");
            } finally {
                Files.delete(sample);
            }
        }
    }

    /** Just enough DER to take the key material out of a PKCS#8 private key: every octet string of 16 bytes or more. */
    static final class Der {

        static List<byte[]> keyMaterial(byte[] der) {
            List<byte[]> found = new ArrayList<>();
            walk(der, 0, der.length, found, 0);
            return found;
        }

        private static void walk(byte[] der, int from, int to, List<byte[]> found, int depth) {
            int at = from;
            while (at + 2 <= to && depth < 8) {
                int tag = der[at] & 0xFF;
                int lengthByte = der[at + 1] & 0xFF;
                int header = 2;
                int length = lengthByte;
                if (lengthByte > 0x80) {
                    int count = lengthByte & 0x7F;
                    if (count > 3 || at + 2 + count > to) {
                        return;
                    }
                    length = 0;
                    for (int i = 0; i < count; i++) {
                        length = length << 8 | (der[at + 2 + i] & 0xFF);
                    }
                    header += count;
                } else if (lengthByte == 0x80) {
                    return;
                }
                int start = at + header;
                int end = start + length;
                if (end > to) {
                    return; // not DER: the bytes were key material, not a structure
                }
                boolean constructed = (tag & 0x20) != 0;
                if (constructed) {
                    walk(der, start, end, found, depth + 1);
                } else if ((tag == 0x04 || (tag & 0xC0) == 0x80) && length >= 16) {
                    byte[] value = java.util.Arrays.copyOfRange(der, start, end);
                    found.add(value);
                    // An octet string may wrap another structure (EC's ECPrivateKey, ML-KEM's seed and key).
                    walk(der, start, end, found, depth + 1);
                }
                at = end;
            }
        }
    }
}
