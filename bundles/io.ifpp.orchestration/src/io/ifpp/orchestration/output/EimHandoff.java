package io.ifpp.orchestration.output;

import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;

import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;

/**
 * The eIM hand-off of a batch: what the customer's eIM (SGP.32) imports to manage the shipped devices. Per shipped
 * device its EID, the eimId and the association token its eUICC was given at manufacture, and its ICCIDs per
 * profile, the one enabled first (the profile serving the device's market) first. CSV or JSON, streamed page by page
 * like the {@link ShippingManifest}; a simulated batch's says so the same way.
 */
public final class EimHandoff {

    private EimHandoff() {
    }

    /** A device's profiles with the enabled one first: its agreement and ICCID, in hand-off order. */
    private record Installed(String agreementId, String iccid) {
    }

    /**
     * {@code {"batch", "simulated", "eimId", "devices": [{"eid", "serial", "associationToken", "profiles": [{"agreement",
     * "iccid", "enabled"}]}]}}; returns the count.
     */
    public static long writeJson(BatchStore store, String batchId, Writer out) throws SQLException, IOException {
        BatchSpec spec = eimSpec(store, batchId);
        try (JsonGenerator json = ShippingManifest.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("batch", batchId);
            json.writeBooleanField("simulated", spec.simulated());
            json.writeStringField("eimId", spec.eim().id());
            json.writeArrayFieldStart("devices");
            long count = ShippingManifest.each(store, batchId, device -> {
                json.writeStartObject();
                json.writeStringField("eid", device.eid());
                json.writeStringField("serial", device.serial());
                if (device.eimAssociationToken() != null) {
                    json.writeNumberField("associationToken", device.eimAssociationToken());
                } else {
                    json.writeNullField("associationToken");
                }
                json.writeArrayFieldStart("profiles");
                boolean first = true;
                for (Installed installed : enabledFirst(spec, device)) {
                    json.writeStartObject();
                    json.writeStringField("agreement", installed.agreementId());
                    json.writeStringField("iccid", installed.iccid());
                    json.writeBooleanField("enabled", first);
                    json.writeEndObject();
                    first = false;
                }
                json.writeEndArray();
                json.writeEndObject();
            });
            json.writeEndArray();
            json.writeEndObject();
            return count;
        }
    }

    /**
     * {@code eid,serial,eim_id,association_token,enabled_iccid,iccids}: the enabled ICCID, then all the device's
     * ICCIDs separated by spaces, enabled first; returns the count.
     */
    public static long writeCsv(BatchStore store, String batchId, Writer out) throws SQLException, IOException {
        BatchSpec spec = eimSpec(store, batchId);
        String simulated = ShippingManifest.simulatedColumn(spec);
        out.write("eid,serial,eim_id,association_token,enabled_iccid,iccids" + ShippingManifest.simulatedHeader(spec)
                + "\n");
        long count = ShippingManifest.each(store, batchId, device -> {
            List<String> iccids = enabledFirst(spec, device).stream().map(Installed::iccid).toList();
            out.write(device.eid() + "," + device.serial() + "," + csv(spec.eim().id()) + ","
                    + (device.eimAssociationToken() == null ? "" : device.eimAssociationToken()) + ","
                    + (iccids.isEmpty() ? "" : iccids.get(0)) + "," + String.join(" ", iccids) + simulated + "\n");
        });
        out.flush();
        return count;
    }

    private static BatchSpec eimSpec(BatchStore store, String batchId) throws SQLException {
        BatchSpec spec = ShippingManifest.spec(store, batchId);
        if (spec.eim() == null) {
            throw new IllegalArgumentException("batch " + batchId + " gives its devices no eIM (its plan had no eim "
                    + "section when it was made): there is nothing to hand off");
        }
        return spec;
    }

    /** The device's profiles in profile-set order, the one serving its market moved first. */
    private static List<Installed> enabledFirst(BatchSpec spec, BatchStore.DeviceInfo device) {
        List<Installed> installed = new ArrayList<>();
        for (int p = 0; p < device.iccids().size() && p < spec.profiles().size(); p++) {
            installed.add(new Installed(spec.profiles().get(p).agreementId(), device.iccids().get(p)));
        }
        String enabled = spec.servingAgreement(device.market());
        installed.sort((a, b) -> Boolean.compare(!a.agreementId().equals(enabled), !b.agreementId().equals(enabled)));
        return installed;
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break. */
    private static String csv(String value) {
        return value.matches("[^,\"\\r\\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
