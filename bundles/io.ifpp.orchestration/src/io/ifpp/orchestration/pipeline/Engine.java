package io.ifpp.orchestration.pipeline;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.reconcile.Reconciliation;
import io.ifpp.orchestration.store.Database;
import io.ifpp.profile.DeviceValues;
import io.ifpp.profile.InitialEim;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.GsmaChainVerifier;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.SignatureKeyPair;

/**
 * Carries batches through the pipeline. A batch is cut into work orders of up to {@link Settings#orderSize()}
 * devices; an engine claims orders with a lease (several engines share a PostgreSQL database, each order worked by
 * one) and takes each through reserve at the SM-DP+, seal and submit to the vendor, collect and verify the report,
 * reconcile, bind to serials, ship and schedule activation. Each step's outcome is committed, with its audit entry,
 * before the next begins, and what a step sends (the sealed order) is stored before it is sent, so a step cut off at
 * any instant is repeated from the database: connectors are idempotent by order id and ICCID.
 */
public final class Engine {

    /**
     * @param engineId this engine's name in claims: an engine restarted under the same name takes back its own
     *        claims at once, others wait for the lease to run out (so give every engine that runs at the same time a
     *        name of its own)
     * @param maxAttempts a step that keeps failing in transport is tried this often before its devices wait in RETRY
     * @param maxPersonalizations a device whose personalization fails (or does not reconcile) this often is voided
     * @param databaseOutage how long a run waits for a database it cannot reach (restarted, failed over, the network
     *        down) before it gives up; meanwhile it tries again, its batch left where the last commit put it
     */
    public record Settings(String engineId, int orderSize, Duration lease, Duration poll, int maxAttempts,
            int maxPersonalizations, RetryPolicy retry, Duration databaseOutage) {

        public static Settings defaults(String engineId) {
            return new Settings(engineId, 1_000, Duration.ofSeconds(60), Duration.ofMillis(200), 8, 3,
                    new RetryPolicy(3, Duration.ofMillis(100), 2.0), Duration.ofMinutes(5));
        }

        public Settings withLease(Duration value) {
            return new Settings(engineId, orderSize, value, poll, maxAttempts, maxPersonalizations, retry,
                    databaseOutage);
        }

        public Settings withOrderSize(int value) {
            return new Settings(engineId, value, lease, poll, maxAttempts, maxPersonalizations, retry, databaseOutage);
        }

        public Settings withDatabaseOutage(Duration value) {
            return new Settings(engineId, orderSize, lease, poll, maxAttempts, maxPersonalizations, retry, value);
        }
    }

    /** What the engine tells as it goes (progress bars, logs); called on the engine's thread. */
    public interface Listener {

        default void started(String batchId, Map<Stage, Long> counts) {
        }

        default void moved(Stage from, Stage to, long devices) {
        }

        /** The batch's counts as the database has them now (other engines move devices too). */
        default void recounted(Map<Stage, Long> counts) {
        }

        /** Something an operator should know, e.g. a step deferred or an order re-sent. No secrets. */
        default void note(String message) {
        }

        /**
         * Asked between steps: true ends the run there, leaving the batch open and resumable. The way to stop a run
         * early (a cancelled job, a server shutting down): interrupting the thread instead can hit the database in
         * the middle of a read, and H2 closes its file when a thread reading it is interrupted.
         */
        default boolean stopRequested() {
            return false;
        }
    }

    /**
     * Where a batch stands after a run.
     *
     * @param transitions device stage changes this engine made in the run (a device passing a stage is one)
     */
    public record Summary(String batchId, String state, Map<Stage, Long> counts, long repersonalized,
            long mismatches, long transitions, Duration elapsed) {

        public long devices() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        public long count(Stage stage) {
            return counts.getOrDefault(stage, 0L);
        }
    }

    private static final long RECOUNT_NANOS = 5_000_000_000L;

    private final Database database;
    private final BatchStore store;
    private final AuditLog audit;
    private final Partners partners;
    private final SignatureKeyPair orderer;
    private final Clock clock;
    private final Settings settings;
    private final OrderFormation formation;
    private final WorkOrders orders;
    /** The orders this engine is working on now, whose claims the heartbeat extends. */
    private static final java.security.SecureRandom ASSOCIATION_TOKENS = new java.security.SecureRandom();

    private final KemKeyPair.PublicKeys keeper;
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    private final LongAdder transitions = new LongAdder();

    /** @param orderer IFPP Studio's signature keys: vendors accept orders signed with them */
    /** An engine that keeps no copy of its orders ({@link KeptPackages} cannot export what it seals). */
    public Engine(Database database, Partners partners, SignatureKeyPair orderer, Clock clock, Settings settings) {
        this(database, partners, orderer, null, clock, settings);
    }

