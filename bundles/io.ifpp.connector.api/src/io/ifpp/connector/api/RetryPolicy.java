package io.ifpp.connector.api;

import java.time.Duration;

/**
 * How often and how patiently a connector call is repeated after a retryable failure. Connector calls are idempotent
 * by order id, so repeating one is safe.
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff the wait before the second attempt; each further wait is {@code multiplier} times longer
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), 2.0);

    /** A connector call. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws ConnectorException;
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, found " + maxAttempts);
        }
    }

    /**
     * Runs {@code call}, repeating it after retryable failures; the last failure is thrown when the attempts run
     * out, and a non-retryable one at once.
     */
    public <T> T call(Call<T> call) throws ConnectorException, InterruptedException {
        long backoffNanos = initialBackoff.toNanos();
        for (int attempt = 1;; attempt++) {
            try {
                return call.run();
            } catch (ConnectorException e) {
                if (!e.retryable() || attempt >= maxAttempts) {
                    throw e;
                }
                Thread.sleep(Duration.ofNanos(backoffNanos));
                backoffNanos = (long) (backoffNanos * multiplier);
            }
        }
    }
}
