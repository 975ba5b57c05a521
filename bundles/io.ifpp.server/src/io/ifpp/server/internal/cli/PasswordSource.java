package io.ifpp.server.internal.cli;

import java.io.Console;
import java.io.IOException;

/**
 * Where key store passwords come from: the environment variable {@value #VARIABLE} or, in a terminal, a prompt that
 * does not echo; never a command line argument, which other users of the machine can read.
 */
@FunctionalInterface
public interface PasswordSource {

    String VARIABLE = "IFPP_KEYSTORE_PASSWORD";

    char[] password(String prompt) throws IOException;

    PasswordSource ENVIRONMENT_OR_PROMPT = prompt -> {
        String fromEnvironment = System.getenv(VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new IOException("no key store password: set " + VARIABLE + " or run in a terminal to be asked for it");
        }
        char[] typed = console.readPassword("%s: ", prompt);
        if (typed == null || typed.length == 0) {
            throw new IOException("no key store password was entered");
        }
        return typed;
    };
}
