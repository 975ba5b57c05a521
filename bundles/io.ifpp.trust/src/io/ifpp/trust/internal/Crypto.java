package io.ifpp.trust.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance the trust layer uses for every algorithm (never installed globally), and
 * its SP 800-90A DRBG.
 */
public final class Crypto {

    public static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static final SecureRandom RANDOM = drbg();

    private Crypto() {
    }

    private static SecureRandom drbg() {
        try {
            // BouncyCastle's SP 800-90A DRBG (HMAC/hash based), seeded from the operating system's entropy.
            return SecureRandom.getInstance("DEFAULT", BC);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("BouncyCastle provides the DEFAULT DRBG", e);
        }
    }

    public static SecureRandom random() {
        return RANDOM;
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256", BC);
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("BouncyCastle provides SHA-256", e);
        }
    }
}
