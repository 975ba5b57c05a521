package io.ifpp.connector.api;

/**
 * A connector call that failed, with a reason the caller acts on: retry the retryable ones (with the same order id:
 * calls are idempotent), report the others. The message names the order and the check that failed, never a secret.
 */
public final class ConnectorException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The other side cannot be reached or answered with a transient failure. */
        UNAVAILABLE(true),
        /** No answer within the configured time. */
        TIMEOUT(true),
        /** The order's signature or sealing does not verify. */
        BAD_SIGNATURE(false),
        /** The sealed content was already used for another order (its batch and sequence). */
        REPLAY(false),
        /** The order id is known with different content. */
        CONFLICT(false),
        UNKNOWN_ORDER(false),
        /** Refused for a stated reason (e.g. cancelling a completed order). */
        REJECTED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /**
     * The standard code of a refusal where the protocol has one, e.g. ES2+ (SGP.22 5.3): subject code 8.2.1 (profile
     * ICCID) with reason code 3.9 (unknown), and the identifier the subject refers to.
     */
    public record StatusCode(String subjectCode, String reasonCode, String subjectIdentifier) {

        @Override
        public String toString() {
            return subjectCode + "/" + reasonCode + (subjectIdentifier == null ? "" : " (" + subjectIdentifier + ")");
        }
    }

    private final Reason reason;
    private final transient StatusCode statusCode;

    public ConnectorException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public ConnectorException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    public ConnectorException(Reason reason, String message, StatusCode statusCode, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.statusCode = statusCode;
    }

    public Reason reason() {
        return reason;
    }

    /** The protocol's status code of a refusal, empty when the protocol gave none. */
    public java.util.Optional<StatusCode> statusCode() {
        return java.util.Optional.ofNullable(statusCode);
    }

    public boolean retryable() {
        return reason.retryable();
    }
}
