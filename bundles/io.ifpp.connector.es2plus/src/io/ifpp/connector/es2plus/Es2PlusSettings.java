package io.ifpp.connector.es2plus;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.ifpp.connector.api.RetryPolicy;

/**
 * How an {@link Es2PlusClient} reaches its SM-DP+.
 *
 * @param endpoint the SM-DP+ base address, e.g. {@code https://smdp.example:8443}; functions are POSTed below it
 *        to {@code /gsma/rsp2/es2plus/<function>}
 * @param functionRequesterIdentifier who we are to the SM-DP+ (the operator's identifier it knows us by)
 * @param adminProtocol the {@code X-Admin-Protocol} header, {@code gsma/rsp/v2.<x>.<y>}
 * @param callTimeout how long one attempt of a call may take, connecting included
 * @param retries how a call is repeated after a transport failure, with the same functionCallIdentifier so the
 *        SM-DP+ executes it once
 */
public record Es2PlusSettings(String connectorId, URI endpoint, String functionRequesterIdentifier,
        String adminProtocol, Duration callTimeout, RetryPolicy retries) {

    public static final String DEFAULT_ADMIN_PROTOCOL = "gsma/rsp/v2.5.0";

    /** The request and response header that names the ES2+ protocol version (SGP.22 6.5.1). */
    public static final String ADMIN_PROTOCOL_HEADER = "X-Admin-Protocol";

    public Es2PlusSettings {
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(functionRequesterIdentifier, "functionRequesterIdentifier");
        if (!"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("ES2+ runs over HTTPS only, found " + endpoint.getScheme() + "://");
        }
        if (!adminProtocol.matches("gsma/rsp/v2\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("X-Admin-Protocol is gsma/rsp/v2.<x>.<y>, found " + adminProtocol);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("the call timeout must be positive, found " + callTimeout);
        }
    }

    /** Defaults: protocol v2.5.0, 30 s per attempt, three attempts. */
    public static Es2PlusSettings of(URI endpoint, String functionRequesterIdentifier) {
        return new Es2PlusSettings("es2plus", endpoint, functionRequesterIdentifier, DEFAULT_ADMIN_PROTOCOL,
                Duration.ofSeconds(30), new RetryPolicy(3, Duration.ofMillis(500), 2.0));
    }

    public Es2PlusSettings withCallTimeout(Duration timeout) {
        return new Es2PlusSettings(connectorId, endpoint, functionRequesterIdentifier, adminProtocol, timeout, retries);
    }

    public Es2PlusSettings withRetries(RetryPolicy policy) {
        return new Es2PlusSettings(connectorId, endpoint, functionRequesterIdentifier, adminProtocol, callTimeout,
                policy);
    }

    public Es2PlusSettings withAdminProtocol(String protocol) {
        return new Es2PlusSettings(connectorId, endpoint, functionRequesterIdentifier, protocol, callTimeout, retries);
    }
}
