package io.ifpp.server.tests;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

import io.ifpp.server.internal.cli.IfppCli;
import io.ifpp.server.internal.cli.PasswordSource;

/** Runs the ifpp command line in-process and keeps what it printed, for the CLI tests. */
final class CliRun {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final PasswordSource passwords;
    private final Clock clock;

    CliRun() {
        this(prompt -> {
            throw new java.io.IOException("this test gives no key store password");
        });
    }

    /**
     * With the password of the key stores in the test runtime's data directory, which every test that runs batches
     * or the server there shares.
     */
    static CliRun withDataDirectoryPassword() {
        return new CliRun(prompt -> "batch-cli-test-password".toCharArray());
    }

    CliRun(PasswordSource passwords) {
        this(passwords, Clock.systemUTC());
    }

    /** On the clock given: the day the command judges dates on, and the instant it issues and checks material at. */
    CliRun(PasswordSource passwords, Clock clock) {
        this.passwords = passwords;
        this.clock = clock;
    }

    /** The same password, on another clock. */
    CliRun on(Clock other) {
        return new CliRun(passwords, other);
    }

    int run(String... args) {
        return new IfppCli(new PrintWriter(out, true), new PrintWriter(err, true), passwords, clock).run(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
