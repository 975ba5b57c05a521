package io.ifpp.trust;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;

import io.ifpp.trust.internal.Crypto;

/**
 * ECDSA P-256 (SHA-256) and ML-DSA-65 over the same message, encoded together; valid only if both are, so it holds
 * while either algorithm does. Both sign the message prefixed with a domain label, so that neither half can be
 * reused as a plain signature elsewhere. Encoding: 2-byte length + ECDSA DER signature, 2-byte length + ML-DSA
 * signature.
 */
public final class CompositeSignature {

    private static final byte[] DOMAIN = "IFPP-COMPOSITE-SIGNATURE-v1:ECDSA-P256-SHA256+ML-DSA-65".getBytes(StandardCharsets.US_ASCII);

    private CompositeSignature() {
    }

    public static byte[] sign(byte[] message, SignatureKeyPair keys) {
        try {
            byte[] ecdsa = signOne("SHA256withECDSA", keys.ecdsa().getPrivate(), message);
            byte[] mlDsa = signOne("ML-DSA-65", keys.mlDsa().getPrivate(), message);
            return ByteBuffer.allocate(4 + ecdsa.length + mlDsa.length).putShort((short) ecdsa.length).put(ecdsa)
                    .putShort((short) mlDsa.length).put(mlDsa).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] signOne(String algorithm, java.security.PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm, Crypto.BC);
        signature.initSign(key, Crypto.random());
        signature.update(DOMAIN);
        signature.update(message);
        return signature.sign();
    }

    /** True only if both signatures verify over {@code message} with the signer's keys. */
    public static boolean verify(byte[] message, byte[] composite, SignatureKeyPair.PublicKeys signer) {
        try {
            ByteBuffer in = ByteBuffer.wrap(composite);
            byte[] ecdsa = new byte[in.getShort() & 0xFFFF];
            in.get(ecdsa);
            byte[] mlDsa = new byte[in.getShort() & 0xFFFF];
            in.get(mlDsa);
            if (in.hasRemaining()) {
                return false;
            }
            return verifyOne("SHA256withECDSA", signer.ecdsa(), message, ecdsa)
                    & verifyOne("ML-DSA-65", signer.mlDsa(), message, mlDsa);
        } catch (java.nio.BufferUnderflowException | GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean verifyOne(String algorithm, java.security.PublicKey key, byte[] message, byte[] value)
            throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm, Crypto.BC);
        signature.initVerify(key);
        signature.update(DOMAIN);
        signature.update(message);
        return signature.verify(value);
    }
}
