package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.BatchStore.DeviceRef;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;

/**
 * Batches shared by workers: concurrent workers never take the same device, a dead worker's devices are taken over
 * when its lease runs out (and its late step is refused), and an ICCID is never assigned twice; run on each database.
 */
abstract class BatchStoreContract {

    /** A clock the tests move forward, to let leases run out without waiting. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2027-03-01T08:00:00Z"));
    private BatchStore store;

    protected abstract Database freshDatabase() throws SQLException;

    @BeforeEach
    void migratedStore() throws SQLException {
        Database database = freshDatabase();
        Migrations.apply(database);
        store = new BatchStore(database, new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        });
    }

    @Test
    public void concurrentWorkersTakeEveryDeviceExactlyOnce() throws Exception {
        store.create("batch-a", "plan", 600);
        Map<DeviceRef, String> takenBy = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int w = 0; w < 3; w++) {
                String worker = "server-" + w;
                running.add(workers.submit(() -> {
                    while (true) {
                        List<DeviceRef> claimed = store.claim(worker, Stage.PLANNED, 25, Duration.ofMinutes(5));
                        if (claimed.isEmpty()) {
                            return null;
                        }
                        for (DeviceRef device : claimed) {
                            String before = takenBy.putIfAbsent(device, worker);
                            assertEquals(null, before, device + " taken twice");
                            assertTrue(store.advance(worker, device, Stage.PLANNED, Stage.PROFILES_RESERVED));
                        }
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
        assertEquals(600, takenBy.size());
        assertEquals(Map.of(Stage.PROFILES_RESERVED, 600L), store.counts("batch-a"));
    }

    @Test
    public void aDeadWorkersDevicesAreTakenOverWhenItsLeaseRunsOut() throws SQLException {
        store.create("batch-b", "plan", 10);
        List<DeviceRef> byDead = store.claim("server-dead", Stage.PLANNED, 4, Duration.ofMinutes(1));
        assertEquals(4, byDead.size());
        assertEquals(6, store.claim("server-live", Stage.PLANNED, 100, Duration.ofMinutes(1)).size(),
                "claimed devices are not taken while the lease holds");

        now.set(now.get().plus(Duration.ofMinutes(2)));
        List<DeviceRef> takenOver = store.claim("server-live", Stage.PLANNED, 100, Duration.ofMinutes(1));

        Set<DeviceRef> overlap = new HashSet<>(takenOver);
        overlap.retainAll(byDead);
        assertEquals(new HashSet<>(byDead), overlap, "the dead worker's devices are taken over");
        assertFalse(store.advance("server-dead", byDead.get(0), Stage.PLANNED, Stage.PROFILES_RESERVED),
                "a step after the lease ran out is refused");
        assertTrue(store.advance("server-live", byDead.get(0), Stage.PLANNED, Stage.PROFILES_RESERVED));
        assertEquals(1L, store.counts("batch-b").get(Stage.PROFILES_RESERVED));
    }

    @Test
    public void anIccidIsNeverAssignedTwice() throws SQLException {
        store.create("batch-c", "plan", 2);
        store.assign(new DeviceRef("batch-c", 0), "operator-a", "89490000000000000017");
        SQLException twice = assertThrows(SQLException.class,
                () -> store.assign(new DeviceRef("batch-c", 1), "operator-a", "89490000000000000017"));
        assertTrue(twice.getMessage().contains("ICCID 89490000000000000017 is assigned already"), twice.getMessage());
    }

    @Test
    public void aBatchIsCreatedWholeOrNotAtAll() throws SQLException {
        store.create("batch-d", "plan", 3);
        SQLException again = assertThrows(SQLException.class, () -> store.create("batch-d", "plan", 5));
        assertTrue(again.getMessage().startsWith("batch batch-d was not created"), again.getMessage());
        assertEquals(Map.of(Stage.PLANNED, 3L), store.counts("batch-d"), "the first batch is untouched");
    }
}
