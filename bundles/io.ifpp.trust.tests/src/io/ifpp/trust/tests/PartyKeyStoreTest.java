package io.ifpp.trust.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.trust.Envelope;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

class PartyKeyStoreTest {

    @TempDir
    Path temp;

    @Test
    void keysSurviveBothKeyStoreFormatsAndSealOpenAcrossThem() throws Exception {
        for (String file : List.of("vendor.p12", "vendor.bcfks")) {
            Path store = temp.resolve(file);
            char[] password = "correct horse battery".toCharArray();
            PartyKeyStore.Party vendor = new PartyKeyStore.Party("vendor", KemKeyPair.generate(), SignatureKeyPair.generate());
            PartyKeyStore.store(store, password, vendor);
            PartyKeyStore.Party orchestrator = new PartyKeyStore.Party("orchestrator", KemKeyPair.generate(), SignatureKeyPair.generate());
            PartyKeyStore.store(store, password, orchestrator);

            PartyKeyStore.Party loaded = PartyKeyStore.load(store, password, "vendor");
            PartyKeyStore.PublicParty published = PartyKeyStore.readPublicBundle(PartyKeyStore.publicBundle(orchestrator));
            Envelope.Context context = new Envelope.Context("b1", 1);
            byte[] sealed = Envelope.seal("order".getBytes(StandardCharsets.UTF_8), context, loaded.kem().publicKeys(),
                    PartyKeyStore.load(store, password, "orchestrator").signing());
            assertArrayEquals("order".getBytes(StandardCharsets.UTF_8), Envelope.open(sealed, context, loaded.kem(), published.signing()), file);
            assertTrue(loaded.toString().contains("private keys not shown"));
        }
    }

    @Test
    void aWrongPasswordOrAMissingNameSaysSo() throws Exception {
        Path store = temp.resolve("k.p12");
        PartyKeyStore.store(store, "right".toCharArray(), new PartyKeyStore.Party("a", KemKeyPair.generate(), SignatureKeyPair.generate()));
        Exception wrong = assertThrows(Exception.class, () -> PartyKeyStore.load(store, "wrong".toCharArray(), "a"));
        assertTrue(wrong.getMessage().contains("wrong password"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("right"), wrong.getMessage());
        Exception missing = assertThrows(Exception.class, () -> PartyKeyStore.load(store, "right".toCharArray(), "b"));
        assertEquals("the key store holds no key b.x25519", missing.getMessage());
        assertTrue(Files.size(store) > 1000);
    }
}
