package io.ifpp.server.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.batch.BatchRuns;
import io.ifpp.server.internal.batch.KeyFiles;
import io.ifpp.server.internal.batch.ServerEngines;
import io.ifpp.server.internal.health.HealthReport;
import io.ifpp.server.internal.http.IfppHttpServer;
import io.ifpp.server.internal.rest.ApiRoutes;
import io.ifpp.server.internal.rest.ApiTokens;
import io.ifpp.server.internal.rest.RestApi;
import io.ifpp.server.internal.rest.Role;
import io.ifpp.trust.TlsServerKeys;

/**
 * The REST API as the {@code server} command assembles it, over real HTTPS on loopback, on a data directory and H2
 * database of the test's own, with one token per role and a client that trusts only the server's certificate.
 */
final class RestServerFixture implements AutoCloseable {

    private static final char[] PASSWORD = "rest-test-password".toCharArray();

    final Path data;
    final Database database;
    final RestApi api;
    final BatchRuns runs = new BatchRuns();
    final IfppHttpServer server;
    final HttpClient client;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    final ServerEngines engines;
    final TlsServerKeys tls;

    RestServerFixture(Path data) throws Exception {
        this.data = data;
        database = Database.embedded(data.resolve("db"));
        Migrations.apply(database);
        ApiTokens apiTokens = new ApiTokens(data, Clock.systemUTC());
        for (Role role : Role.values()) {
            tokens.put(role, apiTokens.create(role.id() + "-test", role).token());
        }
        KeyFiles.Keys keys = KeyFiles.ephemeral();
        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        engines = new ServerEngines(database, registry, data, keys, Engine.Settings.defaults("rest-test"),
                ServerEngines.Simulated.PLAIN, Clock.systemUTC());
        api = ApiRoutes.build(apiTokens, data, database, engines, runs, () -> java.util.Set.of("simulator"), registry,
                Clock.systemUTC());
        tls = TlsServerKeys.loadOrCreate(data.resolve("keys/server-tls.p12"), PASSWORD,
                List.of("localhost", "127.0.0.1"), Clock.systemUTC());
        server = IfppHttpServer.start("127.0.0.1", 0, Services.await(HealthReport.class, Duration.ofSeconds(10)), api,
                tls.sslContext(PASSWORD));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", tls.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Stores the example profile designs, agreements and plan (as "water") through the API, as an architect would:
     * the designs first, as the agreements name them ({@code profiles/<name>.der}).
     */
    void storeExampleDesigns() throws Exception {
        Path examples = Path.of("../../examples").toAbsolutePath().normalize();
        try (var designs = java.nio.file.Files.list(examples.resolve("profiles"))) {
            for (Path design : designs.filter(f -> f.toString().endsWith(".der")).sorted().toList()) {
                String name = design.getFileName().toString().replaceFirst("\\.der$", "");
                expect(201, send(Role.ARCHITECT, "PUT", "/profiles/" + name, "application/octet-stream",
                        java.nio.file.Files.readAllBytes(design)));
            }
        }
        for (String file : new String[] { "operators", "country-rules", "agreements" }) {
            expect(201, send(Role.ARCHITECT, "PUT", "/agreements/" + file, "application/yaml",
                    java.nio.file.Files.readAllBytes(examples.resolve("agreements/" + file + ".yaml"))));
        }
        expect(201, send(Role.ARCHITECT, "PUT", "/plans/water", "application/yaml",
                java.nio.file.Files.readAllBytes(examples.resolve("plans/smart-water-meter.yaml"))));
    }

    static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected HTTP " + status + ", got " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    HttpResponse<String> send(Role role, String method, String path, String contentType, byte[] body)
            throws Exception {
        return send(role == null ? null : tokens.get(role), method, path, contentType, body);
    }

    HttpResponse<String> send(String token, String method, String path, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(Role role, String path) throws Exception {
        return send(role, "GET", path, null, null);
    }

    HttpResponse<String> postJson(Role role, String path, String json) throws Exception {
        return send(role, "POST", path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        server.stop();
        runs.stop(Duration.ofSeconds(30));
    }
}
