package io.ifpp.connector.es2plus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ifpp.connector.api.ConnectorException.StatusCode;
import io.ifpp.connector.es2plus.internal.Es2PlusRefusal;
import io.ifpp.connector.es2plus.internal.Es2PlusStatus;
import io.ifpp.connector.es2plus.internal.Es2PlusValues;
import io.ifpp.connector.es2plus.internal.HttpsServer;
import io.ifpp.connector.es2plus.internal.Json;
import io.ifpp.connector.es2plus.internal.ProfileInventory;
import io.ifpp.connector.es2plus.internal.ProfileInventory.Profile;
import io.ifpp.connector.es2plus.internal.ProfileInventory.State;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;

/**
 * An SM-DP+ test double speaking ES2+ over HTTPS with a required client certificate: a profile inventory with the
 * SGP.22 profile state machine and status codes, every request and answer checked against the ES2+ schemas and
 * recorded, calls answered once per functionCallIdentifier (a repeated call gets the first answer), and after
 * ReleaseProfile a simulated download reported through HandleDownloadProgressInfo. Faults for tests: slow answers,
 * failures before execution, answers lost after execution.
 */
public final class Es2PlusTestServer implements AutoCloseable {

    /** SGP.22 5.3.5 notification points reported after a release: BPP download, then BPP installation. */
    public static final int NOTIFICATION_POINT_DOWNLOAD = 3;
    public static final int NOTIFICATION_POINT_INSTALLATION = 4;

    /** One message exchange on the wire, as text; {@code outbound} for the notifications this server sent. */
    public record Exchange(Es2PlusFunction function, boolean outbound, String request, int httpStatus,
            String response) {
    }

