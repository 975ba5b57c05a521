package io.ifpp.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ifpp.trust.CompositeSignature;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.EnvelopeException;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.SignatureKeyPair;

class EnvelopeTest {

    /** A payload that stands for profile secrets: it must never appear in a message. */
    private static final byte[] SECRETS = "KI=000102030405060708090A0B0C0D0E0F;OPC=1234".getBytes(StandardCharsets.US_ASCII);
    private static final Envelope.Context CONTEXT = new Envelope.Context("batch-2026-11-24-A", 7);

    private static KemKeyPair vendor;
    private static SignatureKeyPair orchestrator;
    private static byte[] sealed;

    @BeforeAll
    static void keys() {
        vendor = KemKeyPair.generate();
        orchestrator = SignatureKeyPair.generate();
        sealed = Envelope.seal(SECRETS, CONTEXT, vendor.publicKeys(), orchestrator);
    }

    @Test
    void sealThenOpenGivesThePayload() throws Exception {
        assertArrayEquals(SECRETS, Envelope.open(sealed, CONTEXT, vendor, orchestrator.publicKeys()));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("KI=0001"), "the payload is not in clear");
    }

    @Test
    void anotherBatchOrSequenceIsAReplay() {
        EnvelopeException batch = assertThrows(EnvelopeException.class,
                () -> Envelope.open(sealed, new Envelope.Context("batch-2026-11-24-B", 7), vendor, orchestrator.publicKeys()));
        assertTrue(batch.getMessage().startsWith("replayed or substituted"), batch.getMessage());
        EnvelopeException sequence = assertThrows(EnvelopeException.class,
                () -> Envelope.open(sealed, new Envelope.Context("batch-2026-11-24-A", 8), vendor, orchestrator.publicKeys()));
        assertTrue(sequence.getMessage().contains("sequence 7, expected batch 'batch-2026-11-24-A' sequence 8"), sequence.getMessage());
    }

    @Test
    void anotherRecipientOrSenderIsRefused() {
        KemKeyPair other = KemKeyPair.generate();
        assertEquals("the envelope is sealed for another recipient key", assertThrows(EnvelopeException.class,
                () -> Envelope.open(sealed, CONTEXT, other, orchestrator.publicKeys())).getMessage());
        SignatureKeyPair impostor = SignatureKeyPair.generate();
        assertEquals("the envelope names another sender than the one expected", assertThrows(EnvelopeException.class,
                () -> Envelope.open(sealed, CONTEXT, vendor, impostor.publicKeys())).getMessage());
        // An impostor who seals with its own keys is refused by the sender check as well.
        byte[] forged = Envelope.seal(SECRETS, CONTEXT, vendor.publicKeys(), impostor);
        assertThrows(EnvelopeException.class, () -> Envelope.open(forged, CONTEXT, vendor, orchestrator.publicKeys()));
    }

    @Test
    void aForwarderVerifiesWithoutTheRecipientsPrivateKey() throws Exception {
        Envelope.verify(sealed, CONTEXT, vendor.publicKeys(), orchestrator.publicKeys());
        SignatureKeyPair impostor = SignatureKeyPair.generate();
        byte[] forged = Envelope.seal(SECRETS, CONTEXT, vendor.publicKeys(), impostor);
        assertEquals("the envelope names another sender than the one expected", assertThrows(EnvelopeException.class,
                () -> Envelope.verify(forged, CONTEXT, vendor.publicKeys(), orchestrator.publicKeys())).getMessage());
        assertEquals("the envelope is sealed for another recipient key", assertThrows(EnvelopeException.class,
                () -> Envelope.verify(sealed, CONTEXT, KemKeyPair.generate().publicKeys(), orchestrator.publicKeys()))
                .getMessage());
        assertTrue(assertThrows(EnvelopeException.class, () -> Envelope.verify(sealed,
                new Envelope.Context("batch-2026-11-24-A", 8), vendor.publicKeys(), orchestrator.publicKeys()))
                .getMessage().startsWith("replayed or substituted"));
        byte[] changed = sealed.clone();
        changed[changed.length - 200] ^= 1;
        assertTrue(assertThrows(EnvelopeException.class,
                () -> Envelope.verify(changed, CONTEXT, vendor.publicKeys(), orchestrator.publicKeys())).getMessage()
                .startsWith("the signature does not verify"));
        assertThrows(EnvelopeException.class, () -> Envelope.verify(java.util.Arrays.copyOf(sealed, 60), CONTEXT,
                vendor.publicKeys(), orchestrator.publicKeys()));
    }

    @Test
    void everySingleBitChangeIsRefusedWithoutRevealingTheContent() {
        String payloadHex = HexFormat.of().formatHex(SECRETS).toUpperCase();
        Set<String> reasons = new HashSet<>();
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] changed = sealed.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                Envelope.open(changed, CONTEXT, vendor, orchestrator.publicKeys());
                throw new AssertionError("bit " + bit + " changed and the envelope still opened");
            } catch (EnvelopeException expected) {
                String message = expected.getMessage();
                assertFalse(message.contains("KI=") || message.toUpperCase().contains(payloadHex.substring(0, 16)), message);
                reasons.add(message.replaceAll("\\d+", "N"));
            }
        }
        assertTrue(reasons.size() >= 4, "different parts fail different checks: " + reasons);
    }

    @Test
    void compositeSignatureNeedsBothHalves() {
        byte[] message = "order 42".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = CompositeSignature.sign(message, orchestrator);
        assertTrue(CompositeSignature.verify(message, signature, orchestrator.publicKeys()));
        assertFalse(CompositeSignature.verify("order 43".getBytes(StandardCharsets.US_ASCII), signature, orchestrator.publicKeys()));
        byte[] wrongMlDsa = signature.clone();
        wrongMlDsa[wrongMlDsa.length - 1] ^= 1; // the ML-DSA half, last
        assertFalse(CompositeSignature.verify(message, wrongMlDsa, orchestrator.publicKeys()));
        byte[] wrongEcdsa = signature.clone();
        wrongEcdsa[10] ^= 1; // inside the ECDSA half, first
        assertFalse(CompositeSignature.verify(message, wrongEcdsa, orchestrator.publicKeys()));
        assertTrue(orchestrator.toString().contains("private keys not shown"));
    }
}
