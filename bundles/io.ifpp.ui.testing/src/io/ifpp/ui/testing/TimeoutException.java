package io.ifpp.ui.testing;

/** A condition that did not become true within the timeout. */
public class TimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
