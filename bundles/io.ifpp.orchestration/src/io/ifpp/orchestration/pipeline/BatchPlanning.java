package io.ifpp.orchestration.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.core.SettingRefused;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;

/**
 * A batch made from a plan: its chosen profiles with their MNO ICCID ranges, its markets with their serving profile,
 * and its partners, as named or as the plan (its eUICC's connector) and the chosen agreements (their SM-DP+'s
 * connector) give them. A simulated batch is asked for, never a fallback: it runs on the simulators and numbers its
 * devices from the ranges reserved for simulation ({@link Simulation}).
 */
public final class BatchPlanning {

    public static final int DEFAULT_ACTIVATION_LEAD_DAYS = 3;

    /**
     * Where the batch's devices and partners come from, besides the plan. {@code vendor}, {@code smdp} and
     * {@code eidPrefix} may be null: a simulated batch then takes the simulators and the test EUM, another batch
     * the plan's and the agreements' connectors, and its EID prefix must be given.
     */
    public record Choices(int quantity, boolean simulated, String vendor, String smdp, String eidPrefix,
            String serialPrefix, int activationLeadDays) {

        /** A simulated batch on the simulated line and SM-DP+, serials named after the batch, activation 3 days on. */
        public static Choices simulated(int quantity, String batchId) {
            return new Choices(quantity, true, null, null, null, batchId, DEFAULT_ACTIVATION_LEAD_DAYS);
        }
    }

    /**
     * A choice the batch needs and neither the request nor the plan and agreements make, or one of the wrong kind;
     * its setting is {@code vendor}, {@code smdp} or {@code eidPrefix}.
     */
    public static final class MissingChoice extends SettingRefused {

        private static final long serialVersionUID = 1L;

        MissingChoice(String choice, String message) {
            super(choice, message);
        }
    }

    private BatchPlanning() {
    }

    /**
     * The batch for a solved plan, carrying the chosen agreements' profile designs as they are now; refused, with the
     * reason, when the plan leaves a market uncovered, a chosen agreement names no ICCID range or no design that can
     * be personalized, or a partner is missing or of the wrong kind (simulated for a real batch, real for a simulated
     * one).
     */
    public static BatchSpec specOf(PlanResult plan, ProductPlan productPlan, AgreementBook book, ProfileDesigns designs,
            Choices choices) {
        if (!plan.fullCover()) {
            throw new IllegalArgumentException("the plan leaves markets uncovered ("
                    + plan.uncovered().stream().map(m -> m.country() + ": " + m.reason())
                            .collect(Collectors.joining("; "))
                    + "); a batch is made for a plan that covers every market");
        }
        List<Agreement> chosen = new ArrayList<>();
        for (PlanResult.ChosenProfile profile : plan.profiles()) {
            chosen.add(book.agreement(profile.agreementId()).orElseThrow(() -> new IllegalStateException(
                    "the plan chose agreement " + profile.agreementId() + ", which is not in the agreement files")));
        }
        List<BatchSpec.ProfileSpec> profiles = new ArrayList<>();
        for (Agreement agreement : chosen) {
            String iccidPrefix = choices.simulated() ? Simulation.iccidPrefix(profiles.size())
                    : agreement.profile().iccidPrefix();
            if (iccidPrefix == null) {
                throw new IllegalArgumentException("agreement " + agreement.id() + " gives no ICCID range "
                        + "(profile > iccidPrefix): the MNO's range for factory profiles is needed to make a batch");
            }
            profiles.add(new BatchSpec.ProfileSpec(agreement.id(), agreement.operator(), agreement.profile().homePlmn(),
                    agreement.id(), iccidPrefix, design(agreement, designs)));
        }
        List<BatchSpec.MarketSpec> markets = plan.markets().stream()
                .map(m -> new BatchSpec.MarketSpec(m.country(), m.quantity(), m.agreementId())).toList();
        String vendor;
        String smdp;
        String eidPrefix;
        if (choices.simulated()) {
            vendor = simulatedPartner("vendor", choices.vendor(), Simulation.VENDOR, Simulation.vendors());
            smdp = simulatedPartner("smdp", choices.smdp(), Simulation.SMDP, Simulation.smdps());
            if (choices.eidPrefix() != null && !choices.eidPrefix().equals(Simulation.EID_PREFIX)) {
                throw new MissingChoice("eidPrefix", "a simulated batch takes its EIDs under the GSMA test EUM ("
                        + Simulation.EID_PREFIX + "), not '" + choices.eidPrefix() + "'");
            }
            eidPrefix = Simulation.EID_PREFIX;
        } else {
            vendor = realPartner("vendor", choices.vendor() != null ? choices.vendor() : planVendor(productPlan),
                    "the plan's eUICC vendor connector (euicc.connector)");
            smdp = realPartner("smdp", choices.smdp() != null ? choices.smdp() : agreementsSmdp(chosen),
                    "the chosen agreements' SM-DP+ connector (smdpPlus.connector)");
            if (choices.eidPrefix() == null) {
                throw new MissingChoice("eidPrefix", "the batch needs the EID prefix of the EUM range reserved with the "
                        + "vendor " + vendor + " (eidPrefix); a simulated batch takes the GSMA test EUM's");
            }
            eidPrefix = choices.eidPrefix();
        }
        return new BatchSpec(plan.plan(), choices.quantity(), vendor, smdp, eidPrefix, choices.serialPrefix(),
                choices.activationLeadDays(), profiles, markets, choices.simulated(),
                productPlan == null ? null : productPlan.eim());
    }

