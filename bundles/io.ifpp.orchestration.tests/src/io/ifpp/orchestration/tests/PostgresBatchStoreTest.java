package io.ifpp.orchestration.tests;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import io.ifpp.orchestration.store.Database;

/** Batches on a real PostgreSQL, each test in its own schema (skipped, loudly, without one). */
class PostgresBatchStoreTest extends BatchStoreContract {

    private String schema;

    @BeforeAll
    static void postgresqlIsThere() {
        PostgresSchemas.assumeAvailable();
    }

    @Override
    protected Database freshDatabase() throws SQLException {
        schema = PostgresSchemas.create("batch_test");
        return PostgresSchemas.database(schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            PostgresSchemas.drop(schema);
        }
    }
}
