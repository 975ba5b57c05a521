package io.ifpp.server.internal.rest;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ifpp.connector.api.DownloadProgressListener.DownloadProgressInfo;
import io.ifpp.connector.es2plus.DownloadProgressReceiver;
import io.ifpp.connector.es2plus.Es2PlusFunction;
import io.ifpp.connector.es2plus.Es2PlusSchemas;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.orchestration.audit.AuditLog;

/**
 * The ES2+ HandleDownloadProgressInfo callback (SGP.22 5.3.5) an SM-DP+ calls with an operator token: each
 * notification that conforms to its schema is recorded in the audit log against its ICCID.
 */
public final class DownloadProgressResource {

    private static final Logger LOG = Logger.getLogger(DownloadProgressResource.class.getName());

    private final AuditLog log;
    private final Es2PlusSchemas schemas = Es2PlusSchemas.bundled();

    public DownloadProgressResource(AuditLog log) {
        this.log = log;
    }

    public static String path() {
        return Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO.path();
    }

    public void register(RestApi api) {
        api.route("POST", path(), EnumSet.of(Role.SMDP), e -> {
            try {
                DownloadProgressReceiver.Receipt receipt = DownloadProgressReceiver.receive(e.body(), schemas,
                        info -> record(e.caller().name(), info));
                if (!receipt.isAccepted()) {
                    throw new ApiException(400, receipt.refusal()); // not an ES2+ message: no function result
                }
                // No output data: 204 No Content, as SGP.22's HTTP binding answers HandleDownloadProgressInfo.
                return new Reply.Headed(new Reply.Bytes(204, null, new byte[0]),
                        java.util.Map.of(Es2PlusSettings.ADMIN_PROTOCOL_HEADER, Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL));
            } catch (NotRecorded failure) {
                throw new ApiException(503, failure.getMessage());
            }
        });
    }

    private void record(String caller, DownloadProgressInfo info) {
        try {
            log.append(caller, "es2plus.download-progress", "iccid " + info.iccid().digits(), "notification point "
                    + info.notificationPointId() + ": " + info.status() + ", profile type " + info.profileType()
                    + info.eid().map(eid -> ", EID " + eid.digits()).orElse("") + ", at " + info.timestamp());
        } catch (SQLException e) {
            // The database's words stay in the server's log: an answer to another party names no internals.
            LOG.log(Level.WARNING, "an ES2+ notification for ICCID " + info.iccid().digits()
                    + " could not be recorded: " + e.getMessage());
            throw new NotRecorded("the notification could not be recorded; send it again", e);
        }
    }

    /** Unchecked, to leave the listener's signature; answered 503 so that the SM-DP+ retries. */
    private static final class NotRecorded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotRecorded(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
