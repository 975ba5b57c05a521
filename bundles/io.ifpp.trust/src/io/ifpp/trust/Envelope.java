package io.ifpp.trust;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.jcajce.SecretKeyWithEncapsulation;
import org.bouncycastle.jcajce.spec.KEMExtractSpec;
import org.bouncycastle.jcajce.spec.KEMGenerateSpec;

import io.ifpp.trust.internal.Crypto;

/**
 * Factory data sealed for one recipient and signed by one sender: hybrid KEM (X25519 + ML-KEM-768), AES-256-GCM,
 * composite signature (ECDSA P-256 + ML-DSA-65), bound to a batch id and a sequence number. Confidential while
 * either KEM holds, authentic while either signature algorithm does; a copy replayed into another batch, sequence
 * or recipient, or any changed bit, is refused. The byte format is specified in {@code docs/envelope-format.md}.
 */
public final class Envelope {

    static final byte[] MAGIC = "IFPPENV".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** X25519 + ML-KEM-768, HKDF-SHA256, AES-256-GCM; ECDSA-P256-SHA256 + ML-DSA-65. */
    static final int SUITE = 1;
    private static final byte[] KDF_LABEL = "IFPP-ENVELOPE-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BATCH_ID = 256;

    /** Where an envelope belongs: the batch and its position, authenticated with the payload. */
    public record Context(String batchId, long sequence) {

        public Context {
            if (batchId.getBytes(StandardCharsets.UTF_8).length > MAX_BATCH_ID) {
                throw new IllegalArgumentException("a batch id has at most " + MAX_BATCH_ID + " bytes in UTF-8");
            }
            if (sequence < 0) {
                throw new IllegalArgumentException("a sequence number is not negative, got " + sequence);
            }
        }
    }

    private Envelope() {
    }

