package io.ifpp.orchestration.ui.internal.source;

import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.service.BatchService;
import io.ifpp.orchestration.service.BatchServiceException;

/** Where the orchestration view's batches live and run: the workspace's embedded database or a remote server. */
public interface BatchSource {

    /** For the view's status line: where the batches are (no credentials). */
    String description();

    BatchService service();

    /** Records a new batch of devices, all PLANNED. */
    void create(String batchId, BatchSpec spec) throws BatchServiceException;
}
