package io.ifpp.orchestration.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.ifpp.orchestration.store.Database;

/**
 * Batches and their devices in the database. Work is shared by claiming: a worker takes devices of a stage with a
 * lease ({@code FOR UPDATE SKIP LOCKED}, so concurrent workers never take the same row), and moves a device on only
 * while its claim holds; when a worker dies, its lease runs out and another worker takes the devices over.
 */
public final class BatchStore {

    /** A device of a batch, as claimed. */
    public record DeviceRef(String batchId, int index) {
    }

    private static final int INSERT_CHUNK = 1_000;

    private final Database database;
    private final Clock clock;

    public BatchStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records a batch of {@code quantity} devices, all PLANNED, in one transaction (all or nothing). */
    public void create(String batchId, String planName, int quantity) throws SQLException {
        if (quantity < 1) {
            throw new IllegalArgumentException("batch " + batchId + " needs at least one device, found " + quantity);
        }
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement batch = connection.prepareStatement(
                    "INSERT INTO batch (id, plan_name, quantity, created_at) VALUES (?, ?, ?, ?)");
                    PreparedStatement device = connection.prepareStatement(
                            "INSERT INTO device (batch_id, idx, stage) VALUES (?, ?, ?)")) {
                batch.setString(1, batchId);
                batch.setString(2, planName);
                batch.setInt(3, quantity);
                batch.setObject(4, now());
                batch.executeUpdate();
                for (int i = 0; i < quantity; i++) {
                    device.setString(1, batchId);
                    device.setInt(2, i);
                    device.setString(3, Stage.PLANNED.name());
                    device.addBatch();
                    if ((i + 1) % INSERT_CHUNK == 0) {
                        device.executeBatch();
                    }
                }
                device.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("batch " + batchId + " was not created: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Claims up to {@code limit} devices in {@code stage} that nobody holds (or whose lease ran out) for
     * {@code worker} until now + {@code lease}.
     */
    public List<DeviceRef> claim(String worker, Stage stage, int limit, Duration lease) throws SQLException {
        OffsetDateTime now = now();
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            List<DeviceRef> claimed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT batch_id, idx FROM device "
                    + "WHERE stage = ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY batch_id, idx "
                    + "LIMIT ? FOR UPDATE SKIP LOCKED");
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE device SET claimed_by = ?, claimed_until = ? WHERE batch_id = ? AND idx = ?")) {
                select.setString(1, stage.name());
                select.setObject(2, now);
                select.setInt(3, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        claimed.add(new DeviceRef(row.getString(1), row.getInt(2)));
                    }
                }
                OffsetDateTime until = now.plus(lease);
                for (DeviceRef device : claimed) {
                    update.setString(1, worker);
                    update.setObject(2, until);
                    update.setString(3, device.batchId());
                    update.setInt(4, device.index());
                    update.addBatch();
                }
                update.executeBatch();
                connection.commit();
                return claimed;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Moves a claimed device from {@code from} to {@code to} and releases the claim; false when the claim no longer
     * holds (the lease ran out and another worker took the device), in which case nothing changes.
     */
    public boolean advance(String worker, DeviceRef device, Stage from, Stage to) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement update = connection.prepareStatement("UPDATE device SET stage = ?, claimed_by = NULL, "
                        + "claimed_until = NULL, attempts = attempts + 1 WHERE batch_id = ? AND idx = ? AND stage = ? "
                        + "AND claimed_by = ? AND claimed_until >= ?")) {
            update.setString(1, to.name());
            update.setString(2, device.batchId());
            update.setInt(3, device.index());
            update.setString(4, from.name());
            update.setString(5, worker);
            update.setObject(6, now());
            return update.executeUpdate() == 1;
        }
    }

    /** How many devices of the batch are in each stage. */
    public Map<Stage, Long> counts(String batchId) throws SQLException {
        Map<Stage, Long> counts = new EnumMap<>(Stage.class);
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT stage, COUNT(*) FROM device WHERE batch_id = ? GROUP BY stage")) {
            query.setString(1, batchId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    counts.put(Stage.valueOf(row.getString(1)), row.getLong(2));
                }
            }
        }
        return counts;
    }

    /**
     * Records that a device carries the profile with {@code iccid}. An ICCID is assigned once, ever: a second
     * assignment is refused with an error naming it, and nothing is changed.
     */
    public void assign(DeviceRef device, String profile, String iccid) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO profile_assignment (iccid, batch_id, device_idx, profile) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, iccid);
            insert.setString(2, device.batchId());
            insert.setInt(3, device.index());
            insert.setString(4, profile);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new SQLException("ICCID " + iccid + " is assigned already; an ICCID is never assigned twice",
                        e.getSQLState(), e);
            }
            throw e;
        }
    }

    private OffsetDateTime now() {
        Instant instant = clock.instant();
        return instant.atOffset(ZoneOffset.UTC);
    }
}
