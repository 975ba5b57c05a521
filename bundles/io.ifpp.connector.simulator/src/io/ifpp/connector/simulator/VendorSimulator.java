package io.ifpp.connector.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.OrderPersonalization;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.core.Eid;
import io.ifpp.profile.ProfileTemplate;
import io.ifpp.trust.CompositeSignature;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.EnvelopeException;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.SignatureKeyPair;
import io.ifpp.trust.TestPki;

/**
 * An eUICC vendor's personalization line, in-process: it opens the sealed order with its key (checking IFPP
 * Studio's signature), allocates EIDs in its EUM's range with valid check digits, issues each eUICC a certificate
 * from a test PKI, "installs" the order's profiles, and returns a report signed with its key. Faults are injected
 * by {@link SimulatorSettings}.
 */
public final class VendorSimulator implements PersonalizationConnector {

    public static final String ID = "simulator";

    private final SimulatorSettings settings;
    private final SignatureKeyPair.PublicKeys trustedOrderer;
    private final KemKeyPair sealing;
    private final SignatureKeyPair signing;
    private final Clock clock;
    private final TestPki pki;
    private final TestPki.Issued eum;
    private final AtomicLong nextSerial = new AtomicLong(1);
    private final AtomicInteger transientFailuresLeft;
    private final AtomicInteger lostAnswersLeft;
    private final SimulatedTimeouts timeouts;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<Envelope.Context, String> contexts = new LinkedHashMap<>();
    private final java.util.Set<String> issued = new java.util.HashSet<>();
    private boolean paused;
    private boolean crashPending;
    private boolean down;

    /**
     * @param trustedOrderer the signature key of the IFPP Studio that sends orders
     * @param clock issues the eUICC certificates (valid from a day before its instant) and dates receipts: the
     *        verifier of the reports checks them on its own clock, so give both the same
     */
    public VendorSimulator(SimulatorSettings settings, SignatureKeyPair.PublicKeys trustedOrderer, Clock clock) {
        this(settings, trustedOrderer, KemKeyPair.generate(), SignatureKeyPair.generate(), clock);
    }

    /**
     * A line with keys of its own keeping: a line restarted with the same keys opens the orders sealed for it
     * before and signs reports a verifier trusts already.
     */
    public VendorSimulator(SimulatorSettings settings, SignatureKeyPair.PublicKeys trustedOrderer, KemKeyPair sealing,
            SignatureKeyPair signing, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.pki = TestPki.create("secp256r1", clock);
        this.sealing = sealing;
        this.signing = signing;
        this.trustedOrderer = trustedOrderer;
        this.eum = pki.eum("IFPP Simulated Vendor", settings.eidPrefix());
        this.transientFailuresLeft = new AtomicInteger(settings.transientFailures());
        this.lostAnswersLeft = new AtomicInteger(settings.lostAnswers());
        this.timeouts = new SimulatedTimeouts(settings.timeoutRate(), settings.stall(), settings.seed(),
                "the personalization line");
        this.paused = settings.paused();
        this.crashPending = settings.crashAfterDevices() >= 0;
    }

    private static final class Order {
        final PersonalizationOrder order;
        OrderProgress.State state = OrderProgress.State.ACCEPTED;
        List<OrderPayload.Device> devices;
        OrderPersonalization personalization;
        final List<PersonalizationReport.DeviceResult> results = new ArrayList<>();
        SignedReport report;

