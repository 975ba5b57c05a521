package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.ifpp.fixtures.Fixtures;

import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;

/** Every TS.48 fixture: DER → DER byte for byte, DER → text as published, text → DER byte for byte. */
class FixtureRoundTripTest {

    static final List<String> FIXTURES = Fixtures.SAIP_PROFILES;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void decodeThenEncodeGivesTheSameBytes(String fixture) throws Exception {
        byte[] der = Fixtures.saipDer(fixture);
        assertArrayEquals(der, ProfileCodec.encode(ProfileCodec.decode(der)));
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void encodingTheDecodedValuesAfreshGivesTheSameBytes(String fixture) throws Exception {
        // Not the bytes the package kept from reading: the encoder itself must produce the DER.
        byte[] der = Fixtures.saipDer(fixture);
        assertArrayEquals(der, ProfileCodec.encode(new ProfilePackage(ProfileCodec.decode(der).elements())));
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void dumpPrintsThePublishedValueNotation(String fixture) throws Exception {
        String dump = ProfileCodec.dump(ProfileCodec.decode(Fixtures.saipDer(fixture)));
        assertEquals(Fixtures.tokens(Fixtures.saipText(fixture)), Fixtures.tokens(dump));
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void compileOfThePublishedTextGivesTheDer(String fixture) throws Exception {
        assertArrayEquals(Fixtures.saipDer(fixture), ProfileCodec.encode(ProfileCodec.compile(Fixtures.saipText(fixture))));
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void headerFirstEndLastVersionTwoThree(String fixture) throws Exception {
        ProfilePackage profile = ProfileCodec.decode(Fixtures.saipDer(fixture));
        List<String> kinds = profile.elementKinds();
        assertEquals("header", kinds.get(0));
        assertEquals("end", kinds.get(kinds.size() - 1));
        assertEquals(fixture.contains("NoRAMRFM") ? 26 : 30, kinds.size());
        assertArrayEquals(new int[] { 2, 3 }, profile.version());
    }
}
