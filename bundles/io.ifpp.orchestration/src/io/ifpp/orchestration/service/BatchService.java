package io.ifpp.orchestration.service;

import java.util.List;
import java.util.Optional;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Stage;

/**
 * Watching and steering manufacturing batches: what the server's REST API and the workbench's orchestration view
 * both use, against the local database ({@link LocalBatchService}) or a remote server.
 */
public interface BatchService {

    /** The batches, oldest first. */
    List<BatchStatus> batches() throws BatchServiceException;

    /** One batch; NOT_FOUND when there is none with this id. */
    BatchStatus status(String batchId) throws BatchServiceException;

    /**
     * A page of the batch's devices in one of {@code stages} (all when empty), in index order: the {@code offset}-th
     * such device first, at most {@code limit}.
     */
    List<BatchStore.DeviceInfo> devices(String batchId, List<Stage> stages, long offset, int limit)
            throws BatchServiceException;

    /** The device with this EID, ICCID or serial, in any batch. */
    Optional<BatchStore.DeviceInfo> device(String eidIccidOrSerial) throws BatchServiceException;

    /**
     * What happened to a device: the audit entries of its batch and of the work orders it went through, oldest
     * first, and its reconciliation mismatches as entries with action {@code mismatch}.
     */
    List<AuditLog.Entry> history(String batchId, int deviceIndex) throws BatchServiceException;

    /**
     * Carries the batch on until every device is scheduled, voided or waiting in RETRY, telling {@code listener} as it
     * goes; with {@code requeue}, devices in RETRY go back to the step that failed first. Blocks; to stop early, let
     * {@link Engine.Listener#stopRequested()} answer true: the run ends between steps and the batch stays resumable.
     */
    Engine.Summary run(String batchId, boolean requeue, Engine.Listener listener) throws BatchServiceException,
            InterruptedException;

    /** Cancels an open batch; returns the devices voided. */
    long cancel(String batchId) throws BatchServiceException;
}
