package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.ifpp.core.Diagnostic;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileValidator;
import io.ifpp.profile.asn1.Asn1Paths;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.OctetStringValue;

/** Each rule, broken once on a real TS.48 profile; the untouched profiles pass. */
class ProfileValidatorTest {

    static final List<String> FIXTURES = Fixtures.SAIP_PROFILES;
    private static final HexFormat HEX = HexFormat.of();

    private static ProfilePackage profile() throws Exception {
        return ProfileCodec.decode(Fixtures.saipDer(Fixtures.SAIP_PROFILES.get(2)));
    }

    /** The profile with the element of kind {@code kind} (its first) changed at {@code path}. */
    private static ProfilePackage change(String kind, UnaryOperator<Asn1Value> change, String... path) throws Exception {
        ProfilePackage profile = profile();
        int index = profile.elementKinds().indexOf(kind);
        String[] full = new String[path.length + 1];
        full[0] = kind;
        System.arraycopy(path, 0, full, 1, path.length);
        return profile.withElement(index, Asn1Paths.with(profile.elements().get(index), change, full));
    }

    private static UnaryOperator<Asn1Value> octets(String hex) {
        return old -> new OctetStringValue(HEX.parseHex(hex));
    }

    private static Diagnostic only(ProfilePackage profile, String rule) {
        List<Diagnostic> found = ProfileValidator.validate(profile).stream().filter(d -> d.rule().equals(rule)).toList();
        assertEquals(1, found.size(), rule + ": " + ProfileValidator.validate(profile));
        return found.get(0);
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void theGsmaTestProfilesAreValid(String fixture) throws Exception {
        assertEquals(List.of(), ProfileValidator.validate(ProfileCodec.decode(Fixtures.saipDer(fixture))));
    }

    @Test
    void iccidCheckDigitAndAgreementWithEfIccid() throws Exception {
        ProfilePackage wrong = change("header", octets("89000123456789012342"), "iccid");
        Diagnostic luhn = only(wrong, "iccid-luhn");
        assertEquals(Diagnostic.Severity.ERROR, luhn.severity());
        assertEquals(0, luhn.index());
        assertEquals("value1 header > iccid", luhn.location());
        assertEquals("check digit 1", luhn.expected());
        assertEquals("check digit 2", luhn.found());
        Diagnostic agreement = only(wrong, "iccid-agreement");
        assertEquals("89000123456789012342", agreement.expected());
        assertEquals("89000123456789012341", agreement.found());
        assertEquals("value2 mf > ef-iccid", agreement.location());
    }

    @Test
    void headerFirstEndLast() throws Exception {
        ProfilePackage profile = profile();
        List<Asn1Value> elements = new java.util.ArrayList<>(profile.elements());
        elements.add(0, elements.remove(elements.size() - 1));
        ProfilePackage swapped = new ProfilePackage(elements);
        List<String> found = ProfileValidator.validate(swapped).stream()
                .map(d -> d.rule() + " at " + d.index() + ": found " + d.found()).toList();
        assertEquals(List.of("header-first at 0: found end", "end-last at " + (elements.size() - 1) + ": found rfm",
                "header-first at 1: found another at element 2",
                "end-last at 0: found " + (elements.size() - 1) + " elements after it"), found);
    }

    @Test
    void identificationsAreUnique() throws Exception {
        ProfilePackage original = profile();
        int puk = original.elementKinds().indexOf("pukCodes");
        Asn1Value pukId = Asn1Paths.get(original.elements().get(puk), "pukCodes", "puk-Header", "identification").orElseThrow();
        ProfilePackage profile = change("mf", old -> pukId, "mf-header", "identification");
        Diagnostic duplicate = only(profile, "unique-identification");
        assertEquals(puk, duplicate.index(), "reported at the second use");
        assertEquals(((Asn1Value.IntegerValue) pukId).value() + ", as element 2", duplicate.found());
    }

    @Test
    void naaElementsNeedTheirMandatoryService() throws Exception {
        ProfilePackage profile = change("header", services -> {
            var fields = ((Asn1Value.SequenceValue) services).fields().stream().filter(f -> !"usim".equals(f.name())).toList();
            return new Asn1Value.SequenceValue(fields);
        }, "eUICC-Mandatory-services");
        Diagnostic missing = only(profile, "mandatory-services");
        assertEquals("usim", missing.expected());
        assertEquals(Diagnostic.Severity.ERROR, missing.severity());
        assertFalse(ProfileValidator.isValid(ProfileValidator.validate(profile)));
    }

    @Test
    void akaKeyLengthIsCheckedWithoutShowingTheKey() throws Exception {
        ProfilePackage profile = change("akaParameter", octets("000102030405060708090A0B0C0D0E"),
                "algoConfiguration", "algoParameter", "key");
        Diagnostic key = only(profile, "aka-key-length");
        assertEquals("16 bytes", key.expected());
        assertEquals("15 bytes", key.found());
        assertFalse(key.toString().toUpperCase().contains("0A0B0C0D"), key.toString());
    }

    @Test
    void pinsAreFourToEightDigitsPaddedWithFf() throws Exception {
        ProfilePackage profile = change("pinCodes", octets("3132FFFFFFFFFFFF"), "pinCodes", "pinconfig", "[0]", "pinValue");
        Diagnostic pin = only(profile, "pin-format");
        assertEquals("2 digits", pin.found());
        assertTrue(pin.location().contains("(pinAppl1) > pinValue"), pin.location());
        assertFalse(pin.toString().contains("3132"), pin.toString());
    }

    @Test
    void puksAreEightDigits() throws Exception {
        ProfilePackage profile = change("pukCodes", octets("31313131313131FF"), "pukCodes", "[0]", "pukValue");
        Diagnostic puk = only(profile, "puk-format");
        assertEquals("7 digits", puk.found());
        assertTrue(puk.location().contains("(pukAppl1)"), puk.location());
    }

    @Test
    void imsiLengthByteAndMncLengthFromEfAd() throws Exception {
        ProfilePackage badLength = change("usim", steps -> Asn1Paths.with(steps, octets("090910101032547698"), "[1]", "fillFileContent"),
                "ef-imsi");
        assertEquals("9", only(badLength, "imsi-format").found());

        ProfilePackage badMnc = change("usim", steps -> Asn1Paths.with(steps, octets("80000004"), "[1]", "fillFileContent"),
                "ef-ad");
        Diagnostic mnc = only(badMnc, "mnc-length");
        assertEquals("2 or 3", mnc.expected());
        assertEquals("4", mnc.found());
    }

    @Test
    void contentLargerThanTheDeclaredFileSize() throws Exception {
        // EF.PL in the MF declares 6 bytes ('06'H) and is filled with 3 by a fill pattern; write 7.
        ProfilePackage profile = change("mf", steps -> {
            var list = new java.util.ArrayList<>(((Asn1Value.SequenceOfValue) steps).elements());
            list.add(new Asn1Value.ChoiceValue("fillFileContent", new OctetStringValue(HEX.parseHex("656E6465667200"))));
            return new Asn1Value.SequenceOfValue(list);
        }, "ef-pl");
        Diagnostic size = only(profile, "file-size");
        assertEquals("at most 6 bytes", size.expected());
        assertEquals("7 bytes", size.found());
        assertEquals("value2 mf > ef-pl", size.location());
    }
}
