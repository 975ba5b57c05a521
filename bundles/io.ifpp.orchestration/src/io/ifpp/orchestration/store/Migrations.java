package io.ifpp.orchestration.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Versioned schema migrations: each script of {@link #SCRIPTS} runs once, in its own transaction, and is recorded
 * with its checksum; a script changed after it ran is refused rather than silently skipped. The scripts are plain
 * SQL that H2 and PostgreSQL both accept.
 */
public final class Migrations {

    /** In order; a new script is appended, an applied one is never edited. */
    static final List<String> SCRIPTS = List.of("V001__audit_log.sql", "V002__batches.sql", "V003__pipeline.sql",
            "V004__audit_subject.sql", "V005__device_serial.sql", "V006__package_content.sql");

    private Migrations() {
    }

    /** Applies the scripts not yet applied; returns how many ran. */
    public static int apply(Database database) throws SQLException {
        return apply(database, SCRIPTS, Migrations::read);
    }

    /** An advisory lock key of PostgreSQL that every IFPP Studio server takes while it migrates. */
    private static final long MIGRATION_LOCK = 0x1FF9_5C4E_3A71_0001L;

    /**
     * As {@link #apply(Database)}, with the scripts given (tests give one that fails). Two servers starting at once
     * on PostgreSQL migrate one after the other (an advisory lock); PostgreSQL rolls a failed script back whole. H2
     * commits DDL as it goes, so before a script runs on an H2 database that holds data, a copy is made
     * ({@code BACKUP TO}) and the attempt is recorded: a failed or killed migration is reported at every start, with
     * the copy to restore, instead of running again over a half-changed schema.
     */
    static int apply(Database database, List<String> scripts, Function<String, String> reader) throws SQLException {
        boolean postgres = database.kind() == Database.Kind.POSTGRESQL;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS ifpp_schema_version (version INT PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, "
                        + "applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS ifpp_schema_attempt (version INT PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, backup VARCHAR(1000) NOT NULL)");
            }
            connection.commit();
            if (postgres) {
                try (Statement lock = connection.createStatement()) {
                    lock.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
                }
            }
            try {
                refuseAfterAnInterruptedAttempt(connection, database);
                int applied = 0;
                for (int i = 0; i < scripts.size(); i++) {
                    if (applyOne(connection, database, i + 1, scripts.get(i), reader.apply(scripts.get(i)))) {
                        applied++;
                    }
                }
                return applied;
            } finally {
                if (postgres) {
                    connection.rollback();
                    try (Statement unlock = connection.createStatement()) {
                        unlock.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                    }
                    connection.commit();
                }
            }
        }
    }

    private static boolean applyOne(Connection connection, Database database, int version, String script, String sql)
            throws SQLException {
        String checksum = sha256(sql);
        String recorded = recordedChecksum(connection, version);
        if (recorded != null) {
            if (!recorded.equals(checksum)) {
                throw new SQLException("migration " + script + " was changed after it was applied to "
                        + database.describe() + " (checksum " + recorded + ", now " + checksum + ")");
            }
            return false;
        }
        String backup = database.embeddedFile().isPresent() ? backUp(connection, database, version, script) : null;
        try (Statement statement = connection.createStatement()) {
            for (String part : sql.split(";\\s*(\\R|$)")) {
                if (!part.isBlank()) {
                    statement.execute(part);
                }
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO ifpp_schema_version (version, script, checksum) VALUES (?, ?, ?)");
                    PreparedStatement done = connection.prepareStatement(
                            "DELETE FROM ifpp_schema_attempt WHERE version = ?")) {
                record.setInt(1, version);
                record.setString(2, script);
                record.setString(3, checksum);
                record.executeUpdate();
                done.setInt(1, version);
                done.executeUpdate();
            }
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + script + " failed on " + database.describe() + ": "
                    + e.getMessage() + (backup == null ? "" : restore(database, backup)), e);
        }
    }

    /**
     * An H2 copy made before {@code script} runs, and the attempt recorded (committed, so that it outlives a failed
     * or killed run); null when the database is new and holds nothing to lose.
     */
    private static String backUp(Connection connection, Database database, int version, String script)
            throws SQLException {
        boolean holdsData;
        try (Statement query = connection.createStatement();
                ResultSet row = query.executeQuery("SELECT COUNT(*) FROM ifpp_schema_version")) {
            row.next();
            holdsData = row.getLong(1) > 0;
        }
        if (!holdsData) {
            return null;
        }
        Path file = database.embeddedFile().orElseThrow();
        String backup = file.resolveSibling(file.getFileName() + "-before-" + script.replace(".sql", "") + ".zip")
                .toString();
        try (Statement statement = connection.createStatement();
                PreparedStatement attempt = connection.prepareStatement(
                        "INSERT INTO ifpp_schema_attempt (version, script, backup) VALUES (?, ?, ?)")) {
            statement.execute("BACKUP TO '" + backup.replace("'", "''") + "'");
            attempt.setInt(1, version);
            attempt.setString(2, script);
            attempt.setString(3, backup);
            attempt.executeUpdate();
        }
        connection.commit();
        return backup;
    }

    private static String restore(Database database, String backup) {
        Path file = database.embeddedFile().orElseThrow();
        return ". H2 applies DDL as it goes, so the schema may be half-changed: stop every process using "
                + file.getParent() + ", unzip " + backup + " into that folder (it holds the database as it was "
                + "before), and start again";
    }

    /** A migration that failed or was killed on H2 leaves its attempt: every start says so, with what to do. */
    private static void refuseAfterAnInterruptedAttempt(Connection connection, Database database)
            throws SQLException {
        try (Statement query = connection.createStatement();
                ResultSet row = query.executeQuery("SELECT script, backup FROM ifpp_schema_attempt ORDER BY version")) {
            if (row.next()) {
                throw new SQLException("migration " + row.getString(1) + " was interrupted on " + database.describe()
                        + restore(database, row.getString(2)));
            }
        }
    }

    private static String recordedChecksum(Connection connection, int version) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT checksum FROM ifpp_schema_version WHERE version = ?")) {
            query.setInt(1, version);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + script + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("migration " + script + " cannot be read", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
