package io.ifpp.orchestration.tests;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;

import io.ifpp.orchestration.store.Database;

/**
 * Fresh schemas on the PostgreSQL that releng/postgres starts (IFPP_TEST_DB, IFPP_TEST_DB_USER,
 * IFPP_TEST_DB_PASSWORD); without one, the calling tests are skipped and say so on stderr.
 */
final class PostgresSchemas {

    private static final String URL = System.getenv("IFPP_TEST_DB");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PostgresSchemas() {
    }

    static void assumeAvailable() {
        if (URL == null) {
            System.err.println("*** PostgreSQL tests SKIPPED: IFPP_TEST_DB is not set (releng/postgres could not "
                    + "start a PostgreSQL) ***");
        }
        Assumptions.assumeTrue(URL != null, "no PostgreSQL: IFPP_TEST_DB is not set");
    }

    /** Creates a schema of its own for one test and returns it. */
    static String create(String purpose) throws SQLException {
        String schema = purpose + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    static Database database(String schema) {
        return Database.of(URL + "?currentSchema=" + schema, System.getenv("IFPP_TEST_DB_USER"),
                System.getenv("IFPP_TEST_DB_PASSWORD"));
    }

    static void drop(String schema) throws SQLException {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        Database server = Database.of(URL, System.getenv("IFPP_TEST_DB_USER"), System.getenv("IFPP_TEST_DB_PASSWORD"));
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
