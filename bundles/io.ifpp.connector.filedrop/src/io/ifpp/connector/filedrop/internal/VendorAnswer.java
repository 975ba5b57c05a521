package io.ifpp.connector.filedrop.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.filedrop.VendorOutputColumn;
import io.ifpp.connector.filedrop.VendorOutputFile;
import io.ifpp.connector.filedrop.VendorOutputFileException;
import io.ifpp.core.Eid;

/**
 * Reads a vendor's answer ({@code .out}) as a {@link PersonalizationReport}; the format is described on
 * {@link io.ifpp.connector.filedrop.FileDropPersonalizationConnector}.
 */
public final class VendorAnswer {

    static final List<VendorOutputColumn> REQUIRED = List.of(VendorOutputColumn.ICCID, VendorOutputColumn.EID,
            VendorOutputColumn.RESULT, VendorOutputColumn.EUICC_CERT, VendorOutputColumn.PACKAGE_SHA256);

    private VendorAnswer() {
    }

    /** The {@link PersonalizationReport.Reader} of file-drop answers. */
    public static PersonalizationReport read(String orderId, byte[] content) throws ConnectorException {
        VendorOutputFile file;
        try {
            file = VendorOutputFile.parse(content);
        } catch (VendorOutputFileException e) {
            throw rejected(orderId, e.getMessage());
        }
        try {
            return read(orderId, file);
        } finally {
            file.destroySecrets();
        }
    }

    /** Reads an already parsed answer; does not destroy its secrets (an answer has none: that is checked). */
    public static PersonalizationReport read(String orderId, VendorOutputFile file) throws ConnectorException {
        if (!file.header().batchNumber().equals(orderId)) {
            throw rejected(orderId, "its Batch No names another order (" + file.header().batchNumber().length()
                    + " characters)");
        }
        if (!file.columns().containsAll(REQUIRED)) {
            throw rejected(orderId, "var_Out declares " + file.columns() + ", an answer needs " + REQUIRED);
        }
        if (file.columns().stream().anyMatch(VendorOutputColumn::isSecret)) {
            throw rejected(orderId, "var_Out declares key material " + file.columns()
                    + "; an answer carries none (the vendor keeps what the order sealed)");
        }
        List<PersonalizationReport.DeviceResult> devices = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<VendorOutputFile.Record> device = new ArrayList<>();
        for (VendorOutputFile.Record record : file.records()) {
            if (!device.isEmpty() && !value(device.getFirst(), VendorOutputColumn.EID)
                    .equals(value(record, VendorOutputColumn.EID))) {
                devices.add(device(orderId, device, seen));
                device.clear();
            }
            device.add(record);
        }
        devices.add(device(orderId, device, seen));
        return new PersonalizationReport(orderId, devices);
    }

    /** One device from its consecutive records, which must agree on EID, result and certificate. */
    private static PersonalizationReport.DeviceResult device(String orderId, List<VendorOutputFile.Record> records,
            Set<String> seen) throws ConnectorException {
        VendorOutputFile.Record first = records.getFirst();
        String eid = value(first, VendorOutputColumn.EID);
        if (!seen.add(eid)) {
            throw rejected(orderId, "line " + first.lineNumber() + ": EID " + eid
                    + " comes again after other devices (a device's records are consecutive)");
        }
        for (VendorOutputFile.Record record : records) {
            for (VendorOutputColumn column : List.of(VendorOutputColumn.RESULT, VendorOutputColumn.EUICC_CERT)) {
                if (!value(record, column).equals(value(first, column))) {
                    throw rejected(orderId, "line " + record.lineNumber() + ": " + column + " differs from line "
                            + first.lineNumber() + " of the same EID " + eid);
                }
            }
        }
        List<String> iccids = records.stream().map(r -> r.iccid().digits()).toList();
        List<String> hashes = records.stream().map(r -> value(r, VendorOutputColumn.PACKAGE_SHA256)
                .toLowerCase(java.util.Locale.ROOT)).toList();
        boolean installed = value(first, VendorOutputColumn.RESULT).equals("INSTALLED");
        byte[] certificate = Base64.getDecoder().decode(value(first, VendorOutputColumn.EUICC_CERT));
        return new PersonalizationReport.DeviceResult(Eid.of(eid),
                installed ? PersonalizationReport.Result.INSTALLED : PersonalizationReport.Result.FAILED,
                installed ? iccids : List.of(), installed ? hashes : List.of(), certificate,
                installed ? "" : "the vendor reports FAILED for ICCID " + String.join(", ", iccids));
    }

    private static String value(VendorOutputFile.Record record, VendorOutputColumn column) {
        return record.value(column).orElseThrow();
    }

    private static ConnectorException rejected(String orderId, String why) {
        return new ConnectorException(Reason.REJECTED, "the answer to order " + orderId + " is malformed: " + why);
    }
}
