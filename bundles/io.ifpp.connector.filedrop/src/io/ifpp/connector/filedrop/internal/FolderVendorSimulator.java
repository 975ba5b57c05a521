package io.ifpp.connector.filedrop.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.OrderPersonalization;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.core.AtomicFiles;
import io.ifpp.core.Eid;
import io.ifpp.profile.ProfileTemplate;
import io.ifpp.trust.CompositeSignature;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.SignatureKeyPair;
import io.ifpp.trust.TestPki;

/**
 * A simulated vendor at the other end of the folders, as a real one works: it collects {@code .order} files from the
 * outbox, opens each with its own key (checking the orderer's signature), "personalizes" the devices (EIDs in its
 * EUM range, eUICC certificates from a test PKI) and drops the signed answer into the inbox: the {@code .sig} first,
 * then the {@code .out}, each written atomically. Orders with a {@code .cancel} beside them are not answered. For
 * tests and demonstrations ({@code ifpp simulate folder-vendor}); it never stands in for a configured vendor.
 */
public final class FolderVendorSimulator implements AutoCloseable {

    public static final String EID_PREFIX = "89049032";

    /** An answer as the vendor writes it. */
    public record Answer(String orderId, byte[] out, byte[] signature) {
    }

    private final Path outbox;
    private final Path inbox;
    private final SignatureKeyPair.PublicKeys orderer;
    private final boolean corruptSignature;
    private final KemKeyPair sealing = KemKeyPair.generate();
    private final SignatureKeyPair signing = SignatureKeyPair.generate();
    private final TestPki pki = TestPki.create("secp256r1", java.time.Clock.systemUTC()) /* the connector verifies at the system clock */;
    private final String eidPrefix;
    private final TestPki.Issued eum;
    private final Set<String> answered = new HashSet<>();
    private final ScheduledExecutorService line = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean paused;
    private volatile Exception failure;
    private long nextEid = 1;

    public FolderVendorSimulator(Path outbox, Path inbox, SignatureKeyPair.PublicKeys orderer, boolean paused,
            boolean corruptSignature) {
        this(outbox, inbox, orderer, EID_PREFIX, paused, corruptSignature);
    }

    /** @param eidPrefix the 8 digits of its EUM range */
    public FolderVendorSimulator(Path outbox, Path inbox, SignatureKeyPair.PublicKeys orderer, String eidPrefix,
            boolean paused, boolean corruptSignature) {
        this.eidPrefix = eidPrefix;
        this.eum = pki.eum("IFPP Folder Vendor Simulator", eidPrefix);
        this.outbox = outbox;
        this.inbox = inbox;
        this.orderer = orderer;
        this.paused = paused;
        this.corruptSignature = corruptSignature;
    }

    public VendorKeys publicKeys() {
        return new VendorKeys(sealing.publicKeys(), signing.publicKeys());
    }

    public SignatureKeyPair signingKeys() {
        return signing;
    }

    /** The CI and EUM certificates its eUICC certificates are issued under, for the orderer's trust folder. */
    public List<TestPki.Issued> eumChain() {
        return List.of(pki.ci(), eum);
    }

    /** Starts collecting the outbox every few milliseconds. */
    public FolderVendorSimulator start() {
        line.scheduleWithFixedDelay(this::collect, 0, 10, TimeUnit.MILLISECONDS);
        return this;
    }

    public void resume() {
        paused = false;
    }

    private synchronized void collect() {
        if (paused || !Files.isDirectory(outbox)) {
            return; // a share that is down is tried again on the next round
        }
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(OrderFile.SUFFIX)).sorted()
                    .toList()) {
                PersonalizationOrder order = OrderFile.decode(Files.readAllBytes(file));
                if (answered.add(order.orderId()) && !Files.exists(outbox.resolve(order.orderId() + ".cancel"))) {
                    drop(answer(order));
                }
            }
        } catch (Exception e) {
            failure = e; // shown by the test that waits for the answer
        }
    }

    /** The vendor's answer to an order, signed (with a damaged signature when made so). */
    public synchronized Answer answer(PersonalizationOrder order) throws Exception {
        byte[] plain = Envelope.open(order.sealedDeviceSecrets(), order.context(), sealing, orderer);
        OrderPayload.Contents contents;
        try {
            contents = OrderPayload.decode(plain);
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
        List<String> records = new ArrayList<>();
        try {
            OrderPersonalization personalization = new OrderPersonalization(contents.templates());
            for (OrderPayload.Device device : contents.devices()) {
                Eid eid = order.firstEid() != null ? order.eidOf(device.index())
                        : Eid.withCheckDigits(eidPrefix + String.format("%022d", nextEid++));
                String certificate = Base64.getEncoder().encodeToString(pki.euicc(eum, eid).der());
                for (ProfileTemplate.Personalized installed : personalization.packagesOf(device)) {
                    records.add(installed.iccid().digits() + "F " + eid.digits() + " INSTALLED " + certificate + " "
                            + installed.sha256Hex());
                }
            }
        } finally {
            contents.destroy();
        }
        byte[] out = outFile(order.orderId(), String.join(",", order.profileSet()),
                "ICCID/EID/RESULT/EUICC_CERT/PACKAGE_SHA256", records);
        byte[] signature = CompositeSignature.sign(out, signing);
        if (corruptSignature) {
            signature[signature.length / 2] ^= 0x01;
        }
        return new Answer(order.orderId(), out, signature);
    }

    /** A vendor output file with the given declaration and records. */
    public static byte[] outFile(String orderId, String profileType, String declaration, List<String> records) {
        StringBuilder text = new StringBuilder("*HEADER DESCRIPTION\n***************************************\n")
                .append("Customer        : IFPP Studio\n")
                .append("ProfileType     : ").append(profileType).append('\n')
                .append("Order Date      : 20261124\n")
                .append("Batch No        : ").append(orderId).append('\n')
                .append("Quantity        : ").append(records.size()).append('\n')
                .append("***************************************\n*INPUT VARIABLES\n")
                .append("***************************************\nvar_In:\n Order: ").append(orderId).append('\n')
                .append("***************************************\n*OUTPUT VARIABLES\n")
                .append("***************************************\nvar_Out: ").append(declaration).append('\n');
        records.forEach(r -> text.append(r).append('\n'));
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Drops an answer as a vendor should: signature first, then the file, each appearing whole. */
    public void drop(Answer answer) throws IOException {
        AtomicFiles.write(inbox.resolve(answer.orderId() + ".out.sig"), answer.signature());
        AtomicFiles.write(inbox.resolve(answer.orderId() + ".out"), answer.out());
    }

    /** The last error collecting the outbox, if any. */
    public Exception failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        line.shutdownNow();
        line.awaitTermination(10, TimeUnit.SECONDS);
    }
}
