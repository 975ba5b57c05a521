package io.ifpp.connector.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ifpp.core.Iccid;
import io.ifpp.core.Secret;

/**
 * What a personalization order carries, before sealing: the profile designs (SAIP packages, DER) every device gets,
 * once, and per device one line per design with the values that personalize it. ASCII lines, so that a vendor reads
 * it without our libraries (docs/vendor-line.md):
 *
 * <pre>
 * ifpp-order-payload 2
 * template;&lt;position&gt;;&lt;profile&gt;;&lt;DER in base64&gt;
 * &lt;device&gt;;&lt;iccid&gt;;&lt;imsi&gt;;&lt;ki hex&gt;;&lt;opc hex&gt;;&lt;code reference&gt;=&lt;value hex&gt;,...
 * eim;&lt;device&gt;;&lt;AddInitialEimRequest, DER in base64&gt;   (when the devices get an eIM)
 * </pre>
 *
 * The byte arrays that hold a payload are zeroized by whoever is done with them.
 */
public final class OrderPayload {

    /** The first line of every payload. */
    public static final String FORMAT = "ifpp-order-payload 2";
    private static final String TEMPLATE = "template;";
    private static final String EIM = "eim;";

    /** A profile design every device of the order is personalized from: its name and its SAIP package (DER). */
    public record Template(String profile, byte[] der) {

        public Template {
            if (profile == null || profile.isEmpty() || profile.chars().anyMatch(c -> c < 0x21 || c > 0x7E || c == ';')) {
                throw new IllegalArgumentException("a template's profile name is printable ASCII without ';' or "
                        + "spaces, and not empty");
            }
            der = der.clone();
        }

        @Override
        public byte[] der() {
            return der.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Template t && profile.equals(t.profile) && Arrays.equals(der, t.der);
        }

        @Override
        public int hashCode() {
            return profile.hashCode() * 31 + Arrays.hashCode(der);
        }

        @Override
        public String toString() {
            return "Template[" + profile + ", " + der.length + " bytes]";
        }
    }

    /**
     * One profile's values for one device: ICCID, IMSI, Ki, OPc and the design's codes by key reference (pinAppl1,
     * pukAppl1, adm1, ...), each code as the 8 bytes of its pinValue/pukValue (ASCII digits padded with 'FF').
     */
    public record ProfileSecrets(Iccid iccid, String imsi, Secret ki, Secret opc, Map<String, Secret> codes) {

        /** Values without codes: an operator's subscription data (ICCID, IMSI, Ki, OPc). */
        public ProfileSecrets(Iccid iccid, String imsi, Secret ki, Secret opc) {
            this(iccid, imsi, ki, opc, Map.of());
        }

        public ProfileSecrets {
            codes = Collections.unmodifiableMap(new TreeMap<>(codes));
        }

        /** Zeroizes the keys and codes. */
        public void destroy() {
            ki.destroy();
            opc.destroy();
            codes.values().forEach(Secret::destroy);
        }

        @Override
        public String toString() {
            return "ProfileSecrets[" + iccid + ", " + imsi + ", ki " + ki + ", opc " + opc + ", codes " + codes.keySet()
                    + "]";
        }
    }

    /**
     * A device (by its index in the order) and its profiles, in the order of the templates.
     *
     * @param eimRequest the SGP.32 AddInitialEimRequest (DER) the eUICC is given, with its association token; null
     *        when the devices get no eIM
     */
    public record Device(int index, List<ProfileSecrets> profiles, byte[] eimRequest) {

        /** A device given no eIM. */
        public Device(int index, List<ProfileSecrets> profiles) {
            this(index, profiles, null);
        }

        public Device {
            profiles = List.copyOf(profiles);
            eimRequest = eimRequest == null ? null : eimRequest.clone();
        }

        @Override
        public byte[] eimRequest() {
            return eimRequest == null ? null : eimRequest.clone();
        }

        public void destroy() {
            profiles.forEach(ProfileSecrets::destroy);
        }
    }

