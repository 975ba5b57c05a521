package io.ifpp.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Luhn;
import io.ifpp.orchestration.pipeline.DevicePackages;
import io.ifpp.profile.DeviceValues;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfileTemplate;

/**
 * Per-device SAIP package generation on one thread, from the example design of nordlicht-eu-iot (the built-in
 * template with 16 roaming networks): fresh Ki, OPc, PINs, PUK and ADM drawn from the DRBG, the package personalized
 * and encoded, its SHA-256 taken; the device's secrets destroyed. What a batch does per device and profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DevicePackagesBenchmark {

    private DevicePackages packages;
    private Imsi imsi;
    private long sequence;

    @Setup
    public void load() throws Exception {
        // releng/bench runs from the repository's root.
        packages = new DevicePackages(ProfileCodec.decode(Files.readAllBytes(
                Path.of("examples/profiles/nordlicht-eu-iot.der"))));
        imsi = new Imsi("262910000000001", 2);
    }

    @Benchmark
    public ProfileTemplate.Personalized drawAndMakeOnePackage() {
        String payload = "8949910" + String.format("%011d", sequence++ % 100_000_000_000L);
        try (DeviceValues values = packages.draw(Iccid.of(payload + Luhn.checkDigit(payload)), imsi)) {
            return packages.make(values);
        }
    }
}
