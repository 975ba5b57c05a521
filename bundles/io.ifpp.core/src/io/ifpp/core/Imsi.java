package io.ifpp.core;

import java.util.Objects;

/**
 * An IMSI (3GPP TS 23.003): MCC, MNC and MSIN, at most 15 digits. The MNC length (2 or 3) is not in the number
 * itself; the SIM states it in EF.AD.
 */
public record Imsi(String digits, int mncLength) {

    public Imsi {
        Objects.requireNonNull(digits, "digits");
        if (!digits.matches("\\d{6,15}")) {
            throw new IllegalArgumentException("an IMSI has 6 to 15 digits, found " + digits.length() + " characters"
                    + (digits.chars().allMatch(Character::isDigit) ? "" : " that are not all digits"));
        }
        if (mncLength != 2 && mncLength != 3) {
            throw new IllegalArgumentException("the MNC of an IMSI has 2 or 3 digits, not " + mncLength);
        }
    }

    public Plmn plmn() {
        return new Plmn(digits.substring(0, 3), digits.substring(3, 3 + mncLength));
    }

    /** EF.IMSI (TS 31.102 4.2.2): length byte, then the digits nibble-swapped after a parity/type nibble. */
    public byte[] toEfImsi() {
        boolean odd = digits.length() % 2 == 1;
        int nibbles = digits.length() + 1;
        int bytes = (nibbles + 1) / 2;
        byte[] file = new byte[9];
        java.util.Arrays.fill(file, (byte) 0xFF);
        file[0] = (byte) bytes;
        for (int n = 0; n < 2 * bytes; n++) {
            int value = n == 0 ? (odd ? 0x9 : 0x1) : n - 1 < digits.length() ? digits.charAt(n - 1) - '0' : 0xF;
            int index = 1 + n / 2;
            file[index] = (byte) (n % 2 == 0 ? (file[index] & 0xF0) | value : (file[index] & 0x0F) | (value << 4));
        }
        return file;
    }

    /** Reads EF.IMSI; {@link IllegalArgumentException} says what is wrong with it. */
    public static Imsi fromEfImsi(byte[] file, int mncLength) {
        if (file.length < 2 || (file[0] & 0xFF) < 1 || (file[0] & 0xFF) > 8 || (file[0] & 0xFF) > file.length - 1) {
            throw new IllegalArgumentException("EF.IMSI starts with the number of IMSI bytes (1-8) that follow");
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 1; i <= (file[0] & 0xFF); i++) {
            if (i > 1) {
                digits.append(Character.forDigit(file[i] & 0x0F, 16));
            }
            digits.append(Character.forDigit((file[i] >> 4) & 0x0F, 16));
        }
        String text = digits.toString();
        if ((file[1] & 0x08) == 0 && text.endsWith("f")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Imsi(text, mncLength);
    }

    @Override
    public String toString() {
        return digits;
    }
}
