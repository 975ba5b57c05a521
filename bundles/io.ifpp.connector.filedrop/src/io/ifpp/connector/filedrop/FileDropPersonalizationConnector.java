package io.ifpp.connector.filedrop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.connector.filedrop.internal.ContextLedger;
import io.ifpp.connector.filedrop.internal.Exchange;
import io.ifpp.connector.filedrop.internal.OrderFile;
import io.ifpp.connector.filedrop.internal.VendorAnswer;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.EnvelopeException;
import io.ifpp.trust.SignatureKeyPair;

/**
 * A vendor's personalization line reached through folders, the industry's file exchange.
 * <ul>
 * <li><b>Orders</b> go to the outbox as {@code <orderId>.order} (sealed for the vendor, signed by IFPP Studio),
 * published atomically; the same order again is a duplicate, other content under its id a conflict. The sealing
 * context of each order is remembered in the outbox's {@code .contexts/} folder, so a context reused under another
 * order id is a replay even after a restart. An order that does not verify never reaches the outbox.</li>
 * <li><b>Cancellations</b> go to the outbox as {@code <orderId>.cancel}.</li>
 * <li><b>Answers</b> come to the inbox as {@code <orderId>.out}, a vendor output file whose header's
 * {@code Batch No} is the order id and whose {@code var_Out: ICCID/EID/RESULT/EUICC_CERT/PACKAGE_SHA256} declares one
 * record per profile installed: its ICCID, the EID of the eUICC it went onto, {@code INSTALLED} or {@code FAILED},
 * the eUICC certificate (DER, base64) and the SHA-256 of the package installed (docs/vendor-line.md). A device's records are consecutive, in the order's profile order, and agree on
 * EID, result and certificate; an answer carries no key column. Beside it the vendor drops
 * {@code <orderId>.out.sig}, its {@link io.ifpp.trust.CompositeSignature} over the {@code .out} bytes.</li>
 * </ul>
 * The {@link Inbox} imports an answer only whole, signed and verified; anything else is quarantined with its
 * reason, and {@link #report} then names that reason. A {@link SignedReport} is the {@code .out} bytes and the
 * vendor's signature as received, so it verifies on its own; {@link #reportReader()} reads it.
 */
public final class FileDropPersonalizationConnector implements PersonalizationConnector {

    public static final String CANCEL_SUFFIX = ".cancel";
    public static final String ANSWER_SUFFIX = ".out";
    static final String CONTEXTS = ".contexts";

    private final String id;
    private final Path outboxDirectory;
    private final Outbox outbox;
    private final ContextLedger contexts;
    private final Inbox inbox;
    private final VendorKeys vendorKeys;
    private final SignatureKeyPair.PublicKeys orderer;
    private final Clock clock;
    /** The latest refusal of each order's answer seen by this instance; the quarantine's error files outlive it. */
    private final Map<String, String> refusals = new HashMap<>();

