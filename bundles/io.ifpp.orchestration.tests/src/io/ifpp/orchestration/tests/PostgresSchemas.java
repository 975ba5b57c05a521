package io.ifpp.orchestration.tests;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.ifpp.orchestration.store.Database;

/**
 * A fresh schema per test on the PostgreSQL that releng/postgres starts (IFPP_TEST_DB, IFPP_TEST_DB_USER,
 * IFPP_TEST_DB_PASSWORD), dropped after the test; without a PostgreSQL every test is skipped, and the run says so
 * on stderr. Registered as a JUnit extension by the PostgreSQL test classes.
 */
final class PostgresSchemas implements BeforeEachCallback, AfterEachCallback {

    private static final String URL = System.getenv("IFPP_TEST_DB");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    private final String purpose;
    private String schema;

    PostgresSchemas(String purpose) {
        this.purpose = purpose;
    }

    /** Per test rather than per class, so that every skipped test counts as skipped in the run's summary. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (URL == null && WARNED.compareAndSet(false, true)) {
            System.err.println("*** PostgreSQL tests SKIPPED: IFPP_TEST_DB is not set (releng/postgres could not "
                    + "start a PostgreSQL) ***");
        }
        Assumptions.assumeTrue(URL != null, "no PostgreSQL: IFPP_TEST_DB is not set");
    }

    /** A database on a new, empty schema of this test's own. */
    Database fresh() throws SQLException {
        return Database.of(freshUrl(), System.getenv("IFPP_TEST_DB_USER"), System.getenv("IFPP_TEST_DB_PASSWORD"));
    }

    /** The URL of a new, empty schema of this test's own ({@code postgresql://host:port/database?currentSchema=}). */
    String freshUrl() throws SQLException {
        schema = purpose + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        execute("CREATE SCHEMA " + schema);
        return URL + "?currentSchema=" + schema;
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
            schema = null;
        }
    }

    private static void execute(String sql) throws SQLException {
        Database server = Database.of(URL, System.getenv("IFPP_TEST_DB_USER"), System.getenv("IFPP_TEST_DB_PASSWORD"));
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
