package io.ifpp.server.internal.http;

import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ifpp.server.internal.health.HealthReport;

/**
 * {@code GET /health}: every registered health check, 200 while all are up and 503 while any is down, for load
 * balancers and monitoring; open without credentials, and never shows a secret.
 */
final class HealthHandler extends Handler.Abstract.NonBlocking {

    static final String PATH = "/health";

    private final HealthReport report;
    private final ObjectMapper json = new ObjectMapper();

    HealthHandler(HealthReport report) {
        this.report = report;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(Request.getPathInContext(request))) {
            return false; // Jetty answers 404
        }
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.setStatus(HttpStatus.METHOD_NOT_ALLOWED_405);
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            callback.succeeded();
            return true;
        }
        Map<String, Object> health = report.run();
        String body;
        try {
            body = json.writeValueAsString(health);
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return true;
        }
        response.setStatus("UP".equals(health.get("status")) ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, HttpMethod.HEAD.is(method) ? "" : body, callback);
        return true;
    }
}
