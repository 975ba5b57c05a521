package io.ifpp.orchestration.output;

import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;


import com.fasterxml.jackson.core.JsonGenerator;

import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;

/**
 * What each MNO is asked to activate: per operator, every ICCID of its profile on a shipped device, the country the
 * device goes to, the first day to activate, and whether the profile is the one that serves that country (primary)
 * or a fallback the device may switch to. CSV or JSON, streamed page by page.
 */
public final class ActivationSchedule {

    private ActivationSchedule() {
    }

    /**
     * {@code {"batch": ID, "simulated": false, "operators": [{"operator", "agreement", "activations": [{"iccid",
     * "eid", "country", "activateFrom", "role"}, ...]}, ...]}}; returns the number of activations.
     */
    public static long writeJson(BatchStore store, String batchId, Writer out) throws SQLException, IOException {
        BatchSpec spec = ShippingManifest.spec(store, batchId);
        long count = 0;
        try (JsonGenerator json = ShippingManifest.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("batch", batchId);
            json.writeBooleanField("simulated", spec.simulated());
            json.writeArrayFieldStart("operators");
            for (int p = 0; p < spec.profiles().size(); p++) {
                BatchSpec.ProfileSpec profile = spec.profiles().get(p);
                int position = p;
                json.writeStartObject();
                json.writeStringField("operator", profile.operator());
                json.writeStringField("agreement", profile.agreementId());
                json.writeArrayFieldStart("activations");
                count += ShippingManifest.each(store, batchId, device -> {
                    json.writeStartObject();
                    json.writeStringField("iccid", device.iccids().get(position));
                    json.writeStringField("eid", device.eid());
                    json.writeStringField("country", device.market());
                    json.writeStringField("activateFrom", device.activateFrom());
                    json.writeStringField("role", role(spec, profile, device.market()));
                    json.writeEndObject();
                });
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return count;
    }

    /**
     * {@code operator,agreement,iccid,eid,country,activate_from,role} (and {@code simulated} for a simulated batch, as
     * in the manifest); returns the number of activations.
     */
    public static long writeCsv(BatchStore store, String batchId, Writer out) throws SQLException, IOException {
        BatchSpec spec = ShippingManifest.spec(store, batchId);
        String simulated = ShippingManifest.simulatedColumn(spec);
        out.write("operator,agreement,iccid,eid,country,activate_from,role" + ShippingManifest.simulatedHeader(spec)
                + "\n");
        long count = 0;
        for (int p = 0; p < spec.profiles().size(); p++) {
            BatchSpec.ProfileSpec profile = spec.profiles().get(p);
            int position = p;
            count += ShippingManifest.each(store, batchId, device -> out.write(profile.operator() + ","
                    + profile.agreementId() + "," + device.iccids().get(position) + "," + device.eid() + ","
                    + device.market() + "," + device.activateFrom() + "," + role(spec, profile, device.market())
                    + simulated + "\n"));
        }
        out.flush();
        return count;
    }

    private static String role(BatchSpec spec, BatchSpec.ProfileSpec profile, String country) {
        return profile.agreementId().equals(spec.servingAgreement(country)) ? "primary" : "fallback";
    }
}
