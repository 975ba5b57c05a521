package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ifpp.fixtures.Fixtures;

import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileValidator;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.ChoiceValue;
import io.ifpp.profile.asn1.Asn1Value.Field;
import io.ifpp.profile.asn1.Asn1Value.SequenceValue;
import io.ifpp.profile.asn1.Tag;

/** What a later SAIP version adds, and BER forms other than DER, survive a round trip unchanged. */
class UnknownAndNonDerTest {

    private static final byte[] PROFILE = Fixtures.saipDer(Fixtures.SAIP_PROFILES.get(3));

    /** The fixture with {@code element} inserted before its last element (end). */
    private static byte[] withElementBeforeEnd(byte[] element) throws Exception {
        ProfilePackage profile = ProfileCodec.decode(PROFILE);
        int endStart = PROFILE.length - ProfileCodec.encode(new ProfilePackage(List.of(profile.elements().getLast()))).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PROFILE, 0, endStart);
        out.write(element);
        out.write(PROFILE, endStart, PROFILE.length - endStart);
        return out.toByteArray();
    }

    @Test
    void aProfileElementOfALaterVersionIsKeptAsRead() throws Exception {
        byte[] future = HexFormat.of().parseHex("BF3C03800107"); // [60] { [0] 07 }
        byte[] bytes = withElementBeforeEnd(future);
        ProfilePackage profile = ProfileCodec.decode(bytes);
        List<String> kinds = profile.elementKinds();
        assertEquals("unknown", kinds.get(kinds.size() - 2));
        Asn1Value.UnknownValue unknown = assertInstanceOf(Asn1Value.UnknownValue.class,
                profile.elements().get(kinds.size() - 2));
        assertEquals(Tag.context(60), unknown.tag());
        assertArrayEquals(bytes, ProfileCodec.encode(profile));
        assertTrue(ProfileCodec.dump(profile).contains("-- value" + (kinds.size() - 1)
                + " is an element this schema does not know: [60] 'BF3C03800107'H"));
    }

    @Test
    void anExtensionInsideAnElementIsKeptAsRead() throws Exception {
        ProfilePackage profile = ProfileCodec.decode(PROFILE);
        ChoiceValue header = (ChoiceValue) profile.elements().getFirst();
        List<Field> fields = new ArrayList<>(((SequenceValue) header.value()).fields());
        fields.add(new Field(null, new Asn1Value.UnknownValue(Tag.context(20),
                new Asn1Value.OctetStringValue(HexFormat.of().parseHex("940107")))));
        ProfilePackage extended = profile.withElement(0, new ChoiceValue("header", new SequenceValue(fields)));

        byte[] bytes = ProfileCodec.encode(extended);
        ProfilePackage again = ProfileCodec.decode(bytes);
        assertEquals(extended, again);
        assertArrayEquals(bytes, ProfileCodec.encode(again));
        assertEquals(PROFILE.length + 3, bytes.length);
    }

    @Test
    void anExtensionBeforeTheKnownComponentsLeavesThemFoundAndTheValidatorWhole() throws Exception {
        ProfilePackage profile = ProfileCodec.decode(PROFILE);
        ChoiceValue header = (ChoiceValue) profile.elements().getFirst();
        List<Field> fields = new ArrayList<>(((SequenceValue) header.value()).fields());
        // An unknown extension has no name; looking up a named component must step over it (the REST fuzz found
        // the validator failing on such a package).
        fields.addFirst(new Field(null, new Asn1Value.UnknownValue(Tag.context(20),
                new Asn1Value.OctetStringValue(HexFormat.of().parseHex("940107")))));
        SequenceValue extended = new SequenceValue(fields);
        assertTrue(extended.get("iccid").isPresent());
        assertTrue(extended.get("no-such-component").isEmpty());
        ProfileValidator.validate(profile.withElement(0, new ChoiceValue("header", extended)));
    }

    @Test
    void aLongFormLengthIsWrittenBackAsReadUntilTheElementChanges() throws Exception {
        ProfilePackage profile = ProfileCodec.decode(PROFILE);
        byte[] end = ProfileCodec.encode(new ProfilePackage(List.of(profile.elements().getLast())));
        assertTrue(end[1] < 0x7F, "the end element is short");
        // Same element, length written in the long form: BER, not DER.
        byte[] longForm = new byte[end.length + 1];
        longForm[0] = end[0];
        longForm[1] = (byte) 0x81;
        System.arraycopy(end, 1, longForm, 2, end.length - 1);
        byte[] bytes = Arrays.copyOf(PROFILE, PROFILE.length - end.length + longForm.length);
        System.arraycopy(longForm, 0, bytes, PROFILE.length - end.length, longForm.length);

        ProfilePackage read = ProfileCodec.decode(bytes);
        assertEquals(profile, read, "the same values");
        assertArrayEquals(bytes, ProfileCodec.encode(read), "unchanged: written as read");
        int last = read.elements().size() - 1;
        assertArrayEquals(PROFILE, ProfileCodec.encode(read.withElement(last, read.elements().get(last))),
                "replaced: written as DER");
    }
}
