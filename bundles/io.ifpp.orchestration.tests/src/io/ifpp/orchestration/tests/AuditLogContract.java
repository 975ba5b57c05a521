package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;

/**
 * The hash-chained audit log detects any edited, removed or reordered entry, and keeps one chain under concurrent
 * appends; run on each database the orchestration supports.
 */
abstract class AuditLogContract {

    private Database database;
    private AuditLog log;

    /** A fresh, empty database. */
    protected abstract Database freshDatabase() throws SQLException;

    @BeforeEach
    void migratedDatabase() throws SQLException {
        database = freshDatabase();
        assertEquals(6, Migrations.apply(database), "every script (V001 to V006) runs on a new database");
        assertEquals(0, Migrations.apply(database), "applied scripts do not run again");
        log = new AuditLog(database, Clock.systemUTC());
        for (int i = 1; i <= 20; i++) {
            log.append("operator:alice", "batch.create", "batch-" + i, "{\"quantity\": " + i * 100 + "}");
        }
    }

    @Test
    public void anUntouchedLogVerifies() throws SQLException {
        AuditLog.Verification verification = log.verify();
        assertTrue(verification.valid(), verification.reason());
        assertEquals(20, verification.checked());
        List<AuditLog.Entry> page = log.page(5, 3);
        assertEquals(List.of(5L, 6L, 7L), page.stream().map(AuditLog.Entry::seq).toList());
        assertEquals("batch-5", page.get(0).subject());
    }

    /** From the security review: a partner's long text failed the entry, and with it the change it recorded. */
    @Test
    public void oversizedFieldsAreCutToTheirColumnsAndTheChainStillVerifies() throws SQLException {
        AuditLog.Entry entry = log.append("v".repeat(300), "report.refused", "order " + "o".repeat(1_000),
                "reason: " + "x".repeat(10_000));
        assertEquals(200, entry.actor().length());
        assertEquals(400, entry.subject().length());
        assertEquals(4_000, entry.details().length());
        assertTrue(entry.details().endsWith("..."), "marked as cut");
        AuditLog.Entry stored = log.page(entry.seq(), 1).get(0);
        assertEquals(entry.details(), stored.details(), "stored as returned");
        assertTrue(log.verify().valid(), log.verify().reason());
    }

    @Test
    public void anEditedEntryIsFound() throws SQLException {
        execute("UPDATE audit_log SET details = '{\"quantity\": 1}' WHERE seq = 7");
        assertTrue(assertBrokenAt(7).reason().contains("edited"));
    }

    @Test
    public void aRemovedEntryIsFound() throws SQLException {
        execute("DELETE FROM audit_log WHERE seq = 12");
        assertBrokenAt(12);
    }

    @Test
    public void theLastEntryRemovedIsFound() throws SQLException {
        execute("DELETE FROM audit_log WHERE seq = 20");
        AuditLog.Verification verification = log.verify();
        assertFalse(verification.valid());
        assertTrue(verification.reason().contains("removed from the end"), verification.reason());
    }

    @Test
    public void reorderedEntriesAreFound() throws SQLException {
        execute("UPDATE audit_log SET seq = -1 WHERE seq = 3");
        execute("UPDATE audit_log SET seq = 3 WHERE seq = 4");
        execute("UPDATE audit_log SET seq = 4 WHERE seq = -1");
        assertBrokenAt(3);
    }

    @Test
    public void aRewrittenEntryWithAHashRecomputedByTheForgerStillBreaksTheChain() throws SQLException {
        // A forger who recomputes the edited entry's own hash cannot fix the next entry's link without rewriting
        // every later entry and the head: the next entry no longer follows.
        AuditLog.Entry original = log.page(9, 1).get(0);
        execute("UPDATE audit_log SET actor = 'operator:mallory', hash = '" + "f".repeat(64) + "' WHERE seq = 9");
        assertBrokenAt(9);
        assertEquals("operator:alice", original.actor());
    }

    @Test
    public void concurrentAppendsKeepOneChain() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<AuditLog.Entry>> appends = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                appends.add(writers.submit(() -> log.append("server-" + n % 4, "step", "device-" + n, "{}")));
            }
            for (Future<AuditLog.Entry> append : appends) {
                append.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        AuditLog.Verification verification = log.verify();
        assertTrue(verification.valid(), verification.reason());
        assertEquals(60, verification.checked());
    }

    @Test
    public void aMigrationChangedAfterItRanIsRefused() throws SQLException {
        execute("UPDATE ifpp_schema_version SET checksum = 'changed' WHERE version = 1");
        SQLException error = assertThrows(SQLException.class, () -> Migrations.apply(database));
        assertTrue(error.getMessage().contains("V001__audit_log.sql was changed after it was applied"),
                error.getMessage());
    }

    private AuditLog.Verification assertBrokenAt(long seq) throws SQLException {
        AuditLog.Verification verification = log.verify();
        assertFalse(verification.valid(), "a broken chain is reported");
        assertEquals(seq, verification.firstBroken(), verification.reason());
        return verification;
    }

    protected void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
