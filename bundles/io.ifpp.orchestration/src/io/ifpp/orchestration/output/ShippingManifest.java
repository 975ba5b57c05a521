package io.ifpp.orchestration.output;

import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Stage;

/**
 * The shipping manifest of a batch: every shipped device with its serial, EID, ICCIDs (in profile-set order) and
 * destination market, as CSV or JSON, streamed page by page so a million devices need no more memory than a page. A
 * simulated batch's says so: {@code "simulated": true} in JSON, a last column {@code simulated} in every CSV line
 * (absent for a real batch, so that a reader made for real manifests stops at a simulated one).
 */
public final class ShippingManifest {

    static final int PAGE = 5_000;
    /** Leaves the caller's writer open: the caller owns it (e.g. a file written atomically). */
    static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    static final List<Stage> SHIPPED = List.of(Stage.SHIPPED, Stage.ACTIVATION_SCHEDULED);

    /** Receives the manifest's devices one by one. */
    @FunctionalInterface
    interface Sink {
        void device(BatchStore.DeviceInfo device) throws IOException;
    }

    private ShippingManifest() {
    }

    /**
     * {@code {"batch": ID, "simulated": false, "devices": [{"serial", "eid", "iccids": [...], "market"}, ...]}};
     * returns the count.
     */
    public static long writeJson(BatchStore store, String batchId, Writer out) throws SQLException, IOException {
        BatchSpec spec = spec(store, batchId);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("batch", batchId);
            json.writeBooleanField("simulated", spec.simulated());
            json.writeArrayFieldStart("devices");
            long count = each(store, batchId, device -> {
                json.writeStartObject();
                json.writeStringField("serial", device.serial());
                json.writeStringField("eid", device.eid());
                json.writeArrayFieldStart("iccids");
                for (String iccid : device.iccids()) {
                    json.writeString(iccid);
                }
                json.writeEndArray();
                json.writeStringField("market", device.market());
                json.writeEndObject();
            });
            json.writeEndArray();
            json.writeEndObject();
            return count;
        }
    }

    /** {@code serial,eid,iccids,market} with the ICCIDs separated by spaces; returns the count. */
    public static long writeCsv(BatchStore store, String batchId, Writer out) throws SQLException, IOException {
        BatchSpec spec = spec(store, batchId);
        String simulated = simulatedColumn(spec);
        out.write("serial,eid,iccids,market" + simulatedHeader(spec) + "\n");
        long count = each(store, batchId, device -> out.write(device.serial() + "," + device.eid() + ","
                + String.join(" ", device.iccids()) + "," + device.market() + simulated + "\n"));
        out.flush();
        return count;
    }

    /** The last CSV header of a simulated batch ({@code ,simulated}); nothing for a real batch. */
    static String simulatedHeader(BatchSpec spec) {
        return spec.simulated() ? ",simulated" : "";
    }

    /** The last CSV column of a simulated batch's lines ({@code ,true}); nothing for a real batch. */
    static String simulatedColumn(BatchSpec spec) {
        return spec.simulated() ? ",true" : "";
    }

    static BatchSpec spec(BatchStore store, String batchId) throws SQLException {
        return store.batch(batchId).map(BatchStore.BatchInfo::spec)
                .orElseThrow(() -> new IllegalArgumentException("no batch " + batchId));
    }

    static long each(BatchStore store, String batchId, Sink sink) throws SQLException, IOException {
        long count = 0;
        int from = 0;
        while (true) {
            List<BatchStore.DeviceInfo> page = store.devices(batchId, from, PAGE, SHIPPED);
            for (BatchStore.DeviceInfo device : page) {
                sink.device(device);
                count++;
            }
            if (page.size() < PAGE) {
                return count;
            }
            from = page.get(page.size() - 1).index() + 1;
        }
    }
}
