package io.ifpp.orchestration.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.store.Database;

/**
 * Batches and their devices in the database: created whole or not at all, looked up, counted per stage, cancelled
 * and resumed. The engine moves them on ({@link Engine}); every change here is recorded in the audit log in the
 * same transaction.
 */
public final class BatchStore {

    /** A batch as stored; {@code state} is OPEN, COMPLETED or CANCELLED. */
    public record BatchInfo(String id, BatchSpec spec, String state, Instant createdAt, String createdBy) {
    }

    /** A device of a batch and what it carries (empty fields before the stage that fills them). */
    /** @param eimAssociationToken the token of the eIM the eUICC was given (SGP.32), or null */
    public record DeviceInfo(String batchId, int index, Stage stage, String market, String eid, String serial,
            List<String> iccids, String activateFrom, String failure, Long eimAssociationToken) {
    }

    /** A reconciliation finding: the device (null for a report line that is no device of ours) and why. */
    public record Mismatch(String orderId, Integer deviceIndex, String eid, String reason) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int INSERT_CHUNK = 1_000;

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;

    public BatchStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.audit = new AuditLog(database, clock);
    }

    public Database database() {
        return database;
    }

    /**
     * Records a batch of {@code spec.quantity()} devices, all PLANNED, each with its destination market (markets get
     * devices in proportion to their weights, largest remainders first), in one transaction.
     */
    public void create(String batchId, BatchSpec spec, String actor) throws SQLException {
        if (batchId == null || !batchId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
            throw new IllegalArgumentException("a batch id is 1 to 40 letters, digits, '.', '_' or '-', found '"
                    + batchId + "'");
        }
        String json = toJson(spec);
        List<String> markets = marketOfEachDevice(spec);
        try {
            database.transaction(connection -> {
                try (PreparedStatement batch = connection.prepareStatement("INSERT INTO batch (id, plan_name, "
                        + "quantity, created_at, spec, state, created_by) VALUES (?, ?, ?, ?, ?, 'OPEN', ?)");
                        PreparedStatement device = connection.prepareStatement(
                                "INSERT INTO device (batch_id, idx, stage, market) VALUES (?, ?, ?, ?)")) {
                    batch.setString(1, batchId);
                    batch.setString(2, spec.plan());
                    batch.setInt(3, spec.quantity());
                    batch.setObject(4, now());
                    batch.setString(5, json);
                    batch.setString(6, actor);
                    batch.executeUpdate();
                    for (int i = 0; i < spec.quantity(); i++) {
                        device.setString(1, batchId);
                        device.setInt(2, i);
                        device.setString(3, Stage.PLANNED.name());
                        device.setString(4, markets.get(i));
                        device.addBatch();
                        if ((i + 1) % INSERT_CHUNK == 0) {
                            device.executeBatch();
                        }
                    }
                    device.executeBatch();
                }
                audit.append(connection, actor, "batch.create", "batch " + batchId, Simulation.audited(spec,
                        spec.quantity() + " devices, plan '" + spec.plan() + "', profiles " + spec.profiles().stream()
                                .map(BatchSpec.ProfileSpec::agreementId).toList() + ", vendor " + spec.vendor()
                                + ", SM-DP+ " + spec.smdp()));
                return null;
            });
        } catch (SQLException e) {
            throw new SQLException("batch " + batchId + " was not created: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** Device {@code i}'s market: contiguous runs per market, sized in proportion to the weights. */
    static List<String> marketOfEachDevice(BatchSpec spec) {
        long total = spec.markets().stream().mapToLong(BatchSpec.MarketSpec::weight).sum();
        int markets = spec.markets().size();
        long[] count = new long[markets];
        double[] remainder = new double[markets];
        long given = 0;
        for (int m = 0; m < markets; m++) {
            double exact = (double) spec.quantity() * spec.markets().get(m).weight() / total;
            count[m] = (long) Math.floor(exact);
            remainder[m] = exact - count[m];
            given += count[m];
        }
        while (given < spec.quantity()) {
            int best = 0;
            for (int m = 1; m < markets; m++) {
                if (remainder[m] > remainder[best]) {
                    best = m;
                }
            }
            count[best]++;
            remainder[best] = -1;
            given++;
        }
        List<String> each = new ArrayList<>(spec.quantity());
        for (int m = 0; m < markets; m++) {
            for (long i = 0; i < count[m]; i++) {
                each.add(spec.markets().get(m).country());
            }
        }
        return each;
    }

    public Optional<BatchInfo> batch(String batchId) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id, spec, state, created_at, created_by FROM batch WHERE id = ?")) {
            query.setString(1, batchId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(info(row)) : Optional.empty();
            }
        }
    }

    public List<BatchInfo> list() throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id, spec, state, created_at, created_by FROM batch ORDER BY created_at, id");
                ResultSet row = query.executeQuery()) {
            List<BatchInfo> batches = new ArrayList<>();
            while (row.next()) {
                batches.add(info(row));
            }
            return batches;
        }
    }

    private static BatchInfo info(ResultSet row) throws SQLException {
        return new BatchInfo(row.getString(1), fromJson(row.getString(2)), row.getString(3),
                row.getObject(4, OffsetDateTime.class).toInstant(), row.getString(5));
    }

    /** How many devices of the batch are in each stage (stages without devices are absent). */
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
     * Devices of a batch in index order, from {@code fromIndex}, at most {@code limit}, in one of {@code stages}
     * (all stages when empty), with their ICCIDs.
     */
    public List<DeviceInfo> devices(String batchId, int fromIndex, int limit, List<Stage> stages) throws SQLException {
        return devices(batchId, fromIndex, 0, limit, stages);
    }

    /**
     * Devices of a batch in one of {@code stages} (all stages when empty), in index order, skipping the first
     * {@code offset} of them, at most {@code limit}, with their ICCIDs: a page of a table of such devices.
     */
    public List<DeviceInfo> devicesAt(String batchId, List<Stage> stages, long offset, int limit) throws SQLException {
        if (stages.isEmpty() && offset <= Integer.MAX_VALUE) {
            // Indexes run 0..quantity-1 without gaps: the offset is the index, found through the primary key.
            return devices(batchId, (int) offset, 0, limit, stages);
        }
        return devices(batchId, 0, offset, limit, stages);
    }

    private List<DeviceInfo> devices(String batchId, int fromIndex, long offset, int limit, List<Stage> stages)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT d.idx, d.stage, d.market, d.eid, d.serial, d.activate_from, "
                + "d.failure, a.iccid, d.eim_association_token FROM (SELECT * FROM device WHERE batch_id = ? AND "
                + "idx >= ?");
        if (!stages.isEmpty()) {
            sql.append(" AND stage IN (").append("?,".repeat(stages.size() - 1)).append("?)");
        }
        sql.append(" ORDER BY idx LIMIT ? OFFSET ?) d LEFT JOIN profile_assignment a ON a.batch_id = d.batch_id "
                + "AND a.device_idx = d.idx ORDER BY d.idx, a.position");
        List<DeviceInfo> devices = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(sql.toString())) {
            int p = 1;
            query.setString(p++, batchId);
            query.setInt(p++, fromIndex);
            for (Stage stage : stages) {
                query.setString(p++, stage.name());
            }
            query.setInt(p++, limit);
            query.setLong(p, offset);
            try (ResultSet row = query.executeQuery()) {
                int current = -1;
                List<String> iccids = new ArrayList<>();
                String[] fields = null;
                while (row.next()) {
                    int index = row.getInt(1);
                    if (index != current) {
                        if (fields != null) {
                            devices.add(device(batchId, current, fields, iccids));
                        }
                        current = index;
                        iccids = new ArrayList<>();
                        fields = new String[] { row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                                row.getString(6), row.getString(7), row.getString(9) };
                    }
                    String iccid = row.getString(8);
                    if (iccid != null) {
                        iccids.add(iccid);
                    }
                }
                if (fields != null) {
                    devices.add(device(batchId, current, fields, iccids));
                }
            }
        }
        return devices;
    }

    private static DeviceInfo device(String batchId, int index, String[] fields, List<String> iccids) {
        return new DeviceInfo(batchId, index, Stage.valueOf(fields[0]), fields[1], fields[2], fields[3], iccids,
                fields[4], fields[5], fields[6] == null ? null : Long.valueOf(fields[6]));
    }

    /** The device with this EID, ICCID or serial, in any batch. */
    public Optional<DeviceInfo> findDevice(String eidIccidOrSerial) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT batch_id, idx FROM device WHERE eid = ? "
                        + "OR serial = ? UNION SELECT batch_id, device_idx FROM profile_assignment WHERE iccid = ?")) {
            query.setString(1, eidIccidOrSerial);
            query.setString(2, eidIccidOrSerial);
            query.setString(3, eidIccidOrSerial);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                List<DeviceInfo> found = devices(row.getString(1), row.getInt(2), 1, List.of());
                return found.stream().findFirst();
            }
        }
    }

    /**
     * The work orders a device went through, as far as they are recorded: its current order and those whose
     * reconciliation found something wrong with it.
     */
    public List<String> ordersOf(String batchId, int deviceIndex) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT order_id FROM device WHERE batch_id = ? "
                        + "AND idx = ? AND order_id IS NOT NULL UNION SELECT order_id FROM mismatch WHERE batch_id = ? "
                        + "AND device_idx = ?")) {
            query.setString(1, batchId);
            query.setInt(2, deviceIndex);
            query.setString(3, batchId);
            query.setInt(4, deviceIndex);
            List<String> orders = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    orders.add(row.getString(1));
                }
            }
            return orders;
        }
    }

    public long mismatchCount(String batchId) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM mismatch WHERE batch_id = ?")) {
            query.setString(1, batchId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * One page of the batch's mismatches, in the order found: a batch whose vendor reported garbage may hold one per
     * device, so no caller reads them all at once.
     */
    public List<Mismatch> mismatches(String batchId, long offset, int limit) throws SQLException {
        return mismatches(batchId, null, offset, limit);
    }

    /** The mismatches of one device, in the order found (a device has a handful at most). */
    public List<Mismatch> mismatches(String batchId, int deviceIndex) throws SQLException {
        return mismatches(batchId, deviceIndex, 0, Integer.MAX_VALUE);
    }

    private List<Mismatch> mismatches(String batchId, Integer deviceIndex, long offset, int limit)
            throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT order_id, device_idx, eid, reason "
                        + "FROM mismatch WHERE batch_id = ?" + (deviceIndex == null ? "" : " AND device_idx = ?")
                        + " ORDER BY id LIMIT ? OFFSET ?")) {
            int parameter = 1;
            query.setString(parameter++, batchId);
            if (deviceIndex != null) {
                query.setInt(parameter++, deviceIndex);
            }
            query.setInt(parameter++, limit);
            query.setLong(parameter, offset);
            List<Mismatch> found = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    int index = row.getInt(2);
                    found.add(new Mismatch(row.getString(1), row.wasNull() ? null : index, row.getString(3),
                            row.getString(4)));
                }
            }
            return found;
        }
    }

    /**
     * Cancels an open batch: devices not yet shipped are voided and its unfinished orders stop; shipped devices stay
     * as they are. Returns the devices voided.
     */
    public long cancel(String batchId, String actor) throws SQLException {
        return changeOpenBatch(batchId, actor, "batch.cancel", " devices voided", connection -> {
            long voided = update(connection, "UPDATE device SET stage = 'VOID', failure = 'batch cancelled' "
                    + "WHERE batch_id = ? AND stage NOT IN ('SHIPPED', 'ACTIVATION_SCHEDULED', 'VOID')", batchId);
            update(connection, "UPDATE work_order SET stage = 'VOID', claimed_by = NULL, claimed_until = NULL "
                    + "WHERE batch_id = ? AND stage NOT IN ('SHIPPED', 'ACTIVATION_SCHEDULED', 'VOID')", batchId);
            update(connection, "UPDATE batch SET state = 'CANCELLED' WHERE id = ?", batchId);
            return voided;
        });
    }

    /**
     * Sends the devices waiting in RETRY back to the step that failed (their orders with them), with fresh attempts,
     * and those held in CONTENT_MISMATCH to personalization again. Returns the devices re-queued.
     */
    public long resume(String batchId, String actor) throws SQLException {
        return changeOpenBatch(batchId, actor, "batch.resume", " devices re-queued", connection -> {
            long requeued = update(connection, "UPDATE device SET stage = retry_stage, retry_stage = NULL, "
                    + "failure = NULL WHERE batch_id = ? AND stage = 'RETRY'", batchId);
            // A device whose content did not match goes to the vendor again; its eUICC stays recorded in mismatch.
            requeued += update(connection, "UPDATE device SET stage = 'REPERSONALIZE', eid = NULL, failure = NULL "
                    + "WHERE batch_id = ? AND stage = 'CONTENT_MISMATCH'", batchId);
            update(connection, "UPDATE work_order SET stage = retry_stage, retry_stage = NULL, attempts = 0, "
                    + "not_before = NULL, claimed_by = NULL, claimed_until = NULL WHERE batch_id = ? AND stage = 'RETRY'",
                    batchId);
            return requeued;
        });
    }

    /**
     * Changes an open batch in one transaction with its audit entry ({@code count} and {@code what} as details); a
     * batch that is not open is refused, naming its state.
     */
    private long changeOpenBatch(String batchId, String actor, String action, String what, Database.Work<Long> change)
            throws SQLException {
        return database.transaction(connection -> {
            String state = lockBatch(connection, batchId);
            if (!state.equals("OPEN")) {
                throw new IllegalStateException("batch " + batchId + " is " + state.toLowerCase(java.util.Locale.ROOT) + ", not open");
            }
            long count = change.run(connection);
            audit.append(connection, actor, action, "batch " + batchId, count + what);
            return count;
        });
    }

    private static int update(Connection connection, String sql, String batchId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, batchId);
            return update.executeUpdate();
        }
    }

    /** Locks the batch row for the transaction and returns its state; an unknown batch is an error naming it. */
    static String lockBatch(Connection connection, String batchId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT state FROM batch WHERE id = ? FOR UPDATE")) {
            query.setString(1, batchId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("no batch " + batchId);
                }
                return row.getString(1);
            }
        }
    }

    AuditLog audit() {
        return audit;
    }

    OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static String toJson(BatchSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a batch spec is plain data and always writes as JSON", e);
        }
    }

    static BatchSpec fromJson(String json) throws SQLException {
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree instanceof ObjectNode spec && !spec.has("simulated")) {
                // Stored before batches said it: those were simulated when they named a simulated partner.
                spec.put("simulated", Simulation.isSimulatedPartner(spec.path("vendor").asText())
                        || Simulation.isSimulatedPartner(spec.path("smdp").asText()));
            }
            return JSON.treeToValue(tree, BatchSpec.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored batch spec does not read back: " + e.getOriginalMessage(), e);
        }
    }
}
