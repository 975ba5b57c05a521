package io.ifpp.orchestration.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * Versioned schema migrations: each script of {@link #SCRIPTS} runs once, in its own transaction, and is recorded
 * with its checksum; a script changed after it ran is refused rather than silently skipped. The scripts are plain
 * SQL that H2 and PostgreSQL both accept.
 */
public final class Migrations {

    /** In order; a new script is appended, an applied one is never edited. */
    static final List<String> SCRIPTS = List.of("V001__audit_log.sql", "V002__batches.sql", "V003__pipeline.sql",
            "V004__audit_subject.sql", "V005__device_serial.sql");

    private Migrations() {
    }

    /** Applies the scripts not yet applied; returns how many ran. */
    public static int apply(Database database) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS ifpp_schema_version (version INT PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, "
                        + "applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
            }
            connection.commit();
            int applied = 0;
            for (int i = 0; i < SCRIPTS.size(); i++) {
                String script = SCRIPTS.get(i);
                String sql = read(script);
                String checksum = sha256(sql);
                String recorded = recordedChecksum(connection, i + 1);
                if (recorded != null) {
                    if (!recorded.equals(checksum)) {
                        throw new SQLException("migration " + script + " was changed after it was applied to "
                                + database.describe() + " (checksum " + recorded + ", now " + checksum + ")");
                    }
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String part : sql.split(";\\s*(\\R|$)")) {
                        if (!part.isBlank()) {
                            statement.execute(part);
                        }
                    }
                    try (PreparedStatement record = connection.prepareStatement(
                            "INSERT INTO ifpp_schema_version (version, script, checksum) VALUES (?, ?, ?)")) {
                        record.setInt(1, i + 1);
                        record.setString(2, script);
                        record.setString(3, checksum);
                        record.executeUpdate();
                    }
                    connection.commit();
                    applied++;
                } catch (SQLException e) {
                    connection.rollback();
                    throw new SQLException("migration " + script + " failed on " + database.describe() + ": "
                            + e.getMessage(), e);
                }
            }
            return applied;
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

    private static String read(String script) {
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
