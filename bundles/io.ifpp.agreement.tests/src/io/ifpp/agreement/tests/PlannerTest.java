package io.ifpp.agreement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.internal.CoverSolver;
import io.ifpp.agreement.internal.GeneratedInstances;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.plan.Planner;
import io.ifpp.agreement.plan.PlanningInstance;

class PlannerTest {

    private static final Planner.Options EXACT = new Planner.Options(Duration.ofSeconds(30), 0, true);

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 })
    void theOptimumEqualsBruteForceOnSmallInstances(long seed) {
        PlanningInstance instance = GeneratedInstances.generate(12, 10, 3, 260, seed);
        PlanResult result = new Planner().plan(instance, "seed " + seed, EXACT, new NullProgressMonitor());
        double[] best = bruteForce(instance, instance.maxProfiles());

        assertEquals(best[0], result.uncovered().size(), "markets left uncovered");
        assertEquals(best[1], result.costs().total(), 1e-6 * best[1], "optimal cost");
        assertEquals("optimal", result.optimality().status());
        for (PlanResult.Alternative alternative : result.alternatives()) {
            double[] bestWithK = bruteForce(instance, alternative.maxProfiles());
            assertEquals(bestWithK[0], alternative.uncoveredMarkets(), "uncovered with k=" + alternative.maxProfiles());
            assertEquals(bestWithK[1], alternative.totalCost(), 1e-6 * bestWithK[1], "cost with k=" + alternative.maxProfiles());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
    void branchAndBoundAloneReachesTheBruteForceOptimum(long seed) {
        PlanningInstance instance = GeneratedInstances.generate(30, 16, 4, 400, seed);
        CoverSolver solver = new CoverSolver(
                instance.candidates().stream().mapToDouble(PlanningInstance.Candidate::fixedCost).toArray(),
                instance.candidates().stream().mapToInt(PlanningInstance.Candidate::sizeKb).toArray(),
                instance.markets().stream().map(PlanningInstance.MarketOption::candidates).toArray(int[][]::new),
                instance.markets().stream().map(PlanningInstance.MarketOption::costs).toArray(double[][]::new))
                .withoutExactStage();
        CoverSolver.Solution solution = solver.solve(4, 400, 0, System.nanoTime() + 30_000_000_000L, () -> false);
        double[] best = bruteForce(instance, 4);
        long uncovered = java.util.Arrays.stream(solution.assignment()).filter(a -> a < 0).count();
        assertEquals(best[0], uncovered, "markets left uncovered");
        assertEquals(best[1] + uncovered * solver.penalty(), solution.cost(), 1e-6 * solution.cost());
        assertEquals(CoverSolver.Status.OPTIMAL, solution.status(), "proven by the search");
        assertEquals(solution.cost(), solution.lowerBound(), 1e-6 * solution.cost());
    }

    @Test
    void theExamplePlanCoversEveryMarketAndExplainsEachChoice() throws Exception {
        PlanResult result = new Planner().plan(Examples.plan(), Examples.agreements(), EXACT, new NullProgressMonitor());

        assertTrue(result.fullCover(), () -> "uncovered: " + result.uncovered());
        assertEquals(30, result.markets().size());
        assertEquals("optimal", result.optimality().status());
        assertTrue(result.profiles().size() <= 5);
        int memory = result.profiles().stream().mapToInt(PlanResult.ChosenProfile::sizeKb).sum();
        assertTrue(memory <= 512, "memory " + memory);
        // BR, TR and IN forbid permanent roaming: each needs its own local profile.
        List<String> chosen = result.profiles().stream().map(PlanResult.ChosenProfile::agreementId).toList();
        assertTrue(chosen.containsAll(List.of("cruzeiro-latam", "anatolia-tr", "ganges-in")), chosen.toString());
        result.profiles().forEach(p -> assertFalse(p.reason().isBlank(), p.agreementId()));
        assertEquals(result.costs().total(), result.costs().profileFees() + result.costs().serviceFees(), 1e-6);
        assertEquals(result.costs().serviceFees(),
                result.markets().stream().mapToDouble(PlanResult.MarketAssignment::serviceFees).sum(), 1e-6);
        assertEquals(5, result.alternatives().size());
        assertExcluded(result, "merlion-sg", "not signed");
        assertExcluded(result, "savanna-za", "factory provisioning not permitted");
        assertExcluded(result, "alpen-dach", "before the ship window ends");
        assertExcluded(result, "ganges-in-2024", "not signed");
    }

    @Test
    void aMarketNoAgreementServesIsReportedWithTheReasonOfEachAgreement() throws Exception {
        ProductPlan example = Examples.plan();
        List<ProductPlan.Market> markets = new ArrayList<>(example.markets());
        markets.add(new ProductPlan.Market("KR", 1000, null));
        ProductPlan plan = withMarkets(example, markets, example.euicc());

        PlanResult result = new Planner().plan(plan, Examples.agreements(), EXACT, new NullProgressMonitor());

        assertFalse(result.fullCover());
        assertEquals(1, result.uncovered().size());
        PlanResult.UncoveredMarket korea = result.uncovered().get(0);
        assertEquals("KR", korea.country());
        assertTrue(korea.reason().contains("globalm2m-world: no coverage in KR"), korea.reason());
        assertTrue(korea.reason().contains("merlion-sg: status draft"), korea.reason());
        assertEquals(30, result.markets().size(), "every other market is still served");
    }

    @Test
    void tooFewProfileSlotsLeaveMarketsUncoveredWithTheAgreementsThatWouldServeThem() throws Exception {
        ProductPlan example = Examples.plan();
        ProductPlan plan = withMarkets(example, example.markets(), new ProductPlan.Euicc("v", "simulator", 1, 512));

        PlanResult result = new Planner().plan(plan, Examples.agreements(), EXACT, new NullProgressMonitor());

        assertFalse(result.fullCover());
        PlanResult.UncoveredMarket brazil = result.uncovered().stream().filter(m -> m.country().equals("BR")).findFirst()
                .orElseThrow();
        assertTrue(brazil.reason().contains("served only by cruzeiro-latam"), brazil.reason());
        assertEquals(1, result.profiles().size());
    }

    @Test
    void roamingIntoACountryThatForbidsPermanentRoamingDoesNotServeIt() throws Exception {
        AgreementBook book = Examples.agreements();
        PlanningInstance instance = PlanningInstance.of(Examples.plan(), book);
        assertTrue(instance.notServing().get("BR").contains(
                "globalm2m-world: roaming on 724-91 in BR is not permitted permanently"), instance.notServing().get("BR").toString());
    }

    @Test
    void cancellingStopsThePlanner() {
        PlanningInstance instance = GeneratedInstances.generate(60, 200, 5, 600, 7);
        NullProgressMonitor monitor = new NullProgressMonitor();
        monitor.setCanceled(true);
        assertThrows(OperationCanceledException.class, () -> new Planner().plan(instance, "x", EXACT, monitor));
    }

    @Test
    void aLargeInstanceEndsWithAFeasiblePlanAndAProvenBound() {
        PlanningInstance instance = GeneratedInstances.generate(250, 1000, 6, 640, 1);
        PlanResult result = new Planner().plan(instance, "large", new Planner.Options(Duration.ofSeconds(5), 0.01, false),
                new NullProgressMonitor());
        assertTrue(result.fullCover());
        assertTrue(result.optimality().lowerBound() > 0);
        assertTrue(result.optimality().lowerBound() <= result.costs().total() + 1e-6);
        assertEquals((result.costs().total() - result.optimality().lowerBound()) / result.costs().total(),
                result.optimality().gap(), 1e-9);
    }

    private static void assertExcluded(PlanResult result, String agreementId, String reasonPart) {
        PlanResult.ExcludedAgreement excluded = result.excluded().stream().filter(e -> e.agreementId().equals(agreementId))
                .findFirst().orElseThrow(() -> new AssertionError(agreementId + " is not excluded"));
        assertTrue(excluded.reason().contains(reasonPart), excluded.reason());
    }

    static ProductPlan withMarkets(ProductPlan plan, List<ProductPlan.Market> markets, ProductPlan.Euicc euicc) {
        return new ProductPlan(plan.name(), plan.example(), plan.currency(), markets, plan.shipWindow(),
                plan.serviceMonths(), plan.requiredRats(), euicc, plan.environments(), plan.risk(), plan.eim());
    }

    /** {fewest uncovered markets, least cost among those} over every subset within the count and memory limits. */
    private static double[] bruteForce(PlanningInstance instance, int maxProfiles) {
        int n = instance.candidates().size();
        double[] best = { Double.MAX_VALUE, Double.MAX_VALUE };
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) > maxProfiles) {
                continue;
            }
            int memory = 0;
            double cost = 0;
            for (int a = 0; a < n; a++) {
                if ((mask & 1 << a) != 0) {
                    memory += instance.candidates().get(a).sizeKb();
                    cost += instance.candidates().get(a).fixedCost();
                }
            }
            if (memory > instance.freeMemoryKb()) {
                continue;
            }
            int uncovered = 0;
            for (PlanningInstance.MarketOption market : instance.markets()) {
                double cheapest = Double.MAX_VALUE;
                for (int i = 0; i < market.candidates().length; i++) {
                    if ((mask & 1 << market.candidates()[i]) != 0) {
                        cheapest = Math.min(cheapest, market.costs()[i]);
                    }
                }
                if (cheapest == Double.MAX_VALUE) {
                    uncovered++;
                } else {
                    cost += cheapest;
                }
            }
            if (uncovered < best[0] || uncovered == best[0] && cost < best[1]) {
                best[0] = uncovered;
                best[1] = cost;
            }
        }
        return best;
    }
}
