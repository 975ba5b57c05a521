package io.ifpp.orchestration.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.plan.PlanResult;

/** A batch made from a plan: its chosen profiles with their MNO ICCID ranges, its markets with their serving profile. */
public final class BatchPlanning {

    /** The simulated vendor line built into the products. */
    public static final String DEFAULT_VENDOR = "simulator";
    /** The in-process SM-DP+ simulator built into the products. */
    public static final String DEFAULT_SMDP = "smdp-simulator";
    /** The EID prefix of the GSMA test EUM (SGP.26). */
    public static final String DEFAULT_EID_PREFIX = "89049032";
    public static final int DEFAULT_ACTIVATION_LEAD_DAYS = 3;

    /** Where the batch's devices and partners come from, besides the plan. */
    public record Choices(int quantity, String vendor, String smdp, String eidPrefix, String serialPrefix,
            int activationLeadDays) {

        /** The simulated partners, the test EUM's EIDs, serials named after the batch, activation 3 days on. */
        public static Choices defaults(int quantity, String batchId) {
            return new Choices(quantity, DEFAULT_VENDOR, DEFAULT_SMDP, DEFAULT_EID_PREFIX, batchId,
                    DEFAULT_ACTIVATION_LEAD_DAYS);
        }
    }

    private BatchPlanning() {
    }

    /**
     * The batch for a solved plan; refused, with the reason, when the plan leaves a market uncovered or a chosen
     * agreement names no ICCID range.
     */
    public static BatchSpec specOf(PlanResult plan, AgreementBook book, Choices choices) {
        if (!plan.fullCover()) {
            throw new IllegalArgumentException("the plan leaves markets uncovered ("
                    + plan.uncovered().stream().map(m -> m.country() + ": " + m.reason())
                            .collect(Collectors.joining("; "))
                    + "); a batch is made for a plan that covers every market");
        }
        List<BatchSpec.ProfileSpec> profiles = new ArrayList<>();
        for (PlanResult.ChosenProfile chosen : plan.profiles()) {
            Agreement agreement = book.agreement(chosen.agreementId()).orElseThrow(() -> new IllegalStateException(
                    "the plan chose agreement " + chosen.agreementId() + ", which is not in the agreement files"));
            String iccidPrefix = agreement.profile().iccidPrefix();
            if (iccidPrefix == null) {
                throw new IllegalArgumentException("agreement " + agreement.id() + " gives no ICCID range "
                        + "(profile > iccidPrefix): the MNO's range for factory profiles is needed to make a batch");
            }
            profiles.add(new BatchSpec.ProfileSpec(agreement.id(), agreement.operator(), agreement.profile().homePlmn(),
                    agreement.id(), iccidPrefix));
        }
        List<BatchSpec.MarketSpec> markets = plan.markets().stream()
                .map(m -> new BatchSpec.MarketSpec(m.country(), m.quantity(), m.agreementId())).toList();
        return new BatchSpec(plan.plan(), choices.quantity(), choices.vendor(), choices.smdp(), choices.eidPrefix(),
                choices.serialPrefix(), choices.activationLeadDays(), profiles, markets);
    }
}
