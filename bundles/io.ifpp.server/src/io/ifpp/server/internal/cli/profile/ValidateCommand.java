package io.ifpp.server.internal.cli.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.ifpp.core.Diagnostic;
import io.ifpp.profile.ProfileValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp profile validate FILE}: one line per finding; exit 0 without errors, 1 with. */
@Command(name = "validate", description = "Check a profile package against the SAIP rules; exit 1 if any is broken.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The profile package (DER).")
    Path file;

    @Override
    public Integer call() throws Exception {
        List<Diagnostic> diagnostics = ProfileValidator.validate(ProfileCommand.readPackage(file));
        var out = spec.commandLine().getOut();
        diagnostics.forEach(out::println);
        long errors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        out.printf("%s: %s, %d error%s, %d warning%s%n", file, errors == 0 ? "valid" : "INVALID", errors,
                errors == 1 ? "" : "s", diagnostics.size() - errors, diagnostics.size() - errors == 1 ? "" : "s");
        return errors == 0 ? 0 : 1;
    }
}
