package io.ifpp.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.ifpp.trust.Envelope;
import io.ifpp.trust.EnvelopeException;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.SignatureKeyPair;

/**
 * Hybrid envelopes on one core: seal+sign of one order record (a device's profile secrets, ~200 bytes) or of a
 * whole batch file, and verify+open of a report. ops/s = envelopes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class EnvelopeBenchmark {

    /** 200 bytes: one device record; 1,000,000 bytes: a batch of ~5,000 records in one envelope. */
    @Param({ "200", "1000000" })
    public int payloadBytes;

    private final Envelope.Context context = new Envelope.Context("batch-bench", 1);
    private KemKeyPair recipient;
    private SignatureKeyPair sender;
    private byte[] payload;
    private byte[] sealed;

    @Setup
    public void keys() {
        recipient = KemKeyPair.generate();
        sender = SignatureKeyPair.generate();
        payload = new byte[payloadBytes];
        sealed = Envelope.seal(payload, context, recipient.publicKeys(), sender);
    }

    @Benchmark
    public byte[] sealAndSign() {
        return Envelope.seal(payload, context, recipient.publicKeys(), sender);
    }

    @Benchmark
    public byte[] verifyAndOpen() throws EnvelopeException {
        return Envelope.open(sealed, context, recipient, sender.publicKeys());
    }
}
