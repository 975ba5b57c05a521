package io.ifpp.connector.filedrop.tests;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.contract.PersonalizationConnectorContract;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.SecretGenerator;
import io.ifpp.trust.SignatureKeyPair;

/** Sealed orders for the tests beyond the contract, with fresh keys whose hex is handed back for secrecy checks. */
final class TestOrders {

    static final List<String> PROFILE_SET = List.of("operator-a", "operator-b");

    private TestOrders() {
    }

    /** ICCID of profile {@code profile} of device {@code device} in the order of sequence {@code sequence}. */
    static String iccid(long sequence, int profile, int device) {
        String body = String.format("89490%02d%06d%05d", profile, sequence, device);
        return body + Luhn.checkDigit(body);
    }

    /** An order of {@code devices} devices with two profiles each; the hex of each Ki and OPc goes to keysHex. */
    static PersonalizationOrder order(VendorKeys vendor, String orderId, int devices, long sequence,
            SignatureKeyPair signer, List<String> keysHex) {
        List<OrderPayload.Device> payload = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            List<OrderPayload.ProfileSecrets> profiles = new ArrayList<>();
            for (int p = 0; p < PROFILE_SET.size(); p++) {
                var ki = SecretGenerator.ki();
                var opc = SecretGenerator.random(16);
                keysHex.add(ki.apply(HexFormat.of().withUpperCase()::formatHex));
                keysHex.add(opc.apply(HexFormat.of().withUpperCase()::formatHex));
                profiles.add(new OrderPayload.ProfileSecrets(Iccid.of(iccid(sequence, p, d)),
                        String.format("26291%010d", sequence * 100 + d), ki, opc));
            }
            payload.add(new OrderPayload.Device(d, profiles));
        }
        Envelope.Context context = new Envelope.Context(orderId, sequence);
        byte[] plain = OrderPayload.encode(PersonalizationConnectorContract.templates(PROFILE_SET), payload);
        byte[] sealed = Envelope.seal(plain, context, vendor.sealing(), signer);
        java.util.Arrays.fill(plain, (byte) 0);
        return new PersonalizationOrder(orderId, devices, PROFILE_SET, sealed, context);
    }
}
