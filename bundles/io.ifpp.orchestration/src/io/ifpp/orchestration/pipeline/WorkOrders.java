package io.ifpp.orchestration.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.store.Database;

/**
 * Work orders in the database, as one engine sees them: claimed with {@code FOR UPDATE SKIP LOCKED} and a lease,
 * moved on only while the claim holds (the order, its devices and the audit entry in one transaction), let go to
 * wait for a vendor, deferred after a transport failure, or held in RETRY.
 */
final class WorkOrders {

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final String engineId;
    private final Duration lease;

    WorkOrders(Database database, AuditLog audit, Clock clock, String engineId, Duration lease) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.engineId = engineId;
        this.lease = lease;
    }

    /** More changes made in a transition's transaction. */
    @FunctionalInterface
    interface Also {
        void run(Connection connection) throws SQLException;
    }

    /** Claims up to {@code limit} orders of the batch that are ready for a step and nobody else holds. */
    List<WorkOrder> claim(String batchId, int limit) throws SQLException {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            List<WorkOrder> claimed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, seq, stage, device_count, "
                    + "first_eid, COALESCE((SELECT p.sealed FROM order_payload p WHERE p.order_id = work_order.id), "
                    + "sealed), attempts FROM work_order WHERE batch_id = ? AND stage IN ('PLANNED', "
                    + "'PROFILES_RESERVED', 'ORDER_SENT', 'REPORT_RECEIVED', 'RECONCILED', 'BOUND', 'SHIPPED') "
                    + "AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?) "
                    + "AND (not_before IS NULL OR not_before <= ?) ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED");
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE work_order SET claimed_by = ?, claimed_until = ? WHERE id = ?")) {
                select.setString(1, batchId);
                select.setObject(2, now.atOffset(ZoneOffset.UTC));
                select.setString(3, engineId);
                select.setObject(4, now.atOffset(ZoneOffset.UTC));
                select.setInt(5, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        claimed.add(new WorkOrder(row.getString(1), batchId, row.getInt(2),
                                Stage.valueOf(row.getString(3)), row.getInt(4), row.getString(5), row.getBytes(6),
                                row.getInt(7)));
                    }
                }
                for (WorkOrder order : claimed) {
                    update.setString(1, engineId);
                    update.setObject(2, now.plus(lease).atOffset(ZoneOffset.UTC));
                    update.setString(3, order.id());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return claimed;
        });
    }

    /** Whether any order of the batch is on its way, or any device waits for an order. */
    boolean hasWorking(String batchId) throws SQLException {
        return count("SELECT COUNT(*) FROM work_order WHERE batch_id = ? AND stage IN ('PLANNED', 'PROFILES_RESERVED', "
                + "'ORDER_SENT', 'REPORT_RECEIVED', 'RECONCILED', 'BOUND', 'SHIPPED')", batchId) > 0
                || count("SELECT COUNT(*) FROM device WHERE batch_id = ? AND (stage = 'REPERSONALIZE' "
                        + "OR (stage = 'PLANNED' AND order_id IS NULL))", batchId) > 0;
    }

    /** Nothing left to work on: the batch is complete unless devices wait for a person (RETRY, CONTENT_MISMATCH). */
    String settle(String batchId) throws SQLException {
        return database.transaction(connection -> {
            String state = BatchStore.lockBatch(connection, batchId);
            if (!state.equals("OPEN")) {
                return state;
            }
            long retry;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM device WHERE batch_id = ? AND stage IN ('RETRY', 'CONTENT_MISMATCH')")) {
                query.setString(1, batchId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    retry = row.getLong(1);
                }
            }
            if (retry > 0) {
                return state;
            }
            try (PreparedStatement complete = connection.prepareStatement(
                    "UPDATE batch SET state = 'COMPLETED' WHERE id = ?")) {
                complete.setString(1, batchId);
                complete.executeUpdate();
            }
            audit.append(connection, engineId, "batch.complete", "batch " + batchId,
                    "every device is activation-scheduled or void");
            return "COMPLETED";
        });
    }

    /** Extends the claims on these orders that still hold (the heartbeat of a working engine). */
    void renew(Iterable<String> orderIds) {
        for (String orderId : orderIds) {
            Instant now = clock.instant();
            try {
                database.transaction(connection -> {
                    try (PreparedStatement renew = connection.prepareStatement("UPDATE work_order SET claimed_until = ? "
                            + "WHERE id = ? AND claimed_by = ? AND claimed_until >= ?")) {
                        renew.setObject(1, now.plus(lease).atOffset(ZoneOffset.UTC));
                        renew.setString(2, orderId);
                        renew.setString(3, engineId);
                        renew.setObject(4, now.atOffset(ZoneOffset.UTC));
                        return renew.executeUpdate();
                    }
                });
            } catch (SQLException | RuntimeException e) {
                // Not renewed: the step finds out when it commits (its claim is checked there).
            }
        }
    }

    /** Sets one column of an order this engine still holds; false when its claim ran out. */
    boolean updateClaimed(Connection connection, WorkOrder order, String assignment, Object value)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE work_order SET " + assignment
                + " WHERE id = ? AND claimed_by = ? AND claimed_until >= ?")) {
            update.setObject(1, value);
            update.setString(2, order.id());
            update.setString(3, engineId);
            update.setObject(4, clock.instant().atOffset(ZoneOffset.UTC));
            return update.executeUpdate() == 1;
        }
    }

    /** Moves the order's devices that are where the order was to {@code to}, with more assignments; returns how many. */
    static int moveDevices(Connection connection, WorkOrder order, Stage to, String deviceAssignments,
            Object parameter) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE device SET stage = ?" + deviceAssignments
                + " WHERE batch_id = ? AND order_id = ? AND stage = ?")) {
            int p = 1;
            update.setString(p++, to.name());
            if (parameter != null) {
                update.setObject(p++, parameter);
            }
            update.setString(p++, order.batchId());
            update.setString(p++, order.id());
            update.setString(p, order.stage().name());
            return update.executeUpdate();
        }
    }

    /**
     * Moves the order to {@code to} with {@code also} in one transaction, with its audit entry, while this engine's
     * claim holds (else nothing is committed); the claim is renewed so the engine can take the next step.
     */
    WorkOrder transition(WorkOrder order, Stage to, String details, Also also)
            throws SQLException, WorkOrder.ClaimLost {
        Instant now = clock.instant();
        boolean held = database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE work_order SET stage = ?, attempts = 0, "
                    + "failure = NULL, not_before = NULL, claimed_until = ? WHERE id = ? AND stage = ? "
                    + "AND claimed_by = ? AND claimed_until >= ?")) {
                update.setString(1, to.name());
                update.setObject(2, now.plus(lease).atOffset(ZoneOffset.UTC));
                update.setString(3, order.id());
                update.setString(4, order.stage().name());
                update.setString(5, engineId);
                update.setObject(6, now.atOffset(ZoneOffset.UTC));
                if (update.executeUpdate() != 1) {
                    connection.rollback();
                    return false;
                }
            }
            also.run(connection);
            audit.append(connection, engineId, "order." + to.name().toLowerCase(), "order " + order.id(),
                    details);
            return true;
        });
        if (!held) {
            throw new WorkOrder.ClaimLost(order.id());
        }
        return to == Stage.ACTIVATION_SCHEDULED ? null
                : new WorkOrder(order.id(), order.batchId(), order.seq(), to, order.deviceCount(), order.firstEid(),
                        order.sealed(), 0);
    }

    /** Lets go of the order until {@code after} from now (the vendor is not done yet). */
    void release(WorkOrder order, Duration after) throws SQLException {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE work_order SET not_before = ?, "
                    + "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?")) {
                update.setObject(1, clock.instant().plus(after).atOffset(ZoneOffset.UTC));
                update.setString(2, order.id());
                update.setString(3, engineId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Puts the order and its devices in RETRY at the stage that failed, with the reason (audited); returns the
     * devices moved (none when the claim ran out meanwhile).
     */
    long holdForRetry(WorkOrder order, int attempts, String reason) throws SQLException {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE work_order SET stage = 'RETRY', "
                    + "retry_stage = ?, attempts = ?, failure = ?, claimed_by = NULL, claimed_until = NULL "
                    + "WHERE id = ? AND stage = ? AND claimed_by = ?");
                    PreparedStatement move = connection.prepareStatement("UPDATE device SET stage = 'RETRY', "
                            + "retry_stage = ?, failure = ? WHERE batch_id = ? AND order_id = ? AND stage = ?")) {
                update.setString(1, order.stage().name());
                update.setInt(2, attempts);
                update.setString(3, truncate(reason));
                update.setString(4, order.id());
                update.setString(5, order.stage().name());
                update.setString(6, engineId);
                if (update.executeUpdate() != 1) {
                    return 0L;
                }
                move.setString(1, order.stage().name());
                move.setString(2, truncate(reason));
                move.setString(3, order.batchId());
                move.setString(4, order.id());
                move.setString(5, order.stage().name());
                long moved = move.executeUpdate();
                audit.append(connection, engineId, "order.retry", "order " + order.id(),
                        "waits in RETRY at " + order.stage() + ": " + truncate(reason));
                return moved;
            }
        });
    }

    /** Lets go of the order after a transport failure, to be tried again {@code after} from now. */
    void defer(WorkOrder order, int attempts, String reason, Duration after) throws SQLException {
        Instant now = clock.instant();
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE work_order SET attempts = ?, "
                    + "failure = ?, not_before = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? "
                    + "AND claimed_by = ?")) {
                update.setInt(1, attempts);
                update.setString(2, truncate(reason));
                update.setObject(3, now.plus(after).atOffset(ZoneOffset.UTC));
                update.setString(4, order.id());
                update.setString(5, engineId);
                update.executeUpdate();
            }
            return null;
        });
    }

    long count(String sql, String batchId) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, batchId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }
}
