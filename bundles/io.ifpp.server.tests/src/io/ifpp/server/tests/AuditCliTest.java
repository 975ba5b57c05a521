package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;

class AuditCliTest {

    @TempDir
    Path folder;

    @Test
    void auditVerifyFindsATamperedEntryAndListPrintsTheEntries() throws Exception {
        String db = "h2:" + folder;
        CliRun empty = new CliRun();
        assertEquals(0, empty.run("audit", "verify", "--db", db), empty.err());
        assertTrue(empty.out().contains("audit log intact: the chain of 0 entries is intact"), empty.out());

        Database database = Database.embedded(folder);
        Migrations.apply(database);
        AuditLog log = new AuditLog(database, Clock.systemUTC());
        for (int i = 1; i <= 3; i++) {
            log.append("operator:cli-test", "batch.run", "batch-" + i, "{}");
        }
        CliRun list = new CliRun();
        assertEquals(0, list.run("audit", "list", "--db", db, "--from", "2"));
        assertEquals(2, list.out().strip().lines().count(), list.out());
        assertTrue(list.out().startsWith("2\t"), list.out());

        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE audit_log SET actor = 'operator:mallory' WHERE seq = 2");
        }
        CliRun broken = new CliRun();
        assertEquals(1, broken.run("audit", "verify", "--db", db));
        assertTrue(broken.out().contains("AUDIT LOG BROKEN: entry 2 was edited after it was recorded"), broken.out());
    }
}