    /**
     * @param orderer IFPP Studio's signing key: orders are signed with it
     * @param keeper IFPP Studio's own sealing key: each order's payload is also sealed to it and kept, so that
     *        {@link KeptPackages} can give a device's packages to an independent check; null to keep no copy
     */
    public Engine(Database database, Partners partners, SignatureKeyPair orderer, KemKeyPair.PublicKeys keeper,
            Clock clock, Settings settings) {
        this.database = database;
        this.keeper = keeper;
        this.store = new BatchStore(database, clock);
        this.audit = store.audit();
        this.partners = partners;
        this.orderer = orderer;
        this.clock = clock;
        this.settings = settings;
        this.formation = new OrderFormation(database, audit, settings.engineId(), settings.orderSize());
        this.orders = new WorkOrders(database, audit, clock, settings.engineId(), settings.lease());
    }

    /**
     * Works on the batch until every device is activation-scheduled, voided or waiting in RETRY (or the batch is
     * cancelled, or the listener asks to stop); returns where it stands (state OPEN when stopped early).
     */
    public Summary run(String batchId, Listener listener) throws SQLException, InterruptedException {
        Instant start = clock.instant();
        BatchStore.BatchInfo batch = store.batch(batchId)
                .orElseThrow(() -> new IllegalArgumentException("no batch " + batchId));
        listener.started(batchId, store.counts(batchId));
        String state = batch.state();
        long recounted = System.nanoTime();
        Outage outage = new Outage(listener);
        ScheduledExecutorService heartbeat = heartbeat();
        try {
            while (state.equals("OPEN")) {
                try {
                    if (System.nanoTime() - recounted > RECOUNT_NANOS) {
                        listener.recounted(store.counts(batchId));
                        recounted = System.nanoTime();
                    }
                    if (Thread.interrupted()) {
                        throw new InterruptedException("the run of batch " + batchId + " was interrupted");
                    }
                    if (listener.stopRequested()) {
                        break;
                    }
                    int again = formation.formOrders(batch);
                    if (again > 0) {
                        moved(listener, Stage.REPERSONALIZE, Stage.PROFILES_RESERVED, again);
                    }
                    List<WorkOrder> claimed = orders.claim(batchId, 1);
                    if (claimed.isEmpty()) {
                        if (!orders.hasWorking(batchId)) {
                            state = orders.settle(batchId);
                            break;
                        }
                        Thread.sleep(settings.poll().toMillis());
                    }
                    for (WorkOrder order : claimed) {
                        work(batch.spec(), order, listener);
                    }
                    state = batchState(batchId);
                    outage.over();
                } catch (SQLException e) {
                    outage.waitOut(e);
                }
            }
            while (true) {
                try {
                    return new Summary(batchId, state, store.counts(batchId), orders.count(
                            "SELECT COUNT(*) FROM device WHERE batch_id = ? AND personalizations > 1", batchId),
                            orders.count("SELECT COUNT(*) FROM mismatch WHERE batch_id = ?", batchId),
                            transitions.sum(), Duration.between(start, clock.instant()));
                } catch (SQLException e) {
                    outage.waitOut(e);
                }
            }
        } finally {
            heartbeat.shutdownNow();
        }
    }

    /**
     * A database the run cannot reach: every step is committed or not at all, so the run only has to wait and then go
     * on from what the database holds (a step cut off is done again). Up to {@link Settings#databaseOutage()}, with
     * growing pauses; any other database error ends the run at once.
     */
    private final class Outage {

        private final Listener listener;
        private long since;
        private long pauseMillis;

        Outage(Listener listener) {
            this.listener = listener;
        }

        void over() {
            if (since != 0) {
                listener.note("the database is reachable again after " + (System.nanoTime() - since) / 1_000_000
                        + " ms; the run goes on");
                since = 0;
            }
        }

        void waitOut(SQLException e) throws SQLException, InterruptedException {
            if (!Database.unreachable(e)) {
                throw e;
            }
            long now = System.nanoTime();
            if (since == 0) {
                since = now;
                pauseMillis = 100;
            }
            if (now - since > settings.databaseOutage().toNanos()) {
                throw new SQLException("the database was unreachable for more than " + settings.databaseOutage()
                        .toSeconds() + " s: " + e.getMessage(), e.getSQLState(), e);
            }
            listener.note("the database is unreachable (" + e.getMessage() + "); trying again in " + pauseMillis
                    + " ms");
            Thread.sleep(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, 5_000);
        }
    }

