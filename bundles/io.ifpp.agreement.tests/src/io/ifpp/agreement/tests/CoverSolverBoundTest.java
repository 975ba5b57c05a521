package io.ifpp.agreement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ifpp.agreement.internal.CoverSolver;
import io.ifpp.agreement.internal.GeneratedInstances;
import io.ifpp.agreement.plan.PlanningInstance;

/**
 * The planner's proven bounds against brute force: whatever the time limit and the gap tolerance, the lower bound it
 * reports never exceeds the optimum, "optimal" is only claimed for the optimum, and the branch and bound with its
 * reduced-cost fixing at every node finds the optimum when given the time, on one thread and on two.
 */
class CoverSolverBoundTest {

    private static final long[] SEEDS = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
            22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40 };

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 3, 10, 100 })
    void theLowerBoundNeverExceedsTheOptimumWhateverTheTimeLimit(int millis) {
        for (long seed : SEEDS) {
            int maxProfiles = 2 + (int) (seed % 3);
            int memory = 150 + (int) (seed * 37 % 250);
            PlanningInstance instance = GeneratedInstances.generate(24, 13, maxProfiles, memory, seed);
            double optimum = bruteForce(solver(instance), instance, maxProfiles, memory);
            for (int workers = 1; workers <= 2; workers++) {
                CoverSolver solver = solver(instance).withoutExactStage().withWorkers(workers);
                for (double tolerance : new double[] { 0, 0.01, 0.05, 0.3 }) {
                    CoverSolver.Solution solution = solver.solve(maxProfiles, memory, tolerance,
                            System.nanoTime() + millis * 1_000_000L, () -> false);
                    String context = "seed " + seed + ", " + millis + " ms, tolerance " + tolerance + ", workers "
                            + workers;
                    assertTrue(solution.lowerBound() <= optimum * (1 + 1e-9), context + ": bound " + solution.lowerBound()
                            + " above the optimum " + optimum);
                    assertTrue(solution.cost() >= optimum * (1 - 1e-9), context);
                    assertEquals(solver.evaluate(solution.chosen(), null), solution.cost(), 1e-9 * solution.cost(), context);
                    if (solution.status() == CoverSolver.Status.OPTIMAL) {
                        assertEquals(optimum, solution.cost(), 1e-9 * optimum, context + ": claimed optimal");
                    } else {
                        assertEquals((solution.cost() - solution.lowerBound()) / solution.cost(), solution.gap(), 1e-12);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 2, 3, 4, 5 })
    void branchAndBoundWithNodeFixingFindsTheOptimum(int maxProfiles) {
        for (long seed : SEEDS) {
            int memory = 100 * maxProfiles + (int) (seed * 53 % 200) - 80;
            PlanningInstance instance = GeneratedInstances.generate(40, 15, maxProfiles, memory, seed * 31 + maxProfiles);
            double optimum = bruteForce(solver(instance), instance, maxProfiles, memory);
            for (int workers = 1; workers <= 2; workers++) {
                CoverSolver solver = solver(instance).withoutExactStage().withWorkers(workers);
                CoverSolver.Solution solution = solver.solve(maxProfiles, memory, 0,
                        System.nanoTime() + 30_000_000_000L, () -> false);
                String context = "seed " + seed + ", k " + maxProfiles + ", memory " + memory + ", workers " + workers;
                assertEquals(optimum, solution.cost(), 1e-9 * optimum, context);
                assertEquals(CoverSolver.Status.OPTIMAL, solution.status(), context);
                int used = Arrays.stream(solution.chosen()).map(a -> instance.candidates().get(a).sizeKb()).sum();
                assertTrue(solution.chosen().length <= maxProfiles && used <= memory, context);
            }
        }
    }

    private static CoverSolver solver(PlanningInstance instance) {
        return new CoverSolver(
                instance.candidates().stream().mapToDouble(PlanningInstance.Candidate::fixedCost).toArray(),
                instance.candidates().stream().mapToInt(PlanningInstance.Candidate::sizeKb).toArray(),
                instance.markets().stream().map(PlanningInstance.MarketOption::candidates).toArray(int[][]::new),
                instance.markets().stream().map(PlanningInstance.MarketOption::costs).toArray(double[][]::new));
    }

    /** The least cost (uncovered markets at the solver's penalty) over every subset within the limits. */
    private static double bruteForce(CoverSolver solver, PlanningInstance instance, int maxProfiles, int memory) {
        int n = instance.candidates().size();
        double best = Double.MAX_VALUE;
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) > maxProfiles) {
                continue;
            }
            int[] chosen = new int[Integer.bitCount(mask)];
            int used = 0;
            for (int a = 0, k = 0; a < n; a++) {
                if ((mask & 1 << a) != 0) {
                    chosen[k++] = a;
                    used += instance.candidates().get(a).sizeKb();
                }
            }
            if (used <= memory) {
                best = Math.min(best, solver.evaluate(chosen, null));
            }
        }
        return best;
    }
}
