package io.ifpp.profile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text in SIM files (EF.SPN, EF.PNN): the GSM 7-bit default alphabet one character per byte (TS 23.038), or UCS2
 * after a 0x80 byte (TS 31.102 Annex A) when a character is not in that alphabet; 'FF' pads.
 */
final class SimText {

    /** TS 23.038 default alphabet, in code order (0x1B, the escape to the extension table, stays unused). */
    private static final String GSM = "@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5"
            + "\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e\u001b\u00c6\u00e6\u00df\u00c9"
            + " !\"#\u00a4%&'()*+,-./0123456789:;<=>?\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7"
            + "\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0";

    private SimText() {
    }

    static String decode(byte[] bytes, int offset, int length) {
        int end = offset + length;
        if (length > 0 && (bytes[offset] & 0xFF) == 0x80) {
            int stop = offset + 1;
            while (stop + 1 < end && !((bytes[stop] & 0xFF) == 0xFF && (bytes[stop + 1] & 0xFF) == 0xFF)) {
                stop += 2;
            }
            return new String(bytes, offset + 1, stop - offset - 1, StandardCharsets.UTF_16BE);
        }
        StringBuilder text = new StringBuilder();
        for (int i = offset; i < end && (bytes[i] & 0xFF) != 0xFF; i++) {
            int code = bytes[i] & 0x7F;
            text.append(GSM.charAt(code));
        }
        return text.toString();
    }

    /** Encodes {@code text} into exactly {@code length} bytes, padded with 'FF'; too long a text is refused. */
    static byte[] encode(String text, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean gsm = text.chars().allMatch(c -> c != 0x1B && GSM.indexOf(c) >= 0);
        if (gsm) {
            text.chars().forEach(c -> out.write(GSM.indexOf(c)));
        } else {
            out.write(0x80);
            out.writeBytes(text.getBytes(StandardCharsets.UTF_16BE));
        }
        if (out.size() > length) {
            throw new IllegalArgumentException("'" + text + "' needs " + out.size() + " bytes " + (gsm ? "" : "in UCS2 ")
                    + "but the field holds " + length);
        }
        byte[] padded = new byte[length];
        java.util.Arrays.fill(padded, (byte) 0xFF);
        System.arraycopy(out.toByteArray(), 0, padded, 0, out.size());
        return padded;
    }
}
