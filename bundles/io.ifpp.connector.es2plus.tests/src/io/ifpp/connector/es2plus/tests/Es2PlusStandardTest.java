package io.ifpp.connector.es2plus.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.DownloadProgressListener.DownloadProgressInfo;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.connector.es2plus.DownloadProgressReceiver;
import io.ifpp.connector.es2plus.Es2PlusClient;
import io.ifpp.connector.es2plus.Es2PlusFunction;
import io.ifpp.connector.es2plus.Es2PlusSchemas;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.connector.es2plus.Es2PlusTestServer;
import io.ifpp.connector.es2plus.internal.Json;
import io.ifpp.connector.es2plus.internal.ProfileInventory.State;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;

/**
 * ES2+ as SGP.22 (5.3, 6.5) writes it, not as our client happens to: our test SM-DP+ and our notification receiver
 * reached with raw HTTP requests written from the standard's examples (an ICCID padded with F, a timestamp with an
 * offset, a reused call identifier, messages that are no calls), and our client against answers it must read as
 * the HTTP binding says. docs/es2plus.md lists where we read the standard and the shared schemas differently.
 */
class Es2PlusStandardTest {

    private static final String PROTOCOL = "gsma/rsp/v2.5.0";
    private static final String EID = "89049032123451234512345678901235"; // the SGP.26 test eUICC's

    private static Iccid iccid(int n) {
        String body = "894900100000" + String.format("%06d", n);
        return Iccid.of(body + Luhn.checkDigit(body));
    }

    private static String header(String callId) {
        return "\"header\": {\"functionRequesterIdentifier\": \"operator.example.com\", \"functionCallIdentifier\": \""
                + callId + "\"}";
    }

