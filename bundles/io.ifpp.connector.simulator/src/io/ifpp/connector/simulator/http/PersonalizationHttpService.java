package io.ifpp.connector.simulator.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.PartyKeyStore;

/** Serves a personalization line over HTTP (see the package description for the routes). */
public final class PersonalizationHttpService implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Server jetty;
    private final ServerConnector connector;

    private PersonalizationHttpService(Server jetty, ServerConnector connector) {
        this.jetty = jetty;
        this.connector = connector;
    }

    /**
     * Serves {@code line} on {@code host:port} (0: a free port).
     *
     * @param responseDelay how long every answer waits (fault injection: a slow line)
     */
    public static PersonalizationHttpService start(PersonalizationConnector line, String host, int port,
            Duration responseDelay) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("ifpp-vendor-line");
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new LineHandler(line, responseDelay));
        try {
            jetty.start();
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception ignored) {
                // the start failure is what the caller needs to know
            }
            throw new IOException("cannot serve the vendor line on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new PersonalizationHttpService(jetty, connector);
    }

    public URI uri() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return URI.create("http://" + host + ":" + connector.getLocalPort() + "/vendor/");
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the vendor line did not stop: " + e.getMessage(), e);
        }
    }

    private static final class LineHandler extends Handler.Abstract {

        private final PersonalizationConnector line;
        private final Duration responseDelay;

        LineHandler(PersonalizationConnector line, Duration responseDelay) {
            this.line = line;
            this.responseDelay = responseDelay;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!responseDelay.isZero()) {
                Thread.sleep(responseDelay);
            }
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            try {
                if (path.equals("/vendor/keys") && HttpMethod.GET.is(method)) {
                    String bundle = PartyKeyStore.publicBundle(new PartyKeyStore.PublicParty(line.id(),
                            line.vendorKeys().sealing(), line.vendorKeys().signing()));
                    write(response, callback, 200, "text/plain", bundle);
                } else if (path.equals("/vendor/orders") && HttpMethod.POST.is(method)) {
                    SubmitReceipt receipt = line.submit(order(JSON.readTree(Content.Source.asString(request,
                            StandardCharsets.UTF_8))));
                    json(response, callback, 200, Map.of("orderId", receipt.orderId(), "accepted",
                            receipt.accepted().toString(), "duplicate", receipt.duplicate()));
                } else if (path.startsWith("/vendor/orders/") && path.endsWith("/report") && HttpMethod.GET.is(method)) {
                    String orderId = path.substring("/vendor/orders/".length(), path.length() - "/report".length());
                    Optional<SignedReport> report = line.report(orderId);
                    if (report.isEmpty()) {
                        response.setStatus(204);
                        callback.succeeded();
                    } else {
                        Base64.Encoder base64 = Base64.getEncoder();
                        json(response, callback, 200, Map.of("orderId", orderId, "payload",
                                base64.encodeToString(report.get().payload()), "signature",
                                base64.encodeToString(report.get().signature())));
                    }
                } else if (path.startsWith("/vendor/orders/") && HttpMethod.GET.is(method)) {
                    OrderProgress progress = line.progress(path.substring("/vendor/orders/".length()));
                    json(response, callback, 200, Map.of("orderId", progress.orderId(), "state",
                            progress.state().name(), "devicesDone", progress.devicesDone(), "devicesTotal",
                            progress.devicesTotal()));
                } else if (path.startsWith("/vendor/orders/") && HttpMethod.DELETE.is(method)) {
                    line.cancel(path.substring("/vendor/orders/".length()));
                    response.setStatus(204);
                    callback.succeeded();
                } else {
                    error(response, callback, 404, Reason.REJECTED, "no route " + method + " " + path);
                }
            } catch (ConnectorException e) {
                error(response, callback, status(e.reason()), e.reason(), e.getMessage());
            } catch (IllegalArgumentException | IOException e) {
                error(response, callback, 400, Reason.REJECTED, "malformed request: " + e.getMessage());
            }
            return true;
        }

        private static PersonalizationOrder order(JsonNode body) {
            for (String field : new String[] { "orderId", "deviceCount", "profileSet", "sealedDeviceSecrets", "batchId",
                    "sequence" }) {
                if (!body.hasNonNull(field)) {
                    throw new IllegalArgumentException("the field '" + field + "' is missing");
                }
            }
            java.util.List<String> profiles = new java.util.ArrayList<>();
            body.get("profileSet").forEach(p -> profiles.add(p.asText()));
            return new PersonalizationOrder(body.get("orderId").asText(), body.get("deviceCount").asInt(), profiles,
                    Base64.getDecoder().decode(body.get("sealedDeviceSecrets").asText()),
                    new Envelope.Context(body.get("batchId").asText(), body.get("sequence").asLong()),
                    body.hasNonNull("firstEid") ? io.ifpp.core.Eid.of(body.get("firstEid").asText()) : null);
        }

        private static int status(Reason reason) {
            return switch (reason) {
                case UNKNOWN_ORDER -> 404;
                case CONFLICT, REPLAY -> 409;
                case UNAVAILABLE, TIMEOUT -> 503;
                case BAD_SIGNATURE, REJECTED -> 400;
            };
        }

        private static void error(Response response, Callback callback, int status, Reason reason, String message)
                throws IOException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reason", reason.name());
            body.put("message", message);
            json(response, callback, status, body);
        }

        private static void json(Response response, Callback callback, int status, Map<String, ?> body)
                throws IOException {
            write(response, callback, status, "application/json", JSON.writeValueAsString(body));
        }

        private static void write(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
            Content.Sink.write(response, true, body, callback);
        }
    }
}
