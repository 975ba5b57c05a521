package io.ifpp.orchestration.pipeline;

import java.util.List;

import io.ifpp.connector.api.PersonalizationReport;

/**
 * A vendor's report line as stored: what the vendor wrote fits its column, or the line is stored as a failed device
 * saying why. A partner must not be able to stop a batch with one oversized field (the insert failed, the run ended,
 * and every resume failed alike): a failed line goes to personalization again, and is voided after the tries.
 */
record ReportLine(String eid, String result, String iccids, String certificateVerdict, String failure) {

    /** The report_device columns (V003__pipeline.sql). */
    static final int ICCIDS_CHARS = 2000;
    static final int TEXT_CHARS = 1000;

    static ReportLine of(PersonalizationReport.DeviceResult device, String certificateVerdict) {
        String eid = device.eid().digits();
        String verdict = WorkOrders.truncate(certificateVerdict == null ? "" : certificateVerdict);
        List<String> iccids = device.iccids();
        String joined = String.join(",", iccids);
        if (joined.length() > ICCIDS_CHARS || iccids.stream().anyMatch(iccid -> !iccid.matches("\\d{18,20}"))) {
            return new ReportLine(eid, PersonalizationReport.Result.FAILED.name(), "", verdict, WorkOrders.truncate(
                    "the vendor's report line was refused: " + iccids.size() + " ICCIDs in " + joined.length()
                            + " characters, " + (joined.length() > ICCIDS_CHARS ? "more than a device holds"
                                    : "not all of them ICCIDs")));
        }
        String failure = device.failure() == null ? "" : device.failure();
        return new ReportLine(eid, device.result().name(), joined, verdict, WorkOrders.truncate(failure));
    }
}