    private static HttpResponse<String> post(SSLContext tls, URI base, Es2PlusFunction function, String body,
            boolean withProtocol) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(function.path()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (withProtocol) {
            request.header("X-Admin-Protocol", PROTOCOL);
        }
        return HttpClient.newBuilder().sslContext(tls).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(Es2PlusTestServer smdp, Es2PlusFunction function, String body)
            throws Exception {
        HttpResponse<String> response = post(Loopback.IFPP.sslContext(), smdp.uri(), function, body, true);
        assertTrue(response.headers().firstValue("X-Admin-Protocol").orElse("").startsWith("gsma/rsp/v2."),
                "every answer names its protocol: " + response.headers().map());
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String status(HttpResponse<String> response) {
        return json(response).path("header").path("functionExecutionStatus").path("status").asText();
    }

    private static Es2PlusTestServer smdp() {
        return new Es2PlusTestServer(Loopback.SMDP, Loopback.HOST, 0, Es2PlusSchemas.bundled(), "smdp.ifpp.test");
    }

    /** SGP.22: an ICCID is 19 or 20 digits, the 20th MAY be the padding F (and E.118 allows 18). */
    @Test
    void anIccidPaddedWithFGoesThroughTheWholeLifecycleAndIsEchoedAsSent() throws Exception {
        try (Es2PlusTestServer smdp = smdp()) {
            Iccid ordered = iccid(1);
            Iccid cancelled = iccid(2);
            smdp.addProfile(ordered, "std");
            smdp.addProfile(cancelled, "std");
            String padded = ordered.digits() + "F";

            HttpResponse<String> download = call(smdp, Es2PlusFunction.DOWNLOAD_ORDER, "{" + header("p-1")
                    + ", \"eid\": \"" + EID + "\", \"iccid\": \"" + padded + "\"}");
            assertEquals(200, download.statusCode(), download.body());
            assertEquals("Executed-Success", status(download), download.body());
            assertEquals(padded, json(download).get("iccid").asText(), "echoed in the caller's form");
            assertTrue(download.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

            HttpResponse<String> confirm = call(smdp, Es2PlusFunction.CONFIRM_ORDER, "{" + header("p-2")
                    + ", \"iccid\": \"" + padded + "\", \"eid\": \"" + EID + "\", \"releaseFlag\": false}");
            assertEquals("Executed-Success", status(confirm), confirm.body());
            assertFalse(json(confirm).path("matchingId").asText().isEmpty(), confirm.body());
            HttpResponse<String> release = call(smdp, Es2PlusFunction.RELEASE_PROFILE, "{" + header("p-3")
                    + ", \"iccid\": \"" + padded + "\"}");
            assertEquals("Executed-Success", status(release), release.body());
            assertTrue(smdp.state(ordered).orElseThrow().ordinal() >= State.RELEASED.ordinal());

            call(smdp, Es2PlusFunction.DOWNLOAD_ORDER, "{" + header("p-4a") + ", \"iccid\": \"" + cancelled.digits()
                    + "F\"}");
            HttpResponse<String> cancel = call(smdp, Es2PlusFunction.CANCEL_ORDER, "{" + header("p-4")
                    + ", \"iccid\": \"" + cancelled.digits() + "f\", \"finalProfileStatusIndicator\": \"Unavailable\"}");
            assertEquals("Executed-Success", status(cancel), cancel.body());
            assertEquals(State.UNAVAILABLE, smdp.state(cancelled).orElseThrow());

            HttpResponse<String> notAnIccid = call(smdp, Es2PlusFunction.RELEASE_PROFILE, "{" + header("p-5")
                    + ", \"iccid\": \"" + ordered.digits() + "E\"}");
            assertEquals("Failed", status(notAnIccid), "only F pads: " + notAnIccid.body());
        }
    }

    /**
     * SGP.22 6.5.1: a function's result, executed or failed, is answered 200 with its status; a request that is no
     * ES2+ call (no JSON object, no protocol header, no call to answer) is an HTTP error and carries no status.
     */
    @Test
    void failedCallsAreFunctionResultsAndWhatIsNoCallIsAnHttpError() throws Exception {
        try (Es2PlusTestServer smdp = smdp()) {
            HttpResponse<String> unknown = call(smdp, Es2PlusFunction.RELEASE_PROFILE, "{" + header("r-1")
                    + ", \"iccid\": \"" + iccid(9).digits() + "\"}");
            assertEquals(200, unknown.statusCode());
            assertEquals("Failed", status(unknown));
            JsonNode code = json(unknown).path("header").path("functionExecutionStatus").path("statusCodeData");
            assertEquals("8.2.1", code.path("subjectCode").asText(), unknown.body());
            assertEquals("3.9", code.path("reasonCode").asText(), unknown.body());

            HttpResponse<String> missingField = call(smdp, Es2PlusFunction.CONFIRM_ORDER, "{" + header("r-2")
                    + ", \"iccid\": \"" + iccid(9).digits() + "\"}");
            assertEquals(200, missingField.statusCode(), "releaseFlag is mandatory: a failed call, not an HTTP error");
            assertEquals("Failed", status(missingField));

            for (String noCall : List.of("this is not JSON", "[1, 2]",
                    "{\"header\": {\"functionRequesterIdentifier\": \"operator.example.com\"}}")) {
                HttpResponse<String> refused = call(smdp, Es2PlusFunction.RELEASE_PROFILE, noCall);
                assertEquals(400, refused.statusCode(), noCall);
                assertTrue(json(refused).path("header").isMissingNode(), "no function status: " + refused.body());
            }
            HttpResponse<String> noProtocol = post(Loopback.IFPP.sslContext(), smdp.uri(),
                    Es2PlusFunction.RELEASE_PROFILE, "{" + header("r-3") + ", \"iccid\": \"" + iccid(9).digits()
                            + "\"}", false);
            assertEquals(400, noProtocol.statusCode(), "X-Admin-Protocol is mandatory");
            assertEquals(1, smdp.executions(Es2PlusFunction.RELEASE_PROFILE), "only the well-formed call ran");
            assertEquals(0, smdp.executions(Es2PlusFunction.CONFIRM_ORDER));
        }
    }

    /**
     * Our client and receiver against an SM-DP+ that writes the other forms SGP.22 allows: ICCIDs padded with F in
     * its answers and notifications, timestamps with an offset. The whole lifecycle, read back normalised.
     */
    @Test
    void ourClientAndReceiverReadTheFormsOtherImplementationsWrite() throws Exception {
        try (var subject = new Es2PlusContractTest.LoopbackSubject(
                io.ifpp.connector.api.contract.ProfileOrderingConnectorContract.Faults.NONE,
                new RetryPolicy(1, Duration.ZERO, 1.0), Duration.ofSeconds(10))) {
            subject.smdp.useAlternativeForms();
            subject.addProfile(iccid(10), "alt");
            Iccid ordered = subject.connector().downloadOrder(Optional.of(Eid.of(EID)), Optional.empty(),
                    Optional.of("alt"));
            assertEquals(iccid(10), ordered, "read without its padding");
            assertTrue(subject.smdp.exchanges().get(0).response().contains("\"" + iccid(10).digits() + "F\""),
                    subject.smdp.exchanges().get(0).response());
            subject.connector().confirmOrder(ordered, Optional.of(Eid.of(EID)), Optional.empty(), Optional.empty(),
                    Optional.empty(), true);
            awaitUntil(() -> subject.progress(iccid(10)).size() == 2,
                    () -> "notifications failed: " + subject.smdp.notificationFailures());
            for (DownloadProgressInfo info : subject.progress(iccid(10))) {
                assertTrue(Duration.between(info.timestamp(), Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0,
                        "the +00:00 timestamp read as the instant it names: " + info.timestamp());
            }
            assertTrue(subject.smdp.exchanges().stream().anyMatch(e -> e.outbound() && e.request().contains("+00:00")
                    && e.request().contains(iccid(10).digits() + "F")), "the notifications carried both forms");
            assertEquals(List.of(), subject.smdp.notificationFailures());
        }
    }

    /** Our client reads function statuses on 200 only: any other answer is a transport refusal, never a success. */
    @Test
    void ourClientTakesNoFunctionResultFromAnHttpError() throws Exception {
        try (DownloadProgressReceiver notHere = new DownloadProgressReceiver(Loopback.IFPP, Loopback.HOST, 0,
                Es2PlusSchemas.bundled()); Es2PlusClient client = new Es2PlusClient(Es2PlusSettings.of(notHere.uri(),
                        "ifpp-studio-test").withRetries(new RetryPolicy(1, Duration.ZERO, 1.0)), Loopback.IFPP)) {
            ConnectorException refused = assertThrows(ConnectorException.class, () -> client.releaseProfile(iccid(3)));
            assertEquals(Reason.REJECTED, refused.reason());
            assertTrue(refused.getMessage().contains("answered HTTP 404 (no function result)"), refused.getMessage());
        }
    }

    /**
     * HandleDownloadProgressInfo has no output data: 204 No Content; a timestamp is W3C's YYYY-MM-DDThh:mm:ssTZD,
     * whose zone designator may be an offset; the receiver names its protocol.
     */
    @Test
    void theReceiverAnswersANotificationWith204AndReadsAnyZoneDesignator() throws Exception {
        List<DownloadProgressInfo> received = new CopyOnWriteArrayList<>();
        try (DownloadProgressReceiver receiver = new DownloadProgressReceiver(Loopback.IFPP, Loopback.HOST, 0,
                Es2PlusSchemas.bundled())) {
            receiver.addListener(received::add);
            String padded = iccid(4).digits() + "F";
            for (String timestamp : List.of("2026-12-07T09:20:00+00:00", "2026-12-07T10:20:00+01:00",
                    "2026-12-07T09:20:00Z")) {
                HttpResponse<String> answer = post(Loopback.SMDP.sslContext(), receiver.uri(),
                        Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO, "{" + header("n-" + timestamp) + ", \"eid\": \""
                                + EID + "\", \"iccid\": \"" + padded + "\", \"profileType\": \"std\", \"timestamp\": \""
                                + timestamp + "\", \"notificationPointId\": 3, \"notificationPointStatus\": "
                                + "{\"status\": \"Executed-Success\"}}", true);
                assertEquals(204, answer.statusCode(), timestamp + ": " + answer.body());
                assertEquals("", answer.body());
                assertEquals(PROTOCOL, answer.headers().firstValue("X-Admin-Protocol").orElse(""));
            }
            assertEquals(3, received.size());
            for (DownloadProgressInfo info : received) {
                assertEquals(Instant.parse("2026-12-07T09:20:00Z"), info.timestamp(), "normalised to UTC");
                assertEquals(iccid(4), info.iccid(), "the padding is not part of the ICCID");
                assertEquals(Optional.of(Eid.of(EID)), info.eid());
            }

            HttpResponse<String> noZone = post(Loopback.SMDP.sslContext(), receiver.uri(),
                    Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO, "{" + header("n-bad") + ", \"iccid\": \"" + padded
                            + "\", \"profileType\": \"std\", \"timestamp\": \"2026-12-07T09:20:00\", "
                            + "\"notificationPointId\": 3, \"notificationPointStatus\": {\"status\": \"Failed\"}}",
                    true);
            assertEquals(400, noZone.statusCode(), "a time without its zone is no instant: " + noZone.body());
            assertTrue(noZone.body().contains("timestamp"), noZone.body());
            assertEquals(PROTOCOL, noZone.headers().firstValue("X-Admin-Protocol").orElse(""));
            assertEquals(3, received.size(), "a refused notification reaches no listener");
        }
    }

    /** Our test SM-DP+ takes a peer's 204 as delivered, and tells (the command line) of a notification refused. */
    @Test
    void theTestSmdpTakes204AsDeliveredAndTellsOfARefusedNotification() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        try (DownloadProgressReceiver receiver = new DownloadProgressReceiver(Loopback.IFPP, Loopback.HOST, 0,
                Es2PlusSchemas.bundled()); Es2PlusTestServer smdp = smdp()) {
            List<DownloadProgressInfo> received = new CopyOnWriteArrayList<>();
            receiver.addListener(received::add);
            smdp.onNotificationFailure(told::add);
            smdp.addProfile(iccid(5), "std");
            smdp.addProfile(iccid(6), "std");
            smdp.notifyTo(receiver.uri(), PROTOCOL);
            call(smdp, Es2PlusFunction.DOWNLOAD_ORDER, "{" + header("d-1") + ", \"iccid\": \"" + iccid(5).digits()
                    + "\"}");
            call(smdp, Es2PlusFunction.CONFIRM_ORDER, "{" + header("d-2") + ", \"iccid\": \"" + iccid(5).digits()
                    + "\", \"releaseFlag\": true}");
            awaitUntil(() -> received.size() == 2);
            assertEquals(List.of(), smdp.notificationFailures(), "204 is a delivered notification");

            smdp.notifyTo(smdp.uri(), PROTOCOL); // an endpoint that does not take notifications: it answers 404
            call(smdp, Es2PlusFunction.DOWNLOAD_ORDER, "{" + header("d-3") + ", \"iccid\": \"" + iccid(6).digits()
                    + "\"}");
            call(smdp, Es2PlusFunction.CONFIRM_ORDER, "{" + header("d-4") + ", \"iccid\": \"" + iccid(6).digits()
                    + "\", \"releaseFlag\": true}");
            awaitUntil(() -> told.size() == 2);
            assertTrue(told.get(0).contains("answered HTTP 404"), told.toString());
            assertEquals(told, smdp.notificationFailures());
        }
    }

    /**
     * A functionCallIdentifier names one call: a repeat of the same function with the same request gets the stored
     * answer (an answer lost on the way); anything else under a used identifier is refused, not answered as before.
     */
    @Test
    void aReusedCallIdentifierAnswersOnlyTheSameCallAgain() throws Exception {
        try (Es2PlusTestServer smdp = smdp()) {
            smdp.addProfile(iccid(7), "std");
            smdp.addProfile(iccid(8), "std");
            String first = "{" + header("dup-1") + ", \"profileType\": \"std\"}";
            HttpResponse<String> ordered = call(smdp, Es2PlusFunction.DOWNLOAD_ORDER, first);
            assertEquals("Executed-Success", status(ordered), ordered.body());

            HttpResponse<String> again = call(smdp, Es2PlusFunction.DOWNLOAD_ORDER, first);
            assertEquals(ordered.body(), again.body(), "the same call: the stored answer");
            assertEquals(1, smdp.executions(Es2PlusFunction.DOWNLOAD_ORDER));

            HttpResponse<String> otherBody = call(smdp, Es2PlusFunction.DOWNLOAD_ORDER, "{" + header("dup-1")
                    + ", \"profileType\": \"std\", \"eid\": \"" + EID + "\"}");
            assertEquals(200, otherBody.statusCode());
            assertEquals("Failed", status(otherBody), "two DownloadOrders must not reserve under one identifier");
            assertTrue(otherBody.body().contains("was used before for downloadOrder with another request"),
                    otherBody.body());

            HttpResponse<String> otherFunction = call(smdp, Es2PlusFunction.RELEASE_PROFILE, "{" + header("dup-1")
                    + ", \"iccid\": \"" + iccid(8).digits() + "\"}");
            assertEquals("Failed", status(otherFunction), otherFunction.body());
            assertTrue(otherFunction.body().contains("was used before for downloadOrder;"), otherFunction.body());
            assertEquals(1, smdp.executions(Es2PlusFunction.DOWNLOAD_ORDER));
            assertEquals(0, smdp.executions(Es2PlusFunction.RELEASE_PROFILE));
            assertEquals(State.AVAILABLE, smdp.state(iccid(8)).orElseThrow(), "nothing ran under the reused id");
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        awaitUntil(done, () -> "");
    }

    /** Waits up to 20 s for {@code done}; a failure says {@code why} (what the server saw go wrong). */
    private static void awaitUntil(java.util.function.BooleanSupplier done,
            java.util.function.Supplier<String> why) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(done.getAsBoolean(), () -> "not reached within 20 s " + why.get());
    }
}
