package io.ifpp.trust;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import io.ifpp.core.Secret;
import io.ifpp.trust.internal.Crypto;

/**
 * Generates the per-device secrets of a profile with the DRBG: Ki, OPc (from the operator's OP by the Milenage rule
 * of 3GPP TS 35.206: OPc = AES-128_K(OP) ⊕ OP), PINs, PUKs and ADM codes, as {@link Secret}s.
 */
public final class SecretGenerator {

    private SecretGenerator() {
    }

    /** A random 128-bit Ki. */
    public static Secret ki() {
        return random(16);
    }

    public static Secret random(int bytes) {
        byte[] value = new byte[bytes];
        Crypto.random().nextBytes(value);
        try {
            return Secret.of(value);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    /**
     * {@code count} random secrets of {@code bytes} each, drawn a few kilobytes at a time: the DRBG reseeds from the
     * operating system before every draw (prediction resistance), which costs more than the bytes when a batch draws
     * per secret, and it refuses draws over 32 KB.
     */
    public static List<Secret> random(int count, int bytes) {
        int perDraw = Math.max(1, DRAW_BYTES / bytes);
        byte[] values = new byte[Math.multiplyExact(Math.min(count, perDraw), bytes)];
        byte[] one = new byte[bytes];
        List<Secret> secrets = new ArrayList<>(count);
        try {
            while (secrets.size() < count) {
                int drawn = Math.min(perDraw, count - secrets.size());
                Crypto.random().nextBytes(values);
                for (int i = 0; i < drawn; i++) {
                    System.arraycopy(values, i * bytes, one, 0, bytes);
                    secrets.add(Secret.of(one));
                }
            }
            return secrets;
        } finally {
            Arrays.fill(values, (byte) 0);
            Arrays.fill(one, (byte) 0);
        }
    }

    private static final int DRAW_BYTES = 4_096;

    /** OPc = AES-128 of OP under K, XOR OP (TS 35.206 §4.1). */
    public static Secret opc(Secret k, Secret op) {
        if (k.length() != 16 || op.length() != 16) {
            throw new IllegalArgumentException("Milenage needs a 16-byte K and a 16-byte OP, got " + k.length() + " and "
                    + op.length() + " bytes");
        }
        return k.apply(key -> op.apply(operator -> {
            try {
                Cipher aes = Cipher.getInstance("AES/ECB/NoPadding", Crypto.BC);
                aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
                byte[] opc = aes.doFinal(operator);
                for (int i = 0; i < opc.length; i++) {
                    opc[i] ^= operator[i];
                }
                try {
                    return Secret.of(opc);
                } finally {
                    Arrays.fill(opc, (byte) 0);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("BouncyCastle provides AES", e);
            }
        }));
    }

    /** A PIN of {@code digits} (4-8) random decimal digits, coded as ASCII padded with 'FF' to 8 bytes. */
    public static Secret pin(int digits) {
        return digitCodes(digits).get(0);
    }

    /** A PUK: 8 random decimal digits in ASCII. */
    public static Secret puk() {
        return digitCodes(8).get(0);
    }

    /** An ADM code: 8 random decimal digits in ASCII, as most eUICC vendors expect. */
    public static Secret adm() {
        return digitCodes(8).get(0);
    }

    /**
     * Codes of {@code digits[i]} (4-8) random decimal digits each, ASCII padded with 'FF' to 8 bytes, from one draw
     * of the DRBG for all of them (each draw reseeds; a device's PINs, PUKs and ADM codes need one, not one per
     * digit). A digit is a byte below 250 modulo 10, so every digit is equally likely; the others are skipped.
     */
    public static List<Secret> digitCodes(int... digits) {
        int needed = 0;
        for (int count : digits) {
            if (count < 4 || count > 8) {
                throw new IllegalArgumentException("a code has 4 to 8 digits, not " + count);
            }
            needed += count;
        }
        // 6 byte values in 256 are skipped: with twice what is needed, a second draw is practically never made.
        byte[] drawn = new byte[Math.max(16, 2 * needed)];
        byte[] accepted = new byte[needed];
        byte[] code = new byte[8];
        try {
            int have = 0;
            while (have < needed) {
                Crypto.random().nextBytes(drawn);
                for (int i = 0; i < drawn.length && have < needed; i++) {
                    int value = drawn[i] & 0xFF;
                    if (value < 250) {
                        accepted[have++] = (byte) ('0' + value % 10);
                    }
                }
            }
            List<Secret> codes = new ArrayList<>(digits.length);
            int next = 0;
            for (int count : digits) {
                Arrays.fill(code, (byte) 0xFF);
                System.arraycopy(accepted, next, code, 0, count);
                next += count;
                codes.add(Secret.of(code));
            }
            return codes;
        } finally {
            Arrays.fill(drawn, (byte) 0);
            Arrays.fill(accepted, (byte) 0);
            Arrays.fill(code, (byte) 0);
        }
    }
}
