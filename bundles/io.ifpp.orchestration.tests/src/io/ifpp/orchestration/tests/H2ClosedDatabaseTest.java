package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;

/**
 * H2 closes an embedded database on some internal errors (the fault suite met "Map ... is closed" on a SELECT ... FOR
 * UPDATE, an open H2 issue); the transaction under way then fails with "the database has been closed", and so does
 * its rollback. That failure must reach the engine as it is, and count as a database it cannot reach: the engine
 * then opens it again on a new connection and goes on, as a process started after a crash would. Closed here with
 * SHUTDOWN from another connection, in the middle of a transaction.
 */
class H2ClosedDatabaseTest {

    @TempDir
    Path folder;

    @Test
    void aDatabaseClosedUnderATransactionIsReportedAsUnreachableAndOpensAgain() throws Exception {
        Database database = Database.embedded(folder);
        Migrations.apply(database);

        SQLException failure = assertThrows(SQLException.class, () -> database.transaction(connection -> {
            try (Connection other = database.connect(); Statement shutdown = other.createStatement()) {
                shutdown.execute("SHUTDOWN");
            }
            try (Statement statement = connection.createStatement()) {
                return statement.executeQuery("SELECT COUNT(*) FROM ifpp_schema_version FOR UPDATE").next();
            }
        }));

        assertTrue(failure instanceof java.sql.SQLNonTransientConnectionException, "the statement's failure, a closed "
                + "database (H2 9009x/9012x), not a general error of the rollback: " + failure);
        assertTrue(Database.unreachable(failure), failure.toString());
        try (Connection again = database.connect(); Statement statement = again.createStatement();
                ResultSet versions = statement.executeQuery("SELECT COUNT(*) FROM ifpp_schema_version")) {
            assertTrue(versions.next() && versions.getInt(1) > 0, "opened again, with what was committed");
        }
    }

    @Test
    void aRefusedStatementIsNotAnUnreachableDatabase() throws Exception {
        Database database = Database.embedded(folder);

        SQLException refused = assertThrows(SQLException.class, () -> database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeQuery("SELECT * FROM no_such_table").next();
            }
        }));

        assertTrue(!Database.unreachable(refused), refused.toString());
    }
}
