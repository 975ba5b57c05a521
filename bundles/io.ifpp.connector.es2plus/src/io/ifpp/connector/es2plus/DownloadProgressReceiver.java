package io.ifpp.connector.es2plus;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import com.fasterxml.jackson.databind.JsonNode;

import io.ifpp.connector.api.ConnectorException.StatusCode;
import io.ifpp.connector.api.DownloadProgressListener;
import io.ifpp.connector.api.DownloadProgressListener.DownloadProgressInfo;
import io.ifpp.connector.es2plus.internal.Es2PlusStatus;
import io.ifpp.connector.es2plus.internal.HttpsServer;
import io.ifpp.connector.es2plus.internal.Json;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;

/**
 * The operator's ES2+ endpoint for HandleDownloadProgressInfo (SGP.22 5.3.5): an HTTPS server requiring the
 * SM-DP+'s client certificate, which checks each notification against its schema and hands it to the listeners.
 */
public final class DownloadProgressReceiver implements AutoCloseable {

    private final HttpsServer server;
    private final Es2PlusSchemas schemas;
    private final List<DownloadProgressListener> listeners = new CopyOnWriteArrayList<>();

    public DownloadProgressReceiver(TlsIdentity identity, String host, int port, Es2PlusSchemas schemas) {
        this.schemas = schemas;
        this.server = new HttpsServer("es2plus-callback", identity.sslContext(), host, port, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return receive(request, response, callback);
            }
        });
    }

    public void addListener(DownloadProgressListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DownloadProgressListener listener) {
        listeners.remove(listener);
    }

    /** Where an SM-DP+ sends notifications: the base address, below which the function path is appended. */
    public URI uri() {
        return server.uri();
    }

    private boolean receive(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod())
                || !Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO.path().equals(Request.getPathInContext(request))) {
            response.setStatus(HttpStatus.NOT_FOUND_404);
            callback.succeeded();
            return true;
        }
        byte[] body = Content.Source.asInputStream(request).readAllBytes();
        byte[] answer = receive(body, schemas, info -> listeners.forEach(l -> l.handleDownloadProgressInfo(info)));
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, new String(answer, StandardCharsets.UTF_8), callback);
        return true;
    }

    /**
     * One HandleDownloadProgressInfo notification (the request body): checked against its schema, handed to
     * {@code listener} when it conforms; returns the ES2+ response body (executed-success, or failed with the reason).
     * For servers that host the endpoint themselves.
     */
    public static byte[] receive(byte[] body, Es2PlusSchemas schemas, DownloadProgressListener listener) {
        Es2PlusStatus status;
        DownloadProgressInfo info = null;
        try {
            JsonNode notification = Json.parse(body);
            List<String> problems = schemas.requestProblems(Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO,
                    notification);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("the notification does not match its schema: " + problems);
            }
            info = new DownloadProgressInfo(Optional.ofNullable(Json.text(notification, "eid")).map(Eid::of),
                    Iccid.of(notification.get("iccid").asText().replace("F", "")),
                    notification.get("profileType").asText(), Instant.parse(notification.get("timestamp").asText()),
                    notification.get("notificationPointId").asInt(),
                    notification.path("notificationPointStatus").path("status").asText(),
                    Optional.ofNullable(Json.text(notification, "resultData")));
            status = Es2PlusStatus.success();
        } catch (RuntimeException e) {
            // SGP.22 names no status code for a malformed notification: reason 2.1 (invalid), subject 1.2, as the
            // test SM-DP+ answers a malformed request.
            status = Es2PlusStatus.failed(new StatusCode("1.2", "2.1", null), e.getMessage());
        }
        if (info != null) {
            listener.handleDownloadProgressInfo(info);
        }
        return Json.bytes(status.toResponse());
    }

    @Override
    public void close() {
        server.close();
    }
}
