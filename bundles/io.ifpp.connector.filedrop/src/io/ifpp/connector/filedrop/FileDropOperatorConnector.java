package io.ifpp.connector.filedrop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.OperatorConnector;
import io.ifpp.connector.filedrop.internal.ContextLedger;
import io.ifpp.connector.filedrop.internal.Exchange;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.EnvelopeException;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.SignatureKeyPair;

/**
 * An operator's HSS/AuC import reached through folders. A delivery (e.g. an {@link OperatorOutputFile} sealed for
 * the operator) goes to the outbox as {@code <deliveryId>.delivery}, published atomically: ASCII lines
 * {@code name: value} (format, delivery, operator, kind, records, batch, sequence, the sealed content in base64).
 * The same delivery again is a duplicate, other content under its id a conflict, a sealing context reused under
 * another id a replay (remembered in the outbox's {@code .contexts/}). The operator acknowledges with
 * {@code <deliveryId>.ack} in the inbox: {@code delivery: <id>}, {@code accepted: <n>}, then one
 * {@code rejected: <record>: <reason>} line per record refused; accepted and rejected add up to the delivery's
 * records.
 */
public final class FileDropOperatorConnector implements OperatorConnector {

    public static final String DELIVERY_SUFFIX = ".delivery";
    public static final String ACK_SUFFIX = ".ack";
    private static final String FORMAT = "ifpp-operator-delivery v1";

    private final String id;
    private final Path outboxDirectory;
    private final Path inboxDirectory;
    private final Outbox outbox;
    private final ContextLedger contexts;
    private final KemKeyPair.PublicKeys operator;
    private final SignatureKeyPair.PublicKeys orderer;
    private final Duration quietPeriod;
    private final Settling settling = new Settling(Clock.systemUTC());

