package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.ifpp.fixtures.Fixtures;

import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.asn1.Asn1DecodeException;

/**
 * Broken packages fail with a typed error that says where; nothing else escapes. Random mutations of fixtures and
 * of generated packages are jqwik properties in releng/property-tests.
 */
class MalformedInputTest {

    private static final byte[] PROFILE = Fixtures.saipDer(Fixtures.SAIP_PROFILES.get(0));

    private static Asn1DecodeException decodeFails(byte[] bytes) {
        return assertThrows(Asn1DecodeException.class, () -> ProfileCodec.decode(bytes));
    }

    @Test
    void everyTruncationIsATypedErrorWithinTheInput() {
        // Cutting at an element boundary leaves a shorter valid package; anywhere else must fail.
        int failures = 0;
        for (int length = 1; length < PROFILE.length; length++) {
            byte[] cut = Arrays.copyOf(PROFILE, length);
            try {
                ProfileCodec.decode(cut);
            } catch (Asn1DecodeException e) {
                failures++;
                assertTrue(e.offset() >= 0 && e.offset() < length, e.getMessage());
            } catch (RuntimeException e) {
                fail("a truncation at " + length + " escaped as " + e);
            }
        }
        assertTrue(failures > PROFILE.length - 40, "only element boundaries may decode: " + failures);
    }

    @Test
    void lengthBeyondTheInputNamesTheOffsetAndTheNumbers() {
        byte[] broken = PROFILE.clone();
        // The header element starts A0 81 xx or A0 xx: claim far more than the input holds.
        broken[1] = (byte) 0x84;
        Asn1DecodeException e = decodeFails(Arrays.copyOf(broken, 6));
        assertEquals(0, e.offset());
        assertTrue(e.reason().contains("remain"), e.getMessage());
    }

    @Test
    void indefiniteLengthIsRefused() {
        Asn1DecodeException e = decodeFails(HexFormat.of().parseHex("A0800000"));
        assertTrue(e.reason().contains("indefinite length"), e.getMessage());
    }

    @Test
    void trailingBytesThatAreNoElementAreRefusedAtTheirOffset() {
        byte[] withTrailer = Arrays.copyOf(PROFILE, PROFILE.length + 2);
        withTrailer[PROFILE.length] = 0x05; // a universal NULL is no profile element
        Asn1DecodeException e = decodeFails(withTrailer);
        assertEquals(PROFILE.length, e.offset());
        assertTrue(e.reason().contains("no alternative here has the tag [UNIVERSAL 5]"), e.getMessage());
        byte[] oneStray = Arrays.copyOf(PROFILE, PROFILE.length + 1);
        assertEquals(PROFILE.length, decodeFails(oneStray).offset());
    }

    @Test
    void wrongTagInsideAnElementNamesThePath() throws Exception {
        // value1 header: A0 len 80 01 02 (major-version [0]) ... ; make major-version a [9].
        byte[] broken = PROFILE.clone();
        int majorVersion = indexOf(broken, new byte[] { (byte) 0x80, 0x01, 0x02 });
        broken[majorVersion] = (byte) 0x89;
        Asn1DecodeException e = decodeFails(broken);
        assertEquals(majorVersion, e.offset());
        assertEquals("value1 > header", e.path());
        assertTrue(e.reason().contains("major-version is missing"), e.getMessage());
    }

    @Test
    void thePathCountsTheElementsOfASequenceOf() throws Exception {
        // value4 pinCodes: pinconfig [0] is 30 13 80 01 01 81 08 ..., [1] is 30 14 80 01 0A 81 08 35 ...;
        // claim a pinValue in [1] longer than what remains. Elements decoded before must not shift the index.
        byte[] broken = PROFILE.clone();
        int second = indexOf(broken, HexFormat.of().parseHex("301480010A8108"));
        broken[second + 6] = 0x7E;
        Asn1DecodeException e = decodeFails(broken);
        assertEquals(second + 5, e.offset());
        assertEquals("value4 > pinCodes > pinCodes > pinconfig > [1]", e.path());
    }

    @Test
    void errorsNeverQuoteTheContentTheyFailOn() {
        // A key in the AKA parameters, cut short: the message names where, never the key bytes.
        byte[] key = HexFormat.of().parseHex("000102030405060708090A0B0C0D0E0F");
        int at = indexOf(PROFILE, key);
        assertTrue(at > 0, "the fixture's test key is where the test expects it");
        Asn1DecodeException e = decodeFails(Arrays.copyOf(PROFILE, at + 8));
        assertFalse(e.getMessage().contains("0001020304050607"), e.getMessage());
        assertFalse(e.getMessage().toLowerCase().contains("0a0b0c0d"), e.getMessage());
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
