package io.ifpp.agreement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.plan.Planner;
import io.ifpp.agreement.readiness.ReadinessHtml;
import io.ifpp.agreement.readiness.ReadinessReport;

class ReadinessReportTest {

    private static final Planner.Options OPTIONS = new Planner.Options(Duration.ofSeconds(30), 0, true);
    /** The example plan's vendor line and its agreements' SM-DP+ connector, installed and configured. */
    private static final ReadinessReport.Integrations HERE = ReadinessReport.Integrations.of(Set.of("simulator",
            "es2plus"));
    private static final ReadinessReport.Integrations NOTHING = ReadinessReport.Integrations.of(Set.of());
    private static final ProfileDesigns DESIGNS = ProfileDesigns.under(Examples.ROOT);

    @Test
    void theExamplePlanIsInFactoryProvisioningWithEvidenceForEachQuestion() throws Exception {
        ProductPlan plan = Examples.plan();
        AgreementBook book = Examples.agreements();
        PlanResult result = new Planner().plan(plan, book, OPTIONS, new NullProgressMonitor());

        ReadinessReport report = ReadinessReport.of(plan, book, result, HERE, DESIGNS, Examples.WRITTEN);

        assertEquals(ReadinessReport.IN_FACTORY, report.verdict());
        assertEquals(3, report.answers().size());
        assertEquals(result.profiles().size(), report.answers().get(0).evidence().size());
        assertEquals(30, report.answers().get(1).evidence().size());
        assertTrue(report.answers().get(1).answer().startsWith("No."));
        assertEquals(List.of(), report.openPoints());
    }

    @Test
    void anEndedShipWindowAndAnExpiredChosenAgreementAreOpenPointsWithTheirDates() throws Exception {
        ProductPlan plan = Examples.plan();
        AgreementBook book = Examples.agreements();
        PlanResult result = new Planner().plan(plan, book, OPTIONS, new NullProgressMonitor());
        LocalDate later = LocalDate.of(2032, 2, 1); // after the window and every example agreement

        List<String> points = ReadinessReport.of(plan, book, result, HERE, DESIGNS, later).openPoints();

        assertTrue(points.stream().anyMatch(p -> p.startsWith("plan > shipWindow > until: the ship window ended on "
                + "2027-12-31, before today (2032-02-01)")), points.toString());
        for (PlanResult.ChosenProfile chosen : result.profiles()) {
            LocalDate until = book.agreement(chosen.agreementId()).orElseThrow().validUntil();
            assertTrue(points.contains("agreement '" + chosen.agreementId() + "' > status: a signed agreement whose "
                    + "validity ended on " + until + ", before today (2032-02-01); mark it expired or renew it."),
                    points.toString());
        }
        assertEquals(1 + result.profiles().size(), points.size(), "only the plan and the chosen agreements: " + points);
    }

    @Test
    void missingConnectorsMakeItNotReadyNamingEach() throws Exception {
        ProductPlan plan = Examples.plan();
        AgreementBook book = Examples.agreements();
        PlanResult result = new Planner().plan(plan, book, OPTIONS, new NullProgressMonitor());

        ReadinessReport report = ReadinessReport.of(plan, book, result, NOTHING, DESIGNS, Examples.WRITTEN);

        assertEquals(ReadinessReport.NOT_READY, report.verdict());
        assertTrue(report.verdictReasons().contains("the vendor connector 'simulator' is not available here (installed "
                + "and configured)"), report.verdictReasons().toString());
        for (PlanResult.ChosenProfile chosen : result.profiles()) {
            String connector = book.agreement(chosen.agreementId()).orElseThrow().smdpPlus().connector();
            assertTrue(report.verdictReasons().contains(chosen.agreementId() + "'s SM-DP+ connector '" + connector
                    + "' is not available here (installed and configured)"), report.verdictReasons().toString());
        }
    }

    @Test
    void aChosenProfileWithoutAValidDesignIsNotReadyNamingIt() throws Exception {
        ProductPlan plan = Examples.plan();
        AgreementBook examples = Examples.agreements();
        PlanResult result = new Planner().plan(plan, examples, OPTIONS, new NullProgressMonitor());
        String chosen = result.profiles().get(0).agreementId();
        List<Agreement> agreements = new ArrayList<>();
        for (Agreement agreement : examples.agreements()) {
            Agreement.ProfileSupply supply = agreement.profile();
            agreements.add(!agreement.id().equals(chosen) ? agreement : agreement.withProfile(new Agreement.ProfileSupply(
                    supply.homePlmn(), supply.sizeKb(), "profiles/lost.der", supply.iccidPrefix())));
        }
        AgreementBook book = new AgreementBook(examples.operators(), agreements, examples.countryRules());

        ReadinessReport report = ReadinessReport.of(plan, book, result, HERE, DESIGNS, Examples.WRITTEN);

        assertEquals(ReadinessReport.NOT_READY, report.verdict());
        assertEquals(1, report.verdictReasons().size(), report.verdictReasons().toString());
        assertTrue(report.verdictReasons().get(0).startsWith(chosen + " has no valid profile design: "
                + Examples.ROOT.resolve("profiles/lost.der") + ": no such profile design"),
                report.verdictReasons().get(0));
    }

