package io.ifpp.core.health;

import java.util.Objects;

/** Result of a {@link HealthCheck}: up or down, with a sentence an operations engineer can act on. */
public record HealthStatus(boolean up, String detail) {

    public HealthStatus {
        Objects.requireNonNull(detail, "detail");
    }

    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail);
    }
}
