package io.ifpp.server.internal.cli.agreement;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.core.AtomicFiles;
import io.ifpp.core.Diagnostic;
import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileValidator;
import io.ifpp.server.internal.cli.NeedsClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp agreements validate FILE...} and {@code ifpp agreements design ID}. */
@Command(name = "agreements", description = "Check carrier agreement files and make their profile designs.",
        subcommands = { AgreementsCommand.Validate.class, AgreementsCommand.Design.class })
public final class AgreementsCommand {

    /** One line per finding; exit 0 without errors, 1 with. */
    @Command(name = "validate", description = "Check agreement files (YAML or JSON; folders: every file in them) "
            + "together, and each agreement's profile design under the folder that holds the first of them; exit 1 "
            + "if any error.")
    static final class Validate extends NeedsClock.Command implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Agreement files or folders.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            AgreementBook book = DesignFiles.readAgreements(files);
            AgreementValidator validator = new AgreementValidator(LocalDate.now(clock));
            List<Diagnostic> diagnostics = new ArrayList<>(validator.validate(book));
            diagnostics.addAll(validator.designs(book, ProfileDesigns.beside(files.get(0))));
            var out = spec.commandLine().getOut();
            diagnostics.forEach(out::println);
            long errors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
            out.printf("%d operators, %d agreements: %s, %d error%s, %d warning%s%n", book.operators().size(),
                    book.agreements().size(), errors == 0 ? "valid" : "INVALID", errors, errors == 1 ? "" : "s",
                    diagnostics.size() - errors, diagnostics.size() - errors == 1 ? "" : "s");
            return errors == 0 ? 0 : 1;
        }
    }

    /** Writes the design an agreement names, made from a built-in template with the agreement's networks. */
    @Command(name = "design", description = "Make an agreement's profile design from a built-in template: ICCID in "
            + "its range, IMSI of its home network, the operator's name as SPN, HPLMN and OPLMN lists with the "
            + "coverage's radio technologies. Written where the agreement names it (DER, or value notation for a "
            + "name not ending in .der).")
    static final class Design implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "AGREEMENT", description = "The agreement's id.")
        String id;

        @Option(names = "--agreements", paramLabel = "FILE", required = true,
                description = "Agreement file or folder; designs are read and written under the folder that holds it.")
        Path agreements;

        @Option(names = "--template", paramLabel = "TEMPLATE", defaultValue = "usim-milenage",
                description = "The built-in template (default: ${DEFAULT-VALUE}).")
        String template;

        @Option(names = { "-o", "--output" }, paramLabel = "FILE",
                description = "Write here instead of where the agreement names its design.")
        Path output;

        @Option(names = "--force", description = "Replace an existing file.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            AgreementBook book = DesignFiles.readAgreements(List.of(agreements));
            Agreement agreement = book.agreement(id).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "no agreement '" + id + "' in " + agreements + "; the agreements are "
                            + book.agreements().stream().map(Agreement::id).toList()));
            BuiltInTemplates.Template chosen = BuiltInTemplates.ALL.stream().filter(t -> t.id().equals(template))
                    .findFirst().orElseThrow(() -> new ParameterException(spec.commandLine(), "no built-in template '"
                            + template + "'; the templates are "
                            + BuiltInTemplates.ALL.stream().map(BuiltInTemplates.Template::id).toList()));
            ProfileDesigns designs = ProfileDesigns.beside(agreements);
            Path target = output;
            if (target == null) {
                if (agreement.profile() == null || agreement.profile().design() == null) {
                    throw new ParameterException(spec.commandLine(), "agreement '" + id + "' names no design "
                            + "(profile > design); name one or give -o FILE");
                }
                target = designs.file(agreement.profile().design());
            }
            if (Files.exists(target) && !force) {
                throw new ParameterException(spec.commandLine(), target + " exists; --force replaces it");
            }
            ProfilePackage design;
            try {
                design = ProfileDesigns.designFor(agreement, book.operator(agreement.operator()), chosen.load());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            List<Diagnostic> invalid = ProfileValidator.validate(design).stream()
                    .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
            if (!invalid.isEmpty()) {
                spec.commandLine().getErr().println("the design made for '" + id + "' does not validate: " + invalid);
                return 1;
            }
            byte[] bytes = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".der")
                    ? ProfileCodec.encode(design) : ProfileCodec.dump(design).getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(target.toAbsolutePath().getParent());
            AtomicFiles.write(target, bytes);
            spec.commandLine().getOut().printf("%s: %s's design from template %s, %d bytes%n", target, id,
                    chosen.id(), bytes.length);
            return 0;
        }
    }
}
