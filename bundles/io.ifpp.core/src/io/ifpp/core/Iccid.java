package io.ifpp.core;

import java.util.Objects;

/**
 * An ICCID (ITU-T E.118): 18 to 20 digits starting with 89 (telecom), the last a Luhn check digit over the others.
 * A profile package stores it twice: plain BCD padded with F in the ProfileHeader, nibble-swapped in EF.ICCID.
 */
public record Iccid(String digits) {

    public static final int BCD_LENGTH = 10;

    public Iccid {
        Objects.requireNonNull(digits, "digits");
        if (!digits.matches("\\d{18,20}")) {
            throw new IllegalArgumentException("an ICCID has 18 to 20 digits, found " + digits.length()
                    + " characters" + (digits.chars().allMatch(Character::isDigit) ? "" : " that are not all digits"));
        }
    }

    /** Parses what a person types; the Luhn check is {@link #hasValidCheckDigit()}, not a parse rule. */
    public static Iccid of(String digits) {
        return new Iccid(digits.strip());
    }

    /** The ProfileHeader form: digits in order, two per byte, high nibble first, padded with F. */
    public static Iccid fromBcd(byte[] bcd) {
        return new Iccid(nibbles(bcd, false));
    }

    /** The EF.ICCID form: each byte's nibbles swapped, padded with F. */
    public static Iccid fromSwappedBcd(byte[] swapped) {
        return new Iccid(nibbles(swapped, true));
    }

    private static String nibbles(byte[] bytes, boolean swapped) {
        StringBuilder digits = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            int first = swapped ? b & 0x0F : (b >> 4) & 0x0F;
            int second = swapped ? (b >> 4) & 0x0F : b & 0x0F;
            for (int nibble : new int[] { first, second }) {
                if (nibble == 0x0F) {
                    return digits.toString(); // padding
                }
                if (nibble > 9) {
                    throw new IllegalArgumentException("an ICCID holds decimal digits; nibble " + nibble
                            + " at digit " + (digits.length() + 1) + " is not one");
                }
                digits.append((char) ('0' + nibble));
            }
        }
        return digits.toString();
    }

    public byte[] toBcd() {
        return pack(false);
    }

    public byte[] toSwappedBcd() {
        return pack(true);
    }

    private byte[] pack(boolean swapped) {
        byte[] bytes = new byte[BCD_LENGTH];
        for (int i = 0; i < BCD_LENGTH; i++) {
            int high = digit(2 * i);
            int low = digit(2 * i + 1);
            bytes[i] = (byte) (swapped ? (low << 4) | high : (high << 4) | low);
        }
        return bytes;
    }

    private int digit(int index) {
        return index < digits.length() ? digits.charAt(index) - '0' : 0x0F;
    }

    /** True if the last digit is the Luhn check digit of the others (E.118). */
    public boolean hasValidCheckDigit() {
        return Luhn.isValid(digits);
    }

    /** The Luhn check digit the last digit should be. */
    public int expectedCheckDigit() {
        return Luhn.checkDigit(digits.substring(0, digits.length() - 1));
    }

    @Override
    public String toString() {
        return digits;
    }
}
