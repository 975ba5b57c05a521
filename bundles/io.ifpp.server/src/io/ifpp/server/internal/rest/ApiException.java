package io.ifpp.server.internal.rest;

/**
 * A request answered with an error: the HTTP status, a sentence for people, and for a bad body the field at fault
 * (a JSON path such as {@code quantity}, or a line:column) and the reason. Nothing of the request is applied.
 */
public final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final transient Object details;

    public ApiException(int status, String message) {
        this(status, message, null, null);
    }

    public ApiException(int status, String message, String field, Object details) {
        super(message);
        this.status = status;
        this.field = field;
        this.details = details;
    }

    public static ApiException badRequest(String field, String reason) {
        return new ApiException(400, (field == null ? "" : field + ": ") + reason, field, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    /** Extra data for the body (e.g. validation findings), or null. */
    public Object details() {
        return details;
    }
}
