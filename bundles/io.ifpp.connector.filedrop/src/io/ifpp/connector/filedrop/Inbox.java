package io.ifpp.connector.filedrop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.ifpp.connector.filedrop.internal.Durability;
import io.ifpp.connector.filedrop.internal.ImportJournal;
import io.ifpp.core.AtomicFiles;
import io.ifpp.trust.CompositeSignature;
import io.ifpp.trust.SignatureKeyPair;

/**
 * An inbox directory where vendors drop {@code .out} files. Each scan imports every complete file whole or not at
 * all: a file is parsed in full, handed to the {@link Importer}, remembered by content hash in
 * {@code imported/import-journal.txt}, then moved to {@code imported/}. A file that fails, or whose content was
 * imported before, moves to {@code quarantine/} beside {@code <name>.error.txt} stating why. A file that may still be
 * being written ({@code .part} and similar names, modified within the quiet period, or growing while read) is left
 * for a later scan. An inbox made {@link #signedBy signed by} a sender also needs each file's detached signature
 * {@code <name>.sig} (a {@link CompositeSignature} over the file's bytes): a file waits for it, then is quarantined
 * unsigned; a signature that does not verify quarantines the file; the signature moves with its file. One
 * {@code Inbox} per directory; scans of one instance do not overlap.
 */
public final class Inbox {

    public static final String IMPORTED = "imported";
    public static final String QUARANTINE = "quarantine";
    public static final String JOURNAL = "import-journal.txt";
    public static final String ERROR_SUFFIX = ".error.txt";
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(2);
    public static final String SIGNATURE_SUFFIX = ".sig";
    /** How every reason of a file refused for its signature (missing or not verifying) begins. */
    public static final String SIGNATURE_REFUSED = "Not imported, signature: ";
    /** Far above a composite signature's size (about 3.4 KB); a larger file is not one. */
    private static final long MAX_SIGNATURE_BYTES = 64 * 1024;

    /** Names that file-transfer tools give a file until it is complete. */
    private static final List<String> IN_PROGRESS_SUFFIXES = List.of(".part", ".partial", ".tmp", ".filepart",
            ".crdownload");

    /**
     * Takes the records of one file into the system (e.g. a database transaction). It runs before the file counts as
     * imported, so a crash after it returns may hand it the same content again: it must be idempotent by
     * {@code contentSha256}. Throwing leaves the file in the inbox, not imported.
     */
    @FunctionalInterface
    public interface Importer {
        void importRecords(String fileName, String contentSha256, VendorOutputFile file) throws Exception;
    }

    /** Thrown by an {@link Importer} that refuses a file for good: the file is quarantined with this reason. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        public Refused(String reason) {
            super(reason);
        }
    }

    /** What a scan did with one file of the inbox. */
    public sealed interface Result permits Imported, Quarantined, Skipped {
        String fileName();
    }

    /** Imported whole; the file now lives at {@code storedAs}. */
    public record Imported(String fileName, Path storedAs, String contentSha256, VendorOutputFile file)
            implements Result {
    }

    /** Not imported and moved aside with its reason (one sentence, with the line when there is one). */
    public record Quarantined(String fileName, Path storedAs, Path errorFile, String reason) implements Result {
    }

    /** Left in the inbox for a later scan, e.g. because it may still be being written. */
    public record Skipped(String fileName, String reason) implements Result {
    }

    private final Path directory;
    private final Path imported;
    private final Path quarantine;
    private final long maxFileBytes;
    private final Duration quietPeriod;
    private final Clock clock;
    private final SignatureKeyPair.PublicKeys signer; // null: no detached signatures expected
    private final Duration signatureWait;
    private final Settling settling;

    /** Files up to {@link VendorOutputFile#DEFAULT_MAX_BYTES}, quiet for {@link #DEFAULT_QUIET_PERIOD}. */
    public Inbox(Path directory) {
        this(directory, VendorOutputFile.DEFAULT_MAX_BYTES, DEFAULT_QUIET_PERIOD, Clock.systemUTC());
    }

    /**
     * @param quietPeriod how long a file must have been seen unmodified (on {@code clock}, across scans) before it is
     *        taken as complete
     */
    public Inbox(Path directory, long maxFileBytes, Duration quietPeriod, Clock clock) {
        this(directory, maxFileBytes, quietPeriod, clock, null, Duration.ZERO);
    }

