package io.ifpp.orchestration.ui.internal.source;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.net.ssl.SSLContext;

import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.service.BatchService;
import io.ifpp.orchestration.service.BatchServiceException;
import io.ifpp.orchestration.service.BatchServiceException.Kind;
import io.ifpp.orchestration.service.RemoteBatchService;
import io.ifpp.trust.TlsServerKeys;

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
            return remote(OrchestrationPreferences.serverUrl(), OrchestrationPreferences.serverFingerprint());
        }
        return EmbeddedBatchSource.workspace();
    }

    private static BatchSource remote(String url, String fingerprint) throws BatchServiceException {
        char[] token;
        try {
            token = OrchestrationPreferences.token();
        } catch (Exception e) {
            throw new BatchServiceException(Kind.DENIED, "the server's token cannot be read from the secure storage: "
                    + e.getMessage(), e);
        }
        if (url.isBlank() || token == null) {
            throw new BatchServiceException(Kind.INVALID, "a remote server needs its URL and a token: Window > "
                    + "Preferences > IFPP Orchestration");
        }
        try {
            SSLContext tls = fingerprint.isBlank() ? SSLContext.getDefault() : TlsServerKeys.pinned(fingerprint);
            RemoteBatchService service = new RemoteBatchService(URI.create(url), token, tls);
            return new BatchSource() {
                @Override
                public String description() {
                    return "IFPP server " + url;
                }

                @Override
                public BatchService service() {
                    return service;
                }

                @Override
                public void create(String batchId, BatchSpec spec) throws BatchServiceException {
                    throw new BatchServiceException(Kind.INVALID, "a server makes batches from the plans stored on "
                            + "it: POST /batches, or 'ifpp batch create' there");
                }
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BatchServiceException(Kind.INVALID, "the server settings are not usable: " + e.getMessage(), e);
        } finally {
            Arrays.fill(token, '\0');
        }
    }
}
