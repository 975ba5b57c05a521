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
