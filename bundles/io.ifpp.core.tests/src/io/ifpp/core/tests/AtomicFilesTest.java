package io.ifpp.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.core.AtomicFiles;

class AtomicFilesTest {

    @TempDir
    Path temp;

    @Test
    void replacesTheWholeFileAndLeavesNoTemporaryBehind() throws IOException {
        Path target = temp.resolve("out").resolve("profile.der");
        AtomicFiles.write(target, new byte[] { 1, 2, 3 });
        AtomicFiles.write(target, new byte[] { 4, 5 });
        assertArrayEquals(new byte[] { 4, 5 }, Files.readAllBytes(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aFailedWriteKeepsTheOldContent() throws IOException {
        Path target = temp.resolve("profile.der");
        AtomicFiles.write(target, new byte[] { 7 });
        // The target's directory entry is a directory: the rename must fail, the old file must be untouched.
        Path blocked = temp.resolve("blocked.der");
        Files.createDirectories(blocked.resolve("child"));
        assertThrows(IOException.class, () -> AtomicFiles.write(blocked, new byte[] { 8 }));
        assertArrayEquals(new byte[] { 7 }, Files.readAllBytes(target));
        try (var files = Files.list(temp)) {
            assertEquals(2, files.count(), "no .partial file is left");
        }
    }
}
