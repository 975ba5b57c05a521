package io.ifpp.server.internal.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import io.ifpp.server.internal.cli.PasswordSource;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The key stores a batch run needs in the data directory ({@code keys/}): IFPP Studio's own (it signs the orders)
 * and the simulated vendor line's. Made on first use; one password for both, from IFPP_KEYSTORE_PASSWORD or a prompt.
 */
public final class KeyFiles {

    public static final String ORDERER = "ifpp-studio";
    public static final String SIMULATED_VENDOR = "simulated-vendor";

    public record Keys(PartyKeyStore.Party orderer, PartyKeyStore.Party simulatedVendor) {
    }

    private KeyFiles() {
    }

    public static Keys open(Path dataDirectory, PasswordSource passwords) throws IOException, GeneralSecurityException {
        Path folder = dataDirectory.resolve("keys");
        char[] password = passwords.password("Password of the key stores in " + folder);
        try {
            Files.createDirectories(folder);
            // Engines started together on one data directory must not each make keys of their own.
            try (FileChannel lock = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                return new Keys(party(folder.resolve(ORDERER + ".p12"), password, ORDERER),
                        party(folder.resolve(SIMULATED_VENDOR + ".p12"), password, SIMULATED_VENDOR));
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static PartyKeyStore.Party party(Path file, char[] password, String name)
            throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return PartyKeyStore.load(file, password, name);
        }
        PartyKeyStore.Party party = new PartyKeyStore.Party(name, KemKeyPair.generate(), SignatureKeyPair.generate());
        PartyKeyStore.store(file, password, party);
        return party;
    }

    /** Keys that live only as long as this process (the demo: one process, nothing to resume elsewhere). */
    public static Keys ephemeral() {
        return new Keys(new PartyKeyStore.Party(ORDERER, KemKeyPair.generate(), SignatureKeyPair.generate()),
                new PartyKeyStore.Party(SIMULATED_VENDOR, KemKeyPair.generate(), SignatureKeyPair.generate()));
    }
}