    @Test
    void aPlanServedBySimulatedPartnersSaysSo() throws Exception {
        ProductPlan plan = Examples.plan();
        AgreementBook book = Examples.agreements();
        PlanResult result = new Planner().plan(plan, book, OPTIONS, new NullProgressMonitor());

        ReadinessReport report = ReadinessReport.of(plan, book, result, new ReadinessReport.Integrations(Set.of(),
                true), DESIGNS, Examples.WRITTEN);

        assertEquals(ReadinessReport.SIMULATED, report.verdict());
        assertTrue(report.verdictReasons().get(1).startsWith("the vendor line and the SM-DP+ are simulated"),
                report.verdictReasons().toString());
    }

    @Test
    void aMarketLeftToAFieldDownloadMakesItABootstrapInDisguise() throws Exception {
        ProductPlan example = Examples.plan();
        List<ProductPlan.Market> markets = new ArrayList<>(example.markets());
        markets.add(new ProductPlan.Market("KR", 1000, null));
        ProductPlan plan = PlannerTest.withMarkets(example, markets, example.euicc());
        AgreementBook book = Examples.agreements();
        PlanResult result = new Planner().plan(plan, book, OPTIONS, new NullProgressMonitor());

        ReadinessReport report = ReadinessReport.of(plan, book, result, HERE, DESIGNS, Examples.WRITTEN);

        assertEquals(ReadinessReport.BOOTSTRAP_IN_DISGUISE, report.verdict());
        assertTrue(report.verdictReasons().get(0).contains("KR"), report.verdictReasons().toString());
        assertEquals(List.of(), report.openPoints(), "the connectors are here: nothing else is missing");
        ReadinessReport bare = ReadinessReport.of(plan, book, result, NOTHING, DESIGNS, Examples.WRITTEN);
        assertTrue(bare.openPoints().contains("the vendor connector 'simulator' is not available here (installed and "
                + "configured)"), "what would still be missing is kept as an open point: " + bare.openPoints());
        assertTrue(report.answers().get(1).answer().startsWith("Yes"), report.answers().get(1).answer());
    }

    @Test
    void theRiskComparisonFollowsFromItsAssumptions() throws Exception {
        ProductPlan plan = Examples.plan();
        AgreementBook book = Examples.agreements();
        PlanResult result = new Planner().plan(plan, book, OPTIONS, new NullProgressMonitor());

        ReadinessReport.RiskComparison risk = ReadinessReport.of(plan, book, result, NOTHING, DESIGNS, Examples.WRITTEN).risk();

        double bootstrap = risk.markets().stream().mapToDouble(ReadinessReport.MarketRisk::bootstrapFailures).sum();
        assertEquals(bootstrap, risk.bootstrapFailures(), 1e-6);
        assertTrue(risk.inFactoryFailures() < risk.bootstrapFailures());
        assertEquals(risk.bootstrapTruckRolls() * 180, risk.bootstrapTruckRollCost(), 1e-6,
                "the plan sets the truck-roll cost to 180");
        ReadinessReport.MarketRisk germanyBasement = risk.markets().stream()
                .filter(m -> m.country().equals("DE") && m.environment().label().equals("basement")).findFirst()
                .orElseThrow();
        assertEquals(22000 * 0.40 * 0.15, germanyBasement.bootstrapFailures(), 1e-6);
        assertEquals(22000 * 0.40 * 0.06 * 0.6, germanyBasement.inFactoryFailures(), 1e-6, "two networks serve DE");
        assertTrue(risk.basis().contains("assumptions"));
    }

    @Test
    void theHtmlReportCarriesTheVerdictAndItsCharts() throws Exception {
        ProductPlan plan = Examples.plan();
        AgreementBook book = Examples.agreements();
        PlanResult result = new Planner().plan(plan, book, OPTIONS, new NullProgressMonitor());
        String html = ReadinessHtml.render(ReadinessReport.of(plan, book, result, HERE, DESIGNS, Examples.WRITTEN), result);
        assertTrue(html.contains("Verdict: in-factory provisioning<"), html);
        assertEquals(2, html.split("<svg", -1).length - 1, "cost chart and truck-roll chart");
    }
}
