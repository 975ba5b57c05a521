package io.ifpp.connector.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ifpp.core.Iccid;
import io.ifpp.core.Secret;

/**
 * The per-device profile secrets of a personalization order, before sealing: for each device, one entry per profile
 * of the order's profile set. Written as ASCII lines {@code device;iccid;imsi;ki;opc} (keys in hex) so that a vendor
 * reads it without our libraries; the byte arrays that hold it are zeroized by whoever is done with them.
 */
public final class OrderPayload {

    /** One profile's data for one device. */
    public record ProfileSecrets(Iccid iccid, String imsi, Secret ki, Secret opc) {

        @Override
        public String toString() {
            return "ProfileSecrets[" + iccid + ", " + imsi + ", ki " + ki + ", opc " + opc + "]";
        }
    }

    /** A device (by its index in the order) and its profiles, in the order's profile-set order. */
    public record Device(int index, List<ProfileSecrets> profiles) {

        public Device {
            profiles = List.copyOf(profiles);
        }
    }

    private OrderPayload() {
    }

    /**
     * The payload of {@code devices}. The keys go into one buffer sized exactly beforehand, which is cleared once
     * copied out: a growing buffer would leave copies of the keys in the arrays it outgrew.
     */
    public static byte[] encode(List<Device> devices) {
        int size = 0;
        for (Device device : devices) {
            for (ProfileSecrets profile : device.profiles()) {
                size += prefix(device, profile).length + 2 * profile.ki().length() + 1 + 2 * profile.opc().length() + 1;
            }
        }
        KeyBuffer out = new KeyBuffer(size);
        for (Device device : devices) {
            for (ProfileSecrets profile : device.profiles()) {
                out.writeBytes(prefix(device, profile));
                profile.ki().writeHex(out);
                out.write(';');
                profile.opc().writeHex(out);
                out.write('\n');
            }
        }
        return out.takeAndClear(size);
    }

    private static byte[] prefix(Device device, ProfileSecrets profile) {
        return (device.index() + ";" + profile.iccid().digits() + ";" + profile.imsi() + ";")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A buffer of a known size that must not grow, whose array is cleared once its bytes are copied out. */
    private static final class KeyBuffer extends ByteArrayOutputStream {

        KeyBuffer(int size) {
            super(size);
        }

        byte[] takeAndClear(int expected) {
            try {
                if (buf.length != expected || count != expected) {
                    throw new IllegalStateException("the order payload was sized " + expected + " bytes and took "
                            + count + ": a copy of the keys may be left behind");
                }
                return toByteArray();
            } finally {
                Arrays.fill(buf, (byte) 0);
            }
        }
    }

    /**
     * Reads a payload; a malformed line is an {@link IllegalArgumentException} that names the line and the field,
     * never its value when the field is a key.
     */
    public static List<Device> decode(byte[] payload) {
        List<Device> devices = new ArrayList<>();
        List<ProfileSecrets> current = new ArrayList<>();
        int currentIndex = -1;
        int line = 0;
        int start = 0;
        for (int i = 0; i <= payload.length; i++) {
            if (i < payload.length && payload[i] != '\n') {
                continue;
            }
            if (i == start) {
                start = i + 1;
                continue;
            }
            line++;
            byte[] text = Arrays.copyOfRange(payload, start, i);
            try {
                int[] ends = fieldEnds(text, line);
                String[] fields = { ascii(text, 0, ends[0]), ascii(text, ends[0] + 1, ends[1]),
                        ascii(text, ends[1] + 1, ends[2]) };
                int index = parseIndex(fields[0], line);
                if (index != currentIndex) {
                    if (currentIndex >= 0) {
                        devices.add(new Device(currentIndex, current));
                    }
                    if (index <= currentIndex) {
                        throw new IllegalArgumentException("line " + line + ": device " + index
                                + " comes after device " + currentIndex + " (devices are in ascending order)");
                    }
                    current = new ArrayList<>();
                    currentIndex = index;
                }
                Iccid iccid;
                try {
                    iccid = Iccid.of(fields[1]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + line + ", iccid: " + e.getMessage(), e);
                }
                if (!fields[2].matches("\\d{6,15}")) {
                    throw new IllegalArgumentException("line " + line + ", imsi: 6 to 15 digits expected");
                }
                current.add(new ProfileSecrets(iccid, fields[2], key(text, ends[2] + 1, ends[3], line, "ki"),
                        key(text, ends[3] + 1, text.length, line, "opc")));
            } finally {
                Arrays.fill(text, (byte) 0);
            }
            start = i + 1;
        }
        if (currentIndex >= 0) {
            devices.add(new Device(currentIndex, current));
        }
        return devices;
    }

    /** Where the first four fields of a line end (their ';'); the fifth ends with the line. */
    private static int[] fieldEnds(byte[] text, int line) {
        int[] ends = new int[4];
        int found = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == ';') {
                if (found == 4) {
                    found++;
                    break;
                }
                ends[found++] = i;
            }
        }
        if (found != 4) {
            throw new IllegalArgumentException("line " + line + ": 5 fields expected (device;iccid;imsi;ki;opc), found "
                    + (found + 1) + (found > 4 ? " or more" : ""));
        }
        return ends;
    }

    private static String ascii(byte[] text, int from, int to) {
        return new String(text, from, to - from, StandardCharsets.US_ASCII);
    }

    private static int parseIndex(String text, int line) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ", device: a number expected", e);
        }
    }

    /** A key read from its hex digits in place: no String of it is made, the digits' bytes are cleared by the caller. */
    private static Secret key(byte[] text, int from, int to, int line, String field) {
        int digits = to - from;
        boolean hex = true;
        for (int i = from; i < to && hex; i++) {
            hex = Character.digit(text[i], 16) >= 0;
        }
        if (digits != 32 || !hex) {
            throw new IllegalArgumentException("line " + line + ", " + field + ": 32 hex digits expected, found "
                    + digits + " characters");
        }
        byte[] key = new byte[16];
        try {
            for (int i = 0; i < 16; i++) {
                key[i] = (byte) (Character.digit(text[from + 2 * i], 16) << 4 | Character.digit(text[from + 2 * i + 1], 16));
            }
            return Secret.of(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
