package io.ifpp.server.internal.http;

import java.util.LinkedHashMap;
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

import io.ifpp.core.ProductInfo;

/** {@code GET /health}: liveness for load balancers and the CI smoke test; open without credentials. */
final class HealthHandler extends Handler.Abstract.NonBlocking {

    static final String PATH = "/health";

    private final String body;

    HealthHandler() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("product", ProductInfo.NAME);
        health.put("version", ProductInfo.version().toString());
        try {
            body = new ObjectMapper().writeValueAsString(health);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("health document cannot be written as JSON", e);
        }
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
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, HttpMethod.HEAD.is(method) ? "" : body, callback);
        return true;
    }
}
