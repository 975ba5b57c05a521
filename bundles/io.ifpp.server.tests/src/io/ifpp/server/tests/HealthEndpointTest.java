package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ifpp.core.ProductInfo;
import io.ifpp.core.health.HealthCheck;
import io.ifpp.core.health.HealthStatus;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.health.HealthReport;
import io.ifpp.server.internal.http.IfppHttpServer;

/** Real HTTP on loopback against the Jetty endpoint, inside OSGi. */
class HealthEndpointTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private IfppHttpServer server;

    private final List<ServiceRegistration<HealthCheck>> registrations = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = IfppHttpServer.start("127.0.0.1", 0, Services.await(HealthReport.class, Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        registrations.forEach(ServiceRegistration::unregister);
        server.stop();
    }

    private ServiceRegistration<HealthCheck> register(String name, Supplier<HealthStatus> status) {
        BundleContext context = FrameworkUtil.getBundle(HealthEndpointTest.class).getBundleContext();
        ServiceRegistration<HealthCheck> registration = context.registerService(HealthCheck.class, new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthStatus check() {
                return status.get();
            }
        }, null);
        registrations.add(registration);
        return registration;
    }

    private JsonNode health(int expectedStatus) throws Exception {
        HttpResponse<String> response = send("GET", "/health");
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersUpWithTheSuiteVersionAsJson() throws Exception {
        HttpResponse<String> response = send("GET", "/health");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertEquals("UP", health.path("status").asText());
        assertEquals(ProductInfo.NAME, health.path("product").asText());
        assertEquals(ProductInfo.version().toString(), health.path("version").asText());
    }

    @Test
    void dataDirectoryCheckIsContributedThroughDeclarativeServices() throws Exception {
        JsonNode dataDirectory = health(200).path("checks").path("dataDirectory");
        assertEquals("UP", dataDirectory.path("status").asText(), dataDirectory.toString());
        assertTrue(dataDirectory.path("detail").asText().matches("\\d+ MiB free in the data directory"), dataDirectory.toString());
    }

    @Test
    void anyCheckDownMakesTheServerUnavailableUntilItGoes() throws Exception {
        ServiceRegistration<HealthCheck> database = register("database",
                () -> HealthStatus.down("cannot reach postgresql://db:5432/ifpp"));
        JsonNode down = health(503);
        assertEquals("DOWN", down.path("status").asText());
        assertEquals("DOWN", down.path("checks").path("database").path("status").asText());
        assertEquals("cannot reach postgresql://db:5432/ifpp", down.path("checks").path("database").path("detail").asText());

        database.unregister();
        registrations.remove(database);
        JsonNode up = health(200);
        assertEquals("UP", up.path("status").asText());
        assertTrue(up.path("checks").path("database").isMissingNode(), up.toString());
    }

    @Test
    void aThrowingCheckIsReportedDownByName() throws Exception {
        register("vendor", () -> {
            throw new IllegalStateException("boom");
        });
        JsonNode check = health(503).path("checks").path("vendor");
        assertEquals("DOWN", check.path("status").asText());
        assertEquals("the check failed: IllegalStateException", check.path("detail").asText());
    }

    @Test
    void boundToAnEphemeralLoopbackPort() {
        assertTrue(server.port() > 0, "port 0 must be replaced by the bound port");
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.baseUri());
    }

    @Test
    void unknownPathIsNotFoundAndWrongMethodIsRefused() throws Exception {
        assertEquals(404, send("GET", "/nothing-here").statusCode());
        HttpResponse<String> post = send("POST", "/health");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void headHasNoBody() throws Exception {
        HttpResponse<String> head = send("HEAD", "/health");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }
}
