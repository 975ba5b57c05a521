package io.ifpp.server.internal.cli.agreement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.plan.Planner;
import io.ifpp.core.Diagnostic;
import picocli.CommandLine.Option;

/** The options {@code plan} and {@code readiness} share: the plan, the agreements, the solver's time limit. */
public final class PlanInputs {

    @Option(names = "--plan", required = true, paramLabel = "PLAN", description = "The product plan (YAML or JSON).")
    Path plan;

    @Option(names = "--agreements", paramLabel = "FILE", description = "Agreement file or folder; repeat for several "
            + "(default: the folder 'agreements' beside the plan's folder, as in examples/).")
    List<Path> agreements = new ArrayList<>();

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "10",
            description = "Stop the search after this long with the best plan and its proven gap (default ${DEFAULT-VALUE}).")
    double timeLimitSeconds;

    /** A plan whose files do not validate is refused, with the errors, before any solving. */
    public static final class InvalidInputException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidInputException(List<Diagnostic> errors) {
            super("the plan or agreements have errors; run 'ifpp agreements validate' for all findings:\n  "
                    + String.join("\n  ", errors.stream().map(Diagnostic::toString).toList()));
        }
    }

    public ProductPlan readPlan() throws DesignFileException {
        return DesignFiles.readPlan(plan);
    }

    /** The agreements, each profile's size measured from its design where the design reads. */
    public AgreementBook readAgreements() throws DesignFileException {
        return designs().measured(DesignFiles.readAgreements(agreementPaths()));
    }

    /** The profile designs: under the folder that holds the (first) agreements folder or file. */
    public ProfileDesigns designs() {
        return ProfileDesigns.beside(agreementPaths().get(0));
    }

    private List<Path> agreementPaths() {
        if (agreements.isEmpty()) {
            Path beside = plan.toAbsolutePath().getParent().resolveSibling("agreements");
            if (!Files.isDirectory(beside)) {
                throw new IllegalArgumentException("no --agreements given, and no folder " + beside
                        + " beside the plan's folder to read them from");
            }
            return List.of(beside);
        }
        return agreements;
    }

    public PlanResult run(ProductPlan productPlan, AgreementBook book, LocalDate today) throws InvalidInputException {
        return plan(productPlan, book, designs(), Duration.ofMillis((long) (timeLimitSeconds * 1000)), today);
    }

    /**
     * Validates the plan, the agreements and their profile designs on {@code today} (errors refuse it) and solves it
     * within {@code timeLimit}. The book's sizes are the designs' measured ones ({@link ProfileDesigns#measured}).
     */
    public static PlanResult plan(ProductPlan productPlan, AgreementBook book, ProfileDesigns designs,
            Duration timeLimit, LocalDate today) throws InvalidInputException {
        List<Diagnostic> errors = new AgreementValidator(today).errors(productPlan, book, designs);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Planner().plan(productPlan, book, new Planner.Options(timeLimit, 0, true), null);
    }
}
