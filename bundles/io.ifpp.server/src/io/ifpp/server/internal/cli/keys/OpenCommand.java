package io.ifpp.server.internal.cli.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.ifpp.core.AtomicFiles;
import io.ifpp.trust.Envelope;
import io.ifpp.trust.EnvelopeException;
import io.ifpp.trust.PartyKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ifpp open IN -o OUT}: check and open an envelope; nothing is written when a check fails. */
@Command(name = "open", description = "Verify and open an envelope sealed for this party by the expected sender, batch and sequence.")
public final class OpenCommand extends KeysCommand.EnvelopeCommand {

    @Option(names = "--sender", required = true, paramLabel = "BUNDLE", description = "The expected sender's public key bundle.")
    Path sender;

    @Override
    public Integer call() throws Exception {
        PartyKeyStore.PublicParty from = PartyKeyStore.readPublicBundle(Files.readString(sender, StandardCharsets.UTF_8));
        char[] password = password();
        byte[] payload;
        try {
            PartyKeyStore.Party recipient = PartyKeyStore.load(keystore, password, name);
            payload = Envelope.open(Files.readAllBytes(input), new Envelope.Context(batch, sequence), recipient.kem(), from.signing());
        } catch (EnvelopeException e) {
            throw new IllegalStateException(input + ": " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        try {
            AtomicFiles.write(output, payload);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
        spec.commandLine().getOut().printf("%s: opened, from %s, batch %s sequence %d%n", output, from.name(), batch, sequence);
        return 0;
    }
}
