package io.ifpp.connector.filedrop.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;

/** What the file-exchange connectors share about their folders and the ids that name files. */
public final class Exchange {

    private Exchange() {
    }

    /** A share that is not mounted shows as a missing folder: that is the link being down, not an error. */
    public static void requireAvailable(Path... folders) throws ConnectorException {
        for (Path folder : folders) {
            if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
                throw new ConnectorException(Reason.UNAVAILABLE, "the folder " + folder
                        + " is missing or not writable (is the exchange share mounted?)");
            }
        }
    }

    /** The file name of {@code id}; an id that could not name a file safely is REJECTED. */
    public static String fileName(String kind, String id, String suffix) throws ConnectorException {
        String name = id + suffix;
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._-]*") || name.contains("..")) {
            throw new ConnectorException(Reason.REJECTED, "the " + kind + " id " + id + " cannot name a file:"
                    + " letters, digits, '.', '_' and '-' only");
        }
        return name;
    }

    public static ConnectorException unavailable(String what, IOException e) {
        return new ConnectorException(Reason.UNAVAILABLE, what + " cannot be used (" + e.getClass().getSimpleName()
                + ")", e);
    }
}
