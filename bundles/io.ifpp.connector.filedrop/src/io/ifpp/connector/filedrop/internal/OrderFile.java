package io.ifpp.connector.filedrop.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.core.Eid;
import io.ifpp.trust.Envelope;

/**
 * A personalization order as the file {@code <orderId>.order} a vendor collects from the outbox: ASCII lines
 * {@code name: value} (format, order, devices, profiles comma-separated, batch and sequence of the sealing context,
 * the first EID when the order gives an EID range, the sealed secrets in base64). Deterministic, so the same order always gives the same bytes: that is what makes a
 * resubmission a duplicate and other content under the same id a conflict.
 */
public final class OrderFile {

    public static final String SUFFIX = ".order";
    private static final String FORMAT = "ifpp-personalization-order v1";

    private OrderFile() {
    }

    /** @throws IllegalArgumentException if a profile name or the batch id cannot be written on one line */
    public static byte[] encode(PersonalizationOrder order) {
        for (String profile : order.profileSet()) {
            requireOneValue("profile name", profile, true);
        }
        requireOneValue("batch id", order.context().batchId(), false);
        String text = "format: " + FORMAT + "\n"
                + "order: " + order.orderId() + "\n"
                + "devices: " + order.deviceCount() + "\n"
                + "profiles: " + String.join(",", order.profileSet()) + "\n"
                + "batch: " + order.context().batchId() + "\n"
                + "sequence: " + order.context().sequence() + "\n"
                + (order.firstEid() == null ? "" : "firstEid: " + order.firstEid().digits() + "\n")
                + "sealed: " + Base64.getEncoder().encodeToString(order.sealedDeviceSecrets()) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException naming the field that is missing or malformed */
    public static PersonalizationOrder decode(byte[] content) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 1) {
                throw new IllegalArgumentException("an order file line is 'name: value', found " + line.length()
                        + " characters without");
            }
            fields.put(line.substring(0, colon), line.substring(colon + 2));
        }
        if (!FORMAT.equals(fields.get("format"))) {
            throw new IllegalArgumentException("not an order file of format '" + FORMAT + "'");
        }
        try {
            return new PersonalizationOrder(field(fields, "order"), Integer.parseInt(field(fields, "devices")),
                    List.of(field(fields, "profiles").split(",")),
                    Base64.getDecoder().decode(field(fields, "sealed")),
                    new Envelope.Context(field(fields, "batch"), Long.parseLong(field(fields, "sequence"))),
                    fields.containsKey("firstEid") ? Eid.of(fields.get("firstEid")) : null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an order file's devices and sequence are whole numbers", e);
        }
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the order file lacks '" + name + "'");
        }
        return value;
    }

    private static void requireOneValue(String what, String value, boolean inList) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F) || (inList && value.contains(","))) {
            throw new IllegalArgumentException("a " + what + " in an order file is one line" + (inList
                    ? " without commas" : "") + " and not empty");
        }
    }
}
