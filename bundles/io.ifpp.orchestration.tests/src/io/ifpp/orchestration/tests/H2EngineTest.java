package io.ifpp.orchestration.tests;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.ifpp.orchestration.store.Database;

/** The pipeline on the embedded default, an H2 file. */
class H2EngineTest extends EngineContract {

    @TempDir
    Path folder;

    @Override
    protected Database freshDatabase() {
        return Database.embedded(folder);
    }
}
