package io.ifpp.orchestration.pipeline;

import java.util.List;
import java.util.Locale;

import io.ifpp.connector.api.PersonalizationReport;

/**
 * A vendor's report line as stored: what the vendor wrote fits its column, or the line is stored as a failed device
 * saying why. A partner must not be able to stop a batch with one oversized field (the insert failed, the run ended,
 * and every resume failed alike): a failed line goes to personalization again, and is voided after the tries.
 */
record ReportLine(String eid, String result, String iccids, String packageHashes, String certificateVerdict,
        String failure) {

    /** The report_device columns (V003__pipeline.sql, V006__package_content.sql). */
    static final int ICCIDS_CHARS = 2000;
    static final int HASHES_CHARS = 7000;
    static final int TEXT_CHARS = 1000;

    static ReportLine of(PersonalizationReport.DeviceResult device, String certificateVerdict) {
        String eid = device.eid().digits();
        String verdict = WorkOrders.truncate(certificateVerdict == null ? "" : certificateVerdict);
        List<String> iccids = device.iccids();
        String joined = String.join(",", iccids);
        if (joined.length() > ICCIDS_CHARS || iccids.stream().anyMatch(iccid -> !iccid.matches("\\d{18,20}"))) {
            return refused(eid, verdict, iccids.size() + " ICCIDs in " + joined.length() + " characters, "
                    + (joined.length() > ICCIDS_CHARS ? "more than a device holds" : "not all of them ICCIDs"));
        }
        List<String> hashes = device.packageHashes().stream().map(hash -> hash.toLowerCase(Locale.ROOT)).toList();
        String hashesJoined = String.join(",", hashes);
        if (hashesJoined.length() > HASHES_CHARS || hashes.stream().anyMatch(hash -> !hash.matches("[0-9a-f]{64}"))) {
            return refused(eid, verdict, hashes.size() + " package hashes in " + hashesJoined.length()
                    + " characters, " + (hashesJoined.length() > HASHES_CHARS ? "more than a device holds"
                            : "not all of them SHA-256 in 64 hex digits"));
        }
        String failure = device.failure() == null ? "" : device.failure();
        return new ReportLine(eid, device.result().name(), joined, hashesJoined, verdict, WorkOrders.truncate(failure));
    }

    private static ReportLine refused(String eid, String verdict, String why) {
        return new ReportLine(eid, PersonalizationReport.Result.FAILED.name(), "", "", verdict, WorkOrders.truncate(
                "the vendor's report line was refused: " + why));
    }
}
