package io.ifpp.connector.api;

import java.time.Instant;
import java.util.Optional;

import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;

/**
 * Receives the ES2+ HandleDownloadProgressInfo notifications an SM-DP+ sends back (as an OSGi service, the server's
 * callback endpoint calls every one registered). Implementations must be idempotent: an SM-DP+ may repeat a
 * notification.
 */
public interface DownloadProgressListener {

    void handleDownloadProgressInfo(DownloadProgressInfo info);

    /**
     * One notification (SGP.22 5.3.5).
     *
     * @param notificationPointId 1 eligibility and retry limit check, 2 confirmation failure, 3 bound profile
     *        package download, 4 bound profile package installation
     * @param status Executed-Success, Executed-WithWarning, Failed or Expired
     */
    record DownloadProgressInfo(Optional<Eid> eid, Iccid iccid, String profileType, Instant timestamp,
            int notificationPointId, String status, Optional<String> resultData) {
    }
}
