package io.ifpp.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ifpp.core.Secret;
import io.ifpp.trust.SecretGenerator;

class SecretGeneratorTest {

    @Test
    void opcFollowsTheMilenageRuleOf3gppTestSet1() {
        // 3GPP TS 35.208, test set 1.
        Secret k = Secret.ofHex("465b5ce8b199b49faa5f0a2ee238a6bc");
        Secret op = Secret.ofHex("cdc202d5123e20f62b6d676ac72cb318");
        assertEquals(Secret.ofHex("cd63cb71954a9f4e48a5994e37a02baf"), SecretGenerator.opc(k, op));
    }

    @Test
    void generatedKisAreSixteenRandomBytes() {
        Set<Secret> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Secret ki = SecretGenerator.ki();
            assertEquals(16, ki.length());
            assertTrue(seen.add(ki) || seen.stream().noneMatch(ki::equals), "no repeats among 100 random Kis");
        }
        assertNotEquals(SecretGenerator.ki(), SecretGenerator.ki());
        assertEquals("Secret[16 bytes]", SecretGenerator.ki().toString());
    }

    @Test
    void secretsDrawnTogetherAreDistinctAndOfTheirLength() {
        // 10,000 Ki/OPc: a 1,000-device order with five profiles, 160 KB, more than the DRBG gives in one draw.
        List<Secret> drawn = SecretGenerator.random(10_000, 16);
        assertEquals(10_000, drawn.size());
        assertTrue(drawn.stream().allMatch(secret -> secret.length() == 16));
        assertEquals(10_000, new HashSet<>(drawn).size(), "no two of 10,000 drawn 128-bit secrets are equal");
        assertTrue(SecretGenerator.random(0, 16).isEmpty());
        assertEquals(3, SecretGenerator.random(3, 5_000).stream().filter(secret -> secret.length() == 5_000).count());
    }

    @Test
    void pinsPuksAndAdmAreAsciiDigitsPaddedWithFf() {
        Secret pin = SecretGenerator.pin(4);
        assertTrue(pin.apply(bytes -> {
            for (int i = 0; i < 8; i++) {
                boolean ok = i < 4 ? bytes[i] >= '0' && bytes[i] <= '9' : bytes[i] == (byte) 0xFF;
                if (!ok) {
                    return false;
                }
            }
            return true;
        }));
        assertTrue(SecretGenerator.puk().apply(bytes -> new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).matches("\\d{8}")));
        assertThrows(IllegalArgumentException.class, () -> SecretGenerator.pin(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecretGenerator.opc(Secret.ofHex("00112233"), Secret.ofHex("465b5ce8b199b49faa5f0a2ee238a6bc")));
        assertFalse(e.getMessage().contains("465b"), e.getMessage());
    }

    @Test
    void digitCodesComeFromOneDrawEachItsDigitsPaddedAndEveryDigitEquallyLikely() {
        List<Secret> codes = SecretGenerator.digitCodes(4, 8, 8);
        assertEquals(3, codes.size());
        String pin = codes.get(0).apply(bytes -> java.util.HexFormat.of().formatHex(bytes));
        assertTrue(pin.matches("(3[0-9]){4}ffffffff"), "4 ASCII digits padded with FF: " + pin.length());
        for (Secret code : codes.subList(1, 3)) {
            assertTrue(code.apply(bytes -> new String(bytes, java.nio.charset.StandardCharsets.US_ASCII))
                    .matches("\\d{8}"));
        }
        assertThrows(IllegalArgumentException.class, () -> SecretGenerator.digitCodes(4, 9));

        // 100,000 codes of 8 digits in 10,000 draws: each digit 80,000 times expected, sd about 270; 2,000 off is
        // more than 7 sd.
        long[] counts = new long[10];
        for (int i = 0; i < 10_000; i++) {
            for (Secret code : SecretGenerator.digitCodes(8, 8, 8, 8, 8, 8, 8, 8, 8, 8)) {
                code.apply(bytes -> {
                    for (byte b : bytes) {
                        counts[b - '0']++;
                    }
                    return null;
                });
                code.destroy();
            }
        }
        for (int digit = 0; digit < 10; digit++) {
            assertTrue(Math.abs(counts[digit] - 80_000) < 2_000, "digit " + digit + " drawn " + counts[digit]
                    + " times of 800,000");
        }
    }
}
