package io.ifpp.trust;

/** An envelope that cannot be opened, and why (never with any of its content). */
public final class EnvelopeException extends Exception {

    private static final long serialVersionUID = 1L;

    public EnvelopeException(String reason) {
        super(reason);
    }
}
