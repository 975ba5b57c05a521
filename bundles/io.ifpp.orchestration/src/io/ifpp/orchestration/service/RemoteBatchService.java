package io.ifpp.orchestration.service;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchServiceException.Kind;

/**
 * The batches of a remote IFPP server, through its REST API over HTTPS with a bearer token (role operator to steer,
 * any role to watch). A run is started on the server and watched by polling its status; a listener asking to stop
 * (or an interrupt) stops the watching only: the server's run goes on until it settles or the batch is cancelled.
 */
public final class RemoteBatchService implements BatchService {

    private static final JsonMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Duration POLL = Duration.ofSeconds(1);

    private final URI base;
    private final char[] token;
    private final HttpClient client;

    /**
     * @param base the server, e.g. {@code https://ifpp.example:8470/}
     * @param token the bearer token (kept until {@link #close()}, which clears it)
     * @param tls trust for the server's certificate (e.g. {@code TlsServerKeys.pinned(fingerprint)})
     */
    public RemoteBatchService(URI base, char[] token, SSLContext tls) {
        this.base = base.getPath().endsWith("/") ? base : URI.create(base + "/");
        this.token = token.clone();
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public List<BatchStatus> batches() throws BatchServiceException {
        return read(get("batches"), new TypeReference<List<BatchStatus>>() {
        });
    }

    @Override
    public BatchStatus status(String batchId) throws BatchServiceException {
        return read(get("batches/" + encode(batchId)), new TypeReference<BatchStatus>() {
        });
    }

    @Override
    public List<BatchStore.DeviceInfo> devices(String batchId, List<Stage> stages, long offset, int limit)
            throws BatchServiceException {
        StringBuilder query = new StringBuilder("batches/" + encode(batchId) + "/devices?offset=" + offset + "&limit="
                + limit);
        stages.forEach(stage -> query.append("&stage=").append(stage.name()));
        JsonNode page = read(get(query.toString()), new TypeReference<JsonNode>() {
        });
        return JSON.convertValue(page.get("devices"), new TypeReference<List<BatchStore.DeviceInfo>>() {
        });
    }

    @Override
    public Optional<BatchStore.DeviceInfo> device(String eidIccidOrSerial) throws BatchServiceException {
        try {
            return Optional.of(read(get("devices/" + encode(eidIccidOrSerial)),
                    new TypeReference<BatchStore.DeviceInfo>() {
                    }));
        } catch (BatchServiceException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<AuditLog.Entry> history(String batchId, int deviceIndex) throws BatchServiceException {
        return read(get("batches/" + encode(batchId) + "/devices/" + deviceIndex + "/history"),
                new TypeReference<List<AuditLog.Entry>>() {
                });
    }

    @Override
    public Engine.Summary run(String batchId, boolean requeue, Engine.Listener listener)
            throws BatchServiceException, InterruptedException {
        long start = System.nanoTime();
        send("POST", "batches/" + encode(batchId) + (requeue ? "/resume" : "/run"));
        listener.note("batch " + batchId + " runs on " + base);
        while (true) {
            Thread.sleep(POLL.toMillis());
            JsonNode status = read(get("batches/" + encode(batchId)), new TypeReference<JsonNode>() {
            });
            Map<Stage, Long> counts = JSON.convertValue(status.get("stages"), new TypeReference<Map<Stage, Long>>() {
            });
            listener.recounted(counts);
            if (listener.stopRequested()) {
                return new Engine.Summary(batchId, status.path("state").asText(), counts, 0,
                        status.path("mismatches").asLong(), 0, Duration.ofNanos(System.nanoTime() - start));
            }
            if (!status.path("running").asBoolean()) {
                JsonNode last = status.path("lastRun");
                if (last.path("failure").isTextual() && last.path("state").asText().equals("FAILED")) {
                    throw new BatchServiceException(Kind.UNAVAILABLE, "the run of batch " + batchId + " on " + base
                            + " failed: " + last.path("failure").asText());
                }
                return new Engine.Summary(batchId, status.path("state").asText(), counts, 0,
                        status.path("mismatches").asLong(), last.path("transitions").asLong(),
                        Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    @Override
    public long cancel(String batchId) throws BatchServiceException {
        return send("POST", "batches/" + encode(batchId) + "/cancel").path("voided").asLong();
    }

    /** Forgets the token. */
    public void close() {
        Arrays.fill(token, '\0');
    }

    private HttpResponse<byte[]> get(String path) throws BatchServiceException {
        return exchange("GET", path);
    }

    private JsonNode send(String method, String path) throws BatchServiceException {
        return read(exchange(method, path), new TypeReference<JsonNode>() {
        });
    }

    private HttpResponse<byte[]> exchange(String method, String path) throws BatchServiceException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + new String(token))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new BatchServiceException(Kind.UNAVAILABLE, "the IFPP server at " + base + " cannot be reached: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchServiceException(Kind.UNAVAILABLE, "interrupted while waiting for " + base, e);
        }
    }

    private <T> T read(HttpResponse<byte[]> response, TypeReference<T> type) throws BatchServiceException {
        int status = response.statusCode();
        if (status >= 300) {
            String message;
            try {
                message = JSON.readTree(response.body()).path("error").asText("HTTP " + status);
            } catch (IOException e) {
                message = "HTTP " + status;
            }
            Kind kind = switch (status) {
                case 400, 413 -> Kind.INVALID;
                case 401, 403 -> Kind.DENIED;
                case 404 -> Kind.NOT_FOUND;
                case 409 -> Kind.CONFLICT;
                default -> Kind.UNAVAILABLE;
            };
            throw new BatchServiceException(kind, base + ": " + message);
        }
        try {
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new BatchServiceException(Kind.UNAVAILABLE, "the IFPP server at " + base
                    + " answered what this client cannot read: " + e.getMessage(), e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
