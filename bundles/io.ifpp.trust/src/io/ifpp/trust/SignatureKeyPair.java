package io.ifpp.trust;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;

import io.ifpp.trust.internal.Crypto;

/** A signer's composite keys: ECDSA on P-256 and ML-DSA-65 (FIPS 204); a signature needs both to verify. */
public record SignatureKeyPair(KeyPair ecdsa, KeyPair mlDsa) {

    public static SignatureKeyPair generate() {
        try {
            KeyPairGenerator ecdsa = KeyPairGenerator.getInstance("EC", Crypto.BC);
            ecdsa.initialize(new ECGenParameterSpec("secp256r1"), Crypto.random());
            KeyPairGenerator mlDsa = KeyPairGenerator.getInstance("ML-DSA-65", Crypto.BC);
            return new SignatureKeyPair(ecdsa.generateKeyPair(), mlDsa.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("BouncyCastle provides ECDSA P-256 and ML-DSA-65", e);
        }
    }

    public PublicKeys publicKeys() {
        return new PublicKeys(ecdsa.getPublic(), mlDsa.getPublic());
    }

    /** What a verifier needs; its key id names the signer in envelopes. */
    public record PublicKeys(PublicKey ecdsa, PublicKey mlDsa) {

        public byte[] keyId() {
            return Crypto.sha256(ecdsa.getEncoded(), mlDsa.getEncoded());
        }
    }

    @Override
    public String toString() {
        return "SignatureKeyPair[ECDSA P-256 + ML-DSA-65, private keys not shown]";
    }
}
