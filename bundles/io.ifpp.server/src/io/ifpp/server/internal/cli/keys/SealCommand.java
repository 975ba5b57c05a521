package io.ifpp.server.internal.cli.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.ifpp.core.AtomicFiles;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.PartyKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ifpp seal IN -o OUT}: seal a file for a recipient and sign it as the sender (docs/envelope-format.md). */
@Command(name = "seal", description = "Seal a file for a recipient (its public key bundle) and sign it with the sender's keys.")
public final class SealCommand extends KeysCommand.EnvelopeCommand {

    @Option(names = "--recipient", required = true, paramLabel = "BUNDLE", description = "The recipient's public key bundle.")
    Path recipient;

    @Override
    public Integer call() throws Exception {
        PartyKeyStore.PublicParty to = PartyKeyStore.readPublicBundle(Files.readString(recipient, StandardCharsets.UTF_8));
        byte[] payload = Files.readAllBytes(input);
        char[] password = password();
        try {
            PartyKeyStore.Party sender = PartyKeyStore.load(keystore, password, name);
            AtomicFiles.write(output, Envelope.seal(payload, new Envelope.Context(batch, sequence), to.kem(), sender.signing()));
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(payload, (byte) 0);
        }
        spec.commandLine().getOut().printf("%s: sealed for %s, signed by %s, batch %s sequence %d%n", output, to.name(), name, batch, sequence);
        return 0;
    }
}
