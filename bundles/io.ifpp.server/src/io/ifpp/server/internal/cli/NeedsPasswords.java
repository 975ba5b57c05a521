package io.ifpp.server.internal.cli;

/** A command that reads key stores: it is handed the CLI's password source when created. */
public interface NeedsPasswords {

    void passwords(PasswordSource source);
}
