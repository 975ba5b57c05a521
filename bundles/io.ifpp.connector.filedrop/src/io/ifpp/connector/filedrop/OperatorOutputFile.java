package io.ifpp.connector.filedrop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ifpp.connector.api.OrderPayload.ProfileSecrets;
import io.ifpp.core.Secret;

/**
 * The subscription data an operator imports into its HSS/AuC, in the output-file layout its tooling already reads
 * ({@link VendorOutputFile}'s sections, {@code var_Out: ICCID/IMSI/KI/OPC}, one profile per line, ICCIDs padded
 * with F). The bytes hold keys in clear: seal them for the operator and zeroize them.
 */
public final class OperatorOutputFile {

    private OperatorOutputFile() {
    }

    /** @param batch the delivery's id, as {@code Batch No}; {@code orderDate} as the header has it (e.g. 20261124) */
    public static byte[] encode(String operator, String profileType, String batch, String orderDate,
            List<ProfileSecrets> subscriptions) {
        if (subscriptions.isEmpty()) {
            throw new IllegalArgumentException("an operator output file has at least one subscription");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(400 + subscriptions.size() * 110);
        String rule = "***************************************\n";
        ascii(out, "*" + VendorOutputFile.HEADER_SECTION + "\n" + rule
                + "Customer        : " + operator + "\n"
                + "ProfileType     : " + profileType + "\n"
                + "Order Date      : " + orderDate + "\n"
                + "Batch No        : " + batch + "\n"
                + "Quantity        : " + subscriptions.size() + "\n"
                + rule + "*" + VendorOutputFile.INPUT_SECTION + "\n" + rule
                + "var_In:\n ICCID: " + padded(subscriptions.getFirst()) + "\n"
                + "IMSI: " + subscriptions.getFirst().imsi() + "\n"
                + rule + "*" + VendorOutputFile.OUTPUT_SECTION + "\n" + rule
                + "var_Out: ICCID/IMSI/KI/OPC\n");
        for (ProfileSecrets subscription : subscriptions) {
            ascii(out, padded(subscription) + " " + subscription.imsi() + " ");
            subscription.ki().writeHex(out);
            out.write(' ');
            subscription.opc().writeHex(out);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static String padded(ProfileSecrets subscription) {
        String digits = subscription.iccid().digits();
        return digits.length() == 19 ? digits + "F" : digits;
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

}