        Order(PersonalizationOrder order) {
            this.order = order;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public VendorKeys vendorKeys() {
        return new VendorKeys(sealing.publicKeys(), signing.publicKeys());
    }

    /** The test PKI's root, to verify the eUICC certificates of reports against. */
    public TestPki.Issued certificateIssuer() {
        return pki.ci();
    }

    public TestPki.Issued eum() {
        return eum;
    }

    @Override
    public synchronized SubmitReceipt submit(PersonalizationOrder order) throws ConnectorException {
        SimulatedTimeouts.Call call = timeouts.call("submit " + order.orderId(), this);
        return call.answer(submitNow(order));
    }

    private SubmitReceipt submitNow(PersonalizationOrder order) throws ConnectorException {
        transientFault("submit " + order.orderId());
        Order known = orders.get(order.orderId());
        if (known != null) {
            if (!known.order.sameContent(order)) {
                throw new ConnectorException(Reason.CONFLICT, "order " + order.orderId()
                        + " was submitted before with other content");
            }
            return new SubmitReceipt(order.orderId(), clock.instant(), true);
        }
        String earlier = contexts.get(order.context());
        if (earlier != null) {
            throw new ConnectorException(Reason.REPLAY, "order " + order.orderId() + " reuses the sealed content of order "
                    + earlier + " (" + order.context() + ")");
        }
        checkEidRange(order);
        Order accepted = new Order(order);
        open(order, accepted);
        orders.put(order.orderId(), accepted);
        contexts.put(order.context(), order.orderId());
        if (!paused) {
            personalize(accepted);
        }
        if (lostAnswersLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ConnectorException(Reason.TIMEOUT, "no answer to the submission of order " + order.orderId()
                    + " (it was carried out; the answer was lost)");
        }
        return new SubmitReceipt(order.orderId(), clock.instant(), false);
    }

    /** Lets paused orders run (in submission order). */
    public synchronized void resume() {
        paused = false;
        List<Order> waiting = new ArrayList<>(orders.values().stream()
                .filter(o -> o.state == OrderProgress.State.ACCEPTED).toList());
        if (settings.completeOutOfOrder()) {
            java.util.Collections.reverse(waiting);
        }
        for (Order order : waiting) {
            if (!down) {
                personalize(order);
            }
        }
    }

    /**
     * Restarts the line after its injected crash: the orders it was working on continue from the last device
     * personalized, none personalized twice.
     */
    public synchronized void recover() {
        down = false;
        for (Order order : orders.values()) {
            if (order.state == OrderProgress.State.IN_PROGRESS && !down) {
                personalize(order);
            }
        }
    }

    @Override
    public synchronized OrderProgress progress(String orderId) throws ConnectorException {
        SimulatedTimeouts.Call call = timeouts.call("progress " + orderId, this);
        transientFault("progress " + orderId);
        Order order = known(orderId);
        return call.answer(new OrderProgress(orderId, order.state, order.results.size(), order.order.deviceCount()));
    }

    @Override
    public synchronized Optional<SignedReport> report(String orderId) throws ConnectorException {
        SimulatedTimeouts.Call call = timeouts.call("report " + orderId, this);
        transientFault("report " + orderId);
        return call.answer(Optional.ofNullable(known(orderId).report));
    }

    @Override
    public synchronized void cancel(String orderId) throws ConnectorException {
        SimulatedTimeouts.Call call = timeouts.call("cancel " + orderId, this);
        transientFault("cancel " + orderId);
        Order order = known(orderId);
        if (order.state == OrderProgress.State.COMPLETED) {
            throw new ConnectorException(Reason.REJECTED, "order " + orderId + " is completed and cannot be cancelled");
        }
        order.state = OrderProgress.State.CANCELLED;
        destroy(order);
        call.answer(null);
    }

    /** An EID range must lie in the EUM's range and hold no EID personalized before. */
    private void checkEidRange(PersonalizationOrder order) throws ConnectorException {
        if (order.firstEid() == null) {
            return;
        }
        for (int i = 0; i < order.deviceCount(); i++) {
            Eid eid = order.eidOf(i);
            if (!eid.startsWith(settings.eidPrefix())) {
                throw new ConnectorException(Reason.REJECTED, "order " + order.orderId() + ": EID " + eid
                        + " is outside this EUM's range " + settings.eidPrefix());
            }
            if (issued.contains(eid.digits())) {
                throw new ConnectorException(Reason.REJECTED, "order " + order.orderId() + ": EID " + eid
                        + " was personalized before");
            }
        }
    }

    /**
     * Opens {@code order} into {@code accepted}: its devices and its templates, ready to personalize, checked against
     * the order; refused as a vendor would, saying why.
     */
    private void open(PersonalizationOrder order, Order accepted) throws ConnectorException {
        byte[] payload;
        try {
            payload = Envelope.open(order.sealedDeviceSecrets(), order.context(), sealing, trustedOrderer);
        } catch (EnvelopeException e) {
            throw new ConnectorException(Reason.BAD_SIGNATURE, "order " + order.orderId() + " cannot be opened: "
                    + e.getMessage(), e);
        }
        OrderPayload.Contents contents = null;
        try {
            contents = OrderPayload.decode(payload);
            if (contents.devices().size() != order.deviceCount()) {
                throw new IllegalArgumentException(order.deviceCount() + " devices ordered, " + contents.devices().size()
                        + " in the sealed secrets");
            }
            List<String> templates = contents.templates().stream().map(OrderPayload.Template::profile).toList();
            if (!templates.equals(order.profileSet())) {
                throw new IllegalArgumentException("the order's profile set is " + order.profileSet()
                        + ", its sealed templates are " + templates);
            }
            // Every template personalizes, or the order is refused.
            accepted.personalization = new OrderPersonalization(contents.templates());
            accepted.devices = contents.devices();
        } catch (IllegalArgumentException e) {
            if (contents != null) {
                contents.destroy();
            }
            throw new ConnectorException(Reason.REJECTED, "order " + order.orderId() + ": " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(payload, (byte) 0);
        }
    }

    private void personalize(Order order) {
        List<PersonalizationReport.DeviceResult> results = order.results;
        order.state = OrderProgress.State.IN_PROGRESS;
        int end = order.devices.size();
        if (crashPending && settings.crashAfterDevices() >= results.size()) {
            end = Math.min(end, settings.crashAfterDevices());
        }
        List<Eid> eids = new ArrayList<>(end - results.size());
        for (int position = results.size(); position < end; position++) {
            Eid eid = order.order.firstEid() != null ? order.order.eidOf(position) : nextEid();
            issued.add(eid.digits());
            eids.add(eid);
        }
        // Each eUICC's key pair and certificate, and its packages, are the line's work: made on every core,
        // reported in order.
        int done = results.size();
        List<PersonalizationReport.DeviceResult> made = java.util.stream.IntStream.range(0, eids.size()).parallel()
                .mapToObj(i -> install(order, order.devices.get(done + i), eids.get(i))).toList();
        results.addAll(made);
        if (results.size() < order.devices.size()) {
            crashPending = false;
            down = true; // the order stays in progress with what is done; nothing is reported
            return;
        }
        List<PersonalizationReport.DeviceResult> reported = results;
        if (settings.duplicateReportLine() && results.size() > 1) {
            PersonalizationReport.DeviceResult first = results.get(0);
            reported = new ArrayList<>(results);
            reported.add(new PersonalizationReport.DeviceResult(first.eid(), first.result(), results.get(1).iccids(),
                    results.get(1).packageHashes(), first.euiccCertificate(), first.failure()));
        }
        if (settings.repeatedReportLines()) {
            List<PersonalizationReport.DeviceResult> twice = new ArrayList<>(reported.size() * 2);
            reported.forEach(line -> {
                twice.add(line);
                twice.add(line);
            });
            reported = twice;
        }
        if (settings.shuffledReportLines()) {
            reported = new ArrayList<>(reported);
            java.util.Collections.shuffle(reported, new java.util.Random(settings.seed() * 31
                    + order.order.orderId().hashCode()));
        }
        byte[] payload = new PersonalizationReport(order.order.orderId(), reported).encode();
        byte[] signature = CompositeSignature.sign(payload, signing);
        if (settings.corruptReportSignature()) {
            signature[signature.length / 2] ^= 0x01;
        }
        order.report = new SignedReport(order.order.orderId(), payload, signature);
        order.state = OrderProgress.State.COMPLETED;
        destroy(order);
    }

    /**
     * Personalizes the device's packages from the order's templates and installs them on the simulated eUICC
     * {@code eid}; reports the ICCIDs and the SHA-256 of what was installed.
     */
    private PersonalizationReport.DeviceResult install(Order order, OrderPayload.Device device, Eid eid) {
        byte[] certificate = pki.euicc(eum, eid).der();
        if (fails(eid)) {
            return new PersonalizationReport.DeviceResult(eid, PersonalizationReport.Result.FAILED, List.of(),
                    certificate, "simulated personalization failure");
        }
        List<String> iccids = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        List<ProfileTemplate.Personalized> packages;
        try {
            packages = order.personalization.packagesOf(device);
        } catch (IllegalArgumentException e) {
            return new PersonalizationReport.DeviceResult(eid, PersonalizationReport.Result.FAILED, List.of(),
                    certificate, "the line could not personalize: " + e.getMessage());
        }
        for (int p = 0; p < packages.size(); p++) {
            byte[] installed = packages.get(p).der();
            if (p == 0 && drawn(eid, 7, settings.alteredPackageRate())) {
                installed[installed.length / 2] ^= 0x01; // the line's script changed a byte of what it installed
            }
            iccids.add(packages.get(p).iccid().digits());
            hashes.add(java.util.HexFormat.of().formatHex(ProfileTemplate.sha256(installed)));
        }
        return new PersonalizationReport.DeviceResult(eid, PersonalizationReport.Result.INSTALLED, iccids, hashes,
                certificate, "");
    }

    /**
     * Whether the simulated personalization of this eUICC fails: drawn from the seed and the EID, so a line
     * restarted with the same settings fails the same eUICCs whatever order they come in.
     */
    private boolean fails(Eid eid) {
        return drawn(eid, 31, settings.failureRate());
    }

    /** A draw of {@code rate} from the seed and the EID, one stream per fault ({@code salt}). */
    private boolean drawn(Eid eid, int salt, double rate) {
        return rate > 0 && new SplittableRandom(settings.seed() * salt + eid.digits().hashCode()).nextDouble() < rate;
    }

    /** The next EID of the EUM's range that no order has taken. */
    private Eid nextEid() {
        Eid eid;
        do {
            eid = Eid.withCheckDigits(settings.eidPrefix() + String.format("%022d", nextSerial.getAndIncrement()));
        } while (issued.contains(eid.digits()));
        return eid;
    }

    /** The profile keys, and the templates, are needed only while installing. */
    private static void destroy(Order order) {
        if (order.devices != null) {
            order.devices.forEach(OrderPayload.Device::destroy);
            order.devices = List.of();
        }
        order.personalization = null; // the templates too: a line holds them only while installing
    }

    private Order known(String orderId) throws ConnectorException {
        Order order = orders.get(orderId);
        if (order == null) {
            throw new ConnectorException(Reason.UNKNOWN_ORDER, "no order " + orderId);
        }
        return order;
    }

    private void transientFault(String call) throws ConnectorException {
        if (down) {
            throw new ConnectorException(Reason.UNAVAILABLE, "the personalization line is down (" + call + ")");
        }
        if (transientFailuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ConnectorException(Reason.UNAVAILABLE, "the personalization line is briefly unavailable (" + call
                    + ")");
        }
    }
}
