package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.orchestration.store.Database;

/** The audit log on the embedded default, an H2 file. */
class H2AuditLogTest extends AuditLogContract {

    @TempDir
    Path folder;

    @Override
    protected Database freshDatabase() {
        return Database.embedded(folder);
    }

    @Test
    void aDatabaseUrlNamesWhatItAccepts() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Database.of("mysql://user:secret@host/db", null, null));
        assertTrue(error.getMessage().contains("postgresql://host[:port]/database or h2:FOLDER"), error.getMessage());
        assertFalse(error.getMessage().contains("secret"), "credentials in a URL are not repeated");
    }
}
