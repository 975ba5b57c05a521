package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;

/** Batches as stored: created whole or not at all, markets in proportion, audited; run on each database. */
abstract class BatchStoreContract {

    private Database database;
    private BatchStore store;

    protected abstract Database freshDatabase() throws SQLException;

    @BeforeEach
    void migratedStore() throws SQLException {
        database = freshDatabase();
        Migrations.apply(database);
        store = new BatchStore(database, Clock.systemUTC());
    }

    @Test
    public void aBatchIsCreatedWithEveryDevicePlannedAndItsMarketInProportion() throws SQLException {
        store.create("batch-a", TestBatches.spec(1_001, "simulator"), "alice");

        assertEquals(Map.of(Stage.PLANNED, 1_001L), store.counts("batch-a"));
        Map<String, Long> perMarket = store.devices("batch-a", 0, 2_000, List.of()).stream()
                .collect(Collectors.groupingBy(BatchStore.DeviceInfo::market, Collectors.counting()));
        assertEquals(Map.of("DE", 501L, "FR", 300L, "US", 200L), perMarket, "5:3:2, the largest remainder first");
        assertEquals("alice", store.batch("batch-a").orElseThrow().createdBy());
        assertEquals(TestBatches.spec(1_001, "simulator"), store.batch("batch-a").orElseThrow().spec(),
                "the spec reads back as stored");
        AuditLog.Entry created = new AuditLog(database, Clock.systemUTC()).page(1, 10).get(0);
        assertEquals("batch.create", created.action());
        assertEquals("alice", created.actor());
    }

    @Test
    public void aBatchIsCreatedWholeOrNotAtAll() throws SQLException {
        store.create("batch-d", TestBatches.spec(3, "simulator"), "alice");
        SQLException again = assertThrows(SQLException.class,
                () -> store.create("batch-d", TestBatches.spec(5, "simulator"), "bob"));
        assertTrue(again.getMessage().startsWith("batch batch-d was not created"), again.getMessage());
        assertEquals(Map.of(Stage.PLANNED, 3L), store.counts("batch-d"), "the first batch is untouched");
        assertEquals(1, new AuditLog(database, Clock.systemUTC()).page(1, 10).size(), "nothing audited for the refusal");
    }

    /** From the security review: a look-up by serial scanned every device of every batch. */
    @Test
    public void devicesAreFoundBySerialThroughAnIndex() throws SQLException {
        Set<String> indexed = new HashSet<>();
        try (Connection connection = database.connect()) {
            for (String table : List.of("device", "DEVICE")) { // PostgreSQL folds names to lower case, H2 to upper
                try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
                    while (indexes.next()) {
                        if (indexes.getShort("ORDINAL_POSITION") == 1) {
                            indexed.add(indexes.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
        }
        assertTrue(indexed.contains("serial"), "columns that lead an index of device: " + indexed);
    }

    @Test
    public void aBadBatchIdIsRefusedWithTheRule() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> store.create("no spaces please", TestBatches.spec(3, "simulator"), "alice"));
        assertTrue(bad.getMessage().contains("1 to 40 letters, digits"), bad.getMessage());
    }

    @Test
    public void anUnknownBatchCannotBeCancelledOrResumed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> store.cancel("nope", "alice"));
        assertEquals("no batch nope", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.resume("nope", "alice"));
    }

    @Test
    public void devicesArePagedByOffsetOverTheWholeBatchOrSomeStages() throws SQLException {
        store.create("batch-p", TestBatches.spec(1_001, "simulator"), "alice");
        try (var connection = database.connect(); var update = connection.prepareStatement(
                "UPDATE device SET stage = 'VOID' WHERE batch_id = 'batch-p' AND MOD(idx, 3) = 0")) {
            update.executeUpdate();
        }
        assertEquals(List.of(995, 996, 997, 998, 999, 1000), store.devicesAt("batch-p", List.of(), 995, 10).stream()
                .map(BatchStore.DeviceInfo::index).toList(), "the last page is short");
        assertEquals(List.of(30, 33, 36, 39, 42), store.devicesAt("batch-p", List.of(Stage.VOID), 10, 5).stream()
                .map(BatchStore.DeviceInfo::index).toList(), "the 11th to 15th voided devices");
        assertEquals(List.of(1, 2, 4), store.devicesAt("batch-p", List.of(Stage.PLANNED, Stage.RETRY), 0, 3).stream()
                .map(BatchStore.DeviceInfo::index).toList());
        assertTrue(store.devicesAt("batch-p", List.of(Stage.SHIPPED), 0, 10).isEmpty());
        assertEquals(0, store.mismatchCount("batch-p"));
    }
}
