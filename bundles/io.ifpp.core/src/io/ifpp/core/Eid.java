package io.ifpp.core;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An eUICC identifier (GSMA SGP.29): 32 digits, the last two check digits by ISO 7064 MOD 97-10, so that the whole
 * number mod 97 is 1.
 */
public record Eid(String digits) {

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    public Eid {
        Objects.requireNonNull(digits, "digits");
        if (!digits.matches("\\d{32}")) {
            throw new IllegalArgumentException("an EID has 32 digits, found " + digits.length() + " characters"
                    + (digits.chars().allMatch(Character::isDigit) ? "" : " that are not all digits"));
        }
    }

    public static Eid of(String digits) {
        return new Eid(digits.strip());
    }

    /** The EID for the first 30 digits, with its check digits computed. */
    public static Eid withCheckDigits(String first30) {
        if (!first30.matches("\\d{30}")) {
            throw new IllegalArgumentException("an EID before its check digits has 30 digits, found " + first30.length());
        }
        int check = 98 - new BigInteger(first30 + "00").mod(NINETY_SEVEN).intValue();
        return new Eid(first30 + String.format("%02d", check));
    }

    /** True if the number mod 97 is 1 (ISO 7064 MOD 97-10). */
    public boolean hasValidCheckDigits() {
        return new BigInteger(digits).mod(NINETY_SEVEN).intValue() == 1;
    }

    /** The EID {@code n} places further in its range: the first 30 digits plus {@code n}, with check digits. */
    public Eid plus(long n) {
        BigInteger next = new BigInteger(digits.substring(0, 30)).add(BigInteger.valueOf(n));
        String first30 = String.format("%030d", next);
        if (first30.length() != 30 || next.signum() < 0) {
            throw new IllegalArgumentException("the EID range starting at " + digits + " has no place " + n);
        }
        return withCheckDigits(first30);
    }

    public boolean startsWith(String prefix) {
        return digits.startsWith(prefix);
    }

    @Override
    public String toString() {
        return digits;
    }
}
