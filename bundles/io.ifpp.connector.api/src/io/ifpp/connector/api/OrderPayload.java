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

    public static byte[] encode(List<Device> devices) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(devices.size() * 120);
        for (Device device : devices) {
            for (ProfileSecrets profile : device.profiles()) {
                out.writeBytes((device.index() + ";" + profile.iccid().digits() + ";" + profile.imsi() + ";")
                        .getBytes(StandardCharsets.US_ASCII));
                profile.ki().writeHex(out);
                out.write(';');
                profile.opc().writeHex(out);
                out.write('\n');
            }
        }
        return out.toByteArray();
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
                String[] fields = splitFields(text, line);
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
                current.add(new ProfileSecrets(iccid, fields[2], key(fields[3], line, "ki"), key(fields[4], line, "opc")));
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

    private static String[] splitFields(byte[] text, int line) {
        String[] fields = new String(text, StandardCharsets.US_ASCII).split(";", -1);
        if (fields.length != 5) {
            throw new IllegalArgumentException("line " + line + ": 5 fields expected (device;iccid;imsi;ki;opc), found "
                    + fields.length);
        }
        return fields;
    }

    private static int parseIndex(String text, int line) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ", device: a number expected", e);
        }
    }

    private static Secret key(String hex, int line, String field) {
        if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("line " + line + ", " + field + ": 32 hex digits expected, found "
                    + hex.length() + " characters");
        }
        return Secret.ofHex(hex);
    }

}
