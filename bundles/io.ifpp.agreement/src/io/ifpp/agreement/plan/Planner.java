package io.ifpp.agreement.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.internal.CoverSolver;

/**
 * The one-SKU planner: chooses the set of profiles loaded on every eUICC so that each target market is served by a
 * chosen, eligible profile, within the eUICC's profile count and memory, at least total cost over the plan.
 */
public final class Planner {

    /**
     * @param timeLimit per solve (the main plan, then each alternative)
     * @param gapTolerance stop once the plan is proven within this fraction of the optimum; 0 asks for the optimum
     * @param alternatives also compute the best plans with 1 .. maxProfiles - 1 profiles
     */
    public record Options(Duration timeLimit, double gapTolerance, boolean alternatives) {

        public static final Options DEFAULT = new Options(Duration.ofSeconds(10), 0, true);
    }

    public PlanResult plan(ProductPlan plan, AgreementBook book, Options options, IProgressMonitor monitor) {
        return plan(PlanningInstance.of(plan, book), plan.name(), options, monitor);
    }

    public PlanResult plan(PlanningInstance instance, String planName, Options options, IProgressMonitor monitor) {
        int maxProfiles = Math.max(1, instance.maxProfiles());
        int alternatives = options.alternatives() ? maxProfiles - 1 : 0;
        SubMonitor progress = SubMonitor.convert(monitor, "Planning " + planName, 1 + alternatives);
        long started = System.nanoTime();
        CoverSolver solver = solver(instance);
        CoverSolver.Solution main = solve(solver, instance, maxProfiles, options, progress);
        long millis = (System.nanoTime() - started) / 1_000_000;
        progress.worked(1);
        List<PlanResult.Alternative> alternativeList = new ArrayList<>();
        for (int k = 1; k <= alternatives; k++) {
            progress.subTask("Best plan with at most " + k + " profile" + (k == 1 ? "" : "s"));
            CoverSolver.Solution solution = solve(solver, instance, k, options, progress);
            alternativeList.add(alternative(instance, k, solution));
            progress.worked(1);
        }
        alternativeList.add(alternative(instance, maxProfiles, main));
        return explain(instance, planName, solver, main, alternativeList, millis);
    }

    private static CoverSolver.Solution solve(CoverSolver solver, PlanningInstance instance, int maxProfiles,
            Options options, SubMonitor progress) {
        long deadline = System.nanoTime() + options.timeLimit().toNanos();
        CoverSolver.Solution solution = solver.solve(maxProfiles, instance.freeMemoryKb(), options.gapTolerance(),
                deadline, progress::isCanceled);
        if (progress.isCanceled()) {
            throw new OperationCanceledException("planning cancelled");
        }
        return solution;
    }

    static CoverSolver solver(PlanningInstance instance) {
        double[] fixed = instance.candidates().stream().mapToDouble(PlanningInstance.Candidate::fixedCost).toArray();
        int[] sizes = instance.candidates().stream().mapToInt(PlanningInstance.Candidate::sizeKb).toArray();
        int[][] serving = instance.markets().stream().map(PlanningInstance.MarketOption::candidates).toArray(int[][]::new);
        double[][] costs = instance.markets().stream().map(PlanningInstance.MarketOption::costs).toArray(double[][]::new);
        return new CoverSolver(fixed, sizes, serving, costs).withWorkers(Runtime.getRuntime().availableProcessors());
    }

    private static PlanResult.Alternative alternative(PlanningInstance instance, int k, CoverSolver.Solution solution) {
        int uncovered = (int) Arrays.stream(solution.assignment()).filter(a -> a < 0).count();
        double cost = servedCost(instance, solution.chosen(), solution.assignment());
        return new PlanResult.Alternative(k, cost, status(solution), solution.gap(), uncovered,
                Arrays.stream(solution.chosen()).mapToObj(c -> instance.candidates().get(c).agreementId()).toList());
    }

    private static String status(CoverSolver.Solution solution) {
        return solution.status() == CoverSolver.Status.OPTIMAL ? "optimal" : "within-gap";
    }

    /** The plan's real cost: fees of the chosen profiles and of the markets they serve (uncovered markets cost 0). */
    private static double servedCost(PlanningInstance instance, int[] chosen, int[] assignment) {
        double cost = 0;
        for (int c : chosen) {
            cost += instance.candidates().get(c).fixedCost();
        }
        for (int m = 0; m < assignment.length; m++) {
            if (assignment[m] >= 0) {
                cost += costOf(instance.markets().get(m), assignment[m]);
            }
        }
        return cost;
    }

    private static double costOf(PlanningInstance.MarketOption market, int candidate) {
        for (int i = 0; i < market.candidates().length; i++) {
            if (market.candidates()[i] == candidate) {
                return market.costs()[i];
            }
        }
        throw new IllegalArgumentException(market.country() + " is not served by candidate " + candidate);
    }

