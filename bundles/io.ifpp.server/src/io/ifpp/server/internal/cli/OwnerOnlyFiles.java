package io.ifpp.server.internal.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold keys, written for their owner alone: created with mode 0600 (folders 0700) from the start, never
 * widened then narrowed, and never over an existing file.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Makes {@code folder} (mode 0700) and its missing parents; an existing folder is used as it is. */
    public static void createFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        }
    }

    /** Writes {@code content} to the new file {@code file} (mode 0600); refused when the file exists. */
    public static void writeNew(Path file, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))), StandardOpenOption.WRITE)) {
            out.write(content);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null, "exists: a device's packages are not written "
                    + "over other files");
        }
    }
}
