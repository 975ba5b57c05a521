package io.ifpp.connector.es2plus;

import java.net.URI;
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
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ifpp.connector.api.DownloadProgressListener;
import io.ifpp.connector.api.DownloadProgressListener.DownloadProgressInfo;
import io.ifpp.connector.es2plus.internal.Es2PlusValues;
import io.ifpp.connector.es2plus.internal.HttpsServer;
import io.ifpp.connector.es2plus.internal.Json;
import io.ifpp.core.Eid;

/**
 * The operator's ES2+ endpoint for HandleDownloadProgressInfo (SGP.22 5.3.5): an HTTPS server requiring the
 * SM-DP+'s client certificate, which checks each notification against its schema and hands it to the listeners.
 */
public final class DownloadProgressReceiver implements AutoCloseable {

    /** Far above any notification SGP.22 defines; a larger body is refused before it is parsed. */
    static final int MAX_NOTIFICATION_BYTES = 64 * 1024;
    static final int MAX_TEXT_CHARS = 256;
    /** A ProfileInstallationResult, base64: a few hundred bytes to a few kilobytes. */
    static final int MAX_RESULT_DATA_CHARS = 32 * 1024;

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
        response.getHeaders().put(Es2PlusSettings.ADMIN_PROTOCOL_HEADER, Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL);
        if (!HttpMethod.POST.is(request.getMethod())
                || !Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO.path().equals(Request.getPathInContext(request))) {
            response.setStatus(HttpStatus.NOT_FOUND_404);
            callback.succeeded();
            return true;
        }
        byte[] body = Content.Source.asInputStream(request).readNBytes(MAX_NOTIFICATION_BYTES + 1);
        Receipt receipt = body.length > MAX_NOTIFICATION_BYTES
                ? Receipt.refused("the notification is larger than " + MAX_NOTIFICATION_BYTES + " bytes")
                : receive(body, schemas, info -> listeners.forEach(l -> l.handleDownloadProgressInfo(info)));
        response.setStatus(receipt.httpStatus());
        if (receipt.body().length > 0) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, Receipt.CONTENT_TYPE);
        }
        response.write(true, java.nio.ByteBuffer.wrap(receipt.body()), callback);
        return true;
    }

    /**
     * What the endpoint answers a notification. HandleDownloadProgressInfo has no output data, so SGP.22's HTTP
     * binding answers it 204 No Content with no body; a notification that is not a valid ES2+ message has no
     * function result to carry a status in, and is refused with HTTP 400 and a JSON body saying why.
     */
    public record Receipt(String refusal) {

        public static final String CONTENT_TYPE = "application/json";

        static Receipt accepted() {
            return new Receipt(null);
        }

        static Receipt refused(String why) {
            return new Receipt(why);
        }

        public boolean isAccepted() {
            return refusal == null;
        }

        public int httpStatus() {
            return isAccepted() ? HttpStatus.NO_CONTENT_204 : HttpStatus.BAD_REQUEST_400;
        }

        /** Nothing for an accepted notification; {@code {"error": why}} for a refused one. */
        public byte[] body() {
            if (isAccepted()) {
                return new byte[0];
            }
            ObjectNode error = Json.object();
            error.put("error", refusal);
            return Json.bytes(error);
        }
    }

    /**
     * One HandleDownloadProgressInfo notification (the request body): checked against its schema as SGP.22 reads it
     * (an ICCID padded with F, a timestamp with any zone designator), handed to {@code listener} when it conforms.
     * For servers that host the endpoint themselves: they answer the {@link Receipt} it returns.
     */
    public static Receipt receive(byte[] body, Es2PlusSchemas schemas, DownloadProgressListener listener) {
        DownloadProgressInfo info;
        try {
            JsonNode notification = Json.parse(body);
            List<String> problems = schemas.requestProblems(Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO,
                    notification);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("the notification does not match its schema: " + problems);
            }
            // The schemas bound no length: a field past these (far above what SGP.22's values need) is refused
            // here, before it reaches a listener's record.
            bounded(notification, "profileType", MAX_TEXT_CHARS);
            bounded(notification.path("notificationPointStatus"), "status", MAX_TEXT_CHARS);
            bounded(notification, "resultData", MAX_RESULT_DATA_CHARS);
            info = new DownloadProgressInfo(Optional.ofNullable(Json.text(notification, "eid")).map(Eid::of),
                    Es2PlusValues.iccid(notification.get("iccid").asText()), notification.get("profileType").asText(),
                    Es2PlusValues.timestamp(notification.get("timestamp").asText()),
                    notification.get("notificationPointId").asInt(),
                    notification.path("notificationPointStatus").path("status").asText(),
                    Optional.ofNullable(Json.text(notification, "resultData")));
        } catch (RuntimeException e) {
            return Receipt.refused(e.getMessage());
        }
        listener.handleDownloadProgressInfo(info);
        return Receipt.accepted();
    }

    private static void bounded(JsonNode node, String field, int maxChars) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual() && value.asText().length() > maxChars) {
            throw new IllegalArgumentException(field + " has " + value.asText().length() + " characters, more than the "
                    + maxChars + " this endpoint takes");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
