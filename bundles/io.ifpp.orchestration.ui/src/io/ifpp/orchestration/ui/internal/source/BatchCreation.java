package io.ifpp.orchestration.ui.internal.source;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.plan.Planner;
import io.ifpp.core.Diagnostic;
import io.ifpp.orchestration.pipeline.BatchPlanning;
import io.ifpp.orchestration.pipeline.BatchSpec;

/**
 * A new batch from a plan and its agreement files: checked, planned, then made with {@link BatchPlanning}. The
 * workbench's embedded engine has the simulated partners only, so the batches it makes are simulated, and say so.
 */
public final class BatchCreation {

    private BatchCreation() {
    }

    /**
     * The batch {@code batchId} of {@code quantity} devices for the plan; refused with the files' errors, or with
     * why the plan cannot make a batch (an uncovered market, an agreement without an ICCID range).
     */
    public static BatchSpec spec(Path plan, List<Path> agreements, int quantity, String batchId,
            IProgressMonitor monitor) throws DesignFileException {
        ProductPlan productPlan = DesignFiles.readPlan(plan);
        ProfileDesigns designs = ProfileDesigns.beside(agreements.get(0));
        AgreementBook book = designs.measured(DesignFiles.readAgreements(agreements));
        List<Diagnostic> errors = new AgreementValidator(LocalDate.now()).errors(productPlan, book, designs);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.size() + " error(s) in the plan or agreements; first: "
                    + errors.get(0));
        }
        PlanResult result = new Planner().plan(productPlan, book, Planner.Options.DEFAULT, monitor);
        return BatchPlanning.specOf(result, productPlan, book, designs, BatchPlanning.Choices.simulated(quantity, batchId));
    }
}
