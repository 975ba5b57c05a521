package io.ifpp.connector.es2plus;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.connector.es2plus.internal.BoundedBody;
import io.ifpp.connector.es2plus.internal.Es2PlusStatus;
import io.ifpp.connector.es2plus.internal.Es2PlusValues;
import io.ifpp.connector.es2plus.internal.Json;

/**
 * An ES2+ client (GSMA SGP.22 5.3) over HTTPS with mutual TLS: each function is a JSON POST with the
 * {@code X-Admin-Protocol} header and a request header naming us and the call. A transport failure is retried by
 * {@link Es2PlusSettings#retries()} with the same functionCallIdentifier, so an SM-DP+ that executed the call before
 * its answer was lost answers as before instead of executing it again. Every message sent and received is checked
 * against the ES2+ schemas.
 */
public final class Es2PlusClient implements ProfileOrderingConnector, AutoCloseable {

    /** Far above any ES2+ answer; a larger one is refused while it is read. */
    static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final Es2PlusSettings settings;
    private final HttpClient http;
    private final Es2PlusSchemas schemas;

    public Es2PlusClient(Es2PlusSettings settings, SSLContext tls, Es2PlusSchemas schemas) {
        this.settings = settings;
        this.schemas = schemas;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(settings.callTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public Es2PlusClient(Es2PlusSettings settings, TlsIdentity identity) {
        this(settings, identity.sslContext(), Es2PlusSchemas.bundled());
    }

    @Override
    public String id() {
        return settings.connectorId();
    }

    @Override
    public Iccid downloadOrder(Optional<Eid> eid, Optional<Iccid> iccid, Optional<String> profileType)
            throws ConnectorException {
        ObjectNode body = Json.object();
        eid.ifPresent(e -> body.put("eid", e.digits()));
        iccid.ifPresent(i -> body.put("iccid", i.digits()));
        profileType.ifPresent(type -> body.put("profileType", type));
        JsonNode response = call(Es2PlusFunction.DOWNLOAD_ORDER, body);
        return Es2PlusValues.iccid(response.get("iccid").asText()); // padded with F or not: SGP.22 allows both
    }

    @Override
    public ConfirmedOrder confirmOrder(Iccid iccid, Optional<Eid> eid, Optional<String> matchingId,
            Optional<String> confirmationCode, Optional<String> smdsAddress, boolean release)
            throws ConnectorException {
        ObjectNode body = Json.object();
        body.put("iccid", iccid.digits());
        eid.ifPresent(e -> body.put("eid", e.digits()));
        matchingId.ifPresent(id -> body.put("matchingId", id));
        confirmationCode.ifPresent(code -> body.put("confirmationCode", code));
        smdsAddress.ifPresent(address -> body.put("smdsAddress", address));
        body.put("releaseFlag", release);
        JsonNode response = call(Es2PlusFunction.CONFIRM_ORDER, body);
        return new ConfirmedOrder(Optional.ofNullable(Json.text(response, "eid")).map(Eid::of),
                Json.text(response, "matchingId"), Optional.ofNullable(Json.text(response, "smdpAddress")));
    }

    @Override
    public void cancelOrder(Iccid iccid, Optional<Eid> eid, Optional<String> matchingId,
            String finalProfileStatusIndicator) throws ConnectorException {
        ObjectNode body = Json.object();
        body.put("iccid", iccid.digits());
        eid.ifPresent(e -> body.put("eid", e.digits()));
        matchingId.ifPresent(id -> body.put("matchingId", id));
        body.put("finalProfileStatusIndicator", finalProfileStatusIndicator);
        call(Es2PlusFunction.CANCEL_ORDER, body);
    }

    @Override
    public void releaseProfile(Iccid iccid) throws ConnectorException {
        ObjectNode body = Json.object();
        body.put("iccid", iccid.digits());
        call(Es2PlusFunction.RELEASE_PROFILE, body);
    }

    /** One logical call: its identifier stays the same on every attempt. */
    private JsonNode call(Es2PlusFunction function, ObjectNode fields) throws ConnectorException {
        ObjectNode request = Json.object();
        ObjectNode header = request.putObject("header");
        header.put("functionRequesterIdentifier", settings.functionRequesterIdentifier());
        header.put("functionCallIdentifier", UUID.randomUUID().toString());
        request.setAll(fields);
        List<String> problems = schemas.requestProblems(function, request);
        if (!problems.isEmpty()) {
            throw new ConnectorException(Reason.REJECTED,
                    "ES2+ " + function.functionName() + " request does not match its schema: " + problems);
        }
        byte[] body = Json.bytes(request);
        try {
            return settings.retries().call(() -> attempt(function, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(Reason.UNAVAILABLE,
                    "ES2+ " + function.functionName() + " interrupted while waiting to retry", e);
        }
    }

    private JsonNode attempt(Es2PlusFunction function, byte[] body) throws ConnectorException {
        HttpRequest request = HttpRequest.newBuilder(settings.endpoint().resolve(function.path()))
                .timeout(settings.callTimeout()).header("Content-Type", "application/json")
                .header("Accept", "application/json").header(Es2PlusSettings.ADMIN_PROTOCOL_HEADER, settings.adminProtocol())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, BoundedBody.handler(MAX_ANSWER_BYTES));
        } catch (HttpTimeoutException e) {
            throw new ConnectorException(Reason.TIMEOUT, "ES2+ " + function.functionName() + " to "
                    + settings.endpoint() + ": no answer within " + settings.callTimeout(), e);
        } catch (IOException e) {
            throw new ConnectorException(Reason.UNAVAILABLE, "ES2+ " + function.functionName() + " to "
                    + settings.endpoint() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(Reason.UNAVAILABLE, "ES2+ " + function.functionName() + " interrupted", e);
        }
        return answer(function, response.statusCode(), response.body());
    }

    /**
     * SGP.22's HTTP binding (6.5.1): a function's result, executed or failed, comes with 200 and a JSON body whose
     * header carries the execution status; any other status is a transport answer with no function result (5xx: the
     * SM-DP+ is unavailable and the call is tried again; 4xx: the request was not taken as a call).
     */
    private JsonNode answer(Es2PlusFunction function, int httpStatus, byte[] body) throws ConnectorException {
        String call = "ES2+ " + function.functionName() + " to " + settings.endpoint();
        if (httpStatus >= 500) {
            throw new ConnectorException(Reason.UNAVAILABLE, call + " answered HTTP " + httpStatus);
        }
        if (httpStatus != 200) {
            throw new ConnectorException(Reason.REJECTED, call + " answered HTTP " + httpStatus + " (no function "
                    + "result)" + (body.length == 0 ? "" : ": " + excerpt(body)));
        }
        JsonNode response;
        try {
            response = Json.parse(body);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Reason.REJECTED, call + " answered HTTP " + httpStatus + ", "
                    + e.getMessage(), e);
        }
        Es2PlusStatus status = Es2PlusStatus.read(response);
        if (status == null) {
            throw new ConnectorException(Reason.REJECTED,
                    call + " answered HTTP " + httpStatus + " without an ES2+ execution status");
        }
        List<String> problems = schemas.responseProblems(function, response);
        if (!problems.isEmpty()) {
            throw new ConnectorException(Reason.REJECTED, call + " answered a message that does not match its schema: "
                    + problems);
        }
        if (!status.succeeded()) {
            throw new ConnectorException(Reason.REJECTED, call + ": " + status.status()
                    + (status.code() == null ? "" : " " + status.code())
                    + (status.message() == null ? "" : ": " + status.message()), status.code(), null);
        }
        return response;
    }

    /** The start of a peer's text, printable only: it goes into messages and logs. */
    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?") + (body.length > 300 ? "..." : "");
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "Es2PlusClient[" + settings.connectorId() + ", " + settings.endpoint() + "]";
    }
}
