package io.ifpp.connector.filedrop.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ifpp.core.AtomicFiles;

/**
 * The content hashes of the files an inbox has imported, one tab-separated line each (sha256, time, name received,
 * name stored under), rewritten whole with {@link AtomicFiles} so that a crash leaves the old or the new journal.
 */
public final class ImportJournal {

    public record Entry(String sha256, Instant importedAt, String receivedName, String storedName) {
    }

    private final Path file;
    private final List<Entry> entries;

    private ImportJournal(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    public static ImportJournal load(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String[] fields = lines.get(i).split("\t", -1);
                try {
                    if (fields.length != 4 || !fields[0].matches("[0-9a-f]{64}")) {
                        throw new IllegalArgumentException();
                    }
                    entries.add(new Entry(fields[0], Instant.parse(fields[1]), fields[2], fields[3]));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new IOException("the import journal " + file + " is damaged at line " + (i + 1)
                            + ": expected a sha256, a time, the received and the stored name separated by tabs");
                }
            }
        }
        return new ImportJournal(file, entries);
    }

    public Optional<Entry> find(String sha256) {
        return entries.stream().filter(e -> e.sha256().equals(sha256)).findFirst();
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Appends and persists before returning: once this returns, the content counts as imported. */
    public void add(Entry entry) throws IOException {
        List<Entry> next = new ArrayList<>(entries);
        next.add(entry);
        StringBuilder text = new StringBuilder();
        for (Entry e : next) {
            text.append(e.sha256()).append('\t').append(e.importedAt()).append('\t').append(e.receivedName())
                    .append('\t').append(e.storedName()).append('\n');
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        entries.add(entry);
    }
}