    /**
     * @param orderer the key IFPP Studio signs orders with: an order that does not verify with it is refused
     * @param quietPeriod how long a file in the inbox must have been seen unmodified (by our clock) before it is read
     * @param signatureWait how long an answer may wait for its signature before it is quarantined as unsigned
     */
    public FileDropPersonalizationConnector(String id, Path outbox, Path inbox, VendorKeys vendorKeys,
            SignatureKeyPair.PublicKeys orderer, Duration quietPeriod, Duration signatureWait) {
        this.id = Objects.requireNonNull(id, "id");
        this.outboxDirectory = outbox.toAbsolutePath();
        this.outbox = new Outbox(outboxDirectory);
        this.contexts = new ContextLedger(outboxDirectory.resolve(CONTEXTS));
        this.vendorKeys = Objects.requireNonNull(vendorKeys, "vendorKeys");
        this.orderer = Objects.requireNonNull(orderer, "orderer");
        this.clock = Clock.systemUTC();
        this.inbox = new Inbox(inbox, VendorOutputFile.DEFAULT_MAX_BYTES, quietPeriod, clock)
                .signedBy(vendorKeys.signing(), signatureWait);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public VendorKeys vendorKeys() {
        return vendorKeys;
    }

    @Override
    public PersonalizationReport.Reader reportReader() {
        return VendorAnswer::read;
    }

    @Override
    public synchronized SubmitReceipt submit(PersonalizationOrder order) throws ConnectorException {
        Exchange.requireAvailable(outboxDirectory, inbox.directory());
        String orderId = order.orderId();
        String fileName = Exchange.fileName("order", orderId, OrderFile.SUFFIX);
        try {
            Envelope.verify(order.sealedDeviceSecrets(), order.context(), vendorKeys.sealing(), orderer);
        } catch (EnvelopeException e) {
            throw new ConnectorException(Reason.BAD_SIGNATURE, "order " + orderId + " is refused: " + e.getMessage());
        }
        byte[] content;
        try {
            content = OrderFile.encode(order);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Reason.REJECTED, "order " + orderId + ": " + e.getMessage());
        }
        try {
            Path existing = outboxDirectory.resolve(fileName);
            if (Files.exists(existing)) {
                if (!java.util.Arrays.equals(Files.readAllBytes(existing), content)) {
                    throw conflict(orderId);
                }
                return new SubmitReceipt(orderId, Files.getLastModifiedTime(existing).toInstant(), true);
            }
            claimContext(order);
            Outbox.Outcome outcome = outbox.write(fileName, content);
            return new SubmitReceipt(orderId, clock.instant(), outcome == Outbox.Outcome.ALREADY_PRESENT);
        } catch (FileAlreadyExistsException e) {
            throw conflict(orderId);
        } catch (IOException e) {
            throw Exchange.unavailable("the outbox", e);
        }
    }

    /** Remembers which order the sealing context belongs to, refusing it to any other order. */
    private void claimContext(PersonalizationOrder order) throws IOException, ConnectorException {
        Optional<String> first = contexts.claim(order.context(), order.orderId());
        if (first.isPresent()) {
            throw new ConnectorException(Reason.REPLAY, "order " + order.orderId() + " reuses the sealed content of"
                    + " order " + first.get() + " (batch " + order.context().batchId() + ", sequence "
                    + order.context().sequence() + ")");
        }
    }

    @Override
    public synchronized OrderProgress progress(String orderId) throws ConnectorException {
        PersonalizationOrder order = knownOrder(orderId);
        Optional<SignedReport> answer = importedAnswer(orderId);
        if (answer.isPresent()) {
            int devices = VendorAnswer.read(orderId, answer.get().payload()).devices().size();
            return new OrderProgress(orderId, OrderProgress.State.COMPLETED, devices, order.deviceCount());
        }
        OrderProgress.State state = cancelled(orderId) ? OrderProgress.State.CANCELLED : OrderProgress.State.ACCEPTED;
        return new OrderProgress(orderId, state, 0, order.deviceCount());
    }

    /**
     * The answer once imported. An answer that was quarantined (and not followed by a good one) is a
     * {@link ConnectorException}: BAD_SIGNATURE when its signature was missing or wrong, REJECTED otherwise.
     */
    @Override
    public synchronized Optional<SignedReport> report(String orderId) throws ConnectorException {
        knownOrder(orderId);
        Optional<SignedReport> answer = importedAnswer(orderId);
        if (answer.isPresent() || cancelled(orderId)) {
            return answer;
        }
        Optional<String> refusal = refusal(orderId);
        if (refusal.isPresent()) {
            Reason reason = refusal.get().startsWith(Inbox.SIGNATURE_REFUSED) ? Reason.BAD_SIGNATURE
                    : Reason.REJECTED;
            throw new ConnectorException(reason, "the vendor's answer to order " + orderId
                    + " was quarantined: " + refusal.get());
        }
        return Optional.empty();
    }

