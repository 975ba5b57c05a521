package io.ifpp.agreement.readiness;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.Environment;
import io.ifpp.agreement.Operator;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.core.Diagnostic;

/**
 * The IFPP readiness and first-connectivity report of a plan: the three questions that tell in-factory provisioning
 * from a bootstrap profile in disguise, each answered with its evidence, a verdict with its reasons, and a
 * first-connectivity risk comparison with a bootstrap-only alternative that states the assumptions it follows from.
 */
public record ReadinessReport(String plan, String verdict, List<String> verdictReasons, List<Answer> answers,
        List<String> openPoints, RiskComparison risk) {

    public static final String IN_FACTORY = "in-factory provisioning";
    /** In-factory by design, but a chosen profile lacks a valid design or a partner integration that is here. */
    public static final String NOT_READY = "in-factory provisioning, not ready";
    /** In-factory by design and served end to end by simulated partners (the demo): no eUICC leaves a factory. */
    public static final String SIMULATED = "in-factory provisioning, simulated partners";
    public static final String BOOTSTRAP_IN_DISGUISE = "bootstrap in disguise";

    /**
     * The partner integrations a plan's profiles are loaded through here.
     *
     * @param connectors ids of the connectors installed and configured in this runtime (a vendor line's, an SM-DP+'s)
     * @param simulated true when simulated partners stand in for every named connector (a simulated batch, the demo)
     */
    public record Integrations(Set<String> connectors, boolean simulated) {

        public Integrations {
            connectors = Set.copyOf(connectors);
        }

        /** The connectors of this runtime, no simulation. */
        public static Integrations of(Set<String> connectors) {
            return new Integrations(connectors, false);
        }
    }

    /** One of the three questions, its short answer and the evidence behind it. */
    public record Answer(String question, String answer, List<String> evidence) {
    }

    /**
     * Expected first-attach failures, truck rolls and their cost, per market and environment, for the plan (in-factory
     * profiles) and for a bootstrap-only alternative.
     */
    public record RiskComparison(String basis, ProductPlan.RiskAssumptions assumptions, List<MarketRisk> markets,
            double inFactoryFailures, double bootstrapFailures, double inFactoryTruckRolls, double bootstrapTruckRolls,
            double inFactoryTruckRollCost, double bootstrapTruckRollCost, String currency) {
    }

    /** @param networks chosen profiles serving the market (0 when uncovered: its devices need a bootstrap profile) */
    public record MarketRisk(String country, Environment environment, double devices, int networks,
            double inFactoryFailures, double bootstrapFailures, double inFactoryTruckRolls,
            double bootstrapTruckRolls) {
    }

    /**
     * The verdict is in-factory provisioning only when every market is served by a factory-loaded profile and every
     * chosen profile has a valid design ({@link AgreementValidator#designs}) and its vendor route and SM-DP+
     * connector are here; otherwise it names what is missing, per profile.
     *
     * @param integrations the connectors this runtime has, or simulated partners standing in for them
     * @param designs where the agreements' profile designs are read
     * @param today the day on which a ship window that has ended, or a chosen agreement that has expired, is
     *        reported as an open point with its date
     */
    public static ReadinessReport of(ProductPlan plan, AgreementBook book, PlanResult result,
            Integrations integrations, ProfileDesigns designs, LocalDate today) {
        Set<String> installedConnectors = integrations.connectors();
        List<String> reasons = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        List<String> openPoints = new ArrayList<>();
        Set<String> chosen = result.profiles().stream().map(PlanResult.ChosenProfile::agreementId)
                .collect(Collectors.toSet());
        for (Diagnostic overtaken : new AgreementValidator(today).overtaken(plan, book)) {
            if (overtaken.index() < 0 || chosen.contains(book.agreements().get(overtaken.index()).id())) {
                openPoints.add(overtaken.location() + ": " + overtaken.message() + ".");
            }
        }

        List<String> whereEvidence = new ArrayList<>();
        for (PlanResult.ChosenProfile profile : result.profiles()) {
            Agreement agreement = book.agreement(profile.agreementId()).orElseThrow();
            whereEvidence.add(profile.agreementId() + ": factory provisioning "
                    + (agreement.factoryProvisioning() ? "permitted" : "NOT permitted") + ", " + agreement.status()
                    + ", valid " + agreement.validFrom() + " to " + agreement.validUntil() + ", " + profile.sizeKb()
                    + " KB loaded by " + vendor(plan));
        }
        for (PlanResult.UncoveredMarket market : result.uncovered()) {
            whereEvidence.add(market.country() + ": no factory-loadable profile serves it (" + market.reason()
                    + "); its devices would need a bootstrap profile and a download in the field");
        }
        boolean allInFactory = result.fullCover() && !result.profiles().isEmpty();
        Answer where = new Answer("Where is the operational profile loaded?",
                allInFactory ? "At the eUICC vendor's personalization facility, for every market."
                        : result.profiles().isEmpty() ? "In the field: no profile can be loaded in the factory."
                                : "At the personalization facility for " + result.markets().size() + " markets; in the field for "
                                        + result.uncovered().size() + ".",
                whereEvidence);

        List<String> networkEvidence = new ArrayList<>();
        for (PlanResult.MarketAssignment market : result.markets()) {
            networkEvidence.add(market.country() + ": attaches with " + market.agreementId()
                    + (market.fallbacks().isEmpty() ? "" : ", falls back to " + String.join(", ", market.fallbacks())));
        }
        for (PlanResult.UncoveredMarket market : result.uncovered()) {
            networkEvidence.add(market.country() + ": needs a network to download its operational profile first");
        }
        Answer network = new Answer("Does the device need a network to become operational?",
                allInFactory ? "No. Its operational profiles are installed and enabled at the factory; first power-on "
                        + "attaches with them, and no download is needed."
                        : "Yes, in " + result.uncovered().size() + " market(s): " + countries(result.uncovered()) + ".",
                networkEvidence);

        List<String> coordinationEvidence = new ArrayList<>();
        String vendorConnector = plan.euicc() == null ? null : plan.euicc().connector();
        if (vendorConnector == null) {
            notReady.add("the plan names no eUICC vendor connector (euicc.connector) to personalize the profiles");
        } else if (!integrations.simulated() && !installedConnectors.contains(vendorConnector)) {
            notReady.add("the vendor connector '" + vendorConnector + "' is not available here (installed and "
                    + "configured)");
        }
        Map<String, String> designProblems = new java.util.HashMap<>();
        for (Diagnostic finding : new AgreementValidator(today).designs(book, designs)) {
            if (finding.severity() == Diagnostic.Severity.ERROR || finding.rule().equals("design-missing")) {
                designProblems.putIfAbsent(book.agreements().get(finding.index()).id(), finding.message());
            }
        }
        for (PlanResult.ChosenProfile profile : result.profiles()) {
            String problem = designProblems.get(profile.agreementId());
            if (problem != null) {
                notReady.add(profile.agreementId() + " has no valid profile design: " + problem);
            }
        }
        for (PlanResult.ChosenProfile profile : result.profiles()) {
            Agreement agreement = book.agreement(profile.agreementId()).orElseThrow();
            String operator = book.operator(agreement.operator()).map(Operator::name).orElse(agreement.operator());
            Agreement.SmdpPlus smdp = agreement.smdpPlus();
            String smdpText = smdp == null || smdp.operator() == null ? "no SM-DP+ named"
                    : smdp.operator() + " via " + (smdp.connector() == null ? "no connector" : "connector '"
                            + smdp.connector() + "'"
                            + (integrations.simulated() ? " (simulated here)"
                                    : installedConnectors.contains(smdp.connector()) ? "" : " (not available here)"));
            coordinationEvidence.add(profile.agreementId() + ": vendor " + vendor(plan) + "; SM-DP+ " + smdpText
                    + "; MNO " + operator + " under agreement " + agreement.id() + " (" + agreement.status() + ")");
            if (smdp == null || smdp.operator() == null) {
                reasons.add(profile.agreementId() + " names no SM-DP+ to prepare its profiles");
            } else if (!integrations.simulated()
                    && (smdp.connector() == null || !installedConnectors.contains(smdp.connector()))) {
                notReady.add(profile.agreementId() + "'s SM-DP+ connector '" + smdp.connector() + "' is not "
                        + "available here (installed and configured)");
            }
        }
        Answer coordination = new Answer("Who coordinates the eUICC vendor, the SM-DP+ and the MNO for each profile?",
                result.profiles().isEmpty() ? "Nobody: no profile is chosen." : "IFPP Studio, through the agreements "
                        + "and connectors listed for each chosen profile.",
                coordinationEvidence);

        if (result.profiles().isEmpty()) {
            reasons.add("no eligible profile can be loaded in the factory");
        }
        if (!result.uncovered().isEmpty()) {
            reasons.add(result.uncovered().size() + " market(s) depend on a field download: "
                    + countries(result.uncovered()));
        }
        if (plan.euicc() == null || plan.euicc().vendor() == null) {
            reasons.add("the plan names no eUICC vendor to personalize the profiles");
        }
        String verdict;
        if (!reasons.isEmpty()) {
            verdict = BOOTSTRAP_IN_DISGUISE;
            openPoints.addAll(notReady); // what would still be missing once every market is factory-served
        } else if (!notReady.isEmpty()) {
            verdict = NOT_READY;
            reasons.addAll(notReady);
        } else {
            verdict = integrations.simulated() ? SIMULATED : IN_FACTORY;
            reasons.add("every market is served by a profile loaded at the personalization facility, so devices "
                    + "leave the factory able to connect without a download");
            if (integrations.simulated()) {
                reasons.add("the vendor line and the SM-DP+ are simulated: the profiles are designed and bound, but "
                        + "no partner has made or loaded them");
            }
        }
        return new ReadinessReport(result.plan(), verdict, reasons, List.of(where, network, coordination), openPoints,
                risk(plan, result));
    }

    private static RiskComparison risk(ProductPlan plan, PlanResult result) {
        ProductPlan.RiskAssumptions assumptions = plan.risk();
        double factor = assumptions.additionalNetworkFactor();
        double share = assumptions.truckRollShare();
        List<MarketRisk> markets = new ArrayList<>();
        double inFactory = 0;
        double bootstrap = 0;
        Map<String, Integer> networks = new java.util.HashMap<>();
        result.markets().forEach(m -> networks.put(m.country(), 1 + m.fallbacks().size()));
        for (ProductPlan.Market market : plan.markets()) {
            int networkCount = networks.getOrDefault(market.country(), 0);
            for (Map.Entry<Environment, Double> entry : new EnumMap<>(plan.environmentsOf(market)).entrySet()) {
                double devices = market.quantity() * entry.getValue();
                double bootstrapShare = assumptions.bootstrapFirstAttachFailure().getOrDefault(entry.getKey(), 0.0);
                double inFactoryShare = networkCount == 0 ? bootstrapShare
                        : assumptions.inFactoryFirstAttachFailure().getOrDefault(entry.getKey(), 0.0)
                                * Math.pow(factor, networkCount - 1);
                double inFactoryFailures = devices * inFactoryShare;
                double bootstrapFailures = devices * bootstrapShare;
                inFactory += inFactoryFailures;
                bootstrap += bootstrapFailures;
                markets.add(new MarketRisk(market.country(), entry.getKey(), devices, networkCount, inFactoryFailures,
                        bootstrapFailures, inFactoryFailures * share, bootstrapFailures * share));
            }
        }
        BigDecimal rollCost = assumptions.truckRollCost();
        String basis = "These figures follow from the assumptions listed (the plan's 'risk' section, else the documented "
                + "defaults); they are estimates, not measurements.";
        return new RiskComparison(basis, assumptions, markets, inFactory, bootstrap, inFactory * share,
                bootstrap * share, inFactory * share * rollCost.doubleValue(), bootstrap * share * rollCost.doubleValue(),
                plan.currency());
    }

    private static String vendor(ProductPlan plan) {
        return plan.euicc() == null || plan.euicc().vendor() == null ? "an unnamed eUICC vendor" : plan.euicc().vendor();
    }

    private static String countries(List<PlanResult.UncoveredMarket> markets) {
        return String.join(", ", markets.stream().map(PlanResult.UncoveredMarket::country).toList());
    }
}
