package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.core.health.HealthStatus;
import io.ifpp.server.internal.health.DataDirectoryHealthCheck;

class DataDirectoryHealthCheckTest {

    @TempDir
    Path temp;

    @Test
    void missingDirectoryIsCreatedAndReportedWithItsFreeSpace() {
        Path data = temp.resolve("data").resolve("ifpp");
        HealthStatus status = DataDirectoryHealthCheck.check(data);
        assertTrue(status.up(), status.detail());
        assertTrue(Files.isDirectory(data));
        assertTrue(status.detail().matches("\\d+ MiB free in the data directory"), status.detail());
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsDown() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");
        HealthStatus status = DataDirectoryHealthCheck.check(file);
        assertFalse(status.up());
        assertTrue(status.detail().startsWith("the data directory cannot be used: "), status.detail());
        assertFalse(status.detail().contains(temp.toString()), "no path on an open endpoint: " + status.detail());
    }
}
