package io.ifpp.connector.filedrop;

import java.util.Objects;

/**
 * A vendor output file that cannot be imported, with where and why: the line (1-based; 0 when the fault is the
 * file as a whole, e.g. its size), the field or column, what was expected and what was found. The found part
 * describes a secret's shape (length, character kinds), never its value.
 */
public final class VendorOutputFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String field;
    private final String expected;
    private final String found;

    public VendorOutputFileException(int lineNumber, String field, String expected, String found) {
        super(describe(lineNumber, field, expected, found));
        this.lineNumber = lineNumber;
        this.field = Objects.requireNonNull(field, "field");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.found = Objects.requireNonNull(found, "found");
    }

    private static String describe(int lineNumber, String field, String expected, String found) {
        return (lineNumber > 0 ? "line " + lineNumber : "the file") + ", " + field + ": expected " + expected
                + ", found " + found;
    }

    /** 1-based; 0 when the fault concerns the whole file rather than one line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** The section, header field, column or file property at fault, e.g. {@code KI} or {@code Quantity}. */
    public String field() {
        return field;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }
}