    /** A payload read: its templates and devices. */
    public record Contents(List<Template> templates, List<Device> devices) {

        public Contents {
            templates = List.copyOf(templates);
            devices = List.copyOf(devices);
        }

        public void destroy() {
            devices.forEach(Device::destroy);
        }
    }

    private OrderPayload() {
    }

    /**
     * The payload of {@code templates} and {@code devices}. The keys go into one buffer sized exactly beforehand,
     * which is cleared once copied out: a growing buffer would leave copies of the keys in the arrays it outgrew.
     */
    public static byte[] encode(List<Template> templates, List<Device> devices) {
        List<byte[]> heads = new ArrayList<>();
        heads.add((FORMAT + "\n").getBytes(StandardCharsets.US_ASCII));
        for (int position = 0; position < templates.size(); position++) {
            Template template = templates.get(position);
            heads.add((TEMPLATE + position + ";" + template.profile() + ";"
                    + Base64.getEncoder().encodeToString(template.der) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        int size = heads.stream().mapToInt(head -> head.length).sum();
        for (Device device : devices) {
            if (device.profiles().size() != templates.size()) {
                throw new IllegalArgumentException("device " + device.index() + " has " + device.profiles().size()
                        + " profiles' values for " + templates.size() + " templates");
            }
            for (ProfileSecrets profile : device.profiles()) {
                size += prefix(device, profile).length + 2 * profile.ki().length() + 1 + 2 * profile.opc().length() + 1;
                for (Map.Entry<String, Secret> code : profile.codes().entrySet()) {
                    requireReference(code.getKey());
                    size += code.getKey().length() + 1 + 2 * code.getValue().length() + 1;
                }
                size += profile.codes().isEmpty() ? 1 : 0; // the line's end; with codes, the last code's comma is it
            }
            size += eimLine(device).length;
        }
        KeyBuffer out = new KeyBuffer(size);
        heads.forEach(out::writeBytes);
        for (Device device : devices) {
            for (ProfileSecrets profile : device.profiles()) {
                out.writeBytes(prefix(device, profile));
                profile.ki().writeHex(out);
                out.write(';');
                profile.opc().writeHex(out);
                out.write(';');
                int left = profile.codes().size();
                for (Map.Entry<String, Secret> code : profile.codes().entrySet()) {
                    out.writeBytes((code.getKey() + "=").getBytes(StandardCharsets.US_ASCII));
                    code.getValue().writeHex(out);
                    out.write(--left > 0 ? ',' : '\n');
                }
                if (profile.codes().isEmpty()) {
                    out.write('\n');
                }
            }
            out.writeBytes(eimLine(device));
        }
        return out.takeAndClear(size);
    }

    /** {@code eim;<device>;<base64>} of a device given an eIM; nothing for one given none. */
    private static byte[] eimLine(Device device) {
        return device.eimRequest == null ? new byte[0] : (EIM + device.index() + ";"
                + Base64.getEncoder().encodeToString(device.eimRequest) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] prefix(Device device, ProfileSecrets profile) {
        return (device.index() + ";" + profile.iccid().digits() + ";" + profile.imsi() + ";")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void requireReference(String reference) {
        if (!reference.matches("[A-Za-z0-9_]{1,32}")) {
            throw new IllegalArgumentException("a code reference is 1 to 32 letters, digits or '_', found "
                    + reference.length() + " characters");
        }
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
     * never its value when the field is a key or a code.
     */
    public static Contents decode(byte[] payload) {
        List<Template> templates = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        List<ProfileSecrets> current = new ArrayList<>();
        int currentIndex = -1;
        byte[][] currentEim = new byte[1][];
        int line = 0;
        int start = 0;
        try {
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
                    if (line == 1) {
                        if (!FORMAT.equals(new String(text, StandardCharsets.US_ASCII))) {
                            throw new IllegalArgumentException("line 1: not an order payload of format '" + FORMAT
                                    + "' (" + text.length + " characters)");
                        }
                    } else if (startsWith(text, TEMPLATE)) {
                        if (currentIndex >= 0) {
                            throw new IllegalArgumentException("line " + line + ": a template after the devices' lines "
                                    + "(templates come first)");
                        }
                        templates.add(template(text, line, templates.size()));
                    } else if (startsWith(text, EIM)) {
                        if (currentEim[0] != null) {
                            throw new IllegalArgumentException("line " + line + ": a second eim line for device "
                                    + currentIndex);
                        }
                        currentEim[0] = eim(text, line, currentIndex);
                    } else {
                        if (templates.isEmpty()) {
                            throw new IllegalArgumentException("line " + line + ": a device's line before any template");
                        }
                        int[] ends = fieldEnds(text, line);
                        int index = parseIndex(ascii(text, 0, ends[0]), line);
                        if (index != currentIndex) {
                            if (currentIndex >= 0) {
                                devices.add(device(currentIndex, current, currentEim[0], templates, line));
                                currentEim[0] = null;
                            }
                            if (index <= currentIndex) {
                                throw new IllegalArgumentException("line " + line + ": device " + index
                                        + " comes after device " + currentIndex + " (devices are in ascending order)");
                            }
                            current = new ArrayList<>();
                            currentIndex = index;
                        }
                        current.add(profileSecrets(text, ends, line));
                    }
                } finally {
                    Arrays.fill(text, (byte) 0);
                }
                start = i + 1;
            }
            if (line == 0) {
                throw new IllegalArgumentException("line 1: the payload is empty");
            }
            if (currentIndex >= 0) {
                devices.add(device(currentIndex, current, currentEim[0], templates, line));
            }
            return new Contents(templates, devices);
        } catch (RuntimeException e) {
            current.forEach(ProfileSecrets::destroy);
            devices.forEach(Device::destroy);
            throw e;
        }
    }

    private static Template template(byte[] text, int line, int position) {
        String value = ascii(text, TEMPLATE.length(), text.length);
        String[] fields = value.split(";", -1);
        if (fields.length != 3) {
            throw new IllegalArgumentException("line " + line + ": a template line is template;position;profile;der, "
                    + "found " + (fields.length + 1) + " fields");
        }
        if (!fields[0].equals(Integer.toString(position))) {
            throw new IllegalArgumentException("line " + line + ", position: template " + position + " expected, found '"
                    + abbreviated(fields[0]) + "'");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(fields[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ", der: not base64 (" + e.getMessage() + ")", e);
        }
        try {
            return new Template(fields[1], der);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ", profile: " + e.getMessage(), e);
        }
    }

    private static Device device(int index, List<ProfileSecrets> profiles, byte[] eim, List<Template> templates,
            int line) {
        if (profiles.size() != templates.size()) {
            throw new IllegalArgumentException("line " + line + ": device " + index + " ends with " + profiles.size()
                    + " profile lines, the order has " + templates.size() + " templates");
        }
        return new Device(index, profiles, eim);
    }

    /** An {@code eim;<device>;<base64>} line, which follows the lines of the device it names. */
    private static byte[] eim(byte[] text, int line, int currentIndex) {
        String[] fields = ascii(text, EIM.length(), text.length).split(";", -1);
        if (fields.length != 2) {
            throw new IllegalArgumentException("line " + line + ": an eim line is eim;device;der, found "
                    + (fields.length + 1) + " fields");
        }
        if (currentIndex < 0 || !fields[0].equals(Integer.toString(currentIndex))) {
            throw new IllegalArgumentException("line " + line + ", device: the eim line of device "
                    + abbreviated(fields[0]) + " does not follow that device's lines");
        }
        try {
            return Base64.getDecoder().decode(fields[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ", der: not base64 (" + e.getMessage() + ")", e);
        }
    }

    private static ProfileSecrets profileSecrets(byte[] text, int[] ends, int line) {
        Iccid iccid;
        try {
            iccid = Iccid.of(ascii(text, ends[0] + 1, ends[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ", iccid: " + e.getMessage(), e);
        }
        String imsi = ascii(text, ends[1] + 1, ends[2]);
        if (!imsi.matches("\\d{6,15}")) {
            throw new IllegalArgumentException("line " + line + ", imsi: 6 to 15 digits expected");
        }
        Secret ki = null;
        Secret opc = null;
        Map<String, Secret> codes = new TreeMap<>();
        try {
            ki = key(text, ends[2] + 1, ends[3], line, "ki");
            opc = key(text, ends[3] + 1, ends[4], line, "opc");
            int from = ends[4] + 1;
            while (from < text.length) {
                int to = from;
                while (to < text.length && text[to] != ',') {
                    to++;
                }
                int equals = from;
                while (equals < to && text[equals] != '=') {
                    equals++;
                }
                String reference = ascii(text, from, equals);
                if (equals == to || !reference.matches("[A-Za-z0-9_]{1,32}")) {
                    throw new IllegalArgumentException("line " + line + ", codes: reference=value expected, with a "
                            + "reference of 1 to 32 letters, digits or '_'");
                }
                if (to - equals - 1 != 16) {
                    throw new IllegalArgumentException("line " + line + ", code " + reference + ": 16 hex digits (the "
                            + "8 bytes of its value) expected, found " + (to - equals - 1) + " characters");
                }
                Secret code = hex(text, equals + 1, to, line, "code " + reference);
                if (codes.put(reference, code) != null) {
                    code.destroy();
                    throw new IllegalArgumentException("line " + line + ", codes: " + reference + " is given twice");
                }
                from = to + 1;
            }
            return new ProfileSecrets(iccid, imsi, ki, opc, codes);
        } catch (RuntimeException e) {
            if (ki != null) {
                ki.destroy();
            }
            if (opc != null) {
                opc.destroy();
            }
            codes.values().forEach(Secret::destroy);
            throw e;
        }
    }

    private static boolean startsWith(byte[] text, String prefix) {
        if (text.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Where the first five fields of a device's line end (their ';'); the sixth, the codes, ends with the line. */
    private static int[] fieldEnds(byte[] text, int line) {
        int[] ends = new int[5];
        int found = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == ';') {
                if (found == 5) {
                    found++;
                    break;
                }
                ends[found++] = i;
            }
        }
        if (found != 5) {
            throw new IllegalArgumentException("line " + line + ": 6 fields expected (device;iccid;imsi;ki;opc;codes), "
                    + "found " + (found + 1) + (found > 5 ? " or more" : ""));
        }
        return ends;
    }

    private static String ascii(byte[] text, int from, int to) {
        return new String(text, from, to - from, StandardCharsets.US_ASCII);
    }

    private static String abbreviated(String text) {
        return text.length() > 12 ? text.substring(0, 12) + "..." : text;
    }

    private static int parseIndex(String text, int line) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + line + ", device: a number expected", e);
        }
    }

    /** A Ki or OPc: 16 or 32 bytes (MILENAGE, TUAK) in hex. */
    private static Secret key(byte[] text, int from, int to, int line, String field) {
        int digits = to - from;
        if (digits != 32 && digits != 64) {
            throw new IllegalArgumentException("line " + line + ", " + field + ": 32 or 64 hex digits expected, found "
                    + digits + " characters");
        }
        return hex(text, from, to, line, field);
    }

    /** A secret read from its hex digits in place: no String of it is made, the digits' bytes are cleared by the caller. */
    private static Secret hex(byte[] text, int from, int to, int line, String field) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text[i], 16) < 0) {
                throw new IllegalArgumentException("line " + line + ", " + field + ": hex digits expected");
            }
        }
        byte[] key = new byte[(to - from) / 2];
        try {
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (Character.digit(text[from + 2 * i], 16) << 4 | Character.digit(text[from + 2 * i + 1], 16));
            }
            return Secret.of(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
