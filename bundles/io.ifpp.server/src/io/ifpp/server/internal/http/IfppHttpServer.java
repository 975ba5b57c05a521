package io.ifpp.server.internal.http;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.ifpp.server.internal.health.HealthReport;

/**
 * The server's endpoint (Jetty): {@code GET /health} open to all, and the REST API behind it, over HTTPS when a TLS
 * context is given (the {@code server} command always gives one).
 */
public final class IfppHttpServer {

    /** How long in-flight requests get to finish when the server stops. */
    static final long STOP_TIMEOUT_MS = 10_000;

    private final Server jetty;
    static final int MAX_THREADS = 64;
    static final int MAX_CONNECTIONS = 512;
    static final long IDLE_TIMEOUT_MS = 30_000;

    private final ServerConnector connector;
    private final boolean secure;

    private IfppHttpServer(Server jetty, ServerConnector connector, boolean secure) {
        this.jetty = jetty;
        this.connector = connector;
        this.secure = secure;
    }

    /**
     * Starts listening on {@code host:port} ({@code port} 0 picks a free one), reporting {@code health}.
     *
     * @throws IOException with a sentence naming the address when it cannot be bound
     */
    public static IfppHttpServer start(String host, int port, HealthReport health) throws IOException {
        return start(host, port, health, null, null);
    }

    /**
     * Starts listening on {@code host:port} with {@code /health} and then {@code api} (null: health only), over TLS
     * with {@code tls} (null: plain HTTP).
     *
     * @throws IOException with a sentence naming the address when it cannot be bound
     */
    public static IfppHttpServer start(String host, int port, HealthReport health, Handler api, SSLContext tls)
            throws IOException {
        // Bounds on what callers, anonymous ones included, can hold: threads (each may buffer one admitted body of at
        // most RestApi.MAX_BODY), connections, and how long an idle or slow connection stays.
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
        threads.setName("ifpp-http");
        Server jetty = new Server(threads);
        jetty.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, jetty));
        ServerConnector connector;
        if (tls != null) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(new HttpConfiguration()));
        } else {
            connector = new ServerConnector(jetty);
        }
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        jetty.addConnector(connector);
        HealthHandler healthHandler = new HealthHandler(health);
        // Graceful: on stop, new requests are refused and those in flight get STOP_TIMEOUT_MS to finish.
        GracefulHandler graceful = new GracefulHandler(api == null ? healthHandler
                : new Handler.Sequence(healthHandler, api));
        jetty.setHandler(graceful);
        jetty.setStopTimeout(STOP_TIMEOUT_MS);
        jetty.setStopAtShutdown(true);
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            throw new IOException(bindFailure(host, port, e), e);
        }
        return new IfppHttpServer(jetty, connector, tls != null);
    }

    private static String bindFailure(String host, int port, Exception e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            return "cannot listen on " + host + ":" + port + ": the address is already in use or not available"
                    + " on this machine; choose another with --port or --host.";
        }
        return "cannot start the HTTP endpoint on " + host + ":" + port + ": " + e.getMessage();
    }

    /** The address people and clients use, e.g. {@code https://127.0.0.1:8470/}. */
    public URI baseUri() {
        String host = connector.getHost();
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((secure ? "https" : "http") + "://" + literal + ":" + port() + "/");
    }

    /** The bound port (the actual one when started with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the endpoint has stopped (by {@link #stop()} or JVM shutdown). */
    public void awaitStop() throws InterruptedException {
        jetty.join();
    }

    /** Stops accepting requests and lets those in flight finish. */
    public void stop() {
        stopQuietly(jetty);
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            // Stopping is best-effort at shutdown; nothing is left to release that the JVM exit won't.
        }
    }
}
