package io.ifpp.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.example.vendorline.connector.internal.HttpVendorLine;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.connector.simulator.http.PersonalizationHttpService;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;
import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.GsmaChainVerifier;
import io.ifpp.trust.SecretGenerator;
import io.ifpp.trust.SignatureKeyPair;
import io.ifpp.trust.TestPki;

/**
 * Personalization orders of 10 devices (2 profiles each) through the simulated vendor line, in-process and over
 * HTTP on loopback: ops/s = orders/s, each sealed and signed by IFPP Studio, opened and verified by the line, its
 * eUICC certificates issued, its report signed and verified again. {@code sealOrder}
 * and {@code issueEuiccCertificate} isolate the sealing and the per-device certificate, to say where the time goes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ConnectorBenchmark {

    private static final int DEVICES = 10;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    @Param({ "in-process", "http" })
    public String transport;

    private final SignatureKeyPair orderer = SignatureKeyPair.generate();
    private VendorSimulator line;
    private PersonalizationHttpService service;
    private PersonalizationConnector connector;
    private byte[] payload;
    private final TestPki pki = TestPki.create("secp256r1", java.time.Clock.systemUTC());
    private final TestPki.Issued eum = pki.eum("Bench EUM", "89049032");
    /** Encoded once, as the engine holds a vendor's EUM chain: each check gets the same bytes. */
    private final byte[] ciDer = pki.ci().der();
    private final byte[] eumDer = eum.der();
    /** Distinct eUICC certificates, as a report's lines are. */
    private final byte[][] euiccCertificates = new byte[1024][];

    @Setup(Level.Trial)
    public void start() throws IOException {
        line = new VendorSimulator(SimulatorSettings.DEFAULT, orderer.publicKeys(), java.time.Clock.systemUTC());
        if (transport.equals("http")) {
            service = PersonalizationHttpService.start(line, "127.0.0.1", 0, Duration.ZERO);
            connector = new HttpVendorLine("bench", service.uri(), Duration.ofSeconds(30));
        } else {
            connector = line;
        }
        List<OrderPayload.Device> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            List<OrderPayload.ProfileSecrets> profiles = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                String body = String.format("894900%d%011d", p, d);
                profiles.add(new OrderPayload.ProfileSecrets(Iccid.of(body + Luhn.checkDigit(body)), "262910000000" + d,
                        SecretGenerator.ki(), SecretGenerator.random(16)));
            }
            devices.add(new OrderPayload.Device(d, profiles));
        }
        byte[] design = ProfileCodec.encode(BuiltInTemplates.ALL.get(0).load());
        payload = OrderPayload.encode(List.of(new OrderPayload.Template("a", design),
                new OrderPayload.Template("b", design)), devices);
        for (int i = 0; i < euiccCertificates.length; i++) {
            euiccCertificates[i] = issueEuiccCertificate();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Benchmark
    public PersonalizationOrder sealOrder() {
        return order();
    }

    /** One eUICC certificate, as the line issues per device (EC key pair and signature). */
    @Benchmark
    public byte[] issueEuiccCertificate() {
        long serial = SEQUENCE.incrementAndGet();
        return pki.euicc(eum, Eid.withCheckDigits("89049032" + String.format("%022d", serial))).der();
    }

    /**
     * One eUICC certificate checked as a report line is (CI, EUM, eUICC chain; the two upper signatures are checked
     * once per EUM): with {@code issueEuiccCertificate}, the per-device cryptography no batch can go below.
     */
    @Benchmark
    public GsmaChainVerifier.Verdict verifyEuiccChain() {
        byte[] euicc = euiccCertificates[(int) (SEQUENCE.incrementAndGet() % euiccCertificates.length)];
        GsmaChainVerifier.Verdict verdict = GsmaChainVerifier.verify(List.of(ciDer, eumDer, euicc), Instant.now());
        if (!verdict.valid()) {
            throw new IllegalStateException(verdict.reason());
        }
        return verdict;
    }

    @Benchmark
    public PersonalizationReport orderThroughTheLine() throws ConnectorException {
        PersonalizationOrder order = order();
        connector.submit(order);
        return PersonalizationReport.verify(connector.report(order.orderId()).orElseThrow(),
                connector.vendorKeys().signing());
    }

    private PersonalizationOrder order() {
        long sequence = SEQUENCE.incrementAndGet();
        Envelope.Context context = new Envelope.Context("bench-" + sequence, sequence);
        byte[] sealed = Envelope.seal(payload, context, connector.vendorKeys().sealing(), orderer);
        return new PersonalizationOrder("bench-" + sequence, DEVICES, List.of("a", "b"), sealed, context);
    }
}