    @Override
    public synchronized void cancel(String orderId) throws ConnectorException {
        knownOrder(orderId);
        if (importedAnswer(orderId).isPresent()) {
            throw new ConnectorException(Reason.REJECTED, "order " + orderId
                    + " cannot be cancelled: the vendor's answer has been imported");
        }
        try {
            outbox.write(Exchange.fileName("order", orderId, CANCEL_SUFFIX),
                    ("cancel: " + orderId + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw Exchange.unavailable("the outbox", e);
        }
    }

    /** The order as submitted, after the inbox has been scanned for answers. */
    private PersonalizationOrder knownOrder(String orderId) throws ConnectorException {
        Exchange.requireAvailable(outboxDirectory, inbox.directory());
        Path file = outboxDirectory.resolve(Exchange.fileName("order", orderId, OrderFile.SUFFIX));
        try {
            if (!Files.exists(file)) {
                throw new ConnectorException(Reason.UNKNOWN_ORDER, "no order " + orderId + " in the outbox "
                        + outboxDirectory);
            }
            PersonalizationOrder order = OrderFile.decode(Files.readAllBytes(file));
            scanInbox();
            return order;
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Reason.REJECTED, "the outbox's file of order " + orderId
                    + " is damaged: " + e.getMessage());
        } catch (IOException e) {
            throw Exchange.unavailable("the outbox or the inbox", e);
        }
    }

    private void scanInbox() throws IOException {
        for (Inbox.Result result : inbox.scan(this::importAnswer)) {
            if (result instanceof Inbox.Quarantined quarantined && quarantined.fileName().endsWith(ANSWER_SUFFIX)) {
                refusals.put(orderIdOf(quarantined.fileName()), quarantined.reason());
            }
        }
    }

    /** Takes an answer only for an order in the outbox, neither cancelled nor answered before. */
    private void importAnswer(String fileName, String sha256, VendorOutputFile file) throws Inbox.Refused,
            IOException {
        String orderId = orderIdOf(fileName);
        if (!Files.exists(outboxDirectory.resolve(orderId + OrderFile.SUFFIX))) {
            throw new Inbox.Refused("no order " + orderId + " in the outbox for this answer.");
        }
        if (cancelled(orderId)) {
            throw new Inbox.Refused("order " + orderId + " was cancelled before its answer arrived.");
        }
        if (Files.exists(imported(orderId))) {
            throw new Inbox.Refused("an answer to order " + orderId + " was imported before.");
        }
        PersonalizationOrder order = OrderFile.decode(Files.readAllBytes(outboxDirectory.resolve(orderId
                + OrderFile.SUFFIX)));
        try {
            int devices = VendorAnswer.read(orderId, file).devices().size();
            if (devices != order.deviceCount()) {
                throw new Inbox.Refused("the answer to order " + orderId + " reports " + devices + " devices, the"
                        + " order has " + order.deviceCount() + ".");
            }
        } catch (ConnectorException e) {
            throw new Inbox.Refused(e.getMessage() + ".");
        }
    }

    private Optional<SignedReport> importedAnswer(String orderId) throws ConnectorException {
        Path answer = imported(orderId);
        Path signature = answer.resolveSibling(answer.getFileName() + Inbox.SIGNATURE_SUFFIX);
        try {
            if (!Files.exists(answer)) {
                return Optional.empty();
            }
            return Optional.of(new SignedReport(orderId, Files.readAllBytes(answer), Files.readAllBytes(signature)));
        } catch (IOException e) {
            throw Exchange.unavailable("the inbox", e);
        }
    }

    private Optional<String> refusal(String orderId) throws ConnectorException {
        String known = refusals.get(orderId);
        if (known != null) {
            return Optional.of(known);
        }
        Path errorFile = inbox.directory().resolve(Inbox.QUARANTINE)
                .resolve(orderId + ANSWER_SUFFIX + Inbox.ERROR_SUFFIX);
        try {
            return Files.exists(errorFile) ? Optional.of(Files.readString(errorFile, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw Exchange.unavailable("the inbox", e);
        }
    }

    private boolean cancelled(String orderId) {
        return Files.exists(outboxDirectory.resolve(orderId + CANCEL_SUFFIX));
    }

    private Path imported(String orderId) {
        return inbox.directory().resolve(Inbox.IMPORTED).resolve(orderId + ANSWER_SUFFIX);
    }

    private static String orderIdOf(String answerFileName) {
        return answerFileName.substring(0, answerFileName.length() - ANSWER_SUFFIX.length());
    }

    private static ConnectorException conflict(String orderId) {
        return new ConnectorException(Reason.CONFLICT, "order " + orderId
                + " is in the outbox with other content; an order id is never reused");
    }
}
