package io.ifpp.connector.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.ifpp.core.Eid;
import io.ifpp.trust.CompositeSignature;
import io.ifpp.trust.SignatureKeyPair;

/**
 * What the vendor did for each eUICC of an order: the EID, the ICCIDs installed with the SHA-256 of each installed
 * package, the result and the eUICC's certificate (DER). Lines {@code order <id>} then
 * {@code eid;result;iccid,iccid;sha256-hex,sha256-hex;certificate-base64;failure} (docs/vendor-line.md).
 */
public record PersonalizationReport(String orderId, List<DeviceResult> devices) {

    public enum Result {
        INSTALLED, FAILED
    }

    /**
     * @param packageHashes the SHA-256 (lower-case hex) of the package installed under each of {@code iccids}, in
     *        the same order; empty when the vendor reports none (reconciliation then refuses the device's content)
     * @param failure why the device failed, empty when installed
     */
    public record DeviceResult(Eid eid, Result result, List<String> iccids, List<String> packageHashes,
            byte[] euiccCertificate, String failure) {

        /** A line without package hashes: a failed device, or a vendor that does not report content. */
        public DeviceResult(Eid eid, Result result, List<String> iccids, byte[] euiccCertificate, String failure) {
            this(eid, result, iccids, List.of(), euiccCertificate, failure);
        }

        public DeviceResult {
            iccids = List.copyOf(iccids);
            packageHashes = List.copyOf(packageHashes);
            euiccCertificate = euiccCertificate.clone();
        }
    }

    public PersonalizationReport {
        devices = List.copyOf(devices);
    }

    public byte[] encode() {
        StringBuilder text = new StringBuilder("order ").append(orderId).append('\n');
        for (DeviceResult device : devices) {
            text.append(device.eid().digits()).append(';').append(device.result()).append(';')
                    .append(String.join(",", device.iccids())).append(';')
                    .append(String.join(",", device.packageHashes())).append(';')
                    .append(Base64.getEncoder().encodeToString(device.euiccCertificate())).append(';')
                    .append(device.failure().replace(';', ',').replace('\n', ' ')).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads a report payload in one vendor's format, once its signature has verified; a payload that names another
     * order or is malformed is a {@link ConnectorException} with reason REJECTED.
     */
    @FunctionalInterface
    public interface Reader {
        PersonalizationReport read(String orderId, byte[] payload) throws ConnectorException;
    }

    /** {@link #verify(SignedReport, SignatureKeyPair.PublicKeys, Reader)} of a payload in {@link #encode}'s format. */
    public static PersonalizationReport verify(SignedReport report, SignatureKeyPair.PublicKeys vendor)
            throws ConnectorException {
        return verify(report, vendor, PersonalizationReport::decode);
    }

    /**
     * Verifies the vendor's signature over the payload, then reads it with {@code reader} (the connector's
     * {@link PersonalizationConnector#reportReader()}); a report that does not verify is a {@link ConnectorException}
     * with reason BAD_SIGNATURE, and nothing of it is read.
     */
    public static PersonalizationReport verify(SignedReport report, SignatureKeyPair.PublicKeys vendor, Reader reader)
            throws ConnectorException {
        byte[] payload = report.payload();
        if (!CompositeSignature.verify(payload, report.signature(), vendor)) {
            throw new ConnectorException(ConnectorException.Reason.BAD_SIGNATURE,
                    "the report of order " + report.orderId() + " does not verify with the vendor's key");
        }
        return reader.read(report.orderId(), payload);
    }

    /** Reads {@link #encode}'s format; the {@link Reader} of connectors whose vendor signs that format. */
    public static PersonalizationReport decode(String orderId, byte[] payload) throws ConnectorException {
        String[] lines = new String(payload, StandardCharsets.US_ASCII).split("\n");
        if (lines.length == 0 || !lines[0].equals("order " + orderId)) {
            throw new ConnectorException(ConnectorException.Reason.REJECTED,
                    "the signed report is not for order " + orderId + " (first line: "
                            + (lines.length == 0 ? "none" : lines[0]) + ")");
        }
        List<DeviceResult> devices = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(";", -1);
            try {
                if (fields.length != 6) {
                    throw new IllegalArgumentException("6 fields expected (eid;result;iccids;hashes;certificate;"
                            + "failure), found " + fields.length);
                }
                devices.add(new DeviceResult(Eid.of(fields[0]), Result.valueOf(fields[1]), list(fields[2]),
                        list(fields[3]), Base64.getDecoder().decode(fields[4]), fields[5]));
            } catch (IllegalArgumentException e) {
                throw new ConnectorException(ConnectorException.Reason.REJECTED,
                        "the report of order " + orderId + " is malformed at line " + (i + 1) + ": "
                                + e.getMessage(), e);
            }
        }
        return new PersonalizationReport(orderId, devices);
    }

    private static List<String> list(String field) {
        return field.isEmpty() ? List.of() : List.of(field.split(","));
    }
}
