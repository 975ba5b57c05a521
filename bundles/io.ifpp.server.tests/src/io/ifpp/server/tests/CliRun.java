package io.ifpp.server.tests;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.ifpp.server.internal.cli.IfppCli;
import io.ifpp.server.internal.cli.PasswordSource;

/** Runs the ifpp command line in-process and keeps what it printed, for the CLI tests. */
final class CliRun {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final PasswordSource passwords;

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
        this.passwords = passwords;
    }

    int run(String... args) {
        return new IfppCli(new PrintWriter(out, true), new PrintWriter(err, true), passwords).run(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
