package io.ifpp.server.internal.rest;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ifpp.connector.api.DownloadProgressEndpoint;
import io.ifpp.connector.api.DownloadProgressListener.DownloadProgressInfo;
import io.ifpp.orchestration.audit.AuditLog;

/**
 * The SM-DP+'s download progress callbacks (ES2+ HandleDownloadProgressInfo, SGP.22 5.3.5), served at the path of
 * each {@link DownloadProgressEndpoint} installed now (the ES2+ connector registers one), to callers with the SM-DP+
 * role: each notification an endpoint takes is recorded in the audit log against its ICCID.
 */
public final class DownloadProgressResource {

    private static final Logger LOG = Logger.getLogger(DownloadProgressResource.class.getName());

    private final AuditLog log;
    private final Supplier<List<DownloadProgressEndpoint>> endpoints;

    public DownloadProgressResource(AuditLog log, Supplier<List<DownloadProgressEndpoint>> endpoints) {
        this.log = log;
        this.endpoints = endpoints;
    }

    public void register(RestApi api) {
        api.routes(() -> endpoints.get().stream().map(this::route).toList());
    }

    private RestApi.Route route(DownloadProgressEndpoint endpoint) {
        return new RestApi.Route("POST", endpoint.path(), EnumSet.of(Role.SMDP), e -> {
            try {
                DownloadProgressEndpoint.Answer answer = endpoint.receive(e.body(),
                        info -> record(e.caller().name(), info));
                if (answer.refusal().isPresent()) {
                    throw new ApiException(answer.status(), answer.refusal().get());
                }
                return new Reply.Headed(new Reply.Bytes(answer.status(), null, new byte[0]), answer.headers());
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
