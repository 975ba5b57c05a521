package io.ifpp.trust.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The one BouncyCastle provider instance the trust layer uses (never installed globally), and its DRBG. */
public final class Crypto {

    public static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private static final SecureRandom RANDOM = drbg();

    private Crypto() {
    }

    private static SecureRandom drbg() {
        try {
            // NIST SP 800-90A DRBG from the JDK, reseeded from the operating system's entropy.
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    public static SecureRandom random() {
        return RANDOM;
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
