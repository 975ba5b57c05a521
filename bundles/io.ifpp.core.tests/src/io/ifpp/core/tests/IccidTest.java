package io.ifpp.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;

class IccidTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void theTwoFormsOfAProfilePackageDecodeToTheSameIccid() {
        // GSMA TS.48 test profile: header '89000123456789012341'H, EF.ICCID '98001032547698103214'H.
        Iccid header = Iccid.fromBcd(HEX.parseHex("89000123456789012341"));
        Iccid efIccid = Iccid.fromSwappedBcd(HEX.parseHex("98001032547698103214"));
        assertEquals(header, efIccid);
        assertEquals("89000123456789012341", header.digits());
        assertTrue(header.hasValidCheckDigit());
    }

    @Test
    void nineteenDigitsArePaddedWithF() {
        Iccid iccid = Iccid.of("8944500102198304826");
        assertEquals("8944500102198304826F", HEX.formatHex(iccid.toBcd()));
        assertEquals("984405102091384028F6", HEX.formatHex(iccid.toSwappedBcd()));
        assertEquals(iccid, Iccid.fromBcd(iccid.toBcd()));
        assertEquals(iccid, Iccid.fromSwappedBcd(iccid.toSwappedBcd()));
    }

    @Test
    void luhnCheckDigit() {
        assertEquals(1, Luhn.checkDigit("8900012345678901234"));
        assertTrue(Luhn.isValid("79927398713"));
        assertFalse(Luhn.isValid("79927398710"));
        Iccid wrong = Iccid.of("89000123456789012342");
        assertFalse(wrong.hasValidCheckDigit());
        assertEquals(1, wrong.expectedCheckDigit());
    }

    @Test
    void malformedIccidsSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Iccid.of("8901"))
                .getMessage().contains("18 to 20 digits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Iccid.fromBcd(HEX.parseHex("89A0")))
                .getMessage().contains("nibble 10 at digit 3"));
        assertArrayEquals(HEX.parseHex("89000123456789012341"), Iccid.of(" 89000123456789012341 ").toBcd());
    }
}
