package io.ifpp.orchestration.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.ifpp.orchestration.store.Database;

/**
 * The append-only audit log: who did what to which subject, when. Each entry carries the hash of the previous one
 * and its own hash over both, so {@link #verify()} detects an entry edited, removed or moved. Appends from several
 * servers are serialised by a row lock on the log's head.
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);

    /** One entry as recorded. */
    public record Entry(long seq, Instant recordedAt, String actor, String action, String subject, String details,
            String previousHash, String hash) {
    }

    /**
     * The outcome of a verification: valid, or the first entry that breaks the chain and why.
     *
     * @param checked entries read
     */
    public record Verification(boolean valid, long checked, long firstBroken, String reason) {
    }

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records one action; the entry is durable when this returns. */
    /** The audit_log columns (V001__audit_log.sql). */
    static final int ACTOR_CHARS = 200;
    static final int ACTION_CHARS = 200;
    static final int SUBJECT_CHARS = 400;
    static final int DETAILS_CHARS = 4000;

    private static String bounded(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, chars - 3) + "...";
    }

    public Entry append(String actor, String action, String subject, String details) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                Entry entry = append(connection, actor, action, subject, details);
                connection.commit();
                return entry;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Records one action in the caller's transaction, so that the entry and the change it describes are committed
     * (or rolled back) together; the caller commits.
     */
    public Entry append(Connection connection, String actor, String action, String subject, String details)
            throws SQLException {
        // Partners' and callers' words reach the log (a vendor's reason, a token's name): each field is cut to its
        // column before it is hashed and stored, so that no text can make an entry, and the change it records, fail.
        actor = bounded(Objects.requireNonNull(actor, "actor"), ACTOR_CHARS);
        action = bounded(Objects.requireNonNull(action, "action"), ACTION_CHARS);
        subject = bounded(Objects.requireNonNull(subject, "subject"), SUBJECT_CHARS);
        details = bounded(Objects.requireNonNull(details, "details"), DETAILS_CHARS);
        long seq;
        String previous;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
                ResultSet row = head.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the audit log's head row is missing: the schema was not migrated");
            }
            seq = row.getLong(1) + 1;
            previous = row.getString(2);
        }
        // Microseconds: what both H2 and PostgreSQL store, so the hash recomputes from the stored time.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String hash = hash(seq, at, actor, action, subject, details, previous);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (seq, recorded_at, "
                + "actor, action, subject, details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setObject(2, at.atOffset(ZoneOffset.UTC));
            insert.setString(3, actor);
            insert.setString(4, action);
            insert.setString(5, subject);
            insert.setString(6, details);
            insert.setString(7, previous);
            insert.setString(8, hash);
            insert.executeUpdate();
        }
        try (PreparedStatement advance = connection.prepareStatement(
                "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            advance.setLong(1, seq);
            advance.setString(2, hash);
            advance.executeUpdate();
        }
        return new Entry(seq, at, actor, action, subject, details, previous, hash);
    }

    /** Entries from {@code fromSeq}, at most {@code limit}, in order. */
    public List<Entry> page(long fromSeq, int limit) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT seq, recorded_at, actor, action, subject, "
                        + "details, previous_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?")) {
            query.setLong(1, fromSeq);
            query.setInt(2, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    entries.add(entry(row));
                }
            }
            return entries;
        }
    }

    /** The entries about any of these subjects (e.g. {@code "batch b-1"}, {@code "order b-1-0003"}), in order. */
    public List<Entry> about(List<String> subjects, int limit) throws SQLException {
        if (subjects.isEmpty()) {
            return List.of();
        }
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT seq, recorded_at, actor, action, subject, "
                        + "details, previous_hash, hash FROM audit_log WHERE subject IN ("
                        + "?,".repeat(subjects.size() - 1) + "?) ORDER BY seq LIMIT ?")) {
            int p = 1;
            for (String subject : subjects) {
                query.setString(p++, subject);
            }
            query.setInt(p, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    entries.add(entry(row));
                }
            }
            return entries;
        }
    }

    /**
     * Walks the whole log: sequence numbers run 1, 2, 3 … without a gap (a removed entry), each entry names the
     * previous entry's hash (a moved entry), each hash recomputes from the entry (an edited one), and the head
     * names the last entry (an entry removed from the end).
     */
    public Verification verify() throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT seq, recorded_at, actor, action, subject, "
                        + "details, previous_hash, hash FROM audit_log ORDER BY seq");
                ResultSet row = query.executeQuery()) {
            long expectedSeq = 1;
            String previous = GENESIS;
            long checked = 0;
            while (row.next()) {
                Entry entry = entry(row);
                checked++;
                if (entry.seq() != expectedSeq) {
                    return new Verification(false, checked, expectedSeq, "entry " + expectedSeq + " is missing (the "
                            + "next one is " + entry.seq() + ")");
                }
                if (!entry.previousHash().equals(previous)) {
                    return new Verification(false, checked, entry.seq(), "entry " + entry.seq()
                            + " does not follow the entry before it (removed, inserted or moved)");
                }
                String recomputed = hash(entry.seq(), entry.recordedAt(), entry.actor(), entry.action(), entry.subject(),
                        entry.details(), entry.previousHash());
                if (!recomputed.equals(entry.hash())) {
                    return new Verification(false, checked, entry.seq(), "entry " + entry.seq()
                            + " was edited after it was recorded");
                }
                previous = entry.hash();
                expectedSeq++;
            }
            try (PreparedStatement head = connection.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                    ResultSet headRow = head.executeQuery()) {
                if (headRow.next() && (headRow.getLong(1) != expectedSeq - 1 || !headRow.getString(2).equals(previous))) {
                    return new Verification(false, checked, expectedSeq, "the log ends at entry " + (expectedSeq - 1)
                            + " but " + headRow.getLong(1) + " were recorded (entries removed from the end)");
                }
            }
            return new Verification(true, checked, -1, "the chain of " + checked + " entries is intact");
        }
    }

    private static Entry entry(ResultSet row) throws SQLException {
        return new Entry(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8));
    }

    /** SHA-256 over the fields, each length-prefixed so that no two different entries share an encoding. */
    static String hash(long seq, Instant at, String actor, String action, String subject, String details,
            String previous) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] { Long.toString(seq), at.toString(), actor, action, subject, details,
                    previous }) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
