package io.ifpp.core;

/** The Luhn (mod 10) check digit of ISO/IEC 7812, used by ICCIDs (E.118) and IMEIs. */
public final class Luhn {

    private Luhn() {
    }

    /** The check digit to append to {@code payload} (digits only). */
    public static int checkDigit(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) {
            int digit = payload.charAt(payload.length() - 1 - i) - '0';
            if (i % 2 == 0) { // doubled: every second digit from the right of the payload
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }

    /** True if the last digit of {@code number} is the check digit of the rest. */
    public static boolean isValid(String number) {
        return number.length() >= 2 && checkDigit(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1) - '0';
    }
}