    private Inbox(Path directory, long maxFileBytes, Duration quietPeriod, Clock clock,
            SignatureKeyPair.PublicKeys signer, Duration signatureWait) {
        this.signer = signer;
        this.signatureWait = Objects.requireNonNull(signatureWait, "signatureWait");
        this.directory = directory.toAbsolutePath();
        this.imported = this.directory.resolve(IMPORTED);
        this.quarantine = this.directory.resolve(QUARANTINE);
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("the size limit must be at least one byte, not " + maxFileBytes);
        }
        this.maxFileBytes = maxFileBytes;
        this.quietPeriod = Objects.requireNonNull(quietPeriod, "quietPeriod");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settling = new Settling(clock);
    }

    public Path directory() {
        return directory;
    }

    /**
     * This inbox, taking only files with a detached signature by {@code sender} that verifies.
     *
     * @param signatureWait how long a file may wait for its signature before it is quarantined as unsigned
     */
    public Inbox signedBy(SignatureKeyPair.PublicKeys sender, Duration signatureWait) {
        return new Inbox(directory, maxFileBytes, quietPeriod, clock, Objects.requireNonNull(sender, "sender"),
                signatureWait);
    }

    /** Looks at every file in the inbox once, in name order; I/O failures of the inbox itself propagate. */
    public synchronized List<Result> scan(Importer importer) throws IOException {
        Objects.requireNonNull(importer, "importer");
        Files.createDirectories(imported);
        Files.createDirectories(quarantine);
        ImportJournal journal = ImportJournal.load(imported.resolve(JOURNAL));
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            // Links are not followed: a dropped link must not make us read, or move, what it points to.
            files = listing.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        settling.keepOnly(new java.util.HashSet<>(files));
        List<Result> results = new ArrayList<>();
        for (Path file : files) {
            results.add(scanOne(file, journal, importer));
        }
        return results;
    }

    private Result scanOne(Path file, ImportJournal journal, Importer importer) throws IOException {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        Optional<String> inProgress = IN_PROGRESS_SUFFIXES.stream().filter(lower::endsWith).findFirst();
        if (inProgress.isPresent()) {
            return new Skipped(name, "its name ends with " + inProgress.get() + ": still being written");
        }
        if (!lower.endsWith(".out")) {
            return new Skipped(name, "not a vendor output file (.out)");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return new Skipped(name, "its name contains control characters");
        }
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        Duration quietFor = settling.unchangedFor(file, before);
        if (quietFor.compareTo(quietPeriod) < 0) {
            return new Skipped(name, "seen unchanged for " + quietFor.toMillis() + " ms, less than the quiet period "
                    + "of " + quietPeriod.toMillis() + " ms: may still be being written");
        }
        byte[] content;
        try {
            content = VendorOutputFile.readBounded(file, maxFileBytes);
        } catch (VendorOutputFileException tooLarge) {
            return quarantine(file, sentence(tooLarge));
        }
        BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
        if (after.size() != before.size() || content.length != before.size()
                || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
            return new Skipped(name, "its size changed while it was read (" + before.size() + " then "
                    + after.size() + " bytes): still being written");
        }
        String sha256 = Durability.sha256(content);
        Optional<ImportJournal.Entry> earlier = journal.find(sha256);
        if (earlier.isPresent()) {
            ImportJournal.Entry entry = earlier.get();
            Path storedAs = imported.resolve(entry.storedName());
            if (entry.receivedName().equals(name) && !Files.exists(storedAs)) {
                // A crash came between journal and move: the import itself is complete, only the move is left.
                moveSignature(file, storedAs);
                moveAtomically(file, storedAs);
                return new Imported(name, storedAs, sha256, parseRecorded(content));
            }
        }
        if (signer != null) {
            Optional<Result> unsigned = checkSignature(file, content, quietFor);
            if (unsigned.isPresent()) {
                return unsigned.get();
            }
        }
        if (earlier.isPresent()) {
            ImportJournal.Entry entry = earlier.get();
            return quarantine(file, "Duplicate: the same content (sha256 " + sha256 + ") was imported from "
                    + entry.receivedName() + " at " + entry.importedAt() + ", and a file is never imported twice.");
        }
        VendorOutputFile parsed;
        try {
            parsed = VendorOutputFile.parse(content, maxFileBytes);
        } catch (VendorOutputFileException e) {
            return quarantine(file, sentence(e));
        }
        try {
            importer.importRecords(name, sha256, parsed);
        } catch (Refused e) {
            parsed.destroySecrets();
            return quarantine(file, "Not imported: " + e.getMessage());
        } catch (Exception e) {
            parsed.destroySecrets();
            return new Skipped(name, "the importer failed (" + e.getClass().getSimpleName()
                    + "): nothing was imported and the file stays in the inbox for the next scan");
        }
        Path storedAs = imported.resolve(freeName(imported, name));
        journal.add(new ImportJournal.Entry(sha256, clock.instant(), name, storedAs.getFileName().toString()));
        // The signature first: once the file has moved, a crash must not leave it imported without its signature.
        moveSignature(file, storedAs);
        moveAtomically(file, storedAs);
        return new Imported(name, storedAs, sha256, parsed);
    }

    /** A file journaled before a crash parsed then; it still does, and its records are returned for information. */
    private VendorOutputFile parseRecorded(byte[] content) throws IOException {
        try {
            return VendorOutputFile.parse(content, maxFileBytes);
        } catch (VendorOutputFileException e) {
            throw new IOException("a journaled file no longer parses; the journal or the file was altered", e);
        }
    }

    private Quarantined quarantine(Path file, String reason) throws IOException {
        String name = file.getFileName().toString();
        Path storedAs = quarantine.resolve(freeName(quarantine, name));
        Path errorFile = quarantine.resolve(storedAs.getFileName() + ERROR_SUFFIX);
        // The reason first: a quarantined file is never without its explanation, even after a crash.
        AtomicFiles.write(errorFile, (reason + "\n").getBytes(StandardCharsets.UTF_8));
        moveSignature(file, storedAs);
        moveAtomically(file, storedAs);
        return new Quarantined(name, storedAs, errorFile, reason);
    }

    /** Empty when the detached signature is there and verifies; else why the file waits or is quarantined. */
    private Optional<Result> checkSignature(Path file, byte[] content, Duration quietFor) throws IOException {
        String name = file.getFileName().toString();
        Path signature = signatureOf(file);
        if (!Files.isRegularFile(signature, LinkOption.NOFOLLOW_LINKS)) {
            if (quietFor.compareTo(signatureWait) < 0) {
                return Optional.of(new Skipped(name, "its detached signature " + signature.getFileName()
                        + " has not arrived yet (waiting up to " + signatureWait.toSeconds() + " s)"));
            }
            return Optional.of(quarantine(file, SIGNATURE_REFUSED + "no detached signature " + signature.getFileName()
                    + " arrived within " + signatureWait.toSeconds() + " s of the file; an unsigned file is never"
                    + " imported."));
        }
        Duration signatureQuiet = settling.unchangedFor(signature);
        if (signatureQuiet.compareTo(quietPeriod) < 0) {
            return Optional.of(new Skipped(name, "its signature was seen unchanged for " + signatureQuiet.toMillis()
                    + " ms, less than the quiet period: may still be being written"));
        }
        if (Files.size(signature) > MAX_SIGNATURE_BYTES || !CompositeSignature.verify(content,
                Files.readAllBytes(signature), signer)) {
            return Optional.of(quarantine(file, SIGNATURE_REFUSED + "the detached signature "
                    + signature.getFileName() + " does not verify over the file with the sender's key (the file or"
                    + " the signature was changed, or someone else signed it)."));
        }
        return Optional.empty();
    }

    private static Path signatureOf(Path file) {
        return file.resolveSibling(file.getFileName() + SIGNATURE_SUFFIX);
    }

    private void moveSignature(Path file, Path storedAs) throws IOException {
        Path signature = signatureOf(file);
        if (signer != null && Files.isRegularFile(signature, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(signature, signatureOf(storedAs), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String sentence(VendorOutputFileException e) {
        String message = e.getMessage();
        return "Not imported: " + message + ".";
    }

    /** {@code name}, or {@code stem-2.out}, {@code stem-3.out}… if the folder already holds that name. */
    private static String freeName(Path folder, String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String candidate = name;
        for (int n = 2; Files.exists(folder.resolve(candidate))
                || Files.exists(folder.resolve(candidate + ERROR_SUFFIX)); n++) {
            candidate = stem + "-" + n + extension;
        }
        return candidate;
    }

    private void moveAtomically(Path file, Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        Durability.syncDirectory(target.getParent());
        Durability.syncDirectory(directory);
    }
}
