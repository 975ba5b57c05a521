package io.ifpp.server.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import io.ifpp.orchestration.service.BatchServiceException;

/**
 * The REST API's routes: every request but {@code /health} carries a bearer token (401 without a valid one), the
 * token's role must be one the route admits (403), bodies are read within a size limit (413), and any failure is a
 * JSON error body {@code {"status", "error", "field", ...}} that never carries a secret.
 */
public final class RestApi extends Handler.Abstract {

    /** Largest body accepted: profile packages and design files are kilobytes; this bounds what a client can send. */
    static final int MAX_BODY = 16 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(RestApi.class.getName());

    /** One route: method, path template ({@code /batches/{id}}), the roles it admits, what it does. */
    public record Route(String method, String template, Set<Role> roles, Action action) {
    }

    @FunctionalInterface
    public interface Action {
        Reply handle(Exchange exchange) throws Exception;
    }

    private final ApiTokens tokens;
    private final List<Route> routes = new ArrayList<>();
    private final List<Supplier<List<Route>>> changingRoutes = new ArrayList<>();

    public RestApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** Every role may call it. */
    public RestApi read(String method, String template, Action action) {
        return route(method, template, Role.PEOPLE, action);
    }

    public RestApi route(String method, String template, Set<Role> roles, Action action) {
        routes.add(new Route(method, template, Set.copyOf(roles), action));
        return this;
    }

    /**
     * Routes that come and go with the services that serve them (a connector's partner callbacks): asked for at each
     * request, after the fixed ones.
     */
    public RestApi routes(Supplier<List<Route>> provider) {
        changingRoutes.add(provider);
        return this;
    }

    /** The routes served now, for dispatch, the OpenAPI description and its test. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>(routes);
        changingRoutes.forEach(provider -> all.addAll(provider.get()));
        return all;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply;
        try {
            reply = dispatch(request);
        } catch (ApiException e) {
            reply = error(e.status(), e.getMessage(), e.field(), e.details());
        } catch (BatchServiceException e) {
            reply = error(switch (e.kind()) {
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case INVALID -> 400;
                case DENIED -> 403;
                case UNAVAILABLE -> 503;
            }, e.getMessage(), null, null);
        } catch (IllegalArgumentException e) {
            reply = error(400, e.getMessage(), null, null);
        } catch (IllegalStateException e) {
            reply = error(409, e.getMessage(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = error(503, "the server is stopping", null, null);
        } catch (Exception | LinkageError e) {
            LOG.log(Level.ERROR, "request " + request.getMethod() + " " + Request.getPathInContext(request)
                    + " failed", e);
            reply = error(500, "the server failed to answer (" + e.getClass().getSimpleName()
                    + "); the server log has the details", null, null);
        }
        if (reply.status() >= 400 && request.getAttribute(BODY_READ) == null && hasBody(request)) {
            // Refused on its headers: its body stays unread, and the connection goes with it.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        send(response, callback, reply);
        return true;
    }

    private static final String BODY_READ = RestApi.class.getName() + ".bodyRead";

    private static boolean hasBody(Request request) {
        return request.getLength() != 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /**
     * Decides on the headers first: who calls, which route, whether the role may. Only an admitted request's body is
     * read (within {@link #MAX_BODY}); a refused one's is not, and its connection is closed (see {@link #handle}), so
     * that nobody without a token makes the server read or buffer anything.
     */
    private Reply dispatch(Request request) throws Exception {
        ApiTokens.Caller caller = authenticate(request);
        String method = request.getMethod();
        String[] segments = segments(Request.getPathInContext(request));
        Map<String, String> parameters = new HashMap<>();
        Route found = null;
        boolean pathKnown = false;
        for (Route route : routes()) {
            parameters.clear();
            if (matches(route.template(), segments, parameters)) {
                pathKnown = true;
                if (route.method().equals(method)) {
                    found = route;
                    break;
                }
            }
        }
        if (found == null) {
            throw new ApiException(pathKnown ? 405 : 404, pathKnown ? method + " is not allowed here"
                    : "no such resource: " + Request.getPathInContext(request));
        }
        if (!found.roles().contains(caller.role())) {
            throw new ApiException(403, "role " + caller.role().id() + " may not " + method + " "
                    + found.template() + " (allowed: " + found.roles().stream().map(Role::id).sorted().toList() + ")");
        }
        Fields query = Request.extractQueryParameters(request);
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        byte[] body = body(request);
        request.setAttribute(BODY_READ, Boolean.TRUE);
        return found.action().handle(new Exchange(caller, Map.copyOf(parameters), query, contentType, body));
    }

    private ApiTokens.Caller authenticate(Request request) throws ApiException, IOException {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "this resource needs 'Authorization: Bearer <token>' ('ifpp token create "
                    + "--role R' makes one)");
        }
        Optional<ApiTokens.Caller> caller = tokens.authenticate(header.substring(7).trim());
        return caller.orElseThrow(() -> new ApiException(401, "the bearer token is not valid (unknown or revoked)"));
    }

    private static byte[] body(Request request) throws IOException, ApiException {
        long declared = request.getLength();
        if (declared > MAX_BODY) {
            throw new ApiException(413, "the body is " + declared + " bytes; at most " + MAX_BODY + " are accepted");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new ApiException(413, "the body is larger than " + MAX_BODY + " bytes, the most accepted");
            }
            return body;
        }
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static boolean matches(String template, String[] segments, Map<String, String> parameters) {
        String[] parts = segments(template);
        if (parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return false;
                }
                parameters.put(parts[i].substring(1, parts[i].length() - 1),
                        java.net.URLDecoder.decode(segments[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!parts[i].equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    static Reply error(int status, String message, String field, Object details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        if (details != null) {
            body.put("details", details);
        }
        return new Reply.Json(status, body);
    }

    private static void send(Response response, Callback callback, Reply reply) {
        if (reply instanceof Reply.Headed headed) {
            headed.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            send(response, callback, headed.reply());
            return;
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (reply.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"ifpp\"");
        }
        try {
            switch (reply) {
                case Reply.Json json -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                    response.write(true, ByteBuffer.wrap(Exchange.JSON.writeValueAsBytes(json.body())), callback);
                }
                case Reply.Headed headed -> throw new IllegalStateException("unwrapped above");
                case Reply.Bytes bytes -> {
                    if (bytes.contentType() != null) {
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, bytes.contentType());
                    }
                    response.write(true, ByteBuffer.wrap(bytes.body()), callback);
                }
                case Reply.Streamed streamed -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, streamed.contentType());
                    OutputStream out = Content.Sink.asOutputStream(response);
                    try {
                        streamed.producer().write(out);
                    } catch (Exception broken) {
                        // Not closed: a stream that broke midway must not end as a well-formed, shorter answer.
                        // Failing the exchange aborts it (no last chunk), so the client sees it cut off.
                        LOG.log(Level.WARNING, "a streamed answer broke midway and was aborted: " + broken);
                        callback.failed(broken);
                        return;
                    }
                    out.close();
                    callback.succeeded();
                }
            }
        } catch (Exception e) {
            // Headers may be out already: all that is left is to end the exchange as failed.
            LOG.log(Level.WARNING, "a response could not be written: " + e);
            callback.failed(e);
        }
    }
}
