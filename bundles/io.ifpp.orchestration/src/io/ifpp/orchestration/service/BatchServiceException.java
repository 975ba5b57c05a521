package io.ifpp.orchestration.service;

/**
 * A batch operation that could not be done, with the kind of failure (so a REST layer answers 404, 409, 400 or 503
 * and a remote client raises the same kind again) and a sentence saying what and why. Never carries secrets.
 */
public final class BatchServiceException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No such batch or device. */
        NOT_FOUND,
        /** The batch is not in a state that allows it (e.g. resuming a cancelled batch). */
        CONFLICT,
        /** The request itself is wrong (a bad stage name, a negative page size). */
        INVALID,
        /** The caller's credentials are missing or wrong, or lack the role (a remote server refused them). */
        DENIED,
        /** The store or the engine's partners cannot be reached now; trying later may work. */
        UNAVAILABLE
    }

    private final Kind kind;

    public BatchServiceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BatchServiceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
