package io.ifpp.orchestration.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Ranges handed out (ICCIDs per MNO range, EIDs per EUM range): the next number of each, moved in the transaction
 * that records what was taken, so a number is never given twice even when engines share the database.
 */
final class RangeCounter {

    private RangeCounter() {
    }

    /** Takes {@code count} consecutive numbers of a range in the caller's transaction; returns the first. */
    static long take(Connection connection, String range, int count) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT next_value FROM range_counter WHERE name = ? FOR UPDATE")) {
                query.setString(1, range);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        long first = row.getLong(1);
                        try (PreparedStatement update = connection.prepareStatement(
                                "UPDATE range_counter SET next_value = ? WHERE name = ?")) {
                            update.setLong(1, first + count);
                            update.setString(2, range);
                            update.executeUpdate();
                        }
                        return first;
                    }
                }
            }
            // The range's first use: another engine may start it at the same moment, so its row may exist by now.
            Savepoint beforeInsert = connection.setSavepoint();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO range_counter (name, next_value) VALUES (?, ?)")) {
                insert.setString(1, range);
                insert.setLong(2, 1L + count);
                insert.executeUpdate();
                return 1;
            } catch (SQLException e) {
                boolean startedElsewhere = e.getSQLState() != null && e.getSQLState().startsWith("23");
                if (!startedElsewhere || attempt > 0) {
                    throw e;
                }
                connection.rollback(beforeInsert);
            }
        }
    }
}
