package io.ifpp.connector.es2plus.internal;

import java.net.URI;

import javax.net.ssl.SSLContext;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** A Jetty HTTPS endpoint that requires a client certificate the given context trusts (ES2+ mutual TLS). */
public final class HttpsServer implements AutoCloseable {

    private final Server jetty;
    private final ServerConnector connector;
    private final String host;

    public HttpsServer(String name, SSLContext tls, String host, int port, Handler handler) {
        this.host = host;
        QueuedThreadPool threads = new QueuedThreadPool(32, 4);
        threads.setName(name);
        jetty = new Server(threads);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        ssl.setNeedClientAuth(true);
        connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(new HttpConfiguration()));
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        jetty.setHandler(handler);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException(name + " cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The base address, with the host name as given (the TLS certificate names it). */
    public URI uri() {
        return URI.create("https://" + host + ":" + port());
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTPS endpoint did not stop: " + e.getMessage(), e);
        }
    }
}
