package io.ifpp.core;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;

import javax.security.auth.Destroyable;

/**
 * Key material or a PIN (Ki, OPc, PIN, PUK, ADM, security domain keys): its bytes never appear in
 * {@link #toString()}, logs or messages, compare in constant time, and are zeroized by {@link #destroy()} (or
 * {@link #close()}). Callers that need the bytes borrow a copy through {@link #apply}, which zeroizes it after.
 */
public final class Secret implements Destroyable, AutoCloseable {

    private final byte[] value;
    private volatile boolean destroyed;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** A secret holding a copy of {@code bytes}; the caller should zeroize its own array. */
    public static Secret of(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    /** From hex digits, as operators deliver Ki and OPc; the message of a bad input never repeats it. */
    public static Secret ofHex(CharSequence hex) {
        String digits = hex.toString().strip();
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a secret in hex needs an even number of hex digits; got "
                    + digits.length() + " characters" + (digits.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? ""
                            : " with some that are not hex digits"));
        }
        return new Secret(HexFormat.of().parseHex(digits));
    }

    public int length() {
        checkAlive();
        return value.length;
    }

    /** Lends the bytes to {@code use} as a copy that is zeroized when it returns. */
    public <R> R apply(Function<byte[], R> use) {
        checkAlive();
        byte[] copy = value.clone();
        try {
            return use.apply(copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    /**
     * Writes the bytes as upper-case hex digits into {@code out}, digit by digit: no String of the secret is made,
     * since a String cannot be cleared after use.
     */
    public void writeHex(java.io.ByteArrayOutputStream out) {
        checkAlive();
        java.util.HexFormat hex = java.util.HexFormat.of().withUpperCase();
        for (byte b : value) {
            out.write(hex.toHighHexDigit(b));
            out.write(hex.toLowHexDigit(b));
        }
    }

    /** A copy for an encoder that must keep the bytes (e.g. in a profile package); prefer {@link #apply}. */
    public byte[] copy() {
        checkAlive();
        return value.clone();
    }

    @Override
    public void destroy() {
        Arrays.fill(value, (byte) 0);
        destroyed = true;
    }

    @Override
    public void close() {
        destroy();
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("this secret was destroyed after use");
        }
    }

    /** Constant time, so that comparing reveals nothing about where two secrets differ. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && !destroyed && !s.destroyed && MessageDigest.isEqual(value, s.value);
    }

    /** The length only: a hash of the bytes would leak information about them. */
    @Override
    public int hashCode() {
        return value.length;
    }

    /** Masked: {@code Secret[16 bytes]}. */
    @Override
    public String toString() {
        return destroyed ? "Secret[destroyed]" : "Secret[" + value.length + " bytes]";
    }
}
