package io.ifpp.connector.filedrop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.filedrop.internal.Durability;
import io.ifpp.connector.filedrop.internal.ImportJournal;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.trust.CompositeSignature;
import io.ifpp.trust.SignatureKeyPair;

class InboxTest {

    @TempDir
    Path directory;

    /** What the importer was handed: file name and content hash, in order. */
    private final List<String> handed = new ArrayList<>();

    private final Inbox.Importer recording = (name, sha256, file) -> handed.add(name + " " + sha256);

    /** No quiet period: the tests say themselves when a file is fresh. */
    private Inbox inbox() {
        return new Inbox(directory, VendorOutputFile.DEFAULT_MAX_BYTES, Duration.ZERO, Clock.systemUTC());
    }

    private Path drop(String name, byte[] content) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, content);
        return file;
    }

    @Test
    void importsTheFixtureWholeAndMovesItToImported() throws Exception {
        Path copy = Fixtures.copyTo(Fixtures.VENDOR_OUTPUT_FILE, directory);
        String name = copy.getFileName().toString();

        List<Inbox.Result> results = inbox().scan(recording);

        Inbox.Imported imported = assertInstanceOf(Inbox.Imported.class, results.getFirst());
        assertEquals(1, results.size());
        assertEquals(SampleFile.recordLines().size(), imported.file().records().size());
        String sha256 = Durability.sha256(SampleFile.bytes());
        assertEquals(sha256, imported.contentSha256());
        assertEquals(List.of(name + " " + sha256), handed);
        assertFalse(Files.exists(copy));
        assertArrayEquals(SampleFile.bytes(), Files.readAllBytes(directory.resolve("imported").resolve(name)));
        assertEquals(imported.storedAs(), directory.resolve("imported").resolve(name));
        ImportJournal journal = ImportJournal.load(directory.resolve("imported/import-journal.txt"));
        assertEquals(sha256, journal.find(sha256).orElseThrow().sha256());
        assertEquals(name, journal.find(sha256).orElseThrow().receivedName());
        assertTrue(inbox().scan(recording).isEmpty(), "nothing left to do");
    }

    @Test
    void quarantinesAMalformedFileBesideOneSentenceStatingTheLine() throws Exception {
        int last = SampleFile.recordLines().getLast();
        String[] fields = SampleFile.recordFields(last);
        drop("batch.out", SampleFile.withLine(last, fields[0] + " " + fields[1] + " " + fields[2].substring(1)));

        Inbox.Quarantined quarantined = assertInstanceOf(Inbox.Quarantined.class, inbox().scan(recording).getFirst());

        assertEquals(directory.resolve("quarantine/batch.out"), quarantined.storedAs());
        assertEquals(directory.resolve("quarantine/batch.out.error.txt"), quarantined.errorFile());
        String error = Files.readString(quarantined.errorFile(), StandardCharsets.UTF_8);
        assertEquals(quarantined.reason() + "\n", error);
        assertEquals(1, error.lines().count());
        assertTrue(error.startsWith("Not imported: line " + last + ", KI: expected 32 hex digits"), error);
        assertTrue(error.endsWith(".\n"), error);
        VendorOutputFileTest.assertNoKi(error);
        assertTrue(handed.isEmpty());
        assertFalse(Files.exists(directory.resolve("batch.out")));
        assertFalse(Files.exists(directory.resolve("imported/import-journal.txt")));
    }

    @Test
    void quarantinesContentImportedBeforeAsADuplicateUnderAnyName() throws Exception {
        drop("first.out", SampleFile.bytes());
        inbox().scan(recording);
        drop("again.out", SampleFile.bytes());
        drop("first.out", SampleFile.bytes());

        List<Inbox.Result> results = inbox().scan(recording);

        assertEquals(2, results.size());
        for (Inbox.Result result : results) {
            Inbox.Quarantined duplicate = assertInstanceOf(Inbox.Quarantined.class, result);
            assertTrue(duplicate.reason().startsWith("Duplicate: the same content"), duplicate.reason());
            assertTrue(duplicate.reason().contains("imported from first.out"), duplicate.reason());
        }
        assertEquals(1, handed.size(), "imported once only");
        assertEquals(1, ImportJournal.load(directory.resolve("imported/import-journal.txt")).entries().size());
        assertTrue(Files.exists(directory.resolve("quarantine/again.out.error.txt")));
        assertTrue(Files.exists(directory.resolve("quarantine/first.out.error.txt")));
        assertTrue(Files.exists(directory.resolve("imported/first.out")), "the original stays imported");
    }

    @Test
    void skipsAFileStillBeingWrittenUntilItIsComplete() throws Exception {
        Path partial = drop("batch.out.part", SampleFile.bytes());
        Inbox.Skipped skipped = assertInstanceOf(Inbox.Skipped.class, inbox().scan(recording).getFirst());
        assertTrue(skipped.reason().contains(".part"), skipped.reason());
        assertTrue(Files.exists(partial));

        Files.move(partial, directory.resolve("batch.out"));
        assertInstanceOf(Inbox.Imported.class, inbox().scan(recording).getFirst());
    }

    /** A clock the tests move by hand. */
    private static final class MovedClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void skipsAFileUntilItHasBeenSeenUnchangedForTheQuietPeriod() throws Exception {
        Path file = drop("batch.out", SampleFile.bytes());
        MovedClock clock = new MovedClock();
        Inbox inbox = new Inbox(directory, VendorOutputFile.DEFAULT_MAX_BYTES, Duration.ofSeconds(5), clock);

        Inbox.Skipped skipped = assertInstanceOf(Inbox.Skipped.class, inbox.scan(recording).getFirst());
        assertTrue(skipped.reason().contains("quiet period"), skipped.reason());
        clock.advance(Duration.ofSeconds(3));
        Files.write(file, SampleFile.bytes(), java.nio.file.StandardOpenOption.APPEND); // still being written
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        clock.advance(Duration.ofSeconds(3));
        assertInstanceOf(Inbox.Skipped.class, inbox.scan(recording).getFirst(), "a change starts the wait again");
        assertTrue(handed.isEmpty());

        Files.write(file, SampleFile.bytes());
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        inbox.scan(recording);
        clock.advance(Duration.ofSeconds(6));
        assertInstanceOf(Inbox.Imported.class, inbox.scan(recording).getFirst());
    }

    /**
     * The file's time is the writer's: a transfer that keeps the vendor's time, or a clock far from ours either way,
     * neither makes a file taken at once nor keeps it waiting.
     */
    @Test
    void theWritersTimeIsNotOurs() throws Exception {
        MovedClock clock = new MovedClock();
        Inbox inbox = new Inbox(directory, VendorOutputFile.DEFAULT_MAX_BYTES, Duration.ofSeconds(5), clock);
        for (Instant written : List.of(clock.instant().minus(Duration.ofDays(400)),
                clock.instant().plus(Duration.ofDays(400)))) {
            Path file = drop("batch.out", SampleFile.bytes());
            Files.setLastModifiedTime(file, FileTime.from(written));
            assertInstanceOf(Inbox.Skipped.class, inbox.scan(recording).getFirst(), "written " + written);
            clock.advance(Duration.ofSeconds(6));
            Inbox.Result result = inbox.scan(recording).getFirst();
            assertTrue(result instanceof Inbox.Imported || result instanceof Inbox.Quarantined, "written " + written
                    + ": " + result);
        }
        assertEquals(1, handed.size(), "the same content twice: imported once, then a duplicate");
    }

    @Test
    void aFileFailingInItsLastRecordLeavesNothingImportedAndTheJournalUnchanged() throws Exception {
        drop("good.out", SampleFile.bytes());
        inbox().scan(recording);
        Path journal = directory.resolve("imported/import-journal.txt");
        byte[] journalBefore = Files.readAllBytes(journal);
        List<Path> importedBefore = listing(directory.resolve("imported"));

        int last = SampleFile.recordLines().getLast();
        String[] fields = SampleFile.recordFields(last);
        // Different content (new batch number), all records fine but the last one's ICCID check digit.
        byte[] content = SampleFile.withLine(last, fields[0].substring(0, 18) + "9F " + fields[1] + " " + fields[2]);
        String text = new String(content, StandardCharsets.US_ASCII).replace("Batch No        : 2019092901",
                "Batch No        : 2019092902");
        drop("bad.out", text.getBytes(StandardCharsets.US_ASCII));

        Inbox.Quarantined quarantined = assertInstanceOf(Inbox.Quarantined.class, inbox().scan(recording).getFirst());

        assertTrue(quarantined.reason().contains("line " + last + ", ICCID"), quarantined.reason());
        assertArrayEquals(journalBefore, Files.readAllBytes(journal));
        assertEquals(importedBefore, listing(directory.resolve("imported")));
        assertEquals(1, handed.size(), "the importer saw only the good file");
    }

    @Test
    void anImporterFailureLeavesTheFileInTheInboxNotImportedAndItIsRetried() throws Exception {
        Path file = drop("batch.out", SampleFile.bytes());

        Inbox.Skipped skipped = assertInstanceOf(Inbox.Skipped.class, inbox().scan((name, sha256, parsed) -> {
            throw new IOException("database unavailable");
        }).getFirst());

        assertTrue(skipped.reason().contains("importer failed"), skipped.reason());
        assertTrue(Files.exists(file));
        assertFalse(Files.exists(directory.resolve("imported/import-journal.txt")));
        assertEquals(List.of(), listing(directory.resolve("imported")), "no journal, no imported file");

        assertInstanceOf(Inbox.Imported.class, inbox().scan(recording).getFirst());
        assertEquals(1, handed.size());
    }

    @Test
    void finishesAnImportInterruptedBetweenJournalAndMoveWithoutImportingAgain() throws Exception {
        Path file = drop("batch.out", SampleFile.bytes());
        String sha256 = Durability.sha256(SampleFile.bytes());
        // The state a crash leaves after the importer ran and the journal was written, before the move.
        Files.createDirectories(directory.resolve("imported"));
        ImportJournal.load(directory.resolve("imported/import-journal.txt"))
                .add(new ImportJournal.Entry(sha256, Instant.now(), "batch.out", "batch.out"));

        Inbox.Imported imported = assertInstanceOf(Inbox.Imported.class, inbox().scan(recording).getFirst());

        assertEquals(directory.resolve("imported/batch.out"), imported.storedAs());
        assertFalse(Files.exists(file));
        assertTrue(handed.isEmpty(), "the importer had already taken it before the crash");
    }

    @Test
    void quarantinesAFileAboveTheSizeLimitWithoutParsingIt() throws Exception {
        drop("huge.out", SampleFile.bytes());
        Inbox small = new Inbox(directory, 64, Duration.ZERO, Clock.systemUTC());

        Inbox.Quarantined quarantined = assertInstanceOf(Inbox.Quarantined.class, small.scan(recording).getFirst());

        assertTrue(quarantined.reason().contains("at most 64 bytes"), quarantined.reason());
        assertTrue(handed.isEmpty());
    }

    @Test
    void keepsBothQuarantinedFilesWhenNamesRepeat() throws Exception {
        drop("batch.out", new byte[0]);
        inbox().scan(recording);
        drop("batch.out", "\n".getBytes(StandardCharsets.US_ASCII));

        Inbox.Quarantined second = assertInstanceOf(Inbox.Quarantined.class, inbox().scan(recording).getFirst());

        assertEquals(directory.resolve("quarantine/batch-2.out"), second.storedAs());
        assertTrue(Files.readString(second.errorFile()).contains("only blank lines"));
        assertTrue(Files.readString(directory.resolve("quarantine/batch.out.error.txt")).contains("an empty file"));
    }

    @Test
    void leavesOtherFilesAloneAndSaysWhy() throws Exception {
        drop("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        drop(".hidden.out", SampleFile.bytes());
        Path elsewhere = Files.createDirectories(directory.resolve("elsewhere")).resolve("target.out");
        Files.write(elsewhere, SampleFile.bytes());
        Files.createSymbolicLink(directory.resolve("link.out"), elsewhere);

        List<Inbox.Result> results = inbox().scan(recording);

        assertEquals(1, results.size(), "hidden files are other writers' temporary files; links are not followed");
        Inbox.Skipped skipped = assertInstanceOf(Inbox.Skipped.class, results.getFirst());
        assertEquals("notes.txt", skipped.fileName());
        assertTrue(Files.exists(directory.resolve("notes.txt")));
        assertTrue(handed.isEmpty());
        assertTrue(Files.exists(elsewhere));
    }

    @Test
    void aSignedInboxImportsAFileWithItsSignatureAndKeepsThemTogether() throws Exception {
        SignatureKeyPair vendor = SignatureKeyPair.generate();
        drop("batch.out", SampleFile.bytes());
        drop("batch.out.sig", CompositeSignature.sign(SampleFile.bytes(), vendor));

        List<Inbox.Result> results = inbox().signedBy(vendor.publicKeys(), Duration.ofMinutes(5)).scan(recording);

        assertInstanceOf(Inbox.Imported.class, results.getFirst());
        assertEquals(List.of(directory.resolve("imported/batch.out"), directory.resolve("imported/batch.out.sig"),
                directory.resolve("imported/import-journal.txt")), listing(directory.resolve("imported")));
        assertEquals(1, handed.size());
    }

    @Test
    void aSignatureByAnotherKeyQuarantinesTheFileWithItsSignature() throws Exception {
        SignatureKeyPair vendor = SignatureKeyPair.generate();
        drop("batch.out", SampleFile.bytes());
        drop("batch.out.sig", CompositeSignature.sign(SampleFile.bytes(), SignatureKeyPair.generate()));

        Inbox.Quarantined quarantined = assertInstanceOf(Inbox.Quarantined.class,
                inbox().signedBy(vendor.publicKeys(), Duration.ofMinutes(5)).scan(recording).getFirst());

        assertTrue(quarantined.reason().startsWith(Inbox.SIGNATURE_REFUSED
                + "the detached signature batch.out.sig does not verify"), quarantined.reason());
        assertTrue(Files.exists(directory.resolve("quarantine/batch.out.sig")));
        assertTrue(handed.isEmpty(), "not parsed, not handed on");
    }

    @Test
    void aFileWaitsForItsSignatureThenIsQuarantinedAsUnsigned() throws Exception {
        SignatureKeyPair vendor = SignatureKeyPair.generate();
        drop("batch.out", SampleFile.bytes());

        MovedClock clock = new MovedClock();
        Inbox inbox = new Inbox(directory, VendorOutputFile.DEFAULT_MAX_BYTES, Duration.ZERO, clock)
                .signedBy(vendor.publicKeys(), Duration.ofMinutes(5));
        Inbox.Skipped waiting = assertInstanceOf(Inbox.Skipped.class, inbox.scan(recording).getFirst());
        assertTrue(waiting.reason().contains("batch.out.sig has not arrived yet"), waiting.reason());
        clock.advance(Duration.ofMinutes(4));
        assertInstanceOf(Inbox.Skipped.class, inbox.scan(recording).getFirst(), "still within the wait");
        clock.advance(Duration.ofMinutes(2));
        Inbox.Quarantined unsigned = assertInstanceOf(Inbox.Quarantined.class, inbox.scan(recording).getFirst());

        assertTrue(unsigned.reason().startsWith(Inbox.SIGNATURE_REFUSED + "no detached signature batch.out.sig"),
                unsigned.reason());
        assertTrue(handed.isEmpty());
    }

    @Test
    void anImporterThatRefusesAFileForGoodQuarantinesItWithItsReason() throws Exception {
        drop("batch.out", SampleFile.bytes());

        Inbox.Quarantined refused = assertInstanceOf(Inbox.Quarantined.class, inbox().scan((name, sha256, file) -> {
            throw new Inbox.Refused("no such order.");
        }).getFirst());

        assertEquals("Not imported: no such order.", refused.reason());
        assertTrue(ImportJournal.load(directory.resolve("imported/import-journal.txt")).entries().isEmpty());
    }

    @Test
    void anImportInterruptedBeforeTheMoveFinishesWithItsSignature() throws Exception {
        SignatureKeyPair vendor = SignatureKeyPair.generate();
        drop("batch.out", SampleFile.bytes());
        drop("batch.out.sig", CompositeSignature.sign(SampleFile.bytes(), vendor));
        Files.createDirectories(directory.resolve("imported"));
        ImportJournal.load(directory.resolve("imported/import-journal.txt")).add(new ImportJournal.Entry(
                Durability.sha256(SampleFile.bytes()), Instant.now(), "batch.out", "batch.out"));

        assertInstanceOf(Inbox.Imported.class,
                inbox().signedBy(vendor.publicKeys(), Duration.ofMinutes(5)).scan(recording).getFirst());

        assertTrue(Files.exists(directory.resolve("imported/batch.out.sig")));
        assertTrue(handed.isEmpty());
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
