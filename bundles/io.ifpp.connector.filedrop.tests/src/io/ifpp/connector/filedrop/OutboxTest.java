package io.ifpp.connector.filedrop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {

    @TempDir
    Path directory;

    @Test
    void writesAFileAndLeavesNoStagingFileBehind() throws Exception {
        Outbox outbox = new Outbox(directory.resolve("outbox"));
        byte[] content = SampleFile.bytes();

        assertEquals(Outbox.Outcome.WRITTEN, outbox.write("order-42.in", content));

        assertArrayEquals(content, Files.readAllBytes(directory.resolve("outbox/order-42.in")));
        assertEquals(List.of("order-42.in"), names(directory.resolve("outbox")));
    }

    @Test
    void writingTheSameContentAgainIsANoOp() throws Exception {
        Outbox outbox = new Outbox(directory);
        outbox.write("order-42.in", SampleFile.bytes());

        assertEquals(Outbox.Outcome.ALREADY_PRESENT, outbox.write("order-42.in", SampleFile.bytes()));
        assertEquals(List.of("order-42.in"), names(directory));
    }

    @Test
    void refusesDifferentContentUnderAnExistingNameAndKeepsTheFirst() throws Exception {
        Outbox outbox = new Outbox(directory);
        byte[] first = SampleFile.bytes();
        outbox.write("order-42.in", first);

        FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class,
                () -> outbox.write("order-42.in", "other".getBytes(StandardCharsets.US_ASCII)));

        assertTrue(refused.getMessage().contains("different content"), refused.getMessage());
        assertArrayEquals(first, Files.readAllBytes(directory.resolve("order-42.in")));
        assertEquals(List.of("order-42.in"), names(directory));
        VendorOutputFileTest.assertNoKi(refused.getMessage());
    }

    @Test
    void refusesNamesThatLeaveTheOutboxOrHide() {
        Outbox outbox = new Outbox(directory);
        for (String name : List.of("../escape.in", ".hidden", "a/b.in", "", "a..b")) {
            assertThrows(IllegalArgumentException.class, () -> outbox.write(name, new byte[1]), name);
        }
    }

    /** Racing writers of different content: exactly one wins, the others are refused, none is half-visible. */
    @Test
    void concurrentWritersOfOneNameGetOneWinnerAndNoMixedFile() throws Exception {
        Outbox outbox = new Outbox(directory);
        int writers = 6;
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] content = new byte[1 << 20];
            Arrays.fill(content, (byte) ('a' + i));
            contents.add(content);
        }
        AtomicBoolean sawPartial = new AtomicBoolean();
        AtomicBoolean writing = new AtomicBoolean(true);
        Path target = directory.resolve("big.in");
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    byte[] seen = Files.readAllBytes(target);
                    if (contents.stream().noneMatch(c -> Arrays.equals(c, seen))) {
                        sawPartial.set(true);
                    }
                } catch (NoSuchFileException notYet) {
                    Thread.onSpinWait();
                } catch (IOException e) {
                    sawPartial.set(true);
                }
            }
        });
        reader.start();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Outbox.Outcome>> outcomes = new ArrayList<>();
            for (byte[] content : contents) {
                outcomes.add(pool.submit(() -> outbox.write("big.in", content)));
            }
            int written = 0;
            int refused = 0;
            for (Future<Outbox.Outcome> outcome : outcomes) {
                try {
                    assertEquals(Outbox.Outcome.WRITTEN, outcome.get());
                    written++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof FileAlreadyExistsException, e.getCause()::toString);
                    refused++;
                }
            }
            assertEquals(1, written);
            assertEquals(writers - 1, refused);
        } finally {
            pool.shutdown();
            writing.set(false);
            reader.join();
        }
        assertTrue(!sawPartial.get(), "a reader saw a file under its final name that no writer wrote whole");
        assertEquals(List.of("big.in"), names(directory));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
