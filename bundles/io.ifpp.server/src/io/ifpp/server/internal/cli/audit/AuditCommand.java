package io.ifpp.server.internal.cli.audit;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;
import io.ifpp.server.internal.cli.DatabaseOptions;
import io.ifpp.server.internal.cli.IfppCli;
import io.ifpp.server.internal.cli.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ifpp audit verify|list}: the hash-chained audit log. */
@Command(name = "audit", description = "Check and read the audit log.",
        subcommands = { AuditCommand.Verify.class, AuditCommand.ListEntries.class })
public final class AuditCommand {

    static AuditLog open(DatabaseOptions options) throws Exception {
        Database database = options.open();
        Migrations.apply(database);
        return new AuditLog(database, Clock.systemUTC());
    }

    @Command(name = "verify", description = "Check that no entry was edited, removed or reordered; exit 1 if one was.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Override
        public Integer call() throws Exception {
            AuditLog.Verification verification = open(database).verify();
            PrintWriter out = spec.commandLine().getOut();
            out.println((verification.valid() ? "audit log intact: " : "AUDIT LOG BROKEN: ") + verification.reason());
            return verification.valid() ? 0 : IfppCli.EXIT_FAILURE;
        }
    }

    @Command(name = "list", description = "Print entries: sequence, time, actor, action, subject, details.")
    static final class ListEntries implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DatabaseOptions database = new DatabaseOptions();

        @Option(names = "--from", defaultValue = "1", description = "First sequence number (default: ${DEFAULT-VALUE}).")
        long from;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws Exception {
            List<AuditLog.Entry> entries = open(database).page(from, limit);
            PrintWriter out = spec.commandLine().getOut();
            for (AuditLog.Entry entry : entries) {
                // Actors, subjects and details carry what partners and callers sent: escaped, one entry per line.
                out.println(entry.seq() + "\t" + entry.recordedAt() + "\t" + TerminalText.escape(entry.actor()) + "\t"
                        + TerminalText.escape(entry.action()) + "\t" + TerminalText.escape(entry.subject()) + "\t"
                        + TerminalText.escape(entry.details()));
            }
            return 0;
        }
    }
}
