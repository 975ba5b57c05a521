package com.example.vendorline.connector.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.trust.PartyKeyStore;

/**
 * Example Vendor's personalization line, reached over its HTTP API: {@code GET keys} (the line's public key bundle),
 * {@code POST orders} (a sealed, signed order as JSON), {@code GET orders/ID} (progress), {@code GET orders/ID/report}
 * (the signed report, 204 until there is one) and {@code DELETE orders/ID} (cancel). Refusals are JSON
 * {@code {"reason": ..., "message": ...}} with the SPI's reason names; transport failures are UNAVAILABLE or TIMEOUT,
 * which the engine retries.
 */
public final class HttpVendorLine implements PersonalizationConnector {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;
    private volatile VendorKeys keys;

    /**
     * @param base the line's address, e.g. {@code http://127.0.0.1:8480/vendor/}
     * @param timeout for each call: a line that answers later is a {@link Reason#TIMEOUT}
     */
    public HttpVendorLine(String id, URI base, Duration timeout) {
        this.id = id;
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String id() {
        return id;
    }

    /** The line's keys, fetched once from {@code GET keys}; an unreachable line is an IllegalStateException. */
    @Override
    public VendorKeys vendorKeys() {
        VendorKeys known = keys;
        if (known == null) {
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("keys")).GET(), "keys");
                PartyKeyStore.PublicParty party = PartyKeyStore.readPublicBundle(response.body());
                known = new VendorKeys(party.kem(), party.signing());
                keys = known;
            } catch (ConnectorException | GeneralSecurityException e) {
                throw new IllegalStateException("the keys of vendor line " + base + " cannot be read: " + e.getMessage(),
                        e);
            }
        }
        return known;
    }

    @Override
    public SubmitReceipt submit(PersonalizationOrder order) throws ConnectorException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order.orderId());
        body.put("deviceCount", order.deviceCount());
        body.put("profileSet", order.profileSet());
        body.put("sealedDeviceSecrets", Base64.getEncoder().encodeToString(order.sealedDeviceSecrets()));
        body.put("batchId", order.context().batchId());
        body.put("sequence", order.context().sequence());
        if (order.firstEid() != null) {
            body.put("firstEid", order.firstEid().digits());
        }
        JsonNode answer = json(send(HttpRequest.newBuilder(base.resolve("orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))), "submit " + order.orderId()));
        return new SubmitReceipt(answer.get("orderId").asText(), Instant.parse(answer.get("accepted").asText()),
                answer.get("duplicate").asBoolean());
    }

    @Override
    public OrderProgress progress(String orderId) throws ConnectorException {
        JsonNode answer = json(send(HttpRequest.newBuilder(order(orderId, "")).GET(), "progress " + orderId));
        return new OrderProgress(orderId, OrderProgress.State.valueOf(answer.get("state").asText()),
                answer.get("devicesDone").asInt(), answer.get("devicesTotal").asInt());
    }

    @Override
    public Optional<SignedReport> report(String orderId) throws ConnectorException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(order(orderId, "/report")).GET(), "report " + orderId);
        if (response.statusCode() == 204) {
            return Optional.empty();
        }
        JsonNode answer = json(response);
        Base64.Decoder base64 = Base64.getDecoder();
        return Optional.of(new SignedReport(orderId, base64.decode(answer.get("payload").asText()),
                base64.decode(answer.get("signature").asText())));
    }

    @Override
    public void cancel(String orderId) throws ConnectorException {
        send(HttpRequest.newBuilder(order(orderId, "")).DELETE(), "cancel " + orderId);
    }

    private URI order(String orderId, String suffix) {
        return base.resolve("orders/" + java.net.URLEncoder.encode(orderId, java.nio.charset.StandardCharsets.UTF_8)
                + suffix);
    }

    /** Sends, mapping transport failures and refusals to their {@link Reason}. */
    private HttpResponse<String> send(HttpRequest.Builder request, String call) throws ConnectorException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ConnectorException(Reason.TIMEOUT, call + ": no answer from " + base + " within " + timeout, e);
        } catch (ConnectException e) {
            throw new ConnectorException(Reason.UNAVAILABLE, call + ": " + base + " cannot be reached", e);
        } catch (IOException e) {
            throw new ConnectorException(Reason.UNAVAILABLE, call + ": " + e.getClass().getSimpleName() + " talking to "
                    + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(Reason.UNAVAILABLE, call + ": interrupted", e);
        }
        if (response.statusCode() >= 400) {
            JsonNode error = json(response);
            Reason reason;
            try {
                reason = Reason.valueOf(error.path("reason").asText());
            } catch (IllegalArgumentException e) {
                reason = response.statusCode() >= 500 ? Reason.UNAVAILABLE : Reason.REJECTED;
            }
            throw new ConnectorException(reason, error.path("message").asText(call + ": HTTP " + response.statusCode()));
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) throws ConnectorException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ConnectorException(Reason.UNAVAILABLE, "the vendor line answered HTTP " + response.statusCode()
                    + " with a body that is not JSON", e);
        }
    }

    private static String write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("the order cannot be written as JSON", e);
        }
    }
}
