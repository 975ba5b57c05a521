package io.ifpp.connector.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ifpp.connector.api.ConnectorCommand;
import picocli.CommandLine;

/**
 * A {@link ConnectorCommand} run as the product's command line runs it, on a thread of its own (a command that
 * serves runs until stopped): its output read while it runs, its exit code once stopped. Checks that the command is
 * named as the connector says.
 */
public final class ConnectorCommandRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;

    private ConnectorCommandRun(ConnectorCommand command, ConnectorCommand.Console console, String... args) {
        CommandLine commandLine = new CommandLine(command.newCommand(console));
        assertEquals(command.name(), commandLine.getCommandName(), "the picocli command has the connector's name");
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        thread = new Thread(() -> exit.set(commandLine.execute(args)), command.parent() + "-" + command.name());
    }

    /** Starts {@code command} with {@code args}. */
    public static ConnectorCommandRun start(ConnectorCommand command, ConnectorCommand.Console console,
            String... args) {
        ConnectorCommandRun run = new ConnectorCommandRun(command, console, args);
        run.thread.start();
        return run;
    }

    /** Waits up to 20 s for the output to show {@code pattern}; returns its match. */
    public Matcher awaitOutput(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Matcher found = pattern.matcher(out());
        while (!found.find()) {
            assertTrue(System.nanoTime() < deadline, "no " + pattern + " in: " + out() + err());
            Thread.sleep(20);
            found = pattern.matcher(out());
        }
        return found;
    }

    public synchronized String out() {
        return out.toString();
    }

    public synchronized String err() {
        return err.toString();
    }

    /** Stops a command that serves (as Ctrl+C does) and returns its exit code. */
    public int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
        return exit.get();
    }
}