    public static byte[] seal(byte[] payload, Context context, KemKeyPair.PublicKeys recipient, SignatureKeyPair sender) {
        byte[] ecdhSecret = null;
        byte[] kemSecret = null;
        byte[] key = null;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519", Crypto.BC);
            KeyPair ephemeral = generator.generateKeyPair();
            ecdhSecret = x25519(ephemeral.getPrivate(), recipient.x25519());
            KeyGenerator kem = KeyGenerator.getInstance("ML-KEM", Crypto.BC);
            kem.init(new KEMGenerateSpec(recipient.mlKem(), "AES"), Crypto.random());
            SecretKeyWithEncapsulation encapsulated = (SecretKeyWithEncapsulation) kem.generateKey();
            kemSecret = encapsulated.getEncoded();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(MAGIC);
            out.write(VERSION);
            writeShort(out, SUITE);
            out.write(recipient.keyId());
            out.write(sender.publicKeys().keyId());
            byte[] batch = context.batchId().getBytes(StandardCharsets.UTF_8);
            writeShort(out, batch.length);
            out.write(batch);
            out.write(ByteBuffer.allocate(8).putLong(context.sequence()).array());
            byte[] ephemeralKey = ephemeral.getPublic().getEncoded();
            writeShort(out, ephemeralKey.length);
            out.write(ephemeralKey);
            byte[] ciphertextOfKem = encapsulated.getEncapsulation();
            writeShort(out, ciphertextOfKem.length);
            out.write(ciphertextOfKem);
            key = deriveKey(ecdhSecret, kemSecret, out.toByteArray());
            byte[] nonce = new byte[12];
            Crypto.random().nextBytes(nonce);
            out.write(nonce);
            byte[] aad = out.toByteArray();

            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", Crypto.BC);
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(aad);
            byte[] ciphertext = gcm.doFinal(payload);
            out.write(ByteBuffer.allocate(4).putInt(ciphertext.length).array());
            out.write(ciphertext);
            byte[] signature = CompositeSignature.sign(out.toByteArray(), sender);
            writeShort(out, signature.length);
            out.write(signature);
            return out.toByteArray();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("sealing failed: " + e.getClass().getSimpleName(), e);
        } finally {
            zero(ecdhSecret, kemSecret, key);
        }
    }

    /**
     * Opens an envelope that must be for {@code recipient}, from {@code sender}, for {@code expected}'s batch and
     * sequence; every other case is an {@link EnvelopeException} that says which check failed.
     */
    public static byte[] open(byte[] envelope, Context expected, KemKeyPair recipient, SignatureKeyPair.PublicKeys sender)
            throws EnvelopeException {
        ByteBuffer in = ByteBuffer.wrap(envelope);
        byte[] ecdhSecret = null;
        byte[] kemSecret = null;
        byte[] key = null;
        try {
            byte[] magic = bytes(in, MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new EnvelopeException("not an IFPP envelope (the first bytes are not IFPPENV)");
            }
            int version = in.get() & 0xFF;
            if (version != VERSION) {
                throw new EnvelopeException("envelope version " + version + " is not supported (this reads version " + VERSION + ")");
            }
            int suite = in.getShort() & 0xFFFF;
            if (suite != SUITE) {
                throw new EnvelopeException("algorithm suite " + suite + " is not supported (this reads suite " + SUITE + ")");
            }
            byte[] recipientId = bytes(in, 32);
            byte[] senderId = bytes(in, 32);
            byte[] batch = bytes(in, in.getShort() & 0xFFFF);
            long sequence = in.getLong();
            byte[] ephemeralKey = bytes(in, in.getShort() & 0xFFFF);
            byte[] ciphertextOfKem = bytes(in, in.getShort() & 0xFFFF);
            int kdfEnd = in.position();
            byte[] nonce = bytes(in, 12);
            int aadEnd = in.position();
            int ciphertextLength = in.getInt();
            if (ciphertextLength < 16 || ciphertextLength > in.remaining()) {
                throw new EnvelopeException("the ciphertext length " + ciphertextLength + " does not fit the envelope");
            }
            byte[] ciphertext = bytes(in, ciphertextLength);
            int signedEnd = in.position();
            byte[] signature = bytes(in, in.getShort() & 0xFFFF);
            if (in.hasRemaining()) {
                throw new EnvelopeException(in.remaining() + " bytes follow the signature");
            }
            checkAddressing(envelope, signedEnd, recipientId, senderId, batch, sequence, signature, expected,
                    recipient.publicKeys(), sender);
            PublicKey ephemeral = KeyFactory.getInstance("X25519", Crypto.BC).generatePublic(new X509EncodedKeySpec(ephemeralKey));
            ecdhSecret = x25519(recipient.x25519().getPrivate(), ephemeral);
            KeyGenerator kem = KeyGenerator.getInstance("ML-KEM", Crypto.BC);
            kem.init(new KEMExtractSpec(recipient.mlKem().getPrivate(), ciphertextOfKem, "AES"));
            kemSecret = ((SecretKeyWithEncapsulation) kem.generateKey()).getEncoded();
            key = deriveKey(ecdhSecret, kemSecret, Arrays.copyOf(envelope, kdfEnd));
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", Crypto.BC);
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(envelope, 0, aadEnd);
            try {
                return gcm.doFinal(ciphertext);
            } catch (GeneralSecurityException e) {
                throw new EnvelopeException("the ciphertext fails its authentication tag");
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new EnvelopeException("the envelope is cut off or malformed at byte " + in.position());
        } catch (GeneralSecurityException e) {
            throw new EnvelopeException("the envelope's keys cannot be used: " + e.getClass().getSimpleName());
        } finally {
            zero(ecdhSecret, kemSecret, key);
        }
    }

    /**
     * The checks of {@link #open} that need no private key: the envelope is well formed, for {@code recipient}, from
     * {@code sender} (signature verified), for {@code expected}'s batch and sequence. For a party that forwards an
     * envelope it cannot open, e.g. a file exchange that must refuse a forged order before it reaches the vendor.
     */
    public static void verify(byte[] envelope, Context expected, KemKeyPair.PublicKeys recipient,
            SignatureKeyPair.PublicKeys sender) throws EnvelopeException {
        ByteBuffer in = ByteBuffer.wrap(envelope);
        try {
            if (!Arrays.equals(bytes(in, MAGIC.length), MAGIC)) {
                throw new EnvelopeException("not an IFPP envelope (the first bytes are not IFPPENV)");
            }
            int version = in.get() & 0xFF;
            int suite = in.getShort() & 0xFFFF;
            if (version != VERSION || suite != SUITE) {
                throw new EnvelopeException("envelope version " + version + " suite " + suite
                        + " is not supported (this reads version " + VERSION + " suite " + SUITE + ")");
            }
            byte[] recipientId = bytes(in, 32);
            byte[] senderId = bytes(in, 32);
            byte[] batch = bytes(in, in.getShort() & 0xFFFF);
            long sequence = in.getLong();
            bytes(in, in.getShort() & 0xFFFF); // ephemeral key
            bytes(in, in.getShort() & 0xFFFF); // KEM ciphertext
            bytes(in, 12); // nonce
            int ciphertextLength = in.getInt();
            if (ciphertextLength < 16 || ciphertextLength > in.remaining()) {
                throw new EnvelopeException("the ciphertext length " + ciphertextLength + " does not fit the envelope");
            }
            bytes(in, ciphertextLength);
            int signedEnd = in.position();
            byte[] signature = bytes(in, in.getShort() & 0xFFFF);
            if (in.hasRemaining()) {
                throw new EnvelopeException(in.remaining() + " bytes follow the signature");
            }
            checkAddressing(envelope, signedEnd, recipientId, senderId, batch, sequence, signature, expected,
                    recipient, sender);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new EnvelopeException("the envelope is cut off or malformed at byte " + in.position());
        }
    }

    private static void checkAddressing(byte[] envelope, int signedEnd, byte[] recipientId, byte[] senderId,
            byte[] batch, long sequence, byte[] signature, Context expected, KemKeyPair.PublicKeys recipient,
            SignatureKeyPair.PublicKeys sender) throws EnvelopeException {
        if (!MessageDigest.isEqual(recipientId, recipient.keyId())) {
            throw new EnvelopeException("the envelope is sealed for another recipient key");
        }
        if (!MessageDigest.isEqual(senderId, sender.keyId())) {
            throw new EnvelopeException("the envelope names another sender than the one expected");
        }
        if (!CompositeSignature.verify(Arrays.copyOf(envelope, signedEnd), signature, sender)) {
            throw new EnvelopeException("the signature does not verify: the envelope was changed or not signed by the sender");
        }
        String batchId = new String(batch, StandardCharsets.UTF_8);
        if (!batchId.equals(expected.batchId()) || sequence != expected.sequence()) {
            throw new EnvelopeException("replayed or substituted: the envelope is for batch '" + batchId + "' sequence "
                    + sequence + ", expected batch '" + expected.batchId() + "' sequence " + expected.sequence());
        }
    }

    /** AES-256 key = HKDF-SHA256(X25519 secret || ML-KEM secret, info = label || SHA-256(header up to the KEM ciphertext)). */
    private static byte[] deriveKey(byte[] ecdhSecret, byte[] kemSecret, byte[] header) {
        byte[] ikm = new byte[ecdhSecret.length + kemSecret.length];
        System.arraycopy(ecdhSecret, 0, ikm, 0, ecdhSecret.length);
        System.arraycopy(kemSecret, 0, ikm, ecdhSecret.length, kemSecret.length);
        byte[] info = ByteBuffer.allocate(KDF_LABEL.length + 32).put(KDF_LABEL).put(Crypto.sha256(header)).array();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, null, info));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        Arrays.fill(ikm, (byte) 0);
        return key;
    }

    private static byte[] x25519(java.security.PrivateKey own, PublicKey other) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519", Crypto.BC);
        agreement.init(own);
        agreement.doPhase(other, true);
        return agreement.generateSecret();
    }

    private static byte[] bytes(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void zero(byte[]... secrets) {
        for (byte[] secret : secrets) {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }
}
