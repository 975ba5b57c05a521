package io.ifpp.connector.es2plus.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.connector.api.contract.ProfileOrderingConnectorContract.Faults;
import io.ifpp.connector.es2plus.Es2PlusClient;
import io.ifpp.connector.es2plus.Es2PlusFunction;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.connector.es2plus.Es2PlusTestServer;
import io.ifpp.connector.es2plus.TlsIdentity;
import io.ifpp.connector.es2plus.internal.Json;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;
import io.ifpp.fixtures.Fixtures;

/** What the contract cannot see: the TLS client authentication and the messages on the wire. */
class Es2PlusWireTest {

    private static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, 1.0);

    @Test
    void aClientWithoutACertificateIsRefusedByTheSmdp() throws Exception {
        try (var subject = new Es2PlusContractTest.LoopbackSubject(Faults.NONE, ONCE, Duration.ofSeconds(10))) {
            Es2PlusClient anonymous = new Es2PlusClient(Es2PlusSettings.of(subject.smdp.uri(), "anonymous")
                    .withRetries(ONCE), TlsIdentity.trustOnly(Loopback.IFPP.trusted()));

            ConnectorException error = assertThrows(ConnectorException.class,
                    () -> anonymous.releaseProfile(iccid(1)));
            assertEquals(Reason.UNAVAILABLE, error.reason(), error.getMessage());
            assertTrue(subject.smdp.exchanges().isEmpty(), "no request reached the SM-DP+");
        }
    }

    @Test
    void everyMessageOnTheWireMatchesTheSharedSchemas() throws Exception {
        try (var subject = new Es2PlusContractTest.LoopbackSubject(Faults.NONE, ONCE, Duration.ofSeconds(10))) {
            Eid eid = Eid.withCheckDigits("890490320000000000000000004242");
            Iccid ordered = iccid(2);
            Iccid cancelled = iccid(3);
            subject.addProfile(ordered, "wire");
            subject.addProfile(cancelled, "wire");
            var client = subject.connector();
            client.downloadOrder(Optional.of(eid), Optional.of(ordered), Optional.of("wire"));
            client.confirmOrder(ordered, Optional.of(eid), Optional.empty(), Optional.of("1234"),
                    Optional.of("smds.ifpp.test"), false);
            client.releaseProfile(ordered);
            client.downloadOrder(Optional.empty(), Optional.empty(), Optional.of("wire"));
            client.cancelOrder(cancelled, Optional.empty(), Optional.empty(), "Available");
            assertThrows(ConnectorException.class,
                    () -> client.downloadOrder(Optional.empty(), Optional.of(iccid(4)), Optional.empty()));
            assertThrows(ConnectorException.class, () -> client.releaseProfile(cancelled));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // The receiver tells its listeners before it answers, and the SM-DP+ records a notification once answered.
            while ((subject.progress(ordered).size() < 2 || subject.smdp.exchanges().size() < 9)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            List<Es2PlusTestServer.Exchange> exchanges = subject.smdp.exchanges();
            assertEquals(9, exchanges.size(), "7 calls and 2 notifications: " + exchanges);
            assertTrue(subject.smdp.notificationFailures().isEmpty(), subject.smdp.notificationFailures().toString());
            List<String> problems = new ArrayList<>();
            for (Es2PlusTestServer.Exchange exchange : exchanges) {
                JsonNode request = Json.parse(exchange.request().getBytes(StandardCharsets.UTF_8));
                Loopback.FIXTURE_SCHEMAS.requestProblems(exchange.function(), request)
                        .forEach(p -> problems.add(exchange.function() + " request: " + p));
                if (exchange.function() == Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO) {
                    // No output data: 204 No Content, nothing to check against a schema.
                    assertEquals(204, exchange.httpStatus(), exchange.toString());
                    assertEquals("", exchange.response(), exchange.toString());
                    continue;
                }
                JsonNode response = Json.parse(exchange.response().getBytes(StandardCharsets.UTF_8));
                Loopback.FIXTURE_SCHEMAS.responseProblems(exchange.function(), response)
                        .forEach(p -> problems.add(exchange.function() + " response: " + p));
                assertEquals(200, exchange.httpStatus(), exchange.toString());
            }
            assertEquals(List.of(), problems);
            assertEquals(2, exchanges.stream().filter(e -> e.response().contains("\"Failed\"")).count(),
                    "the refusals are on the wire too");
        }
    }

    @Test
    void eachCallHasItsOwnIdentifierNamingTheRequester() throws Exception {
        try (var subject = new Es2PlusContractTest.LoopbackSubject(Faults.NONE, ONCE, Duration.ofSeconds(10))) {
            subject.addProfile(iccid(5), "ids");
            subject.addProfile(iccid(6), "ids");
            subject.connector().downloadOrder(Optional.empty(), Optional.of(iccid(5)), Optional.empty());
            subject.connector().downloadOrder(Optional.empty(), Optional.of(iccid(6)), Optional.empty());

            List<JsonNode> headers = subject.smdp.exchanges().stream()
                    .map(e -> Json.parse(e.request().getBytes(StandardCharsets.UTF_8)).get("header")).toList();
            assertEquals(2, headers.size());
            assertFalse(headers.get(0).get("functionCallIdentifier").equals(headers.get(1).get("functionCallIdentifier")));
            headers.forEach(h -> assertEquals("ifpp-studio-test", h.get("functionRequesterIdentifier").asText()));
        }
    }

    @Test
    void aLostAnswerIsRepeatedWithTheSameCallIdentifierAndAnsweredAlike() throws Exception {
        try (var subject = new Es2PlusContractTest.LoopbackSubject(new Faults(Duration.ZERO, 0, 1, false),
                new RetryPolicy(2, Duration.ofMillis(5), 1.0), Duration.ofSeconds(10))) {
            subject.addProfile(iccid(7), "ids");
            subject.connector().downloadOrder(Optional.empty(), Optional.of(iccid(7)), Optional.empty());

            List<Es2PlusTestServer.Exchange> exchanges = subject.smdp.exchanges();
            assertEquals(List.of(503, 200), exchanges.stream().map(Es2PlusTestServer.Exchange::httpStatus).toList());
            assertEquals(exchanges.get(0).request(), exchanges.get(1).request(), "the same call, byte for byte");
            assertEquals(1, subject.smdp.executions(Es2PlusFunction.DOWNLOAD_ORDER));
        }
    }

    @Test
    void aCallThatBreaksItsDefinitionIsAFailedFunctionResultAndNotExecuted() throws Exception {
        try (var subject = new Es2PlusContractTest.LoopbackSubject(Faults.NONE, ONCE, Duration.ofSeconds(10))) {
            String malformed = "{\"header\":{\"functionRequesterIdentifier\":\"ifpp\",\"functionCallIdentifier\":"
                    + "\"c-1\"},\"iccid\":\"12AB\"}";
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .sslContext(Loopback.IFPP.sslContext()).build();
            var response = http.send(java.net.http.HttpRequest
                    .newBuilder(subject.smdp.uri().resolve(Es2PlusFunction.RELEASE_PROFILE.path()))
                    .header("X-Admin-Protocol", Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(malformed)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode(), "a function's result, failed: SGP.22 6.5.1.4");
            JsonNode answer = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
            assertEquals("Failed", answer.path("header").path("functionExecutionStatus").path("status").asText());
            String message = answer.path("header").path("functionExecutionStatus").path("statusCodeData")
                    .path("message").asText();
            assertTrue(message.contains("iccid"), message);
            assertEquals(List.of(), Loopback.FIXTURE_SCHEMAS.responseProblems(Es2PlusFunction.RELEASE_PROFILE,
                    answer));
            assertEquals(0, subject.smdp.executions(Es2PlusFunction.RELEASE_PROFILE));
        }
    }

    @Test
    void theClientKeyAppearsNeitherInTheIdentitysTextNorInAFailure() throws Exception {
        String key = java.util.HexFormat.of().formatHex(Loopback.IFPP.privateKey().getEncoded());
        String keyBase64 = java.util.Base64.getEncoder().encodeToString(Loopback.IFPP.privateKey().getEncoded());
        assertFalse(Loopback.IFPP.toString().contains(key) || Loopback.IFPP.toString().contains(keyBase64));
        assertTrue(Loopback.IFPP.toString().contains("private key not shown"), Loopback.IFPP.toString());
        try (var subject = new Es2PlusContractTest.LoopbackSubject(new Faults(Duration.ZERO, 0, 0, true), ONCE,
                Duration.ofSeconds(5))) {
            ConnectorException error = assertThrows(ConnectorException.class,
                    () -> subject.connector().releaseProfile(iccid(8)));
            for (Throwable t = error; t != null; t = t.getCause()) {
                String text = String.valueOf(t.getMessage());
                assertFalse(text.contains(key) || text.contains(keyBase64), text);
            }
            assertFalse(subject.connector().toString().contains(keyBase64));
        }
    }

    @Test
    void theShippedSchemasAreTheSharedOnes() throws Exception {
        for (Es2PlusFunction function : Es2PlusFunction.values()) {
            for (String name : List.of(function.requestSchema(), function.responseSchema(true),
                    function.responseSchema(false))) {
                try (InputStream shipped = Es2PlusClient.class.getResourceAsStream("/schemas/" + name)) {
                    assertArrayEquals(Fixtures.read("es2plus-schemas/" + name), shipped.readAllBytes(), name);
                }
            }
        }
    }

    private static Iccid iccid(int n) {
        String body = String.format("894900990000%06d", n);
        return Iccid.of(body + Luhn.checkDigit(body));
    }
}