    /**
     * @param operator the operator's keys, which deliveries must be sealed for
     * @param orderer the key IFPP Studio signs deliveries with: a delivery that does not verify is refused
     * @param quietPeriod how long an acknowledgement must have been seen unmodified (by our clock) before it is read
     */
    public FileDropOperatorConnector(String id, Path outbox, Path inbox, KemKeyPair.PublicKeys operator,
            SignatureKeyPair.PublicKeys orderer, Duration quietPeriod) {
        this.id = Objects.requireNonNull(id, "id");
        this.outboxDirectory = outbox.toAbsolutePath();
        this.inboxDirectory = inbox.toAbsolutePath();
        this.outbox = new Outbox(outboxDirectory);
        this.contexts = new ContextLedger(outboxDirectory.resolve(".contexts"));
        this.operator = Objects.requireNonNull(operator, "operator");
        this.orderer = Objects.requireNonNull(orderer, "orderer");
        this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public KemKeyPair.PublicKeys sealingKeys() {
        return operator;
    }

    @Override
    public synchronized DeliveryReceipt deliver(Delivery delivery) throws ConnectorException {
        Exchange.requireAvailable(outboxDirectory, inboxDirectory);
        String deliveryId = delivery.deliveryId();
        String fileName = Exchange.fileName("delivery", deliveryId, DELIVERY_SUFFIX);
        try {
            Envelope.verify(delivery.sealedContent(), delivery.context(), operator, orderer);
        } catch (EnvelopeException e) {
            throw new ConnectorException(Reason.BAD_SIGNATURE, "delivery " + deliveryId + " is refused: "
                    + e.getMessage());
        }
        if (delivery.records() < 1 || delivery.operatorId().chars().anyMatch(c -> c < 0x20)) {
            throw new ConnectorException(Reason.REJECTED, "delivery " + deliveryId
                    + " needs at least one record and an operator id on one line");
        }
        byte[] content = ("format: " + FORMAT + "\ndelivery: " + deliveryId + "\noperator: "
                + delivery.operatorId() + "\nkind: " + delivery.kind() + "\nrecords: " + delivery.records()
                + "\nbatch: " + Base64.getEncoder().encodeToString(delivery.context().batchId()
                        .getBytes(StandardCharsets.UTF_8))
                + "\nsequence: " + delivery.context().sequence() + "\nsealed: "
                + Base64.getEncoder().encodeToString(delivery.sealedContent()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            Path existing = outboxDirectory.resolve(fileName);
            if (Files.exists(existing)) {
                if (!Arrays.equals(Files.readAllBytes(existing), content)) {
                    throw conflict(deliveryId);
                }
                return new DeliveryReceipt(deliveryId, true);
            }
            Optional<String> first = contexts.claim(delivery.context(), deliveryId);
            if (first.isPresent()) {
                throw new ConnectorException(Reason.REPLAY, "delivery " + deliveryId + " reuses the sealed content"
                        + " of delivery " + first.get());
            }
            return new DeliveryReceipt(deliveryId, outbox.write(fileName, content) == Outbox.Outcome.ALREADY_PRESENT);
        } catch (FileAlreadyExistsException e) {
            throw conflict(deliveryId);
        } catch (IOException e) {
            throw Exchange.unavailable("the outbox", e);
        }
    }

    @Override
    public synchronized Optional<Acknowledgement> acknowledgement(String deliveryId) throws ConnectorException {
        Exchange.requireAvailable(outboxDirectory, inboxDirectory);
        Path delivery = outboxDirectory.resolve(Exchange.fileName("delivery", deliveryId, DELIVERY_SUFFIX));
        Path ack = inboxDirectory.resolve(deliveryId + ACK_SUFFIX);
        try {
            if (!Files.exists(delivery)) {
                throw new ConnectorException(Reason.UNKNOWN_ORDER, "no delivery " + deliveryId + " in the outbox "
                        + outboxDirectory);
            }
            if (!Files.isRegularFile(ack, LinkOption.NOFOLLOW_LINKS)
                    || settling.unchangedFor(ack).compareTo(quietPeriod) < 0) {
                return Optional.empty(); // not there, or may still be being written
            }
            int records = Integer.parseInt(field(Files.readAllLines(delivery, StandardCharsets.UTF_8), "records:"));
            return Optional.of(parseAcknowledgement(deliveryId, records,
                    Files.readAllLines(ack, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw Exchange.unavailable("the outbox or the inbox", e);
        }
    }

    private static Acknowledgement parseAcknowledgement(String deliveryId, int records, List<String> lines)
            throws ConnectorException {
        Map<Integer, String> rejected = new LinkedHashMap<>();
        Integer accepted = null;
        boolean named = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("delivery:")) {
                named = line.substring(9).strip().equals(deliveryId);
                if (!named) {
                    throw badAck(deliveryId, number, "names another delivery");
                }
            } else if (line.startsWith("accepted:") && accepted == null) {
                accepted = count(deliveryId, number, line.substring(9).strip());
            } else if (line.startsWith("rejected:")) {
                String[] parts = line.substring(9).split(":", 2);
                int record = count(deliveryId, number, parts[0].strip());
                if (parts.length < 2 || parts[1].isBlank() || record < 1 || record > records) {
                    throw badAck(deliveryId, number, "expected 'rejected: <record 1 to " + records + ">: <reason>'");
                }
                if (rejected.put(record, parts[1].strip()) != null) {
                    throw badAck(deliveryId, number, "record " + record + " is rejected twice");
                }
            } else {
                throw badAck(deliveryId, number, "expected 'delivery:', one 'accepted:' or 'rejected:'");
            }
        }
        if (!named || accepted == null) {
            throw badAck(deliveryId, lines.size(), "a 'delivery:' and an 'accepted:' line are required");
        }
        if (accepted + rejected.size() != records) {
            throw badAck(deliveryId, lines.size(), accepted + " accepted and " + rejected.size()
                    + " rejected do not add up to the delivery's " + records + " records");
        }
        return new Acknowledgement(deliveryId, accepted, rejected);
    }

    private static int count(String deliveryId, int line, String text) throws ConnectorException {
        if (!text.matches("[0-9]{1,9}")) {
            throw badAck(deliveryId, line, "a whole number expected, found " + text.length() + " characters");
        }
        return Integer.parseInt(text);
    }

    private static String field(List<String> lines, String name) throws IOException {
        return lines.stream().filter(l -> l.startsWith(name)).map(l -> l.substring(name.length()).strip())
                .findFirst().orElseThrow(() -> new IOException("the delivery file lacks '" + name + "'"));
    }

    private static ConnectorException badAck(String deliveryId, int line, String why) {
        return new ConnectorException(Reason.REJECTED, "the acknowledgement of delivery " + deliveryId
                + " is malformed at line " + line + ": " + why);
    }

    private static ConnectorException conflict(String deliveryId) {
        return new ConnectorException(Reason.CONFLICT, "delivery " + deliveryId
                + " is in the outbox with other content; a delivery id is never reused");
    }
}
