package io.ifpp.propertytests;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Feeds hostile inputs to one parser and holds it to its contract: each input is read, or refused with the
 * parser's typed error; anything else (another exception, a StackOverflowError, an OutOfMemoryError) fails the
 * property, naming the input by its number, never by its content. Each input is timed, and one that takes longer
 * than {@link #BOUND} fails. One that never returns cannot fail a property (nothing stops a looping thread), so a
 * watchdog prints where the parser is stuck and ends the test JVM, which fails the build. After the planned number
 * of inputs, one summary line goes to stdout.
 */
final class HostileInput<E extends Exception> {

    /** Generous: inputs take micro- to milliseconds; this is about hangs and blow-ups, not speed. */
    static final Duration BOUND = Duration.ofSeconds(2);
    /** Still busy after this, the parser is hung rather than slow. */
    private static final Duration HANG = Duration.ofSeconds(30);

    @FunctionalInterface
    interface Parse<T> {
        T parse() throws Exception;
    }

    private final String target;
    private final Class<E> typed;
    private final long planned;
    private long inputs;
    private long read;
    private long refused;
    private long maxNanos;
    private long totalNanos;
    /** Set by a failure: then shrinking feeds more inputs, and no summary is due. */
    private boolean failed;

    // The input being parsed, for the watchdog; jqwik runs one property at a time.
    private static volatile HostileInput<?> running;
    private static volatile long runningSince;
    private static volatile Thread runningThread;

    static {
        Thread watchdog = new Thread(HostileInput::watch, "hostile-input watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** @param planned the property's tries: the summary is printed once that many inputs were fed */
    HostileInput(String target, Class<E> typed, long planned) {
        this.target = target;
        this.typed = typed;
        this.planned = planned;
    }

    /**
     * What {@code parse} returns, or empty when it refused the input with the typed error, which {@code check}
     * then examines (its own contract: a line within the file, no secret in the message, …).
     */
    <T> Optional<T> feed(Parse<T> parse, Consumer<E> check) {
        long start = System.nanoTime();
        runningThread = Thread.currentThread();
        runningSince = start;
        running = this;
        T result = null;
        Throwable thrown = null;
        try {
            result = parse.parse();
        } catch (Throwable e) { // errors too: a StackOverflowError or OutOfMemoryError is exactly what we look for
            thrown = e;
        } finally {
            running = null;
        }
        long took = System.nanoTime() - start;
        inputs++;
        maxNanos = Math.max(maxNanos, took);
        totalNanos += took;
        if (took > BOUND.toNanos()) {
            failed = true;
            throw new AssertionError(target + ": input " + inputs + " took " + millis(took)
                    + " ms, beyond the bound of " + BOUND.toMillis() + " ms");
        }
        Optional<T> outcome;
        if (thrown == null) {
            read++;
            outcome = Optional.ofNullable(result);
        } else if (typed.isInstance(thrown)) {
            refused++;
            check.accept(typed.cast(thrown));
            outcome = Optional.empty();
        } else {
            failed = true;
            throw new AssertionError(target + ": input " + inputs + " ended in " + thrown.getClass().getName()
                    + " instead of a result or " + typed.getSimpleName(), thrown);
        }
        if (inputs == planned && !failed) {
            finish();
        }
        return outcome;
    }

    /** Both outcomes must occur: mutations that are all refused at once, or all harmless, would test little. */
    private void finish() {
        if (read == 0 || refused == 0) {
            throw new AssertionError(target + ": of " + inputs + " inputs " + read + " were read and " + refused
                    + " refused; the mutations must give both");
        }
        System.out.printf(Locale.ROOT, "hostile input: %s: %,d inputs (%,d read, %,d refused with %s), "
                + "max %s ms per input (bound %,d ms), mean %.3f ms%n", target, inputs, read, refused,
                typed.getSimpleName(), millis(maxNanos), BOUND.toMillis(), totalNanos / 1e6 / inputs);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            HostileInput<?> current = running;
            long since = runningSince;
            if (current != null && System.nanoTime() - since > HANG.toNanos() && running == current
                    && runningSince == since) {
                Thread thread = runningThread;
                String report = "hostile input: " + current.target + ": input " + (current.inputs + 1)
                        + " has run for more than " + HANG.toSeconds() + " s, a hang; the parser is at\n    "
                        + Arrays.stream(thread.getStackTrace()).map(String::valueOf)
                                .collect(Collectors.joining("\n    ")) + "\n";
                // The process's own stderr: Surefire's capture of System.err is lost when the JVM halts; this
                // reaches the build log (and the .dumpstream file).
                try (PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
                        StandardCharsets.UTF_8)) {
                    err.print(report);
                }
                Runtime.getRuntime().halt(70);
            }
        }
    }
}
