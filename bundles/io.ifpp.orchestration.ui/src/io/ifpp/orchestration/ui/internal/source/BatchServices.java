package io.ifpp.orchestration.ui.internal.source;

import io.ifpp.orchestration.service.BatchServiceException;
import io.ifpp.orchestration.service.BatchServiceException.Kind;

/** The one place the orchestration view gets its batch service from. */
public final class BatchServices {

    private BatchServices() {
    }

    /**
     * The source the preferences name: the workspace's embedded database (the default), or a remote IFPP server.
     *
     * @throws BatchServiceException UNAVAILABLE when the source cannot be opened, saying why
     */
    public static BatchSource fromPreferences() throws BatchServiceException {
        if (OrchestrationPreferences.remote()) {
            // SWITCH HERE when io.ifpp.orchestration.service.RemoteBatchService(URI, char[] token) is on main: build
            // it from OrchestrationPreferences.serverUrl() and OrchestrationPreferences.token(). Until then the
            // workbench has no HTTP client of its own.
            throw new BatchServiceException(Kind.UNAVAILABLE, "Remote server support is not installed in this "
                    + "workbench yet. Choose the embedded database in Window > Preferences > IFPP Orchestration.");
        }
        return EmbeddedBatchSource.workspace();
    }
}
