package io.ifpp.orchestration.service;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchServiceException.Kind;

/**
 * The batches of this process's database, run by an engine in this process. Changes are recorded under
 * {@code actor} (the signed-in user, or the token's name on the server).
 */
public final class LocalBatchService implements BatchService {

    /** Devices a page may hold: bounds what one request can make the database read. */
    public static final int MAX_PAGE = 10_000;
    private static final int MAX_HISTORY = 10_000;

    private final BatchStore store;
    private final EngineSessions engines;
    private final String actor;

    public LocalBatchService(BatchStore store, EngineSessions engines, String actor) {
        this.store = store;
        this.engines = engines;
        this.actor = actor;
    }

    /** The same service acting for someone else. */
    public LocalBatchService as(String otherActor) {
        return new LocalBatchService(store, engines, otherActor);
    }

    @Override
    public List<BatchStatus> batches() throws BatchServiceException {
        try {
            List<BatchStatus> all = new ArrayList<>();
            for (BatchStore.BatchInfo batch : store.list()) {
                all.add(status(batch));
            }
            return all;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public BatchStatus status(String batchId) throws BatchServiceException {
        try {
            return status(batch(batchId));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private BatchStatus status(BatchStore.BatchInfo batch) throws SQLException {
        return new BatchStatus(batch.id(), batch.spec().plan(), batch.state(), batch.spec().quantity(),
                batch.createdAt(), batch.createdBy(), store.counts(batch.id()), store.mismatchCount(batch.id()),
                batch.spec().simulated());
    }

    @Override
    public List<BatchStore.DeviceInfo> devices(String batchId, List<Stage> stages, long offset, int limit)
            throws BatchServiceException {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new BatchServiceException(Kind.INVALID, "a page of devices starts at an offset of 0 or more and "
                    + "holds 0 to " + MAX_PAGE + " devices, asked for offset " + offset + ", limit " + limit);
        }
        try {
            batch(batchId);
            return store.devicesAt(batchId, stages, offset, limit);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<BatchStore.DeviceInfo> device(String eidIccidOrSerial) throws BatchServiceException {
        try {
            return store.findDevice(eidIccidOrSerial);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public List<AuditLog.Entry> history(String batchId, int deviceIndex) throws BatchServiceException {
        try {
            BatchStore.BatchInfo batch = batch(batchId);
            if (deviceIndex < 0 || deviceIndex >= batch.spec().quantity()) {
                throw new BatchServiceException(Kind.NOT_FOUND, "batch " + batchId + " has no device " + deviceIndex
                        + " (devices 0 to " + (batch.spec().quantity() - 1) + ")");
            }
            List<String> subjects = new ArrayList<>();
            subjects.add("batch " + batchId);
            store.ordersOf(batchId, deviceIndex).forEach(order -> subjects.add("order " + order));
            List<AuditLog.Entry> entries = new ArrayList<>(new AuditLog(store.database(), Clock.systemUTC()).about(subjects, MAX_HISTORY));
            for (BatchStore.Mismatch mismatch : store.mismatches(batchId, deviceIndex)) {
                entries.add(new AuditLog.Entry(0, null, "reconciliation", "mismatch", "order " + mismatch.orderId(),
                        mismatch.reason(), "", ""));
            }
            // Mismatches (not audit entries, seq 0) after the entries.
            entries.sort(Comparator.comparing((AuditLog.Entry e) -> e.seq() == 0).thenComparingLong(AuditLog.Entry::seq));
            return entries;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Engine.Summary run(String batchId, boolean requeue, Engine.Listener listener)
            throws BatchServiceException, InterruptedException {
        BatchStore.BatchInfo batch;
        try {
            batch = batch(batchId);
            if (requeue) {
                long requeued = store.resume(batchId, actor);
                listener.note("batch " + batchId + ": " + requeued + " devices re-queued from RETRY");
            } else if (!batch.state().equals("OPEN")) {
                throw new BatchServiceException(Kind.CONFLICT, "batch " + batchId + " is "
                        + batch.state().toLowerCase(java.util.Locale.ROOT) + ", there is nothing to run");
            }
        } catch (IllegalStateException e) {
            throw new BatchServiceException(Kind.CONFLICT, e.getMessage(), e);
        } catch (SQLException e) {
            throw unavailable(e);
        }
        try (EngineSessions.Session session = engines.open(batch)) {
            return session.engine().run(batchId, listener);
        } catch (InterruptedException | BatchServiceException e) {
            throw e;
        } catch (SQLException e) {
            throw unavailable(e);
        } catch (Exception e) {
            throw new BatchServiceException(Kind.UNAVAILABLE, "batch " + batchId + " cannot run: " + e.getMessage(), e);
        }
    }

    @Override
    public long cancel(String batchId) throws BatchServiceException {
        BatchStore.BatchInfo batch;
        try {
            batch = batch(batchId);
        } catch (SQLException e) {
            throw unavailable(e);
        }
        if (!batch.state().equals("OPEN")) {
            throw new BatchServiceException(Kind.CONFLICT, "batch " + batchId + " is "
                    + batch.state().toLowerCase(java.util.Locale.ROOT) + ", not open");
        }
        try (EngineSessions.Session session = engines.open(batch)) {
            return session.engine().cancel(batchId, actor, new Engine.Listener() {
            });
        } catch (IllegalStateException e) {
            throw new BatchServiceException(Kind.CONFLICT, e.getMessage(), e);
        } catch (SQLException e) {
            throw unavailable(e);
        } catch (Exception e) {
            throw new BatchServiceException(Kind.UNAVAILABLE, "batch " + batchId + " cannot be cancelled: "
                    + e.getMessage(), e);
        }
    }

    private BatchStore.BatchInfo batch(String batchId) throws SQLException, BatchServiceException {
        Optional<BatchStore.BatchInfo> batch = store.batch(batchId);
        if (batch.isEmpty()) {
            throw new BatchServiceException(Kind.NOT_FOUND, "no batch " + batchId);
        }
        return batch.get();
    }

    private static BatchServiceException unavailable(SQLException e) {
        return new BatchServiceException(Kind.UNAVAILABLE, "the batch database cannot be read or written: "
                + e.getMessage(), e);
    }
}
