package io.ifpp.connector.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.core.Iccid;
import io.ifpp.core.Secret;

class OrderPayloadTest {

    private static final String KI = "000102030405060708090A0B0C0D0E0F";
    private static final String OPC = "F0E0D0C0B0A090807060504030201000";

    @Test
    void devicesAndTheirProfilesSurviveEncodingAndDecoding() {
        List<OrderPayload.Device> devices = List.of(
                new OrderPayload.Device(0, List.of(profile("89490000000000000017"), profile("89490000000000000025"))),
                new OrderPayload.Device(1, List.of(profile("89490000000000000033"), profile("89490000000000000041"))));

        List<OrderPayload.Device> decoded = OrderPayload.decode(OrderPayload.encode(devices));

        assertEquals(2, decoded.size());
        assertEquals(Iccid.of("89490000000000000041"), decoded.get(1).profiles().get(1).iccid());
        assertEquals(Secret.ofHex(KI), decoded.get(0).profiles().get(0).ki());
        assertEquals(Secret.ofHex(OPC), decoded.get(1).profiles().get(0).opc());
    }

    /**
     * From the security review: the growing buffer left copies of the keys in the arrays it outgrew, and decoding
     * made Strings of them. The buffer is sized exactly now (encoding refuses to let it grow) and keys are read from
     * the bytes in place: every length of index, ICCID and IMSI round-trips, keys in either case of hex.
     */
    @Test
    void payloadsOfEveryFieldLengthAreSizedExactlyAndReadBack() {
        List<OrderPayload.Device> devices = new java.util.ArrayList<>();
        String[] iccids = { "894900000000000001", "8949000000000000017", "89490000000000000017" };
        for (int i = 0; i < 300; i++) {
            String imsi = "262911234567890".substring(0, 6 + i % 10);
            devices.add(new OrderPayload.Device(i * 3_347, List.of(new OrderPayload.ProfileSecrets(
                    Iccid.of(iccids[i % 3]), imsi, Secret.ofHex(KI), Secret.ofHex(OPC)))));
        }
        byte[] payload = OrderPayload.encode(devices);
        assertEquals(devices.stream().mapToInt(d -> (d.index() + ";" + d.profiles().get(0).iccid().digits() + ";"
                + d.profiles().get(0).imsi() + ";").length() + 66).sum(), payload.length);
        List<OrderPayload.Device> decoded = OrderPayload.decode(payload);
        assertEquals(devices.size(), decoded.size());
        for (int i = 0; i < devices.size(); i++) {
            assertEquals(devices.get(i).index(), decoded.get(i).index());
            assertEquals(devices.get(i).profiles().get(0).imsi(), decoded.get(i).profiles().get(0).imsi());
            assertEquals(Secret.ofHex(KI), decoded.get(i).profiles().get(0).ki());
        }
        byte[] lowerCase = ("0;89490000000000000017;262911234567890;" + KI.toLowerCase(java.util.Locale.ROOT) + ";"
                + OPC + "\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(Secret.ofHex(KI), OrderPayload.decode(lowerCase).get(0).profiles().get(0).ki());
        byte[] sixFields = ("0;89490000000000000017;262911234567890;" + KI + ";" + OPC + ";x\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OrderPayload.decode(sixFields)).getMessage()
                .startsWith("line 1: 5 fields expected"));
    }

    @Test
    void aMalformedKeyNamesTheLineAndFieldButNotTheValue() {
        byte[] payload = ("0;89490000000000000017;262911234567890;" + KI + ";" + OPC + "\n"
                + "1;89490000000000000025;262911234567891;" + KI.substring(2) + "ZZ;" + OPC + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OrderPayload.decode(payload));
        assertTrue(error.getMessage().startsWith("line 2, ki: 32 hex digits expected"), error.getMessage());
        assertFalse(error.getMessage().contains(KI.substring(2)), "the key's digits are not in the message");
    }

    @Test
    void aRetryPolicyRepeatsRetryableFailuresOnly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), 2.0);
        assertEquals("done", policy.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConnectorException(ConnectorException.Reason.TIMEOUT, "slow");
            }
            return "done";
        }));
        assertEquals(3, calls.get());
        calls.set(0);
        assertThrows(ConnectorException.class, () -> policy.call(() -> {
            calls.incrementAndGet();
            throw new ConnectorException(ConnectorException.Reason.BAD_SIGNATURE, "forged");
        }));
        assertEquals(1, calls.get(), "a bad signature is not retried");
    }

    private static OrderPayload.ProfileSecrets profile(String iccid) {
        return new OrderPayload.ProfileSecrets(Iccid.of(iccid), "262911234567890", Secret.ofHex(KI), Secret.ofHex(OPC));
    }
}
