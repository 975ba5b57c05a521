package io.ifpp.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.ifpp.core.AtomicFiles;
import io.ifpp.trust.internal.Crypto;

/**
 * A party's envelope keys (KEM and signature) in a PKCS#12 or BCFKS key store, protected by a password the caller
 * gets from the environment or a prompt, never from a command line. Each of the four private keys is an entry
 * {@code NAME.ecdsa}, {@code NAME.ml-dsa}, {@code NAME.x25519}, {@code NAME.ml-kem} whose certificate binds the
 * public key to the party, signed by its ECDSA key. Public keys travel as a text bundle ({@link #publicBundle}).
 */
public final class PartyKeyStore {

    public enum Format {
        PKCS12, BCFKS;

        /** By file name: .bcfks is BCFKS, anything else (.p12, .pfx) PKCS#12. */
        public static Format of(Path file) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".bcfks") ? BCFKS : PKCS12;
        }
    }

    /** A party's keys as loaded. */
    public record Party(String name, KemKeyPair kem, SignatureKeyPair signing) {

        @Override
        public String toString() {
            return "Party[" + name + ", private keys not shown]";
        }
    }

    /** A party's public keys, as another party imports them. */
    public record PublicParty(String name, KemKeyPair.PublicKeys kem, SignatureKeyPair.PublicKeys signing) {
    }

    private static final String BUNDLE_HEADER = "ifpp-public-keys v1";

    private PartyKeyStore() {
    }

    /** Adds (or replaces) {@code party}'s keys in the key store at {@code file}, creating it if needed. */
    public static void store(Path file, char[] password, Party party) throws IOException, GeneralSecurityException {
        KeyStore store = open(file, password);
        KeyPair ecdsa = party.signing().ecdsa();
        X509Certificate self = certificate(party.name(), "ecdsa", ecdsa.getPublic(), ecdsa);
        store.setKeyEntry(party.name() + ".ecdsa", ecdsa.getPrivate(), password, new Certificate[] { self });
        Map<String, KeyPair> bound = new LinkedHashMap<>();
        bound.put("ml-dsa", party.signing().mlDsa());
        bound.put("x25519", party.kem().x25519());
        bound.put("ml-kem", party.kem().mlKem());
        for (Map.Entry<String, KeyPair> entry : bound.entrySet()) {
            X509Certificate binding = certificate(party.name(), entry.getKey(), entry.getValue().getPublic(), ecdsa);
            store.setKeyEntry(party.name() + "." + entry.getKey(), entry.getValue().getPrivate(), password,
                    new Certificate[] { binding, self });
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        AtomicFiles.write(file, out.toByteArray());
    }

    public static Party load(Path file, char[] password, String name) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such key store");
        }
        KeyStore store = open(file, password);
        return new Party(name, new KemKeyPair(pair(store, name, "x25519", password), pair(store, name, "ml-kem", password)),
                new SignatureKeyPair(pair(store, name, "ecdsa", password), pair(store, name, "ml-dsa", password)));
    }

    private static KeyPair pair(KeyStore store, String name, String kind, char[] password) throws GeneralSecurityException {
        String alias = name + "." + kind;
        if (!store.isKeyEntry(alias)) {
            throw new GeneralSecurityException("the key store holds no key " + alias);
        }
        return new KeyPair(store.getCertificate(alias).getPublicKey(), (PrivateKey) store.getKey(alias, password));
    }

    private static KeyStore open(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(Format.of(file).name(), Crypto.BC);
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                store.load(in, password);
            } catch (IOException e) {
                throw new IOException(file + ": cannot be opened (wrong password, or not a " + Format.of(file) + " key store)");
            }
        } else {
            store.load(null, password);
        }
        return store;
    }

    private static X509Certificate certificate(String party, String kind, PublicKey key, KeyPair signer) throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "IFPP party key").addRDN(BCStyle.CN, party + " " + kind).build();
        X500Name issuer = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "IFPP party key").addRDN(BCStyle.CN, party + " ecdsa").build();
        Instant now = Instant.now();
        try {
            var holder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, Crypto.random()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, key)
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC).build(signer.getPrivate()));
            return new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("the key certificate cannot be signed", e);
        }
    }

    /** The public keys of {@code party} as text another party imports with {@link #readPublicBundle}. */
    public static String publicBundle(Party party) {
        return publicBundle(new PublicParty(party.name(), party.kem().publicKeys(), party.signing().publicKeys()));
    }

    /** The text form of public keys, as {@link #readPublicBundle} reads it. */
    public static String publicBundle(PublicParty party) {
        Base64.Encoder base64 = Base64.getEncoder();
        return BUNDLE_HEADER + "\nname: " + party.name() + "\nx25519: " + base64.encodeToString(party.kem().x25519().getEncoded())
                + "\nml-kem-768: " + base64.encodeToString(party.kem().mlKem().getEncoded()) + "\necdsa-p256: "
                + base64.encodeToString(party.signing().ecdsa().getEncoded()) + "\nml-dsa-65: "
                + base64.encodeToString(party.signing().mlDsa().getEncoded()) + "\n";
    }

    public static PublicParty readPublicBundle(String text) throws GeneralSecurityException {
        Map<String, String> fields = new LinkedHashMap<>();
        String[] lines = text.strip().split("\\R");
        if (lines.length == 0 || !lines[0].strip().equals(BUNDLE_HEADER)) {
            throw new GeneralSecurityException("not an IFPP public key bundle (it starts with '" + BUNDLE_HEADER + "')");
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                fields.put(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
            }
        }
        for (String field : new String[] { "name", "x25519", "ml-kem-768", "ecdsa-p256", "ml-dsa-65" }) {
            if (!fields.containsKey(field)) {
                throw new GeneralSecurityException("the public key bundle lacks '" + field + "'");
            }
        }
        return new PublicParty(fields.get("name"),
                new KemKeyPair.PublicKeys(publicKey("X25519", fields.get("x25519")), publicKey("ML-KEM", fields.get("ml-kem-768"))),
                new SignatureKeyPair.PublicKeys(publicKey("EC", fields.get("ecdsa-p256")), publicKey("ML-DSA", fields.get("ml-dsa-65"))));
    }

    private static PublicKey publicKey(String algorithm, String base64) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance(algorithm, Crypto.BC).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("a " + algorithm + " key in the bundle is not valid Base64");
        }
    }
}
