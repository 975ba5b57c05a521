package io.ifpp.core;

import java.util.Objects;

/**
 * A PLMN: MCC (3 digits) and MNC (2 or 3 digits), as in an IMSI and in the SIM's PLMN lists (TS 31.102 4.2.x:
 * 3 bytes, MCC2|MCC1, MNC3|MCC3, MNC2|MNC1, with F for the third MNC digit of a 2-digit MNC).
 */
public record Plmn(String mcc, String mnc) {

    public Plmn {
        Objects.requireNonNull(mcc, "mcc");
        Objects.requireNonNull(mnc, "mnc");
        if (!mcc.matches("\\d{3}")) {
            throw new IllegalArgumentException("an MCC has 3 digits, found '" + mcc + "'");
        }
        if (!mnc.matches("\\d{2,3}")) {
            throw new IllegalArgumentException("an MNC has 2 or 3 digits, found '" + mnc + "'");
        }
    }

    /** From "MCC-MNC" or "MCCMNC" with the MNC length given (2 or 3). */
    public static Plmn parse(String text) {
        String digits = text.strip();
        int dash = digits.indexOf('-');
        if (dash >= 0) {
            return new Plmn(digits.substring(0, dash), digits.substring(dash + 1));
        }
        if (!digits.matches("\\d{5,6}")) {
            throw new IllegalArgumentException("a PLMN is MCC-MNC, e.g. 262-01, or 5 to 6 digits; found '" + text + "'");
        }
        return new Plmn(digits.substring(0, 3), digits.substring(3));
    }

    /** The 3-byte SIM coding. */
    public byte[] toBytes() {
        int mnc3 = mnc.length() == 3 ? mnc.charAt(2) - '0' : 0x0F;
        return new byte[] { (byte) ((d(mcc, 1) << 4) | d(mcc, 0)), (byte) ((mnc3 << 4) | d(mcc, 2)),
                (byte) ((d(mnc, 1) << 4) | d(mnc, 0)) };
    }

    /** Reads the 3-byte SIM coding at {@code offset}; empty for an unused entry ('FFFFFF'). */
    public static java.util.Optional<Plmn> fromBytes(byte[] bytes, int offset) {
        if ((bytes[offset] & 0xFF) == 0xFF && (bytes[offset + 1] & 0xFF) == 0xFF && (bytes[offset + 2] & 0xFF) == 0xFF) {
            return java.util.Optional.empty();
        }
        int mcc1 = bytes[offset] & 0x0F;
        int mcc2 = (bytes[offset] >> 4) & 0x0F;
        int mcc3 = bytes[offset + 1] & 0x0F;
        int mnc3 = (bytes[offset + 1] >> 4) & 0x0F;
        int mnc1 = bytes[offset + 2] & 0x0F;
        int mnc2 = (bytes[offset + 2] >> 4) & 0x0F;
        for (int digit : new int[] { mcc1, mcc2, mcc3, mnc1, mnc2 }) {
            if (digit > 9) {
                throw new IllegalArgumentException("a PLMN entry holds BCD digits; found nibble " + digit + " at byte "
                        + offset);
            }
        }
        return java.util.Optional.of(new Plmn("" + mcc1 + mcc2 + mcc3, "" + mnc1 + mnc2 + (mnc3 == 0x0F ? "" : mnc3)));
    }

    private static int d(String digits, int index) {
        return digits.charAt(index) - '0';
    }

    @Override
    public String toString() {
        return mcc + "-" + mnc;
    }
}