    private final TlsIdentity identity;
    private final Es2PlusSchemas schemas;
    private final String smdpAddress;
    private final HttpsServer server;
    private final ProfileInventory inventory = new ProfileInventory();
    private final Map<String, Executed> executedByCall = new HashMap<>();
    private final Map<Es2PlusFunction, AtomicInteger> executions = new EnumMap<>(Es2PlusFunction.class);
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> notificationFailures = new CopyOnWriteArrayList<>();
    private final ExecutorService downloads = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "es2plus-test-smdp-download");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger failuresBeforeExecution = new AtomicInteger();
    private final AtomicInteger lostAnswers = new AtomicInteger();
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile boolean alternativeForms;
    private volatile URI callback;
    private volatile String callbackAdminProtocol = Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL;
    private volatile HttpClient callbackClient;
    private volatile Consumer<String> notificationFailureConsumer = why -> { };

    private record Answer(int httpStatus, byte[] body) {
    }

    /** A call as executed: a repeat of its identifier must be the same function with the same request. */
    private record Executed(Es2PlusFunction function, JsonNode request, Answer answer) {
    }

    /**
     * Starts listening on {@code host:port} (0: any free port) with {@code identity} (its certificate the SM-DP+
     * TLS certificate, its trusted issuers those of the operators' client certificates).
     *
     * @param smdpAddress the SM-DP+ address ConfirmOrder returns (the FQDN devices download from)
     */
    public Es2PlusTestServer(TlsIdentity identity, String host, int port, Es2PlusSchemas schemas,
            String smdpAddress) {
        this.identity = identity;
        this.schemas = schemas;
        this.smdpAddress = smdpAddress;
        for (Es2PlusFunction function : Es2PlusFunction.values()) {
            executions.put(function, new AtomicInteger());
        }
        this.server = new HttpsServer("es2plus-test-smdp", identity.sslContext(), host, port, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return serve(request, response, callback);
            }
        });
    }

    public URI uri() {
        return server.uri();
    }

    public int port() {
        return server.port();
    }

    /** Adds an available profile. */
    public void addProfile(Iccid iccid, String profileType) {
        synchronized (inventory) {
            inventory.add(iccid.digits(), profileType);
        }
    }

    /** Holds every profile of an MNO's ICCID range (ICCIDs under {@code prefix}), all of {@code profileType}. */
    public void addRange(String iccidPrefix, String profileType) {
        synchronized (inventory) {
            inventory.addRange(iccidPrefix, profileType);
        }
    }

    /** DownloadOrder and ConfirmOrder for this EID are refused (8.1.1/3.8). */
    public void refuseEid(Eid eid) {
        synchronized (inventory) {
            inventory.refuse(eid.digits());
        }
    }

    /** Where HandleDownloadProgressInfo notifications go (the operator's ES2+ base address). */
    public void notifyTo(URI operatorEndpoint, String adminProtocol) {
        this.callbackAdminProtocol = adminProtocol;
        this.callbackClient = HttpClient.newBuilder().sslContext(identity.sslContext())
                .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        this.callback = operatorEndpoint;
    }

    /**
     * Writes the other forms SGP.22 allows, as other implementations do: a 19-digit ICCID padded with F in answers
     * and notifications, and timestamps with the offset {@code +00:00} instead of {@code Z}.
     */
    public void useAlternativeForms() {
        this.alternativeForms = true;
    }

    private String wireIccid(String digits) {
        return alternativeForms && digits.length() == 19 ? digits + "F" : digits;
    }

    /** Every answer waits this long first (for timeouts). */
    public void delayAnswers(Duration delay) {
        this.answerDelay = delay;
    }

    /** The next {@code count} calls fail with HTTP 503 before anything is executed. */
    public void failBeforeExecution(int count) {
        failuresBeforeExecution.set(count);
    }

    /** The next {@code count} calls are executed but answered HTTP 503, as if the answer were lost on the way. */
    public void loseAnswers(int count) {
        lostAnswers.set(count);
    }

    /** How often a function was executed (repeated call identifiers not counted). */
    public int executions(Es2PlusFunction function) {
        return executions.get(function).get();
    }

    /** Every exchange so far, in order. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** Notifications the operator's endpoint did not accept, with why. */
    public List<String> notificationFailures() {
        return List.copyOf(notificationFailures);
    }

    /** Told of each notification the operator's endpoint did not accept, as it happens (the command line). */
    public void onNotificationFailure(Consumer<String> consumer) {
        this.notificationFailureConsumer = consumer;
    }

    private void notificationFailed(String why) {
        notificationFailures.add(why);
        notificationFailureConsumer.accept(why);
    }

    public Optional<State> state(Iccid iccid) {
        synchronized (inventory) {
            return inventory.profile(iccid.digits()).map(Profile::state);
        }
    }

    private boolean serve(Request request, Response response, Callback callback) throws Exception {
        Optional<Es2PlusFunction> function = Es2PlusFunction.ofPath(Request.getPathInContext(request));
        if (!HttpMethod.POST.is(request.getMethod()) || function.isEmpty()
                || function.get() == Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO) {
            response.setStatus(HttpStatus.NOT_FOUND_404);
            callback.succeeded();
            return true;
        }
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        Answer answer = answer(function.get(), request.getHeaders().get(Es2PlusSettings.ADMIN_PROTOCOL_HEADER), body);
        exchanges.add(new Exchange(function.get(), false, new String(body, StandardCharsets.UTF_8),
                answer.httpStatus(), new String(answer.body(), StandardCharsets.UTF_8)));
        response.setStatus(answer.httpStatus());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(Es2PlusSettings.ADMIN_PROTOCOL_HEADER, Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL);
        response.write(true, java.nio.ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    private Answer answer(Es2PlusFunction function, String adminProtocol, byte[] body) {
        Duration delay = answerDelay;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                // Stopped while slow on purpose: the caller has given up already.
                Thread.currentThread().interrupt();
                return unavailable();
            }
        }
        if (failuresBeforeExecution.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return unavailable();
        }
        // Not an ES2+ call at all (no JSON object, no protocol, no call to answer): an HTTP error, no function result.
        if (adminProtocol == null || !adminProtocol.matches("gsma/rsp/v2\\.\\d+\\.\\d+")) {
            return notACall("the X-Admin-Protocol header gsma/rsp/v2.<x>.<y> is missing");
        }
        JsonNode request;
        try {
            request = Json.parse(body);
        } catch (IllegalArgumentException e) {
            return notACall(e.getMessage());
        }
        JsonNode header = request.path("header");
        if (!request.isObject() || !header.path("functionRequesterIdentifier").isTextual()
                || !header.path("functionCallIdentifier").isTextual()) {
            return notACall("an ES2+ request is a JSON object whose header names the functionRequesterIdentifier "
                    + "and the functionCallIdentifier");
        }
        // A call: whatever is wrong with it now is the function's result, answered 200 with a failed status.
        List<String> problems = schemas.requestProblems(function, request);
        if (!problems.isEmpty()) {
            return failed(function, new StatusCode("1.2", "2.1", function.functionName()),
                    "the request does not match its schema: " + problems);
        }
        String call = header.path("functionRequesterIdentifier").asText() + " "
                + header.path("functionCallIdentifier").asText();
        Answer answer;
        synchronized (inventory) {
            Executed before = executedByCall.get(call);
            if (before == null) {
                answer = execute(function, request);
                executedByCall.put(call, new Executed(function, request, answer));
                executions.get(function).incrementAndGet();
            } else if (before.function() == function && before.request().equals(request)) {
                answer = before.answer(); // the same call again (its answer was lost): answered as before
            } else {
                return failed(function, new StatusCode("1.2", "2.1", "functionCallIdentifier"),
                        "functionCallIdentifier " + header.path("functionCallIdentifier").asText() + " of "
                                + header.path("functionRequesterIdentifier").asText() + " was used before for "
                                + before.function().functionName() + (before.function() == function
                                        ? " with another request" : "")
                                + "; a repeat must be the same function with the same request, a new call needs a "
                                + "new identifier");
            }
        }
        if (lostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return unavailable();
        }
        return answer;
    }

    /** Runs a function on the inventory; the caller holds its lock. */
    private Answer execute(Es2PlusFunction function, JsonNode request) {
        ObjectNode success = Es2PlusStatus.success().toResponse();
        ObjectNode response = success;
        try {
            switch (function) {
                case DOWNLOAD_ORDER -> {
                    String asSent = Json.text(request, "iccid");
                    Profile profile = inventory.downloadOrder(Json.text(request, "eid"), digits(asSent),
                            Json.text(request, "profileType"));
                    // Echoed in the caller's form; chosen here, in the form this server writes.
                    success.put("iccid", asSent != null ? asSent : wireIccid(profile.iccid()));
                }
                case CONFIRM_ORDER -> {
                    Profile profile = inventory.confirmOrder(digits(Json.text(request, "iccid")), Json.text(request, "eid"),
                            Json.text(request, "matchingId"), request.path("releaseFlag").asBoolean());
                    profile.eid().ifPresent(eid -> success.put("eid", eid));
                    success.put("matchingId", inventory.matchingId(profile));
                    success.put("smdpAddress", smdpAddress);
                    if (profile.state() == State.RELEASED) {
                        simulateDownload(profile);
                    }
                }
                case CANCEL_ORDER -> inventory.cancelOrder(digits(Json.text(request, "iccid")), Json.text(request, "eid"),
                        Json.text(request, "matchingId"), Json.text(request, "finalProfileStatusIndicator"));
                case RELEASE_PROFILE -> simulateDownload(inventory.releaseProfile(digits(Json.text(request, "iccid"))));
                default -> throw new IllegalStateException(function + " is not served here");
            }
        } catch (Es2PlusRefusal refusal) {
            response = Es2PlusStatus.failed(refusal.code(), refusal.getMessage()).toResponse();
        }
        List<String> problems = schemas.responseProblems(function, response);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the test SM-DP+ built an invalid " + function.functionName()
                    + " answer: " + problems);
        }
        return new Answer(HttpStatus.OK_200, Json.bytes(response));
    }

    /** The inventory's form of an ICCID the request carries (padding F removed); null when it carries none. */
    private static String digits(String iccid) {
        return iccid == null ? null : Es2PlusValues.iccid(iccid).digits();
    }

    /**
     * A call that failed: the function's result, HTTP 200 with the failed status (SGP.22 6.5.1.4). SGP.22 names no
     * status code for a request that breaks its definition or reuses a call identifier; this test double answers
     * subject 1.2 with reason 2.1 (invalid) and names the function or the field (docs/es2plus.md).
     */
    private Answer failed(Es2PlusFunction function, StatusCode code, String why) {
        ObjectNode response = Es2PlusStatus.failed(code, why).toResponse();
        List<String> problems = schemas.responseProblems(function, response);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the test SM-DP+ built an invalid failure answer: " + problems);
        }
        return new Answer(HttpStatus.OK_200, Json.bytes(response));
    }

    /** A request that is no ES2+ call: HTTP 400, and no function result (there is no call to answer). */
    private static Answer notACall(String why) {
        ObjectNode error = Json.object();
        error.put("error", why);
        return new Answer(HttpStatus.BAD_REQUEST_400, Json.bytes(error));
    }

    private static Answer unavailable() {
        return new Answer(HttpStatus.SERVICE_UNAVAILABLE_503,
                "{\"error\":\"temporarily unavailable\"}".getBytes(StandardCharsets.US_ASCII));
    }

    /** The device downloads, then installs, the released profile; each step is notified to the operator. */
    private void simulateDownload(Profile profile) {
        String iccid = profile.iccid();
        String profileType = profile.profileType();
        String eid = profile.eid().orElse(null);
        downloads.submit(() -> {
            advanceAndNotify(iccid, eid, profileType, State.RELEASED, State.DOWNLOADED, NOTIFICATION_POINT_DOWNLOAD);
            advanceAndNotify(iccid, eid, profileType, State.DOWNLOADED, State.INSTALLED,
                    NOTIFICATION_POINT_INSTALLATION);
        });
    }

    private void advanceAndNotify(String iccid, String eid, String profileType, State from, State to, int point) {
        synchronized (inventory) {
            if (!inventory.advance(iccid, from, to)) {
                return;
            }
        }
        URI target = callback;
        if (target == null) {
            return;
        }
        ObjectNode notification = Json.object();
        ObjectNode header = notification.putObject("header");
        header.put("functionRequesterIdentifier", smdpAddress);
        header.put("functionCallIdentifier", UUID.randomUUID().toString());
        if (eid != null) {
            notification.put("eid", eid);
        }
        notification.put("iccid", wireIccid(iccid));
        notification.put("profileType", profileType);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        notification.put("timestamp", alternativeForms ? now.atOffset(ZoneOffset.UTC).toString().replace("Z", "+00:00")
                : now.toString());
        notification.put("notificationPointId", point);
        Es2PlusStatus.success().writeTo(notification.putObject("notificationPointStatus"));
        List<String> problems = schemas.requestProblems(Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO, notification);
        if (!problems.isEmpty()) {
            notificationFailed("invalid notification built for " + iccid + ": " + problems);
            return;
        }
        byte[] body = Json.bytes(notification);
        HttpRequest request = HttpRequest.newBuilder(target.resolve(Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO
                .path())).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header(Es2PlusSettings.ADMIN_PROTOCOL_HEADER, callbackAdminProtocol)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> answer = callbackClient.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            exchanges.add(new Exchange(Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO, true,
                    new String(body, StandardCharsets.UTF_8), answer.statusCode(), answer.body()));
            // SGP.22: no output data, so 204 No Content; an endpoint that answers 200 with a success status is
            // taken as accepting it too.
            boolean accepted = answer.statusCode() == HttpStatus.NO_CONTENT_204
                    || answer.statusCode() == HttpStatus.OK_200 && !answer.body().isBlank()
                            && Es2PlusStatus.succeeded(Json.parse(answer.body().getBytes(StandardCharsets.UTF_8)));
            if (!accepted) {
                notificationFailed("notification " + point + " of " + iccid + " answered HTTP "
                        + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException | RuntimeException e) {
            notificationFailed("notification " + point + " of " + iccid + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        downloads.shutdownNow();
        try {
            downloads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
