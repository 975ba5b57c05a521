package io.ifpp.trust;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;

import io.ifpp.trust.internal.Crypto;

/**
 * A recipient's hybrid key encapsulation keys: X25519 and ML-KEM-768 (FIPS 203). Sealed data stays confidential
 * while either holds.
 */
public record KemKeyPair(KeyPair x25519, KeyPair mlKem) {

    public static KemKeyPair generate() {
        try {
            KeyPairGenerator x25519 = KeyPairGenerator.getInstance("X25519", Crypto.BC);
            KeyPairGenerator mlKem = KeyPairGenerator.getInstance("ML-KEM-768", Crypto.BC);
            return new KemKeyPair(x25519.generateKeyPair(), mlKem.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle provides X25519 and ML-KEM-768", e);
        }
    }

    public PublicKeys publicKeys() {
        return new PublicKeys(x25519.getPublic(), mlKem.getPublic());
    }

    /** What a sender needs to seal for this recipient; its key id names it in envelopes. */
    public record PublicKeys(PublicKey x25519, PublicKey mlKem) {

        /** SHA-256 over both keys' SubjectPublicKeyInfo encodings. */
        public byte[] keyId() {
            return Crypto.sha256(x25519.getEncoded(), mlKem.getEncoded());
        }
    }

    @Override
    public String toString() {
        return "KemKeyPair[X25519 + ML-KEM-768, private keys not shown]";
    }
}
