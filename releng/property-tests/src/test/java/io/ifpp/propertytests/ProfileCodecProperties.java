package io.ifpp.propertytests;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

import io.ifpp.fixtures.Fixtures;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.SaipSchema;
import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.profile.asn1.Asn1Type;
import io.ifpp.propertytests.Mutations.Mutation;

/**
 * Properties of the SAIP codec over values generated from the schema (every kind of profile element, not only
 * those of the TS.48 fixtures) and over mutated packages, the decoder's part of the hostile-input suite. Seeds are
 * fixed: a failure replays, and CI is stable.
 */
class ProfileCodecProperties {

    private static final SchemaValues VALUES = new SchemaValues(SaipSchema.module());
    private static final List<String> ELEMENT_KINDS = ((Asn1Type.Choice) SaipSchema.module()
            .resolve(SaipSchema.module().type(SaipSchema.PROFILE_ELEMENT))).alternatives().stream()
            .map(Asn1Type.Component::name).toList();

    @Provide
    Arbitrary<ProfilePackage> packages() {
        return VALUES.of(SaipSchema.PROFILE_ELEMENT).list().ofMinSize(1).ofMaxSize(4).map(ProfilePackage::new);
    }

    @Property(tries = 4000, seed = "20261124")
    @StatisticsReport(StatisticsReportMode.OFF) // the coverage check below still runs
    void derOfGeneratedPackagesDecodesToTheSameValuesAndEncodesToTheSameBytes(@ForAll("packages") ProfilePackage generated)
            throws Asn1DecodeException {
        generated.elementKinds().forEach(kind -> Statistics.collect(kind));
        byte[] der = ProfileCodec.encode(generated);
        ProfilePackage decoded = ProfileCodec.decode(der);
        Check.that(generated.equals(decoded), "decoding the encoding gives other values");
        sameBytes(der, ProfileCodec.encode(decoded), "written back as read");
        sameBytes(der, ProfileCodec.encode(new ProfilePackage(decoded.elements())), "encoded afresh");
        Statistics.coverage(coverage -> ELEMENT_KINDS
                .forEach(kind -> coverage.check(kind).count(count -> count > 0)));
    }

    @Property(tries = 1500, seed = "20261125")
    void valueNotationOfGeneratedPackagesCompilesToTheSameBytes(@ForAll("packages") ProfilePackage generated)
            throws Exception {
        byte[] der = ProfileCodec.encode(generated);
        ProfilePackage compiled = ProfileCodec.compile(ProfileCodec.dump(ProfileCodec.decode(der)));
        sameBytes(der, ProfileCodec.encode(compiled), "dump then compile");
    }

    /** The TS.48 packages, read once: a try costs about as much as a decode, so no try reads a resource. */
    private static final Map<String, byte[]> FIXTURES = Fixtures.SAIP_PROFILES.stream()
            .collect(Collectors.toUnmodifiableMap(name -> name, Fixtures::saipDer));

    /** Hostile-input suite (issue 9): 300,000 of its million inputs, the cheapest (about 50 µs a try). */
    static final int MUTATED_FIXTURES = 300_000;
    private static final HostileInput<Asn1DecodeException> FIXTURE_DECODER = new HostileInput<>(
            "SAIP decoder (ProfileCodec.decode), mutated TS.48 packages", Asn1DecodeException.class, MUTATED_FIXTURES);
    private static final int MUTATED_GENERATED = 6000;
    private static final HostileInput<Asn1DecodeException> GENERATED_DECODER = new HostileInput<>(
            "SAIP decoder (ProfileCodec.decode), mutated generated packages", Asn1DecodeException.class,
            MUTATED_GENERATED);

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(Fixtures.SAIP_PROFILES);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutations.binary();
    }

    @Property(tries = MUTATED_FIXTURES, seed = "20261126", generation = GenerationMode.RANDOMIZED)
    void mutatedFixturesOnlyEverGiveTypedErrors(@ForAll("fixtures") String fixture,
            @ForAll("mutations") List<Mutation> mutations) throws Exception {
        decodesOrFailsTyped(FIXTURE_DECODER, Mutations.apply(FIXTURES.get(fixture), mutations));
    }

    @Property(tries = MUTATED_GENERATED, seed = "20261127", generation = GenerationMode.RANDOMIZED)
    void mutatedGeneratedPackagesOnlyEverGiveTypedErrors(@ForAll("packages") ProfilePackage generated,
            @ForAll("mutations") List<Mutation> mutations) throws Exception {
        decodesOrFailsTyped(GENERATED_DECODER, Mutations.apply(ProfileCodec.encode(generated), mutations));
    }

    /**
     * Either the bytes decode, and then they are written back exactly and their values encode afresh to bytes
     * that decode to the same values; or the error is the typed one, at an offset within the input. Anything
     * else (an unchecked exception, an error, a hang) fails the property.
     */
    private static void decodesOrFailsTyped(HostileInput<Asn1DecodeException> decoder, byte[] bytes)
            throws Asn1DecodeException {
        Optional<ProfilePackage> decoded = decoder.feed(() -> ProfileCodec.decode(bytes),
                error -> Check.that(error.offset() >= 0 && error.offset() <= bytes.length,
                        "offset " + error.offset() + " outside the " + bytes.length + " input bytes"));
        if (decoded.isPresent()) {
            ProfilePackage read = decoded.get();
            sameBytes(bytes, ProfileCodec.encode(read), "written back as read");
            ProfilePackage fresh = new ProfilePackage(read.elements());
            Check.that(read.equals(ProfileCodec.decode(ProfileCodec.encode(fresh))),
                    "values encoded afresh read differently");
        }
    }

    private static void sameBytes(byte[] expected, byte[] actual, String how) {
        int at = Arrays.mismatch(expected, actual);
        Check.that(at < 0, how + ": " + actual.length + " bytes instead of " + expected.length
                + ", first difference at " + at);
    }
}
