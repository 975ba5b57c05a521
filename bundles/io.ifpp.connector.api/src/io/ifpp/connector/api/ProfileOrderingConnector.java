package io.ifpp.connector.api;

import java.util.Optional;

import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;

/**
 * An SM-DP+ as the operator's profile factory, through the GSMA SGP.22 ES2+ functions. A refusal is a
 * {@link ConnectorException} with reason REJECTED and the function's {@link ConnectorException.StatusCode}
 * (e.g. 8.2.1/3.9 unknown ICCID); transport failures are UNAVAILABLE or TIMEOUT and may be retried.
 */
public interface ProfileOrderingConnector {

    String id();

    /**
     * ES2+ DownloadOrder: reserves a profile, given by ICCID or by profile type, optionally for one EID; returns the
     * ICCID allocated.
     */
    Iccid downloadOrder(Optional<Eid> eid, Optional<Iccid> iccid, Optional<String> profileType)
            throws ConnectorException;

    /** ES2+ ConfirmOrder: binds the reserved profile (to the EID, with the matching id); {@code release} releases it. */
    ConfirmedOrder confirmOrder(Iccid iccid, Optional<Eid> eid, Optional<String> matchingId,
            Optional<String> confirmationCode, Optional<String> smdsAddress, boolean release) throws ConnectorException;

    /** ES2+ CancelOrder, with the profile's final status ({@code Available} or {@code Unavailable}). */
    void cancelOrder(Iccid iccid, Optional<Eid> eid, Optional<String> matchingId, String finalProfileStatusIndicator)
            throws ConnectorException;

    /** ES2+ ReleaseProfile: makes a confirmed profile downloadable. */
    void releaseProfile(Iccid iccid) throws ConnectorException;

    /** The result of ConfirmOrder: the matching id to download with, and the SM-DP+ address when returned. */
    record ConfirmedOrder(Optional<Eid> eid, String matchingId, Optional<String> smdpAddress) {
    }
}
