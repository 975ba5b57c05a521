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

    /**
     * From the security review: a partner's text (an SM-DP+ notification, a vendor's reason) reaches the audit log,
     * and {@code audit list} printed it raw: a terminal escape could clear the screen, a newline forge an entry.
     */
    @Test
    void auditListEscapesControlCharactersSeparatorsAndBidiOverrides() throws Exception {
        Database database = Database.embedded(folder);
        Migrations.apply(database);
        new AuditLog(database, Clock.systemUTC()).append("smdp:callback\u202e", "notification",
                "eid\t8904", "reason: ok\n2\t2030-01-01T00:00:00Z\toperator:forged\u001b[2J \\u0041");
        CliRun list = new CliRun();
        assertEquals(0, list.run("audit", "list", "--db", "h2:" + folder));
        String line = list.out().strip();
        assertEquals(1, line.lines().count(), "one entry, one line: " + line);
        assertEquals(6, line.split("\t", -1).length, "tabs only between the six fields: " + line);
        assertTrue(line.endsWith("\tsmdp:callback\\u202e\tnotification\teid\\t8904\treason: ok\\n2\\t"
                + "2030-01-01T00:00:00Z\\toperator:forged\\u001b[2J \\\\u0041"), line);
        assertTrue(line.chars().noneMatch(c -> c == 0x1b || c == 0x202e), "no raw escape or override is printed");
    }
}
