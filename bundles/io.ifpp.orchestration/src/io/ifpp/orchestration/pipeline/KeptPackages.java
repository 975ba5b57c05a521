package io.ifpp.orchestration.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.OrderPersonalization;
import io.ifpp.profile.ProfileTemplate;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.EnvelopeException;
import io.ifpp.trust.PartyKeyStore;

/**
 * A device's SAIP packages exactly as its line was ordered to load them, for checks by independent tools: made again
 * from the copy of the device's order that the engine keeps sealed to IFPP Studio's own key (never the vendor's), and
 * checked against the SHA-256 recorded when the order was sealed. The packages hold the device's keys and codes:
 * whoever asks is audited before they are made, and destroys them ({@link Export#destroy()}) once written.
 */
public final class KeptPackages {

    /** One profile's package: the agreement it serves, its ICCID, the DER and its SHA-256 (hex). */
    public record Package(String agreementId, String iccid, byte[] der, String sha256) {

        @Override
        public String toString() {
            return "Package[" + agreementId + ", " + iccid + ", " + der.length + " bytes, sha256 " + sha256 + "]";
        }
    }

    /**
     * The packages of one device, in profile-set order, and the SGP.32 AddInitialEimRequest (DER) its eUICC was given
     * (null when the batch gives no eIM).
     */
    public record Export(String batchId, int deviceIndex, String eid, String serial, List<Package> packages,
            byte[] eimRequest) {

        public void destroy() {
            packages.forEach(p -> Arrays.fill(p.der(), (byte) 0));
        }
    }

    /** Why a device's packages cannot be given: what, which device, why. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private KeptPackages() {
    }

    /**
     * The packages of the device {@code key} (its EID, serial or an ICCID), opened with {@code studio}'s keys; the
     * hand-out is audited for {@code actor} first (a hand-out that cannot be audited does not happen).
     */
    public static Export export(BatchStore store, String key, PartyKeyStore.Party studio, String actor)
            throws SQLException, Refused {
        BatchStore.DeviceInfo device = store.findDevice(key)
                .orElseThrow(() -> new Refused("no device has the EID, serial or ICCID " + key));
        BatchStore.BatchInfo batch = store.batch(device.batchId()).orElseThrow();
        String who = "device " + device.index() + " of batch " + device.batchId();
        String orderId;
        long sequence;
        byte[] kept;
        List<String> iccids = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        try (Connection connection = store.database().connect()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT w.id, w.seq, p.kept FROM device d "
                    + "JOIN work_order w ON w.id = d.order_id LEFT JOIN order_payload p ON p.order_id = w.id "
                    + "WHERE d.batch_id = ? AND d.idx = ?")) {
                query.setString(1, device.batchId());
                query.setInt(2, device.index());
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        throw new Refused(who + " has no order yet: its packages are made when its order is sealed");
                    }
                    orderId = row.getString(1);
                    sequence = row.getLong(2);
                    kept = row.getBytes(3);
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT iccid, package_sha256 FROM "
                    + "profile_assignment WHERE batch_id = ? AND device_idx = ? ORDER BY position")) {
                query.setString(1, device.batchId());
                query.setInt(2, device.index());
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        iccids.add(row.getString(1));
                        hashes.add(row.getString(2));
                    }
                }
            }
        }
        if (kept == null) {
            throw new Refused(who + ": order " + orderId + " was " + (hashes.contains(null) ? "not sealed yet"
                    : "sealed without a copy kept for IFPP Studio (an engine without the studio's key sealed it)"));
        }
        store.audit().append(actor, "device.packages",
                "order " + orderId, who + (device.eid() == null ? "" : " (EID " + device.eid() + ")") + ": its "
                        + iccids.size() + " SAIP packages with their keys and codes handed out, and its eIM request");
        Envelope.Context context = new Envelope.Context(device.batchId(), sequence);
        byte[] payload;
        try {
            payload = Envelope.open(kept, context, studio.kem(), studio.signing().publicKeys());
        } catch (EnvelopeException e) {
            throw new Refused("the kept copy of order " + orderId + " does not open with the key store of "
                    + studio.name() + ": " + e.getMessage(), e);
        }
        OrderPayload.Contents contents;
        try {
            contents = OrderPayload.decode(payload);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
        try {
            OrderPayload.Device line = contents.devices().stream()
                    .filter(d -> !d.profiles().isEmpty() && d.profiles().get(0).iccid().digits().equals(iccids.get(0)))
                    .findFirst().orElseThrow(() -> new Refused("order " + orderId + " holds no line for " + who));
            List<ProfileTemplate.Personalized> made = new OrderPersonalization(contents.templates()).packagesOf(line);
            List<Package> packages = new ArrayList<>();
            for (int p = 0; p < made.size(); p++) {
                ProfileTemplate.Personalized personalized = made.get(p);
                if (!personalized.sha256Hex().equals(hashes.get(p))) {
                    made.forEach(m -> Arrays.fill(m.der(), (byte) 0));
                    throw new Refused("the package of ICCID " + iccids.get(p) + " made from the kept copy has SHA-256 "
                            + personalized.sha256Hex() + ", not the " + hashes.get(p) + " recorded when it was ordered");
                }
                packages.add(new Package(batch.spec().profiles().get(p).agreementId(), iccids.get(p),
                        personalized.der(), personalized.sha256Hex()));
            }
            return new Export(device.batchId(), device.index(), device.eid(), device.serial(), packages,
                    line.eimRequest());
        } finally {
            contents.destroy();
        }
    }
}
