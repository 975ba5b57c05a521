package io.ifpp.server.internal.cli.agreement;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.core.Diagnostic;
import io.ifpp.server.internal.cli.NeedsClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp agreements validate FILE...}: one line per finding; exit 0 without errors, 1 with. */
@Command(name = "agreements", description = "Check carrier agreement files.", subcommands = AgreementsCommand.Validate.class)
public final class AgreementsCommand {

    @Command(name = "validate", description = "Check agreement files (YAML or JSON; folders: every file in them) "
            + "together; exit 1 if any error.")
    static final class Validate extends NeedsClock.Command implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Agreement files or folders.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            AgreementBook book = DesignFiles.readAgreements(files);
            List<Diagnostic> diagnostics = new AgreementValidator(LocalDate.now(clock)).validate(book);
            var out = spec.commandLine().getOut();
            diagnostics.forEach(out::println);
            long errors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
            out.printf("%d operators, %d agreements: %s, %d error%s, %d warning%s%n", book.operators().size(),
                    book.agreements().size(), errors == 0 ? "valid" : "INVALID", errors, errors == 1 ? "" : "s",
                    diagnostics.size() - errors, diagnostics.size() - errors == 1 ? "" : "s");
            return errors == 0 ? 0 : 1;
        }
    }
}
