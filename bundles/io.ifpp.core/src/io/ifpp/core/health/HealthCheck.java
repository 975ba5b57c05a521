package io.ifpp.core.health;

/**
 * One thing the server needs to do its work (the database, a connector's endpoint, disk space), checked on demand
 * for the server's {@code GET /health}. Bundles register implementations as OSGi services; the server reports them
 * all, and answers 503 while any is down.
 */
public interface HealthCheck {

    /** A short, stable key for the report, e.g. {@code dataDirectory} or {@code database}. */
    String name();

    /**
     * Checks now. Must return within a second or two; an expected failure is a {@link HealthStatus#down} with the
     * reason, not an exception. The detail never contains secrets.
     */
    HealthStatus check();
}