    private static PlanResult explain(PlanningInstance instance, String planName, CoverSolver solver,
            CoverSolver.Solution main, List<PlanResult.Alternative> alternatives, long millis) {
        int[] chosen = main.chosen();
        int[] assignment = main.assignment();
        List<PlanResult.MarketAssignment> markets = new ArrayList<>();
        List<PlanResult.UncoveredMarket> uncovered = new ArrayList<>();
        double serviceFees = 0;
        for (int m = 0; m < assignment.length; m++) {
            PlanningInstance.MarketOption market = instance.markets().get(m);
            if (assignment[m] < 0) {
                uncovered.add(new PlanResult.UncoveredMarket(market.country(), market.quantity(),
                        uncoveredReason(instance, market, chosen.length)));
                continue;
            }
            double fees = costOf(market, assignment[m]);
            serviceFees += fees;
            List<String> fallbacks = new ArrayList<>();
            for (int c : market.candidates()) {
                if (c != assignment[m] && contains(chosen, c)) {
                    fallbacks.add(instance.candidates().get(c).agreementId());
                }
            }
            markets.add(new PlanResult.MarketAssignment(market.country(), market.quantity(),
                    instance.candidates().get(assignment[m]).agreementId(), fees, fallbacks));
        }
        double profileFees = 0;
        List<PlanResult.ChosenProfile> profiles = new ArrayList<>();
        int coveredWithAll = markets.size();
        for (int c : chosen) {
            PlanningInstance.Candidate candidate = instance.candidates().get(c);
            profileFees += candidate.fixedCost();
            List<String> served = new ArrayList<>();
            for (int m = 0; m < assignment.length; m++) {
                if (assignment[m] == c) {
                    served.add(instance.markets().get(m).country());
                }
            }
            int[] without = Arrays.stream(chosen).filter(other -> other != c).toArray();
            int[] assignmentWithout = new int[assignment.length];
            solver.evaluate(without, assignmentWithout);
            int coveredWithout = (int) Arrays.stream(assignmentWithout).filter(a -> a >= 0).count();
            String reason;
            if (coveredWithout < coveredWithAll) {
                List<String> only = new ArrayList<>();
                for (int m = 0; m < assignment.length; m++) {
                    if (assignment[m] >= 0 && assignmentWithout[m] < 0) {
                        only.add(instance.markets().get(m).country());
                    }
                }
                reason = "the only chosen profile serving " + String.join(", ", only);
            } else {
                double extra = servedCost(instance, without, assignmentWithout)
                        - servedCost(instance, chosen, assignment);
                reason = served.isEmpty() ? "serves no market at the lowest price (kept as a fallback network)"
                        : String.format(Locale.ROOT, "cheapest for %s; without it the plan costs %,.2f %s more",
                                String.join(", ", served), extra, instance.currency());
            }
            profiles.add(new PlanResult.ChosenProfile(candidate.agreementId(), candidate.provider(), candidate.sizeKb(),
                    candidate.fixedCost(), served, reason));
        }
        double total = profileFees + serviceFees;
        double lowerBound = uncovered.isEmpty() ? main.lowerBound() : Math.min(total, Math.max(0,
                main.lowerBound() - uncovered.size() * solver.penalty()));
        PlanResult.Optimality optimality = new PlanResult.Optimality(status(main), total, lowerBound,
                total <= 0 ? 0 : Math.max(0, (total - lowerBound) / total));
        List<PlanResult.ExcludedAgreement> excluded = instance.excluded().entrySet().stream()
                .map(e -> new PlanResult.ExcludedAgreement(e.getKey(), e.getValue())).toList();
        PlanResult.SolverRun run = new PlanResult.SolverRun(
                "Lagrangian bound + local search + reduced-cost fixing, exact MIP by ojAlgo", millis,
                instance.candidates().size(), main.lagrangianIterations(), main.survivors(), main.mipUsed());
        return new PlanResult(planName, instance.currency(), uncovered.isEmpty(), optimality,
                new PlanResult.Costs(profileFees, serviceFees, total), profiles, markets, uncovered, alternatives,
                excluded, run);
    }

    private static String uncoveredReason(PlanningInstance instance, PlanningInstance.MarketOption market,
            int chosenCount) {
        if (market.candidates().length == 0) {
            List<String> reasons = instance.notServing().getOrDefault(market.country(), List.of());
            return reasons.isEmpty() ? "no agreement covers " + market.country()
                    : "no eligible agreement serves it: " + String.join("; ", reasons);
        }
        List<String> ids = Arrays.stream(market.candidates()).mapToObj(c -> instance.candidates().get(c).agreementId())
                .toList();
        return "served only by " + String.join(", ", ids) + ", which do not fit beside the chosen " + chosenCount
                + " profile(s) within the eUICC's profile count and memory";
    }

    private static boolean contains(int[] values, int value) {
        return Arrays.stream(values).anyMatch(v -> v == value);
    }
}
