package io.ifpp.agreement;

import java.nio.file.Path;

/** An agreement or plan file that cannot be read: which file, where in it (line and column, 0 when unknown), why. */
public class DesignFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;

    public DesignFileException(Path file, int line, int column, String reason, Throwable cause) {
        super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
