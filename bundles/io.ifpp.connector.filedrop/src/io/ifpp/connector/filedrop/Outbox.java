package io.ifpp.connector.filedrop;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.UUID;

import io.ifpp.connector.filedrop.internal.Durability;
import io.ifpp.core.AtomicFiles;

/**
 * An outbox directory that a vendor or operator collects files from. A file appears under its final name complete
 * or not at all, and a name once written is never given other content: writing the same content again is a no-op,
 * different content is refused.
 */
public final class Outbox {

    /** Whether {@link #write} created the file or found it already there with the same content. */
    public enum Outcome {
        WRITTEN, ALREADY_PRESENT
    }

    private final Path directory;

    public Outbox(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes {@code content} as {@code fileName}: staged in a hidden file beside it and forced to disk (by
     * {@link AtomicFiles}), then published with a hard link, which unlike a rename never replaces an existing file.
     *
     * @throws FileAlreadyExistsException if {@code fileName} exists with different content
     */
    public Outcome write(String fileName, byte[] content) throws IOException {
        if (!fileName.matches("[A-Za-z0-9_][A-Za-z0-9._-]*") || fileName.contains("..")) {
            throw new IllegalArgumentException("an outbox file name is letters, digits, '.', '_' and '-', not"
                    + " starting with '.' or holding '..'; got " + fileName.length() + " characters");
        }
        Files.createDirectories(directory);
        Path target = directory.resolve(fileName);
        if (Files.exists(target)) {
            return existing(target, content);
        }
        Path staged = directory.resolve("." + fileName + "." + UUID.randomUUID() + ".staged");
        try {
            AtomicFiles.write(staged, content);
            try {
                Files.createLink(target, staged);
            } catch (FileAlreadyExistsException raced) {
                return existing(target, content);
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                if (Files.exists(target)) {
                    return existing(target, content);
                }
                // Without hard links a rename is the atomic step; it would replace a file created since the check.
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(staged);
        }
        Durability.syncDirectory(directory);
        return Outcome.WRITTEN;
    }

    private static Outcome existing(Path target, byte[] content) throws IOException {
        byte[] present = Files.readAllBytes(target);
        if (Arrays.equals(present, content)) {
            return Outcome.ALREADY_PRESENT;
        }
        throw new FileAlreadyExistsException(target.toString(), null,
                "already in the outbox with different content (sha256 " + Durability.sha256(present)
                        + ", the new content's " + Durability.sha256(content) + "); refusing to replace it");
    }
}
