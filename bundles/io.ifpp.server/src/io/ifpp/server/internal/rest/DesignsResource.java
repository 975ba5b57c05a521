package io.ifpp.server.internal.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.readiness.ReadinessReport;
import io.ifpp.core.AtomicFiles;
import io.ifpp.core.Diagnostic;
import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileValidator;
import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.server.internal.cli.agreement.PlanInputs;
import io.ifpp.server.internal.cli.profile.InfoCommand;

/**
 * {@code /profiles}, {@code /agreements}, {@code /plans}: the designs the server plans and runs batches from, kept
 * as files under {@code designs/} of the data directory. An upload is checked whole (a profile package decodes and
 * validates; an agreement file validates together with the others; a plan validates) and only then replaces the
 * stored file, by a rename: a refused upload leaves everything as it was.
 */
public final class DesignsResource {

    private static final Set<Role> ARCHITECT = EnumSet.of(Role.ARCHITECT);
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,79}";
    private static final Duration PLAN_TIME_LIMIT = Duration.ofSeconds(10);

    private final Path root;
    private final ConnectorIds connectors;
    private final Clock clock;
    private final AuditLog audit;
    /** The planner searches on every core: one solve at a time, others answered 429 (from the security review). */
    private final Admission solves = new Admission("plan solves", 1);

    /** The connector ids available now, which the readiness report checks the plan's partners against. */
    @FunctionalInterface
    public interface ConnectorIds {
        Set<String> available() throws InterruptedException;
    }

    /** @param clock the day designs are judged on (an ended ship window, an expired agreement) */
    public DesignsResource(Path dataDirectory, ConnectorIds connectors, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.root = dataDirectory.resolve("designs");
        this.connectors = connectors;
        this.clock = clock;
        try {
            for (String kind : List.of("agreements", "plans")) {
                finishReplacements(kind);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the stored designs in " + root + " cannot be repaired", e);
        }
    }

    /**
     * Design writes one at a time, each checked against what the writes before it stored (two uploads valid alone
     * could otherwise leave a set invalid together), and reads never between a write's steps.
     */
    private final ReentrantReadWriteLock designs = new ReentrantReadWriteLock();

    private RestApi.Action reading(RestApi.Action action) {
        return under(designs.readLock(), action);
    }

    private RestApi.Action writing(RestApi.Action action) {
        return under(designs.writeLock(), action);
    }

    private static RestApi.Action under(java.util.concurrent.locks.Lock lock, RestApi.Action action) {
        return exchange -> {
            lock.lock();
            try {
                return action.handle(exchange);
            } finally {
                lock.unlock();
            }
        };
    }

    /**
     * A stored package as uploaded, keys and codes (Ki, OPc, PIN/PUK, ADM) included: the architect's alone, and
     * audited before it leaves; a package whose hand-out cannot be audited is not handed out.
     */
    private Reply profilePackage(Exchange exchange) throws ApiException, IOException {
        String name = exchange.path("name");
        byte[] der = Files.readAllBytes(existing("profiles", name, ".der"));
        try {
            audit.append(exchange.caller().name(), "profile.package.download", "profile " + name,
                    "the SAIP package with its keys and codes, " + der.length + " bytes");
        } catch (SQLException e) {
            java.util.Arrays.fill(der, (byte) 0);
            throw new ApiException(503, "the download of profile " + name + " could not be audited; try again");
        }
        return new Reply.Bytes(200, "application/octet-stream", der);
    }

    public void register(RestApi api) {
        api.read("GET", "/profiles", reading(e -> Reply.json(list(folder("profiles")))));
        api.route("PUT", "/profiles/{name}", ARCHITECT, writing(this::putProfile));
        api.route("POST", "/profiles/validate", ARCHITECT, e -> Reply.json(checkProfile(e.body()).findings()));
        api.read("GET", "/profiles/{name}", reading(this::profileInfo));
        api.route("GET", "/profiles/{name}/package", ARCHITECT, reading(this::profilePackage));

        api.read("GET", "/agreements", reading(e -> Reply.json(list(folder("agreements")))));
        api.route("PUT", "/agreements/{name}", ARCHITECT, writing(this::putAgreements));
        api.route("POST", "/agreements/validate", ARCHITECT, reading(e -> Reply.json(checkAgreements(null, e)
                .findings())));
        api.read("GET", "/agreements/{name}", reading(e -> designFile("agreements", e.path("name"))));

        api.read("GET", "/plans", reading(e -> Reply.json(list(folder("plans")))));
        api.route("PUT", "/plans/{name}", ARCHITECT, writing(this::putPlan));
        api.read("GET", "/plans/{name}", reading(e -> designFile("plans", e.path("name"))));
        api.read("GET", "/plans/{name}/result", e -> json(solve(plan(e.path("name")), agreements(), e)));
        api.read("GET", "/plans/{name}/readiness", e -> {
            ProductPlan plan = plan(e.path("name"));
            AgreementBook book = agreements();
            return json(ReadinessReport.of(plan, book, solve(plan, book, e),
                    ReadinessReport.Integrations.of(connectors.available()), profileDesigns(), LocalDate.now(clock)));
        });
    }

    /** The plan stored under {@code name}; 404 when there is none. */
    public ProductPlan plan(String name) throws ApiException, DesignFileException, IOException {
        designs.readLock().lock();
        try {
            return DesignFiles.readPlan(existing("plans", name, null));
        } finally {
            designs.readLock().unlock();
        }
    }

    /** Every stored agreement file, as one book. */
    public AgreementBook agreements() throws DesignFileException, IOException {
        designs.readLock().lock();
        try {
            return profileDesigns().measured(DesignFiles.readAgreements(List.of(folder("agreements"))));
        } finally {
            designs.readLock().unlock();
        }
    }

    /** The stored profile designs, which agreements name by {@code profiles/<name>.der}. */
    ProfileDesigns profileDesigns() {
        return ProfileDesigns.under(root);
    }

    /** Solves the plan within the request's {@code timeLimit} seconds (default 10); errors in the designs are a 400. */
    PlanResult solve(ProductPlan plan, AgreementBook book, Exchange exchange) throws ApiException {
        long seconds = exchange.queryLong("timeLimit", PLAN_TIME_LIMIT.toSeconds(), 1, 60);
        try (Admission.Ticket ticket = solves.enter()) {
            return PlanInputs.plan(plan, book, profileDesigns(), Duration.ofSeconds(seconds), LocalDate.now(clock));
        } catch (PlanInputs.InvalidInputException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private record Checked<T>(T value, List<Diagnostic> findings) {
        boolean hasErrors() {
            return findings.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        }
    }

    private Checked<ProfilePackage> checkProfile(byte[] der) throws ApiException {
        try {
            ProfilePackage profile = ProfileCodec.decode(der);
            return new Checked<>(profile, ProfileValidator.validate(profile));
        } catch (Asn1DecodeException e) {
            throw ApiException.badRequest("offset " + e.offset() + (e.path() == null ? "" : " (" + e.path() + ")"),
                    "not a profile package: " + e.reason());
        }
    }

    private Reply putProfile(Exchange exchange) throws Exception {
        Path target = file("profiles", exchange.path("name"), ".der");
        Checked<ProfilePackage> checked = checkProfile(exchange.body());
        if (checked.hasErrors()) {
            throw new ApiException(400, "the profile package breaks SAIP rules; nothing was stored", null,
                    checked.findings());
        }
        boolean existed = Files.exists(target);
        AtomicFiles.write(target, exchange.body());
        return Reply.json(existed ? 200 : 201, stored(exchange.path("name"), checked.findings()));
    }

    private Reply profileInfo(Exchange exchange) throws Exception {
        byte[] der = Files.readAllBytes(existing("profiles", exchange.path("name"), ".der"));
        Checked<ProfilePackage> checked = checkProfile(der);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", exchange.path("name"));
        info.put("bytes", der.length);
        info.putAll(InfoCommand.summary(checked.value()));
        info.put("findings", checked.findings());
        return Reply.json(info);
    }

    private Checked<AgreementBook> checkAgreements(String replacing, Exchange exchange) throws Exception {
        Path upload = upload(exchange);
        try {
            AgreementBook book = AgreementBook.EMPTY;
            for (Path other : files(folder("agreements"))) {
                if (!baseName(other).equals(replacing)) {
                    book = book.merge(DesignFiles.readAgreements(other));
                }
            }
            book = book.merge(read(() -> DesignFiles.readAgreements(upload)));
            return new Checked<>(book, new AgreementValidator(LocalDate.now(clock)).validate(book));
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    private Reply putAgreements(Exchange exchange) throws Exception {
        String name = exchange.path("name");
        file("agreements", name, "");
        Checked<AgreementBook> checked = checkAgreements(name, exchange);
        if (checked.hasErrors()) {
            throw new ApiException(400, "the agreements do not validate together with the stored ones; nothing was "
                    + "stored", null, checked.findings());
        }
        return replace("agreements", name, exchange, checked.findings());
    }

    private Reply putPlan(Exchange exchange) throws Exception {
        file("plans", exchange.path("name"), "");
        Path upload = upload(exchange);
        try {
            ProductPlan plan = read(() -> DesignFiles.readPlan(upload));
            List<Diagnostic> findings = new AgreementValidator(LocalDate.now(clock)).validate(plan);
            if (findings.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
                throw new ApiException(400, "the plan does not validate; nothing was stored", null, findings);
            }
            return replace("plans", exchange.path("name"), exchange, findings);
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    @FunctionalInterface
    private interface DesignRead<T> {
        T read() throws DesignFileException;
    }

    /** A design file that does not read is the client's fault: 400 with line and column. */
    private static <T> T read(DesignRead<T> reader) throws ApiException {
        try {
            return reader.read();
        } catch (DesignFileException e) {
            String message = e.getMessage();
            int reason = message.indexOf(": ");
            throw ApiException.badRequest(e.line() > 0 ? "line " + e.line() + ", column " + e.column() : null,
                    reason >= 0 ? message.substring(reason + 2) : message);
        }
    }

    /**
     * Stores the checked upload under {@code name}, replacing a file of the other format: a marker names the format
     * that stays before the new file is written, so that a crash between the write and the removal of the old one is
     * finished at the next start ({@link #finishReplacements}) instead of leaving both.
     */
    private Reply replace(String kind, String name, Exchange exchange, List<Diagnostic> findings) throws Exception {
        String extension = extension(exchange);
        Path target = file(kind, name, extension);
        Path other = file(kind, name, extension.equals(".yaml") ? ".json" : ".yaml");
        boolean existed = Files.exists(target) || Files.exists(other);
        Path marker = file(kind, name, REPLACING);
        if (Files.exists(other)) {
            AtomicFiles.write(marker, extension.getBytes(StandardCharsets.US_ASCII));
        }
        AtomicFiles.write(target, exchange.body());
        Files.deleteIfExists(other);
        Files.deleteIfExists(marker);
        return Reply.json(existed ? 200 : 201, stored(name, findings));
    }

    private static final String REPLACING = ".replacing";

    /** Finishes replacements a crash interrupted: the format a marker names stays, the other goes. */
    private void finishReplacements(String kind) throws IOException {
        Path folder = root.resolve(kind);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> markers = Files.list(folder)) {
            for (Path marker : markers.filter(f -> f.getFileName().toString().endsWith(REPLACING)).toList()) {
                String name = marker.getFileName().toString();
                String base = name.substring(0, name.length() - REPLACING.length());
                String kept = Files.readString(marker, StandardCharsets.US_ASCII).strip();
                if (Files.exists(folder.resolve(base + kept))) {
                    Files.deleteIfExists(folder.resolve(base + (kept.equals(".yaml") ? ".json" : ".yaml")));
                }
                Files.delete(marker);
            }
        }
    }

    private static Map<String, Object> stored(String name, List<Diagnostic> findings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("stored", true);
        body.put("findings", findings);
        return body;
    }

    /** The body in a scratch file outside the design folders, named for its format, for the design readers. */
    private Path upload(Exchange exchange) throws IOException, ApiException {
        Path incoming = Files.createDirectories(root.resolve(".incoming"));
        Path file = Files.createTempFile(incoming, "upload-", extension(exchange));
        Files.write(file, exchange.body());
        return file;
    }

    private static String extension(Exchange exchange) throws ApiException {
        String type = exchange.contentType() == null ? "" : exchange.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return ".json";
        }
        if (type.contains("yaml")) {
            return ".yaml";
        }
        throw ApiException.badRequest("Content-Type", "a design file is sent as application/json or "
                + "application/yaml, found '" + exchange.contentType() + "'");
    }

    private Reply designFile(String kind, String name) throws Exception {
        Path file = existing(kind, name, null);
        String type = file.toString().endsWith(".json") ? "application/json" : "application/yaml";
        return new Reply.Bytes(200, type + "; charset=utf-8", Files.readAllBytes(file));
    }

    private static Reply json(Object report) {
        return new Reply.Bytes(200, "application/json; charset=utf-8",
                DesignFiles.toJson(report).getBytes(StandardCharsets.UTF_8));
    }

    private Path folder(String kind) throws IOException {
        return Files.createDirectories(root.resolve(kind));
    }

    /** The file for a design of this name; a 400 naming the field when the name is not one. */
    private Path file(String kind, String name, String extension) throws ApiException, IOException {
        if (name == null || !name.matches(NAME)) {
            throw ApiException.badRequest("name", "a design name is 1 to 80 letters, digits, '.', '_' or '-', "
                    + "found '" + name + "'");
        }
        return folder(kind).resolve(name + extension);
    }

    /** The stored file of that name (with {@code extension}, or any design extension when null); 404 otherwise. */
    private Path existing(String kind, String name, String extension) throws ApiException, IOException {
        for (String candidate : extension != null ? List.of(extension) : List.of(".yaml", ".json")) {
            Path file = file(kind, name, candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw ApiException.notFound("no " + kind.substring(0, kind.length() - 1) + " named " + name);
    }

    private static List<Map<String, Object>> list(Path folder) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Path file : files(folder)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", baseName(file));
            item.put("bytes", Files.size(file));
            items.add(item);
        }
        return items;
    }

    private static String baseName(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches(NAME
                    + "\\.(der|yaml|json)")).sorted().toList();
        }
    }
}
