package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ifpp.core.ProductInfo;
import io.ifpp.server.internal.http.IfppHttpServer;

/** Real HTTP on loopback against the Jetty endpoint, inside OSGi. */
class HealthEndpointTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private IfppHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = IfppHttpServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.stop();
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