    /**
     * Cancels a batch: the vendor is asked to stop its orders in progress (a completed one cannot be, which is
     * fine: its devices are voided all the same), then the store voids what is not shipped.
     */
    public long cancel(String batchId, String actor, Listener listener) throws SQLException {
        BatchStore.BatchInfo batch = store.batch(batchId)
                .orElseThrow(() -> new IllegalArgumentException("no batch " + batchId));
        List<String> sent = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT id FROM work_order WHERE batch_id = ? AND stage = 'ORDER_SENT' ORDER BY seq")) {
            query.setString(1, batchId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    sent.add(row.getString(1));
                }
            }
        }
        for (String orderId : sent) {
            try {
                partners.vendor(batch.spec().vendor()).cancel(orderId);
            } catch (ConnectorException e) {
                listener.note("order " + orderId + " was not cancelled at the vendor: " + e.getMessage());
            }
        }
        return store.cancel(batchId, actor);
    }

    // ---- the steps -----------------------------------------------------------------------------------------------

    /**
     * Keeps the claims on the orders this engine is working on while a step takes long (a slow connector, a big
     * report): every third of the lease, each claim that still holds is extended. A dead engine's claims are not.
     */
    private ScheduledExecutorService heartbeat() {
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ifpp-engine-lease-" + settings.engineId());
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, settings.lease().toMillis() / 3);
        beat.scheduleAtFixedRate(() -> orders.renew(working), period, period, TimeUnit.MILLISECONDS);
        return beat;
    }

    /** Tells the listener, and counts the transitions for the summary. */
    private void moved(Listener listener, Stage from, Stage to, long devices) {
        transitions.add(devices);
        listener.moved(from, to, devices);
    }

    /** Takes a claimed order as far as it goes now. */
    private void work(BatchSpec spec, WorkOrder claimed, Listener listener) throws SQLException {
        WorkOrder order = claimed;
        WorkOrder current = claimed;
        working.add(claimed.id());
        try {
            while (order != null) {
                current = order;
                order = switch (order.stage()) {
                    case PLANNED -> reserve(spec, order, listener);
                    case PROFILES_RESERVED -> sealAndSubmit(spec, order, listener);
                    case ORDER_SENT -> collectReport(spec, order, listener);
                    case REPORT_RECEIVED -> reconcile(spec, order, listener);
                    case RECONCILED -> bind(spec, order, listener);
                    case BOUND -> advance(order, Stage.SHIPPED, "", "shipped", listener);
                    case SHIPPED -> schedule(spec, order, listener);
                    default -> null;
                };
            }
        } catch (WorkOrder.ClaimLost lost) {
            listener.note(lost.getMessage() + "; another engine carries it on");
        } catch (ConnectorException e) {
            failed(current, e.retryable(), e.getMessage(), listener);
        } catch (WorkOrder.Unformable e) {
            failed(current, false, e.getMessage(), listener);
        } finally {
            working.remove(claimed.id());
        }
    }

    /** PLANNED: each ICCID of the order is reserved at the SM-DP+ (ES2+ DownloadOrder by ICCID). */
    private WorkOrder reserve(BatchSpec spec, WorkOrder order, Listener listener)
            throws SQLException, ConnectorException, WorkOrder.ClaimLost {
        ProfileOrderingConnector smdp = partners.smdp(spec.smdp());
        for (Ordered device : ordered(order)) {
            for (int position = 0; position < device.iccids().size(); position++) {
                Iccid iccid = Iccid.of(device.iccids().get(position));
                String profileType = spec.profiles().get(position).profileType();
                try {
                    callWithRetry(listener, () -> smdp.downloadOrder(Optional.empty(), Optional.of(iccid),
                            Optional.of(profileType)));
                } catch (ConnectorException e) {
                    if (!reservedBefore(e)) {
                        throw new ConnectorException(e.reason(), "reserving ICCID " + iccid + " of order "
                                + order.id() + " at SM-DP+ " + spec.smdp() + ": " + e.getMessage(),
                                e.statusCode().orElse(null), e);
                    }
                }
            }
        }
        return advance(order, Stage.PROFILES_RESERVED, "", "ICCIDs reserved at SM-DP+ " + spec.smdp(), listener);
    }

    /**
     * A repeated reservation after a crash finds the profile allocated already (ES2+ 8.2.1/3.3, ICCID already in
     * use): the ICCID range is this batch's, so that is the first reservation's result.
     */
    private static boolean reservedBefore(ConnectorException e) {
        return e.statusCode().map(code -> code.subjectCode().equals("8.2.1") && code.reasonCode().equals("3.3"))
                .orElse(false);
    }

    /**
     * PROFILES_RESERVED: the order gets its EID range, then its payload is made: the batch's designs once, and per
     * device and profile fresh values (Ki, OPc, every PIN, PUK and ADM code the design defines) with which the design
     * is personalized here, to record the SHA-256 of the package the vendor must install. The payload is sealed for
     * the vendor and stored with those hashes before anything is sent; the stored order is submitted (again, after a
     * crash: the vendor answers a repeat as a duplicate). The values exist only in memory and in the sealed order.
     */
    private WorkOrder sealAndSubmit(BatchSpec spec, WorkOrder order, Listener listener)
            throws SQLException, ConnectorException, WorkOrder.ClaimLost, WorkOrder.Unformable {
        PersonalizationConnector vendor = partners.vendor(spec.vendor());
        WorkOrder current = order;
        if (current.firstEid() == null) {
            current = allocateEids(spec, current);
        }
        Envelope.Context context = new Envelope.Context(order.batchId(), order.seq());
        if (current.sealed() == null) {
            List<Ordered> devices = ordered(current);
            List<BatchSpec.ProfileSpec> profiles = spec.profiles();
            List<OrderPayload.Template> templates = new ArrayList<>();
            List<DevicePackages> designs = new ArrayList<>();
            for (BatchSpec.ProfileSpec profile : profiles) {
                byte[] design = profile.design();
                if (design == null) {
                    throw new WorkOrder.Unformable(order.id(), "the batch was stored without its profile designs "
                            + "(made before batches carried them): make the batch again from its plan");
                }
                try {
                    designs.add(new DevicePackages(ProfileCodec.decode(design)));
                    templates.add(new OrderPayload.Template(profile.profileType(), design));
                } catch (Asn1DecodeException | IllegalArgumentException e) {
                    throw new WorkOrder.Unformable(order.id(), "the design of profile " + profile.agreementId()
                            + " cannot be personalized: " + e.getMessage());
                }
            }
            InitialEim.Prepared eim;
            try {
                // Checked and its keys decoded once per order; each eUICC's request only adds its token.
                eim = spec.eim() == null ? null : InitialEim.prepare(spec.eim().configuration());
            } catch (IllegalArgumentException e) {
                throw new WorkOrder.Unformable(order.id(), "the batch's eIM cannot be given to the eUICCs: "
                        + e.getMessage());
            }
            List<OrderPayload.Device> secrets = new ArrayList<>(devices.size());
            List<String> hashes = new ArrayList<>(devices.size() * profiles.size());
            List<Long> tokens = new ArrayList<>(devices.size());
            byte[] payload = null;
            try {
                for (int position = 0; position < devices.size(); position++) {
                    List<OrderPayload.ProfileSecrets> values = new ArrayList<>(profiles.size());
                    List<String> iccids = devices.get(position).iccids();
                    for (int p = 0; p < iccids.size(); p++) {
                        Iccid iccid = Iccid.of(iccids.get(p));
                        DeviceValues drawn = designs.get(p).draw(iccid, designs.get(p).imsi(
                                profiles.get(p).imsiOf(iccids.get(p))));
                        values.add(new OrderPayload.ProfileSecrets(iccid, drawn.imsi().digits(), drawn.ki(),
                                drawn.opc(), drawn.codes()));
                        hashes.add(designs.get(p).make(drawn).sha256Hex());
                    }
                    byte[] eimRequest = null;
                    if (eim != null) {
                        // Each eUICC's own association token with the fleet's eIM (SGP.32), recorded for the hand-off.
                        long token = 1 + ASSOCIATION_TOKENS.nextInt(Integer.MAX_VALUE);
                        tokens.add(token);
                        eimRequest = eim.encode(BigInteger.valueOf(token));
                    }
                    secrets.add(new OrderPayload.Device(position, values, eimRequest));
                }
                payload = OrderPayload.encode(templates, secrets);
                byte[] sealed = Envelope.seal(payload, context, vendor.vendorKeys().sealing(), orderer);
                byte[] kept = keeper == null ? null : Envelope.seal(payload, context, keeper, orderer);
                current = storeSealed(current, sealed, kept, devices, hashes, tokens);
            } finally {
                if (payload != null) {
                    java.util.Arrays.fill(payload, (byte) 0);
                }
                secrets.forEach(OrderPayload.Device::destroy);
            }
        }
        submit(vendor, spec, current, context, listener);
        return advance(current, Stage.ORDER_SENT, ", personalizations = personalizations + 1",
                "submitted to vendor " + spec.vendor(), listener);
    }

    private void submit(PersonalizationConnector vendor, BatchSpec spec, WorkOrder order, Envelope.Context context,
            Listener listener) throws ConnectorException {
        PersonalizationOrder submission = new PersonalizationOrder(order.id(), order.deviceCount(),
                spec.profileTypes(), order.sealed(), context, Eid.of(order.firstEid()));
        callWithRetry(listener, () -> vendor.submit(submission));
    }

    private WorkOrder allocateEids(BatchSpec spec, WorkOrder order) throws SQLException, WorkOrder.ClaimLost {
        String firstEid = database.transaction(connection -> {
            long first = RangeCounter.take(connection, "eid:" + spec.eidPrefix(), order.deviceCount());
            String eid = Eid.withCheckDigits(spec.eidPrefix() + String.format("%022d", first)).digits();
            return orders.updateClaimed(connection, order, "first_eid = ?", eid) ? eid : null;
        });
        if (firstEid == null) {
            throw new WorkOrder.ClaimLost(order.id());
        }
        return new WorkOrder(order.id(), order.batchId(), order.seq(), order.stage(), order.deviceCount(), firstEid,
                order.sealed(), order.attempts());
    }

    /**
     * Stores the sealed order, the copy kept for IFPP Studio (or null), the SHA-256 of each package it orders
     * ({@code hashes}: per device of {@code devices}, one per profile) and each device's eIM association token (none
     * when the batch gives no eIM), in one transaction: a crash keeps all of them or none.
     */
    private WorkOrder storeSealed(WorkOrder order, byte[] sealed, byte[] kept, List<Ordered> devices,
            List<String> hashes, List<Long> tokens) throws SQLException, WorkOrder.ClaimLost {
        boolean stored = database.transaction(connection -> {
            // The claim is checked by an update that changes nothing; the bytes go to their own table, written once.
            if (!orders.updateClaimed(connection, order, "first_eid = ?", order.firstEid())) {
                return false;
            }
            try (PreparedStatement payload = connection.prepareStatement("INSERT INTO order_payload (order_id, "
                    + "sealed, kept) VALUES (?, ?, ?)")) {
                payload.setString(1, order.id());
                payload.setBytes(2, sealed);
                payload.setBytes(3, kept);
                payload.executeUpdate();
            }
            try (PreparedStatement hash = connection.prepareStatement("UPDATE profile_assignment SET package_sha256 = ? "
                    + "WHERE iccid = ?")) {
                int next = 0;
                for (Ordered device : devices) {
                    for (String iccid : device.iccids()) {
                        hash.setString(1, hashes.get(next++));
                        hash.setString(2, iccid);
                        hash.addBatch();
                    }
                }
                hash.executeBatch();
            }
            if (!tokens.isEmpty()) {
                try (PreparedStatement token = connection.prepareStatement("UPDATE device SET eim_association_token = ? "
                        + "WHERE batch_id = ? AND idx = ?")) {
                    for (int i = 0; i < devices.size(); i++) {
                        token.setLong(1, tokens.get(i));
                        token.setString(2, order.batchId());
                        token.setInt(3, devices.get(i).index());
                        token.addBatch();
                    }
                    token.executeBatch();
                }
            }
            return true;
        });
        if (!stored) {
            throw new WorkOrder.ClaimLost(order.id());
        }
        return new WorkOrder(order.id(), order.batchId(), order.seq(), order.stage(), order.deviceCount(),
                order.firstEid(), sealed, order.attempts());
    }

    /**
     * ORDER_SENT: fetches the vendor's report; it is accepted only when its signature verifies with the vendor's key,
     * and each eUICC certificate is checked against the vendor's EUM chain. A vendor that does not know the order
     * (it lost it) gets the stored order again.
     */
    private WorkOrder collectReport(BatchSpec spec, WorkOrder order, Listener listener)
            throws SQLException, ConnectorException, WorkOrder.ClaimLost {
        PersonalizationConnector vendor = partners.vendor(spec.vendor());
        Optional<SignedReport> signed;
        try {
            signed = callWithRetry(listener, () -> vendor.report(order.id()));
        } catch (ConnectorException e) {
            if (e.reason() != ConnectorException.Reason.UNKNOWN_ORDER) {
                throw e;
            }
            submit(vendor, spec, order, new Envelope.Context(order.batchId(), order.seq()), listener);
            audit.append(settings.engineId(), "order.resend", "order " + order.id(),
                    "vendor " + spec.vendor() + " did not know the order; the stored sealed order was sent again");
            listener.note("order " + order.id() + " sent again: vendor " + spec.vendor() + " did not know it");
            return waitFor(order);
        }
        if (signed.isEmpty()) {
            return waitFor(order);
        }
        PersonalizationReport report;
        try {
            report = PersonalizationReport.verify(signed.get(), vendor.vendorKeys().signing(), vendor.reportReader());
        } catch (ConnectorException e) {
            // A report that does not verify or read is not retried by polling: its devices wait for a person.
            throw new ConnectorException(ConnectorException.Reason.BAD_SIGNATURE.equals(e.reason())
                    ? ConnectorException.Reason.BAD_SIGNATURE : ConnectorException.Reason.REJECTED,
                    "report of order " + order.id() + " refused: " + e.getMessage(), e);
        }
        List<byte[]> eumChain = partners.eumChain(spec.vendor());
        Instant now = clock.instant();
        // Each chain check verifies three signatures: spread over the cores, they are most of this step's time.
        List<String> certificateProblems = report.devices().parallelStream()
                .map(device -> certificateProblem(eumChain, device, now)).toList();
        byte[] payload = signed.get().payload();
        byte[] signature = signed.get().signature();
        long[] devices = new long[1];
        WorkOrder next = orders.transition(order, Stage.REPORT_RECEIVED, "report verified, " + report.devices().size()
                + " lines", connection -> {
                    devices[0] = WorkOrders.moveDevices(connection, order, Stage.REPORT_RECEIVED, "", null);
                    try (PreparedStatement clear = connection.prepareStatement(
                            "DELETE FROM report_device WHERE order_id = ?");
                            PreparedStatement insert = connection.prepareStatement("INSERT INTO report_device "
                                    + "(order_id, line, eid, result, iccids, package_hashes, certificate_verdict, "
                                    + "failure) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                            PreparedStatement keep = connection.prepareStatement(
                                    "UPDATE order_payload SET report = ?, report_signature = ? WHERE order_id = ?")) {
                        clear.setString(1, order.id());
                        clear.executeUpdate();
                        int line = 0;
                        for (PersonalizationReport.DeviceResult device : report.devices()) {
                            ReportLine stored = ReportLine.of(device, certificateProblems.get(line));
                            insert.setString(1, order.id());
                            insert.setInt(2, ++line);
                            insert.setString(3, stored.eid());
                            insert.setString(4, stored.result());
                            insert.setString(5, stored.iccids());
                            insert.setString(6, stored.packageHashes());
                            insert.setString(7, stored.certificateVerdict());
                            insert.setString(8, stored.failure());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        keep.setBytes(1, payload);
                        keep.setBytes(2, signature);
                        keep.setString(3, order.id());
                        if (keep.executeUpdate() == 0) {
                            // An order sealed before order_payload existed keeps its report in its own row.
                            try (PreparedStatement old = connection.prepareStatement(
                                    "UPDATE work_order SET report = ?, report_signature = ? WHERE id = ?")) {
                                old.setBytes(1, payload);
                                old.setBytes(2, signature);
                                old.setString(3, order.id());
                                old.executeUpdate();
                            }
                        }
                    }
                });
        moved(listener, order.stage(), Stage.REPORT_RECEIVED, devices[0]);
        return next;
    }

    /** Empty when the device's certificate verifies under the EUM chain and names the reported EID; else why not. */
    private static String certificateProblem(List<byte[]> eumChain, PersonalizationReport.DeviceResult device,
            Instant at) {
        List<byte[]> chain = new ArrayList<>(eumChain);
        chain.add(device.euiccCertificate());
        GsmaChainVerifier.Verdict verdict = GsmaChainVerifier.verify(chain, at);
        if (!verdict.valid()) {
            return verdict.reason();
        }
        if (!verdict.eid().map(device.eid()::equals).orElse(false)) {
            return "the certificate names EID " + verdict.eid().map(Eid::digits).orElse("(none)") + ", not "
                    + device.eid().digits();
        }
        return "";
    }

    /** A device of the order as ordered: position in the order, EID given, ICCIDs and their packages' SHA-256. */
    private record Ordered(int index, String eid, List<String> iccids, List<String> packageHashes) {
    }

    private List<Ordered> ordered(WorkOrder order) throws SQLException {
        Eid first = order.firstEid() == null ? null : Eid.of(order.firstEid());
        List<Ordered> devices = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT d.idx, a.iccid, a.package_sha256 "
                        + "FROM device d "
                        + "JOIN profile_assignment a ON a.batch_id = d.batch_id AND a.device_idx = d.idx "
                        + "WHERE d.order_id = ? ORDER BY d.idx, a.position")) {
            query.setString(1, order.id());
            try (ResultSet row = query.executeQuery()) {
                int current = -1;
                List<String> iccids = null;
                List<String> hashes = null;
                while (row.next()) {
                    if (row.getInt(1) != current) {
                        if (iccids != null) {
                            devices.add(new Ordered(current, eidAt(first, devices.size()), iccids, hashes));
                        }
                        current = row.getInt(1);
                        iccids = new ArrayList<>();
                        hashes = new ArrayList<>();
                    }
                    iccids.add(row.getString(2));
                    hashes.add(row.getString(3));
                }
                if (iccids != null) {
                    devices.add(new Ordered(current, eidAt(first, devices.size()), iccids, hashes));
                }
            }
        }
        return devices;
    }

    private static String eidAt(Eid first, int position) {
        return first == null ? null : first.plus(position).digits();
    }

    /**
     * REPORT_RECEIVED: compares the report with the order. Devices installed as ordered are RECONCILED under their
     * EID; failed or mismatched ones go to the vendor again (REPERSONALIZE), or are voided after
     * {@link Settings#maxPersonalizations()} tries; every mismatch is recorded with its reason.
     */
    private WorkOrder reconcile(BatchSpec spec, WorkOrder order, Listener listener) throws SQLException, WorkOrder.ClaimLost {
        List<Reconciliation.Ordered> ordered = ordered(order).stream()
                .map(d -> new Reconciliation.Ordered(d.index(), d.eid(), d.iccids(), d.packageHashes())).toList();
        List<Reconciliation.Reported> reported = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT line, eid, result, iccids, "
                        + "package_hashes, certificate_verdict, failure FROM report_device WHERE order_id = ? "
                        + "ORDER BY line")) {
            query.setString(1, order.id());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    reported.add(new Reconciliation.Reported(row.getInt(1), row.getString(2),
                            row.getString(3).equals(PersonalizationReport.Result.INSTALLED.name()),
                            split(row.getString(4)), split(row.getString(5)), row.getString(6), row.getString(7)));
                }
            }
        }
        Reconciliation.Result result = Reconciliation.reconcile(order.id(),
                spec.profiles().stream().map(BatchSpec.ProfileSpec::agreementId).toList(), ordered, reported);
        Map<Stage, Long> reconciledStages = new EnumMap<>(Stage.class);
        WorkOrder next = orders.transition(order, Stage.RECONCILED, result.count(Reconciliation.Verdict.RECONCILED)
                + " reconciled, " + result.count(Reconciliation.Verdict.FAILED) + " failed, "
                + (result.count(Reconciliation.Verdict.MISMATCH) + result.strays().size()) + " mismatches, "
                + result.count(Reconciliation.Verdict.CONTENT_MISMATCH) + " content mismatches",
                connection -> {
                    try (PreparedStatement good = connection.prepareStatement("UPDATE device SET stage = 'RECONCILED', "
                            + "eid = ?, failure = NULL WHERE batch_id = ? AND idx = ? AND order_id = ?");
                            PreparedStatement bad = connection.prepareStatement("UPDATE device SET stage = "
                                    + "CASE WHEN personalizations >= ? THEN 'VOID' ELSE 'REPERSONALIZE' END, "
                                    + "eid = NULL, failure = ? WHERE batch_id = ? AND idx = ? AND order_id = ?");
                            PreparedStatement held = connection.prepareStatement("UPDATE device SET stage = "
                                    + "'CONTENT_MISMATCH', eid = ?, failure = ? WHERE batch_id = ? AND idx = ? AND "
                                    + "order_id = ?");
                            PreparedStatement mismatch = connection.prepareStatement("INSERT INTO mismatch (batch_id, "
                                    + "order_id, device_idx, eid, reason) VALUES (?, ?, ?, ?, ?)")) {
                        for (Reconciliation.Outcome outcome : result.outcomes()) {
                            if (outcome.verdict() == Reconciliation.Verdict.RECONCILED) {
                                good.setString(1, outcome.eid());
                                good.setString(2, order.batchId());
                                good.setInt(3, outcome.deviceIndex());
                                good.setString(4, order.id());
                                good.addBatch();
                                continue;
                            }
                            if (outcome.verdict() == Reconciliation.Verdict.CONTENT_MISMATCH) {
                                // The eUICC holds other content than designed: kept under its EID for a person.
                                held.setString(1, outcome.eid());
                                held.setString(2, WorkOrders.truncate(outcome.reason()));
                                held.setString(3, order.batchId());
                                held.setInt(4, outcome.deviceIndex());
                                held.setString(5, order.id());
                                held.addBatch();
                                addMismatch(mismatch, order, outcome.deviceIndex(), outcome.eid(), outcome.reason());
                                continue;
                            }
                            bad.setInt(1, settings.maxPersonalizations());
                            bad.setString(2, WorkOrders.truncate(outcome.reason()));
                            bad.setString(3, order.batchId());
                            bad.setInt(4, outcome.deviceIndex());
                            bad.setString(5, order.id());
                            bad.addBatch();
                            if (outcome.verdict() == Reconciliation.Verdict.MISMATCH) {
                                addMismatch(mismatch, order, outcome.deviceIndex(), outcome.eid(), outcome.reason());
                            }
                        }
                        for (Reconciliation.Stray stray : result.strays()) {
                            addMismatch(mismatch, order, null, stray.eid(), stray.reason());
                        }
                        good.executeBatch();
                        held.executeBatch();
                        bad.executeBatch();
                        mismatch.executeBatch();
                    }
                    countStages(connection, order, reconciledStages);
                });
        reconciledStages.forEach((stage, devices) -> moved(listener, Stage.REPORT_RECEIVED, stage, devices));
        return next;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    private static void addMismatch(PreparedStatement insert, WorkOrder order, Integer deviceIndex, String eid,
            String reason) throws SQLException {
        insert.setString(1, order.batchId());
        insert.setString(2, order.id());
        insert.setObject(3, deviceIndex);
        insert.setString(4, eid);
        insert.setString(5, WorkOrders.truncate(reason));
        insert.addBatch();
    }

    private static void countStages(Connection connection, WorkOrder order, Map<Stage, Long> moved)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT stage, COUNT(*) FROM device WHERE "
                + "batch_id = ? AND order_id = ? GROUP BY stage")) {
            query.setString(1, order.batchId());
            query.setString(2, order.id());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    moved.put(Stage.valueOf(row.getString(1)), row.getLong(2));
                }
            }
        }
    }

    /** RECONCILED: each device is bound to its serial at the OEM line (the serial prefix and the device number). */
    private WorkOrder bind(BatchSpec spec, WorkOrder order, Listener listener) throws SQLException, WorkOrder.ClaimLost {
        return advance(order, Stage.BOUND, ", serial = CONCAT(CAST(? AS VARCHAR(40)), '-', LPAD(CAST(idx + 1 AS "
                + "VARCHAR(10)), 7, '0'))", spec.serialPrefix(), "bound to serials", listener);
    }

    /** SHIPPED: the MNOs are asked to activate the profiles from the shipping day plus the lead time. */
    private WorkOrder schedule(BatchSpec spec, WorkOrder order, Listener listener) throws SQLException, WorkOrder.ClaimLost {
        LocalDate from = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(spec.activationLeadDays());
        return advance(order, Stage.ACTIVATION_SCHEDULED, ", activate_from = ?", from,
                "activation scheduled from " + from, listener);
    }

    // ---- transitions ---------------------------------------------------------------------------------------------

    private WorkOrder advance(WorkOrder order, Stage to, String deviceAssignments, String details, Listener listener)
            throws SQLException, WorkOrder.ClaimLost {
        return advance(order, to, deviceAssignments, null, details, listener);
    }

    private WorkOrder advance(WorkOrder order, Stage to, String deviceAssignments, Object parameter, String details,
            Listener listener) throws SQLException, WorkOrder.ClaimLost {
        long[] devices = new long[1];
        WorkOrder next = orders.transition(order, to, details,
                connection -> devices[0] = WorkOrders.moveDevices(connection, order, to, deviceAssignments, parameter));
        moved(listener, order.stage(), to, devices[0]);
        return next;
    }

    /**
     * A step failed. A transport failure is tried again later, with growing pauses, up to
     * {@link Settings#maxAttempts()}; a refusal, or a transport failure that lasts, puts the order and its devices
     * in RETRY with the reason, where they wait for {@code batch resume}.
     */
    private void failed(WorkOrder order, boolean retryable, String reason, Listener listener) throws SQLException {
        int attempts = order.attempts() + 1;
        if (!retryable || attempts >= settings.maxAttempts()) {
            moved(listener, order.stage(), Stage.RETRY, orders.holdForRetry(order, attempts, reason));
            listener.note("order " + order.id() + " waits in RETRY: " + reason);
        } else {
            orders.defer(order, attempts, reason,
                    Duration.ofMillis(settings.retry().initialBackoff().toMillis() << Math.min(attempts, 10)));
            listener.note("order " + order.id() + " deferred (attempt " + attempts + "): " + reason);
        }
    }

    /** The vendor is not done: release the order and look again after the poll interval. */
    private WorkOrder waitFor(WorkOrder order) throws SQLException {
        orders.release(order, settings.poll());
        return null;
    }

    /** Calls a connector with the retry policy; each transport failure is noted (a timeout, a partner down). */
    private <T> T callWithRetry(Listener listener, RetryPolicy.Call<T> call) throws ConnectorException {
        try {
            return settings.retry().call(() -> {
                try {
                    return call.run();
                } catch (ConnectorException e) {
                    if (e.retryable()) {
                        listener.note("connector call failed (" + e.reason() + "): " + e.getMessage());
                    }
                    throw e;
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Reason.UNAVAILABLE, "interrupted while waiting to retry",
                    e);
        }
    }

    private String batchState(String batchId) throws SQLException {
        return store.batch(batchId).map(BatchStore.BatchInfo::state).orElse("GONE");
    }
}
