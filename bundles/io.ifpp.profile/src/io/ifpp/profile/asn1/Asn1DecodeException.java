package io.ifpp.profile.asn1;

/**
 * Bytes that are not a valid encoding of the expected type: where (byte offset and the path of components), and
 * why. Never carries the content of the bytes, which may be secret.
 */
public final class Asn1DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String path;
    private final String reason;

    public Asn1DecodeException(long offset, String path, String reason) {
        super("offset " + offset + (path.isEmpty() ? "" : " (" + path + ")") + ": " + reason);
        this.offset = offset;
        this.path = path;
        this.reason = reason;
    }

    /** Offset of the first byte of the element that is wrong, from the start of the input. */
    public long offset() {
        return offset;
    }

    /** Components from the top, e.g. {@code value3 pinCodes > pinCodes > pinconfig[0] > pinValue}. */
    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
