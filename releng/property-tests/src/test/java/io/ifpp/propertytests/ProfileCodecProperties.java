package io.ifpp.propertytests;

import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
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

/**
 * Properties of the SAIP codec over values generated from the schema (every kind of profile element, not only
 * those of the TS.48 fixtures) and over mutated packages. Seeds are fixed: a failure replays, and CI is stable.
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
        check(generated.equals(decoded), "decoding the encoding gives other values");
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

    @Provide
    Arbitrary<byte[]> mutatedFixtures() {
        return Arbitraries.of(Fixtures.SAIP_PROFILES).map(Fixtures::saipDer).flatMap(ProfileCodecProperties::mutated);
    }

    @Provide
    Arbitrary<byte[]> mutatedGeneratedPackages() {
        return packages().map(ProfileCodec::encode).flatMap(ProfileCodecProperties::mutated);
    }

    @Property(tries = 20_000, seed = "20261126")
    @StatisticsReport(StatisticsReportMode.OFF)
    void mutatedFixturesOnlyEverGiveTypedErrors(@ForAll("mutatedFixtures") byte[] bytes) throws Exception {
        decodesOrFailsTyped(bytes);
        bothOutcomesOccur();
    }

    @Property(tries = 6000, seed = "20261127")
    @StatisticsReport(StatisticsReportMode.OFF)
    void mutatedGeneratedPackagesOnlyEverGiveTypedErrors(@ForAll("mutatedGeneratedPackages") byte[] bytes)
            throws Exception {
        decodesOrFailsTyped(bytes);
        bothOutcomesOccur();
    }

    /** Checked at the end of a property: some mutations only touch content bytes and still decode. */
    private static void bothOutcomesOccur() {
        Statistics.coverage(coverage -> {
            coverage.check("decoded").count(count -> count > 0);
            coverage.check("typed error").count(count -> count > 0);
        });
    }

    /**
     * Either the bytes decode, and then they are written back exactly and their values encode afresh to bytes
     * that decode to the same values; or the error is the typed one, at an offset within the input. Anything
     * else (an unchecked exception, an error, a hang) fails the property.
     */
    private static void decodesOrFailsTyped(byte[] bytes) throws Asn1DecodeException {
        ProfilePackage read;
        try {
            read = ProfileCodec.decode(bytes);
        } catch (Asn1DecodeException expected) {
            Statistics.collect("typed error");
            check(expected.offset() >= 0 && expected.offset() <= bytes.length,
                    "offset " + expected.offset() + " outside the " + bytes.length + " input bytes");
            return;
        }
        Statistics.collect("decoded");
        sameBytes(bytes, ProfileCodec.encode(read), "written back as read");
        ProfilePackage fresh = new ProfilePackage(read.elements());
        check(read.equals(ProfileCodec.decode(ProfileCodec.encode(fresh))), "values encoded afresh read differently");
    }

    /** {@code der} with one to four bytes replaced, or cut short, or both. */
    private static Arbitrary<byte[]> mutated(byte[] der) {
        Arbitrary<int[]> change = Combinators.combine(Arbitraries.integers().between(0, der.length - 1),
                Arbitraries.integers().between(0, 255)).as((at, value) -> new int[] { at, value });
        Arbitrary<Integer> length = Arbitraries.oneOf(Arbitraries.just(der.length),
                Arbitraries.integers().between(0, der.length));
        return Combinators.combine(change.list().ofMinSize(1).ofMaxSize(4), length).as((changes, cut) -> {
            byte[] bytes = der.clone();
            changes.forEach(c -> bytes[c[0]] = (byte) c[1]);
            return Arrays.copyOf(bytes, cut);
        });
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }

    private static void sameBytes(byte[] expected, byte[] actual, String how) {
        int at = Arrays.mismatch(expected, actual);
        check(at < 0, how + ": " + actual.length + " bytes instead of " + expected.length + ", first difference at "
                + at);
    }
}
