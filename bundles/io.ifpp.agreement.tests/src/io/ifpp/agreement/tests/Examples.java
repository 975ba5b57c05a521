package io.ifpp.agreement.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;

/** The repository's examples/ folder, which the tests read as a user's files. */
final class Examples {

    /** Tests run with the test bundle's folder as working directory (tycho-surefire). */
    static final Path ROOT = Path.of("../../examples").toAbsolutePath().normalize();

    /**
     * The day the examples were written, on which the tests judge them: their ship window and agreements are fixed
     * text, so a test that expects no date finding must not judge them on the day it runs.
     */
    static final LocalDate WRITTEN = LocalDate.of(2026, 11, 24);

    private Examples() {
    }

    /** The example agreements, each profile's size measured from its design, as the tools read them. */
    static AgreementBook agreements() throws DesignFileException {
        if (!Files.isDirectory(ROOT.resolve("agreements"))) {
            throw new IllegalStateException("examples not found at " + ROOT);
        }
        return ProfileDesigns.under(ROOT).measured(DesignFiles.readAgreements(List.of(ROOT.resolve("agreements"))));
    }

    static ProductPlan plan() throws DesignFileException {
        return DesignFiles.readPlan(ROOT.resolve("plans/smart-water-meter.yaml"));
    }
}
