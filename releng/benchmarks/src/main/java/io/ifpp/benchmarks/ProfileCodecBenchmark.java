package io.ifpp.benchmarks;

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

import io.ifpp.fixtures.Fixtures;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.asn1.Asn1DecodeException;

/**
 * SAIP codec throughput on one core, on the GSMA TS.48 v7.0 test profile (12,385 bytes, 30 elements).
 * Target: decode+encode at least 20,000 profiles/s (decodeAndEncode).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProfileCodecBenchmark {

    private byte[] der;
    private ProfilePackage decoded;
    private ProfilePackage built;

    @Setup
    public void load() throws Asn1DecodeException {
        der = Fixtures.saipDer(Fixtures.SAIP_PROFILES.get(0));
        decoded = ProfileCodec.decode(der);
        built = new ProfilePackage(decoded.elements()); // no bytes kept from reading: encoded from the values
    }

    /** Read a package and write it back unchanged: unchanged elements are written as read. */
    @Benchmark
    public byte[] decodeAndEncode() throws Asn1DecodeException {
        return ProfileCodec.encode(ProfileCodec.decode(der));
    }

    /** Read a package and encode every element afresh from its values (as after editing all of them). */
    @Benchmark
    public byte[] decodeAndEncodeAllElements() throws Asn1DecodeException {
        return ProfileCodec.encode(new ProfilePackage(ProfileCodec.decode(der).elements()));
    }

    @Benchmark
    public ProfilePackage decode() throws Asn1DecodeException {
        return ProfileCodec.decode(der);
    }

    @Benchmark
    public byte[] encodeAllElements() {
        return ProfileCodec.encode(built);
    }

    @Benchmark
    public String dump() {
        return ProfileCodec.dump(decoded);
    }
}
