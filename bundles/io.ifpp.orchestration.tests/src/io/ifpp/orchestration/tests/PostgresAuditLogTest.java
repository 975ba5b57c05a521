package io.ifpp.orchestration.tests;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import io.ifpp.orchestration.store.Database;

/**
 * The audit log on a real PostgreSQL: the one releng/postgres starts (IFPP_TEST_DB, IFPP_TEST_DB_USER,
 * IFPP_TEST_DB_PASSWORD). Each test gets its own schema. Without a PostgreSQL these tests are skipped, and say so.
 */
class PostgresAuditLogTest extends AuditLogContract {

    private static final String URL = System.getenv("IFPP_TEST_DB");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private String schema;

    @BeforeAll
    static void postgresqlIsThere() {
        if (URL == null) {
            System.err.println("*** PostgreSQL tests SKIPPED: IFPP_TEST_DB is not set (releng/postgres could not "
                    + "start a PostgreSQL) ***");
        }
        Assumptions.assumeTrue(URL != null, "no PostgreSQL: IFPP_TEST_DB is not set");
    }

    @Override
    protected Database freshDatabase() throws SQLException {
        schema = "audit_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection connection = server().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return Database.of(URL + "?currentSchema=" + schema, System.getenv("IFPP_TEST_DB_USER"),
                System.getenv("IFPP_TEST_DB_PASSWORD"));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            try (Connection connection = server().connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static Database server() {
        return Database.of(URL, System.getenv("IFPP_TEST_DB_USER"), System.getenv("IFPP_TEST_DB_PASSWORD"));
    }
}