    /** The agreement's design as DER, checked to personalize: what every device of the batch gets. */
    private static byte[] design(Agreement agreement, ProfileDesigns designs) {
        String name = agreement.profile().design();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("agreement " + agreement.id() + " names no profile design (profile > "
                    + "design): a batch loads the design, personalized per device");
        }
        try {
            ProfilePackage design = designs.read(name).profile();
            new DevicePackages(design);
            return ProfileCodec.encode(design);
        } catch (DesignFileException e) {
            throw new IllegalArgumentException("agreement " + agreement.id() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("agreement " + agreement.id() + ": its design " + name
                    + " cannot be personalized: " + e.getMessage(), e);
        }
    }

    private static String simulatedPartner(String choice, String named, String otherwise, List<String> simulators) {
        if (named == null) {
            return otherwise;
        }
        if (!simulators.contains(named)) {
            throw new MissingChoice(choice, "a simulated batch runs on simulated partners only (" + choice + ": one of "
                    + simulators + "), not '" + named + "'");
        }
        return named;
    }

    private static String realPartner(String choice, String id, String source) {
        if (id == null || id.isBlank()) {
            throw new MissingChoice(choice, "the batch names no " + what(choice) + " connector (" + choice
                    + "), nor does " + source + "; name the partner's connector, or ask for a simulated batch "
                    + "(simulated)");
        }
        if (Simulation.isSimulatedPartner(id)) {
            throw new MissingChoice(choice, "'" + id + "' is a simulated " + what(choice) + "; a batch that is not "
                    + "simulated runs on real partners only: name the partner's connector (" + choice
                    + "), or ask for a simulated batch (simulated)");
        }
        return id;
    }

    private static String what(String choice) {
        return choice.equals("vendor") ? "eUICC vendor" : "SM-DP+";
    }

    private static String planVendor(ProductPlan plan) {
        return plan == null || plan.euicc() == null ? null : plan.euicc().connector();
    }

    /** The one SM-DP+ connector the chosen agreements order through; null when one of them names none. */
    private static String agreementsSmdp(List<Agreement> chosen) {
        Map<String, List<String>> byConnector = new TreeMap<>();
        for (Agreement agreement : chosen) {
            String connector = agreement.smdpPlus() == null ? null : agreement.smdpPlus().connector();
            if (connector == null || connector.isBlank()) {
                return null;
            }
            byConnector.computeIfAbsent(connector, c -> new ArrayList<>()).add(agreement.id());
        }
        if (byConnector.size() > 1) {
            throw new MissingChoice("smdp", "the chosen agreements order through different SM-DP+ connectors ("
                    + byConnector.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                            .collect(Collectors.joining("; "))
                    + ") and a batch orders through one: name it (smdp)");
        }
        return byConnector.keySet().iterator().next();
    }
}
