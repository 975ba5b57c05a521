package io.ifpp.server.internal.http;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.ifpp.server.internal.health.HealthReport;

/** The server's HTTP endpoint (Jetty). Routes: {@code GET /health}. */
public final class IfppHttpServer {

    private final Server jetty;
    private final ServerConnector connector;

    private IfppHttpServer(Server jetty, ServerConnector connector) {
        this.jetty = jetty;
        this.connector = connector;
    }

    /**
     * Starts listening on {@code host:port} ({@code port} 0 picks a free one), reporting {@code health}.
     *
     * @throws IOException with a sentence naming the address when it cannot be bound
     */
    public static IfppHttpServer start(String host, int port, HealthReport health) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("ifpp-http");
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(new HealthHandler(health));
        jetty.setStopAtShutdown(true);
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            throw new IOException(bindFailure(host, port, e), e);
        }
        return new IfppHttpServer(jetty, connector);
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

    /** The address people and clients use, e.g. {@code http://127.0.0.1:8470/}. */
    public URI baseUri() {
        String host = connector.getHost();
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + port() + "/");
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
