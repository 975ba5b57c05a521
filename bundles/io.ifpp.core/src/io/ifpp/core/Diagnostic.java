package io.ifpp.core;

import java.util.Objects;

/**
 * One finding of a validation: how bad, which rule, where (a path people read, and an index into the document:
 * the element number of a profile package, the line of a text file; -1 when there is none), what was expected and
 * what was found. Never carries a secret: a wrong key is described by its length, not its bytes.
 */
public record Diagnostic(Severity severity, String rule, int index, String location, String message, String expected,
        String found) {

    public enum Severity {
        ERROR, WARNING, INFO
    }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(String rule, int index, String location, String message, String expected, String found) {
        return new Diagnostic(Severity.ERROR, rule, index, location, message, expected, found);
    }

    public static Diagnostic warning(String rule, int index, String location, String message, String expected,
            String found) {
        return new Diagnostic(Severity.WARNING, rule, index, location, message, expected, found);
    }

    /** {@code ERROR [iccid-luhn] value1 header > iccid: message (expected X, found Y)} */
    @Override
    public String toString() {
        String comparison = expected == null && found == null ? ""
                : " (expected " + Objects.requireNonNullElse(expected, "-") + ", found " + Objects.requireNonNullElse(found, "-") + ")";
        return severity + " [" + rule + "] " + location + ": " + message + comparison;
    }
}
