package io.ifpp.server.internal.cli.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import io.ifpp.core.AtomicFiles;
import io.ifpp.server.internal.cli.NeedsPasswords;
import io.ifpp.server.internal.cli.PasswordSource;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp keys generate|export-public}: a party's envelope keys in a PKCS#12 or BCFKS key store. */
@Command(name = "keys", description = "Create envelope keys in a key store (.p12 or .bcfks) and export their public half.",
        subcommands = { KeysCommand.Generate.class, KeysCommand.ExportPublic.class })
public final class KeysCommand {

    abstract static class KeyStoreCommand implements Callable<Integer>, NeedsPasswords {
        @Spec
        CommandSpec spec;

        @Option(names = "--keystore", required = true, paramLabel = "FILE", description = "PKCS#12 (.p12) or BCFKS (.bcfks); "
                + "password from " + PasswordSource.VARIABLE + " or a prompt.")
        Path keystore;

        @Option(names = "--name", required = true, paramLabel = "PARTY", description = "The party whose keys these are.")
        String name;

        PasswordSource passwords;

        @Override
        public void passwords(PasswordSource source) {
            passwords = source;
        }

        char[] password() throws java.io.IOException {
            return passwords.password("Password of " + keystore);
        }
    }

    /** What seal and open share: the envelope's batch and position, the file read and the file written. */
    abstract static class EnvelopeCommand extends KeyStoreCommand {
        @Option(names = "--batch", required = true, description = "The batch id the envelope belongs to.")
        String batch;

        @Option(names = "--sequence", required = true, description = "Its position in the batch.")
        long sequence;

        @Parameters(paramLabel = "IN")
        Path input;

        @Option(names = { "-o", "--output" }, required = true, paramLabel = "OUT")
        Path output;
    }

    @Command(name = "generate", description = "Generate X25519 + ML-KEM-768 and ECDSA P-256 + ML-DSA-65 keys for a party.")
    static final class Generate extends KeyStoreCommand {
        @Override
        public Integer call() throws Exception {
            char[] password = password();
            try {
                PartyKeyStore.store(keystore, password, new PartyKeyStore.Party(name, KemKeyPair.generate(), SignatureKeyPair.generate()));
            } finally {
                Arrays.fill(password, '\0');
            }
            spec.commandLine().getOut().printf("%s: keys of %s added (%s)%n", keystore, name, PartyKeyStore.Format.of(keystore));
            return 0;
        }
    }

    @Command(name = "export-public", description = "Write the party's public keys as a bundle other parties import.")
    static final class ExportPublic extends KeyStoreCommand {
        @Option(names = { "-o", "--output" }, required = true, paramLabel = "FILE")
        Path output;

        @Override
        public Integer call() throws Exception {
            char[] password = password();
            try {
                PartyKeyStore.Party party = PartyKeyStore.load(keystore, password, name);
                AtomicFiles.write(output, PartyKeyStore.publicBundle(party).getBytes(StandardCharsets.UTF_8));
            } finally {
                Arrays.fill(password, '\0');
            }
            spec.commandLine().getOut().printf("%s: public keys of %s%n", output, name);
            return 0;
        }
    }
}
