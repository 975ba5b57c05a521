package io.ifpp.orchestration.tests;

import java.sql.SQLException;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.ifpp.orchestration.store.Database;

/** The pipeline on a real PostgreSQL, each test in a schema of its own (skipped, loudly, without one). */
class PostgresEngineTest extends EngineContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("engine_test");

    @Override
    protected Database freshDatabase() throws SQLException {
        return POSTGRES.fresh();
    }
}
