package io.ifpp.connector.filedrop.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.ifpp.connector.filedrop.Outbox;
import io.ifpp.trust.Envelope;

/**
 * Which order or delivery each sealing context went out with: one file per context (named by a hash of batch and
 * sequence, holding the id), published like any outbox file, so a context replayed under another id is refused
 * after a restart too.
 */
public final class ContextLedger {

    private final Outbox folder;

    public ContextLedger(Path folder) {
        this.folder = new Outbox(folder);
    }

    /** Records {@code context} as {@code owner}'s; the id of the earlier owner when it is another's. */
    public Optional<String> claim(Envelope.Context context, String owner) throws IOException {
        String name = Durability.sha256((context.batchId() + "\n" + context.sequence())
                .getBytes(StandardCharsets.UTF_8)) + ".context";
        try {
            folder.write(name, owner.getBytes(StandardCharsets.UTF_8));
            return Optional.empty();
        } catch (FileAlreadyExistsException e) {
            return Optional.of(Files.readString(folder.directory().resolve(name), StandardCharsets.UTF_8));
        }
    }
}
