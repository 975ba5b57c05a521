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

    /** From the security review: a remote PostgreSQL was reached without TLS unless the URL asked for it. */
    @Test
    void aRemotePostgresqlIsReachedOverTlsAndAUrlAskingForLessIsRefused() {
        assertTrue(Database.of("postgresql://db.example.com/ifpp", "ifpp", "pw").requiresTls(),
                "verify-full by default on another host");
        assertTrue(Database.of("postgresql://10.0.0.7:5433/ifpp?sslmode=verify-ca", "ifpp", "pw").requiresTls());
        for (String weak : java.util.List.of("disable", "allow", "prefer")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Database.of("postgresql://db.example.com/ifpp?sslmode=" + weak, "ifpp", "pw"));
            assertTrue(refused.getMessage().contains("db.example.com is reached over the network: it needs TLS"),
                    refused.getMessage());
        }
        assertFalse(Database.of("postgresql://localhost/ifpp", "ifpp", "pw").requiresTls(),
                "the loopback host may go without (the tests' and a single machine's database)");
        assertFalse(Database.of("postgresql://127.0.0.1:5432/ifpp?sslmode=disable", "ifpp", "pw").requiresTls());
    }
}
