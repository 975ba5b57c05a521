package io.ifpp.profile.asn1;

/** ASN.1 text (a module or value notation) that cannot be read, with the line and column where it went wrong. */
public final class Asn1TextException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    public Asn1TextException(int line, int column, String reason) {
        super("line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** What is wrong, without where. */
    public String reason() {
        return reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
