package io.ifpp.connector.api;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * A command a connector bundle adds to the {@code ifpp} command line while it is installed, under a command of the
 * product's (e.g. {@code ifpp simulate smdp} under {@code simulate}): an object annotated with picocli's
 * {@code @Command}, made anew for each invocation, so that the product's command line names no connector's
 * classes. Registered as an OSGi service by the connector.
 */
public interface ConnectorCommand {

    /** The product's command it goes under (e.g. {@code simulate}). */
    String parent();

    /** Its name under {@link #parent} (the name of its picocli {@code @Command}). */
    String name();

    /** A new picocli command object for one invocation, given what the product's command line offers it. */
    Object newCommand(Console console);

    /** What the product's command line gives a contributed command. */
    @FunctionalInterface
    interface Console {

        /** A password from where the product takes them (an environment variable, a prompt that does not echo). */
        char[] password(String prompt) throws IOException;
    }

    /** Blocks until the process is asked to stop (Ctrl+C) or the thread is interrupted: for commands that serve. */
    static void awaitStop() {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "ifpp-command-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Asked to stop: the command ends here, so the flag is not kept (a server's stop would fail on an
            // interrupted thread).
        }
    }
}
