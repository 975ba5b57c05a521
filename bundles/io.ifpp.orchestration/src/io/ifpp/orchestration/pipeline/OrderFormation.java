package io.ifpp.orchestration.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.ifpp.core.Luhn;
import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.store.Database;

/**
 * Cuts work orders from the devices waiting for one: PLANNED devices get their ICCIDs here (one per profile, from
 * the MNO's range, recorded with the order), REPERSONALIZE devices keep theirs and go to the vendor again with a
 * new order. Forming locks the batch row, so ICCIDs are taken in device order whichever engine forms the order.
 */
final class OrderFormation {

    private final Database database;
    private final AuditLog audit;
    private final String engineId;
    private final int orderSize;

    OrderFormation(Database database, AuditLog audit, String engineId, int orderSize) {
        this.database = database;
        this.audit = audit;
        this.engineId = engineId;
        this.orderSize = orderSize;
    }

    /**
     * Forms up to four orders (one transaction each, under the batch's row lock) and returns how many devices went
     * back to the vendor for another personalization.
     */
    int formOrders(BatchStore.BatchInfo batch) throws SQLException {
        int[] repersonalized = new int[1];
        for (int formed = 0; formed < 4; formed++) {
            boolean more = database.transaction(connection -> {
                if (!BatchStore.lockBatch(connection, batch.id()).equals("OPEN")) {
                    return false;
                }
                List<Integer> planned = waiting(connection, batch.id(), "PLANNED", "AND order_id IS NULL");
                if (!planned.isEmpty()) {
                    String orderId = newOrder(connection, batch.id(), Stage.PLANNED, planned);
                    assignIccids(connection, batch, planned);
                    audit.append(connection, engineId, "order.form", "order " + orderId, Simulation.audited(
                            batch.spec(), planned.size() + " devices from " + planned.get(0) + ", ICCIDs allocated"));
                    return true;
                }
                List<Integer> again = waiting(connection, batch.id(), "REPERSONALIZE", "");
                if (!again.isEmpty()) {
                    String orderId = newOrder(connection, batch.id(), Stage.PROFILES_RESERVED, again);
                    audit.append(connection, engineId, "order.form", "order " + orderId, Simulation.audited(
                            batch.spec(), again.size() + " devices to personalize again, with the ICCIDs they hold"));
                    repersonalized[0] += again.size();
                    return true;
                }
                return false;
            });
            if (!more) {
                break;
            }
        }
        return repersonalized[0];
    }

    private List<Integer> waiting(Connection connection, String batchId, String stage, String condition)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT idx FROM device WHERE batch_id = ? AND "
                + "stage = ? " + condition + " ORDER BY idx LIMIT ?")) {
            query.setString(1, batchId);
            query.setString(2, stage);
            query.setInt(3, orderSize);
            List<Integer> devices = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    devices.add(row.getInt(1));
                }
            }
            return devices;
        }
    }

    private String newOrder(Connection connection, String batchId, Stage stage, List<Integer> devices)
            throws SQLException {
        int seq;
        try (PreparedStatement next = connection.prepareStatement("SELECT next_order FROM batch WHERE id = ?")) {
            next.setString(1, batchId);
            try (ResultSet row = next.executeQuery()) {
                row.next();
                seq = row.getInt(1);
            }
        }
        String orderId = batchId + "-o" + String.format("%05d", seq);
        try (PreparedStatement bump = connection.prepareStatement(
                "UPDATE batch SET next_order = next_order + 1 WHERE id = ?");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO work_order (id, batch_id, seq, "
                        + "stage, device_count) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement device = connection.prepareStatement("UPDATE device SET order_id = ?, stage = ?, "
                        + "eid = NULL WHERE batch_id = ? AND idx = ?")) {
            bump.setString(1, batchId);
            bump.executeUpdate();
            insert.setString(1, orderId);
            insert.setString(2, batchId);
            insert.setInt(3, seq);
            insert.setString(4, stage.name());
            insert.setInt(5, devices.size());
            insert.executeUpdate();
            for (int index : devices) {
                device.setString(1, orderId);
                device.setString(2, stage.name());
                device.setString(3, batchId);
                device.setInt(4, index);
                device.addBatch();
            }
            device.executeBatch();
        }
        return orderId;
    }

    private void assignIccids(Connection connection, BatchStore.BatchInfo batch, List<Integer> devices)
            throws SQLException {
        List<BatchSpec.ProfileSpec> profiles = batch.spec().profiles();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO profile_assignment (iccid, batch_id, "
                + "device_idx, profile, position) VALUES (?, ?, ?, ?, ?)")) {
            for (int p = 0; p < profiles.size(); p++) {
                BatchSpec.ProfileSpec profile = profiles.get(p);
                int sequenceDigits = 18 - profile.iccidPrefix().length();
                long first = RangeCounter.take(connection, "iccid:" + profile.iccidPrefix(), devices.size());
                if (first + devices.size() > Math.pow(10, sequenceDigits)) {
                    throw new IllegalStateException("the ICCID range " + profile.iccidPrefix() + " of profile "
                            + profile.agreementId() + " is exhausted: ask the MNO for another range");
                }
                for (int i = 0; i < devices.size(); i++) {
                    String body = profile.iccidPrefix() + String.format("%0" + sequenceDigits + "d", first + i);
                    insert.setString(1, body + Luhn.checkDigit(body));
                    insert.setString(2, batch.id());
                    insert.setInt(3, devices.get(i));
                    insert.setString(4, profile.agreementId());
                    insert.setInt(5, p);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
