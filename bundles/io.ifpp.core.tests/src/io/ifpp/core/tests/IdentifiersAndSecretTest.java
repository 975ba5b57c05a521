package io.ifpp.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.ifpp.core.Imsi;
import io.ifpp.core.Plmn;
import io.ifpp.core.Secret;

class IdentifiersAndSecretTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void efImsiOfTheTs48TestProfile() {
        // TS.48: EF.IMSI '080910101032547698'H, EF.AD MNC length 2.
        Imsi imsi = Imsi.fromEfImsi(HEX.parseHex("080910101032547698"), 2);
        assertEquals("001010123456789", imsi.digits());
        assertEquals(new Plmn("001", "01"), imsi.plmn());
        assertEquals("080910101032547698", HEX.formatHex(imsi.toEfImsi()));
    }

    @Test
    void evenLengthImsiIsPaddedWithF() {
        Imsi imsi = new Imsi("26201123456789", 2);
        byte[] file = imsi.toEfImsi();
        assertEquals("08", HEX.formatHex(file, 0, 1));
        assertEquals(0x1, file[1] & 0x0F, "even parity, type IMSI");
        assertEquals(imsi, Imsi.fromEfImsi(file, 2));
    }

    @Test
    void plmnCodingWithTwoAndThreeDigitMnc() {
        assertEquals("62F210", HEX.formatHex(Plmn.parse("262-01").toBytes()));
        assertEquals("130014", HEX.formatHex(Plmn.parse("310410").toBytes()));
        assertEquals(Optional.of(Plmn.parse("310-410")), Plmn.fromBytes(HEX.parseHex("130014"), 0));
        assertEquals(Optional.empty(), Plmn.fromBytes(HEX.parseHex("FFFFFF"), 0));
        assertThrows(IllegalArgumentException.class, () -> Plmn.parse("26"));
    }

    @Test
    void aSecretWritesItsHexDigitsUpperCase() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Secret.ofHex("00a1ff0f").writeHex(out);
        assertEquals("00A1FF0F", out.toString(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void secretsAreMaskedComparedInConstantTimeAndZeroized() {
        Secret ki = Secret.ofHex("000102030405060708090A0B0C0D0E0F");
        assertEquals("Secret[16 bytes]", ki.toString());
        assertFalse(ki.toString().contains("0001"));
        assertEquals(ki, Secret.ofHex("000102030405060708090a0b0c0d0e0f"));
        assertNotEquals(ki, Secret.ofHex("000102030405060708090A0B0C0D0E00"));
        byte[][] lent = new byte[1][];
        assertEquals(16, (int) ki.apply(bytes -> {
            lent[0] = bytes;
            return bytes.length;
        }));
        assertArrayEquals(new byte[16], lent[0], "the borrowed copy is zeroized after use");
        ki.destroy();
        assertTrue(ki.isDestroyed());
        assertEquals("Secret[destroyed]", ki.toString());
        assertThrows(IllegalStateException.class, ki::copy);
    }

    @Test
    void aBadHexSecretIsRefusedWithoutRepeatingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Secret.ofHex("00112233445566778G"));
        assertFalse(e.getMessage().contains("0011"), e.getMessage());
        assertTrue(e.getMessage().contains("18 characters"), e.getMessage());
    }
}
