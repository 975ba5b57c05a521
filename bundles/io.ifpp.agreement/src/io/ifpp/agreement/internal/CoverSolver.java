package io.ifpp.agreement.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;
import org.ojalgo.optimisation.integer.IntegerStrategy;
import org.ojalgo.type.context.NumberContext;

/**
 * Chooses at most K profiles (agreements) within the eUICC's memory so that every market is served by its cheapest
 * chosen profile at least total cost: a facility-location problem with a cardinality and a knapsack constraint.
 * <p>
 * A market that no choice covers is served by a "not covered" option of prohibitive cost, so the solver first covers
 * as many devices as it can, then minimises cost; the caller reports such markets with their reasons.
 * <p>
 * Method, as in the location literature (Beasley, "Lagrangean heuristics for location problems", 1993): a Lagrangian
 * relaxation of the cover constraints, solved by subgradient optimisation, gives a proven lower bound; greedy
 * construction and swap local search give feasible plans (the upper bound); reduced-cost tests drop every agreement
 * that cannot be in a plan cheaper than the best one found; ojAlgo's mixed-integer solver then settles the few that
 * remain exactly. The result is the optimum, or the best plan with the gap to the proven lower bound when the time
 * limit ends the search first.
 */
public final class CoverSolver {

    /** How the search ended. */
    public enum Status {
        OPTIMAL, GAP
    }

    /** A plan: the chosen agreements (indices, ascending), the market assignment and the bounds. */
    public record Solution(int[] chosen, int[] assignment, double cost, double lowerBound, Status status,
            int survivors, int lagrangianIterations, boolean mipUsed) {

        public double gap() {
            return cost <= 0 ? 0 : Math.max(0, (cost - lowerBound) / cost);
        }
    }

    private static final double EPSILON = 1e-9;

    /** Beyond this many serve variables ojAlgo's branch and bound takes longer than a planner run is given. */
    private static final int MIP_MAX_SERVE_VARIABLES = 2_500;

    private static final long MAX_ENUMERATED_SUBSETS = 200_000;

    private final int agreementCount;
    private final int marketCount;
    private final double[] fixedCost;
    private final int[] sizeKb;
    private final int[][] marketAgreements;
    private final double[][] marketCosts;
    private final int[][] agreementMarkets;
    private final double[][] agreementCosts;
    private final double penalty;

    /**
     * @param fixedCost per agreement: the cost of carrying its profile on every eUICC
     * @param sizeKb per agreement: its profile's size
     * @param marketAgreements per market: the agreements that cover it
     * @param marketCosts per market: the cost of serving it through each of those agreements
     */
    public CoverSolver(double[] fixedCost, int[] sizeKb, int[][] marketAgreements, double[][] marketCosts) {
        this.agreementCount = fixedCost.length;
        this.marketCount = marketAgreements.length;
        this.fixedCost = fixedCost.clone();
        this.sizeKb = sizeKb.clone();
        this.marketAgreements = marketAgreements;
        this.marketCosts = marketCosts;
        int[] counts = new int[agreementCount];
        double largest = 0;
        for (int m = 0; m < marketCount; m++) {
            double marketLargest = 0;
            for (int i = 0; i < marketAgreements[m].length; i++) {
                counts[marketAgreements[m][i]]++;
                marketLargest = Math.max(marketLargest, marketCosts[m][i]);
            }
            largest += marketLargest;
        }
        this.agreementMarkets = new int[agreementCount][];
        this.agreementCosts = new double[agreementCount][];
        for (int a = 0; a < agreementCount; a++) {
            agreementMarkets[a] = new int[counts[a]];
            agreementCosts[a] = new double[counts[a]];
        }
        int[] filled = new int[agreementCount];
        for (int m = 0; m < marketCount; m++) {
            for (int i = 0; i < marketAgreements[m].length; i++) {
                int a = marketAgreements[m][i];
                agreementMarkets[a][filled[a]] = m;
                agreementCosts[a][filled[a]++] = marketCosts[m][i];
            }
        }
        // Larger than any plan's cost: leaving a coverable market uncovered never pays.
        this.penalty = 2 * (largest + Arrays.stream(fixedCost).sum()) + 1;
    }

    /** The cost of a set of agreements, each market served by its cheapest; {@code assignment[m] = -1} if none. */
    public double evaluate(int[] chosen, int[] assignment) {
        double total = 0;
        boolean[] in = new boolean[agreementCount];
        for (int a : chosen) {
            in[a] = true;
            total += fixedCost[a];
        }
        for (int m = 0; m < marketCount; m++) {
            double best = penalty;
            int bestAgreement = -1;
            for (int i = 0; i < marketAgreements[m].length; i++) {
                int a = marketAgreements[m][i];
                if (in[a] && marketCosts[m][i] < best) {
                    best = marketCosts[m][i];
                    bestAgreement = a;
                }
            }
            if (assignment != null) {
                assignment[m] = bestAgreement;
            }
            total += best;
        }
        return total;
    }

    public double penalty() {
        return penalty;
    }

    /**
     * Solves with at most {@code maxProfiles} agreements of total size at most {@code freeMemoryKb}.
     *
     * @param gapTolerance stop once the best plan is proven within this fraction of the optimum (0 for the optimum)
     * @param deadline {@link System#nanoTime()} at which to stop with the best plan and its proven gap
     */
    public Solution solve(int maxProfiles, int freeMemoryKb, double gapTolerance, long deadline,
            BooleanSupplier cancelled) {
        int[] best = localSearch(greedy(maxProfiles, freeMemoryKb), maxProfiles, freeMemoryKb);
        double upper = evaluate(best, null);

        // Subgradient optimisation of the Lagrangian dual (cover constraints relaxed, memory relaxed).
        double[] lambda = new double[marketCount];
        for (int m = 0; m < marketCount; m++) {
            double cheapest = penalty;
            for (double cost : marketCosts[m]) {
                cheapest = Math.min(cheapest, cost);
            }
            lambda[m] = cheapest;
        }
        double[] bestLambda = lambda.clone();
        double lower = Double.NEGATIVE_INFINITY;
        double step = 2.0;
        int sinceImprovement = 0;
        int iterations = 0;
        double[] reduced = new double[agreementCount];
        int[] selected = new int[Math.min(maxProfiles, agreementCount)];
        double[] subgradient = new double[marketCount];
        while (iterations < 3000 && step > 1e-5 && System.nanoTime() < deadline && !cancelled.getAsBoolean()) {
            iterations++;
            double bound = lagrangian(lambda, maxProfiles, reduced, selected);
            int selectedCount = countSelected(reduced, selected, maxProfiles);
            if (bound > lower + EPSILON * Math.abs(bound)) {
                lower = bound;
                bestLambda = lambda.clone();
                sinceImprovement = 0;
            } else if (++sinceImprovement >= 30) {
                step /= 2;
                sinceImprovement = 0;
            }
            if (iterations % 10 == 1) {
                int[] candidate = localSearch(complete(Arrays.copyOf(selected, selectedCount), maxProfiles, freeMemoryKb),
                        maxProfiles, freeMemoryKb);
                double cost = evaluate(candidate, null);
                if (cost < upper - EPSILON * upper) {
                    upper = cost;
                    best = candidate;
                }
            }
            if (proven(upper, lower, gapTolerance)) {
                break;
            }
            double norm = 0;
            Arrays.fill(subgradient, 1.0);
            for (int s = 0; s < selectedCount; s++) {
                int a = selected[s];
                int[] markets = agreementMarkets[a];
                for (int i = 0; i < markets.length; i++) {
                    if (agreementCosts[a][i] < lambda[markets[i]]) {
                        subgradient[markets[i]] -= 1;
                    }
                }
            }
            for (int m = 0; m < marketCount; m++) {
                if (penalty < lambda[m]) {
                    subgradient[m] -= 1;
                }
                norm += subgradient[m] * subgradient[m];
            }
            if (norm == 0) {
                break; // the relaxed solution is feasible: the bound is the optimum of the relaxation
            }
            double length = step * (upper - bound) / norm;
            for (int m = 0; m < marketCount; m++) {
                lambda[m] = Math.max(0, lambda[m] + length * subgradient[m]);
            }
        }
        if (proven(upper, lower, gapTolerance) || cancelled.getAsBoolean()) {
            return finish(best, upper, lower, 0, iterations, false, gapTolerance);
        }

        // Reduced-cost test: an agreement whose forced inclusion lifts the bound above the best plan is in no better plan.
        double bound = lagrangian(bestLambda, maxProfiles, reduced, selected);
        double[] sorted = reduced.clone();
        Arrays.sort(sorted);
        double lambdaPart = bound - sumNegative(sorted, maxProfiles);
        List<Integer> survivors = new ArrayList<>();
        for (int a = 0; a < agreementCount; a++) {
            double withA = lambdaPart + reduced[a] + sumNegativeExcluding(sorted, maxProfiles - 1, reduced[a]);
            if (withA < upper - EPSILON * upper || contains(best, a)) {
                survivors.add(a);
            }
        }
        int[] mipChoice = exact(survivors, maxProfiles, freeMemoryKb, upper, deadline);
        if (mipChoice != null) {
            double cost = evaluate(mipChoice, null);
            if (cost < upper) {
                upper = cost;
                best = mipChoice;
            }
            return finish(best, upper, upper, survivors.size(), iterations, true, gapTolerance);
        }
        return finish(best, upper, lower, survivors.size(), iterations, false, gapTolerance);
    }

    private Solution finish(int[] chosen, double cost, double lower, int survivors, int iterations, boolean mipUsed,
            double gapTolerance) {
        int[] sortedChoice = chosen.clone();
        Arrays.sort(sortedChoice);
        int[] assignment = new int[marketCount];
        double value = evaluate(sortedChoice, assignment);
        double bound = Math.min(value, Math.max(lower, 0));
        Status status = value - bound <= Math.max(EPSILON * value, 1e-6) ? Status.OPTIMAL : Status.GAP;
        return new Solution(sortedChoice, assignment, value, status == Status.OPTIMAL ? value : bound, status, survivors,
                iterations, mipUsed);
    }

    private static boolean proven(double upper, double lower, double gapTolerance) {
        return upper - lower <= Math.max(gapTolerance * upper, EPSILON * upper + 1e-6);
    }

    /**
     * The Lagrangian bound for multipliers {@code lambda}: fills the reduced cost of each agreement and the up to K
     * agreements of most negative reduced cost that the relaxed problem chooses.
     */
    private double lagrangian(double[] lambda, int maxProfiles, double[] reduced, int[] selected) {
        double bound = 0;
        for (int m = 0; m < marketCount; m++) {
            bound += lambda[m] + Math.min(0, penalty - lambda[m]);
        }
        for (int a = 0; a < agreementCount; a++) {
            double value = fixedCost[a];
            int[] markets = agreementMarkets[a];
            double[] costs = agreementCosts[a];
            for (int i = 0; i < markets.length; i++) {
                double saving = costs[i] - lambda[markets[i]];
                if (saving < 0) {
                    value += saving;
                }
            }
            reduced[a] = value;
        }
        int count = 0;
        Arrays.fill(selected, -1);
        for (int a = 0; a < agreementCount; a++) {
            if (reduced[a] >= 0) {
                continue;
            }
            // Keep the K most negative in 'selected' by insertion (K is small: an eUICC holds a handful of profiles).
            int position = count < selected.length ? count++ : selected.length;
            while (position > 0 && reduced[selected[position - 1]] > reduced[a]) {
                if (position < selected.length) {
                    selected[position] = selected[position - 1];
                }
                position--;
            }
            if (position < selected.length) {
                selected[position] = a;
            }
        }
        for (int s = 0; s < count; s++) {
            bound += reduced[selected[s]];
        }
        return bound;
    }

    private static int countSelected(double[] reduced, int[] selected, int maxProfiles) {
        int count = 0;
        while (count < selected.length && selected[count] >= 0) {
            count++;
        }
        return Math.min(count, maxProfiles);
    }

    private static double sumNegative(double[] ascending, int count) {
        double sum = 0;
        for (int i = 0; i < Math.min(count, ascending.length) && ascending[i] < 0; i++) {
            sum += ascending[i];
        }
        return sum;
    }

    /** The sum of the {@code count} most negative values, one occurrence of {@code excluded} left out. */
    private static double sumNegativeExcluding(double[] ascending, int count, double excluded) {
        double sum = 0;
        boolean skipped = false;
        int taken = 0;
        for (int i = 0; i < ascending.length && taken < count && ascending[i] < 0; i++) {
            if (!skipped && ascending[i] == excluded) {
                skipped = true;
                continue;
            }
            sum += ascending[i];
            taken++;
        }
        return sum;
    }

    private int[] greedy(int maxProfiles, int freeMemoryKb) {
        return complete(new int[0], maxProfiles, freeMemoryKb);
    }

    /** Adds, one at a time, the agreement that lowers the cost most, while one does and room is left. */
    private int[] complete(int[] start, int maxProfiles, int freeMemoryKb) {
        List<Integer> chosen = new ArrayList<>();
        int memory = 0;
        for (int a : start) {
            if (chosen.size() < maxProfiles && memory + sizeKb[a] <= freeMemoryKb) {
                chosen.add(a);
                memory += sizeKb[a];
            }
        }
        double[] current = currentCosts(chosen);
        while (chosen.size() < maxProfiles) {
            int bestAgreement = -1;
            double bestDelta = -EPSILON;
            for (int a = 0; a < agreementCount; a++) {
                if (memory + sizeKb[a] > freeMemoryKb || chosen.contains(a)) {
                    continue;
                }
                double delta = fixedCost[a];
                for (int i = 0; i < agreementMarkets[a].length; i++) {
                    delta += Math.min(0, agreementCosts[a][i] - current[agreementMarkets[a][i]]);
                }
                if (delta < bestDelta) {
                    bestDelta = delta;
                    bestAgreement = a;
                }
            }
            if (bestAgreement < 0) {
                break;
            }
            chosen.add(bestAgreement);
            memory += sizeKb[bestAgreement];
            for (int i = 0; i < agreementMarkets[bestAgreement].length; i++) {
                int m = agreementMarkets[bestAgreement][i];
                current[m] = Math.min(current[m], agreementCosts[bestAgreement][i]);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private double[] currentCosts(List<Integer> chosen) {
        double[] current = new double[marketCount];
        Arrays.fill(current, penalty);
        for (int a : chosen) {
            for (int i = 0; i < agreementMarkets[a].length; i++) {
                int m = agreementMarkets[a][i];
                current[m] = Math.min(current[m], agreementCosts[a][i]);
            }
        }
        return current;
    }

    /** Best-improvement local search over drop, add and swap moves until none lowers the cost. */
    private int[] localSearch(int[] start, int maxProfiles, int freeMemoryKb) {
        List<Integer> chosen = new ArrayList<>();
        for (int a : start) {
            chosen.add(a);
        }
        while (true) {
            double[] current = currentCosts(chosen);
            int memory = chosen.stream().mapToInt(a -> sizeKb[a]).sum();
            double bestDelta = -EPSILON * Math.max(1, Arrays.stream(current).sum());
            int bestOut = -2;
            int bestIn = -1;
            // Moves that take one agreement out (-1: none), then possibly put another in.
            for (int o = -1; o < chosen.size(); o++) {
                int out = o < 0 ? -1 : chosen.get(o);
                double[] without = current;
                double base = 0;
                if (out >= 0) {
                    List<Integer> rest = new ArrayList<>(chosen);
                    rest.remove(o);
                    without = currentCosts(rest);
                    base = -fixedCost[out];
                    for (int m = 0; m < marketCount; m++) {
                        base += without[m] - current[m];
                    }
                    if (base < bestDelta) {
                        bestDelta = base;
                        bestOut = out;
                        bestIn = -1;
                    }
                }
                int count = chosen.size() - (out >= 0 ? 1 : 0);
                int room = freeMemoryKb - memory + (out >= 0 ? sizeKb[out] : 0);
                if (count >= maxProfiles) {
                    continue;
                }
                for (int a = 0; a < agreementCount; a++) {
                    if (sizeKb[a] > room || chosen.contains(a)) {
                        continue;
                    }
                    double delta = base + fixedCost[a];
                    for (int i = 0; i < agreementMarkets[a].length; i++) {
                        delta += Math.min(0, agreementCosts[a][i] - without[agreementMarkets[a][i]]);
                    }
                    if (delta < bestDelta) {
                        bestDelta = delta;
                        bestOut = out;
                        bestIn = a;
                    }
                }
            }
            if (bestOut == -2) {
                return chosen.stream().mapToInt(Integer::intValue).toArray();
            }
            if (bestOut >= 0) {
                chosen.remove(Integer.valueOf(bestOut));
            }
            if (bestIn >= 0) {
                chosen.add(bestIn);
            }
        }
    }

    /**
     * Solves the problem restricted to {@code survivors} exactly with ojAlgo's branch and bound; null when it does not
     * finish by the deadline (or the restricted problem is empty).
     */
    private int[] exact(List<Integer> survivors, int maxProfiles, int freeMemoryKb, double upper, long deadline) {
        long millisLeft = (deadline - System.nanoTime()) / 1_000_000;
        long serveVariables = survivors.stream().mapToLong(a -> agreementMarkets[a].length).sum();
        if (survivors.isEmpty() || millisLeft <= 0 || serveVariables > MIP_MAX_SERVE_VARIABLES) {
            return null;
        }
        double scale = 1.0 / Math.max(upper, 1.0); // costs near 1 keep the simplex well conditioned
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        model.options.time_abort = millisLeft;
        model.options.integer(IntegerStrategy.DEFAULT.withGapTolerance(NumberContext.of(12)));
        Variable[] use = new Variable[survivors.size()];
        Expression count = model.addExpression("profiles").upper(maxProfiles);
        Expression memory = model.addExpression("memory").upper(freeMemoryKb);
        int[] indexOf = new int[agreementCount];
        Arrays.fill(indexOf, -1);
        for (int s = 0; s < survivors.size(); s++) {
            int a = survivors.get(s);
            indexOf[a] = s;
            use[s] = model.addVariable("use" + a).binary().weight(fixedCost[a] * scale);
            count.set(use[s], 1);
            memory.set(use[s], sizeKb[a]);
        }
        for (int m = 0; m < marketCount; m++) {
            if (Arrays.stream(marketAgreements[m]).noneMatch(a -> indexOf[a] >= 0)) {
                continue; // no survivor serves it: uncovered in every plan the model could find, a constant
            }
            // "At least one" rather than "exactly one": the same optimum, and ojAlgo's presolve handles it reliably.
            Expression cover = model.addExpression("cover" + m).lower(1);
            Variable uncovered = model.addVariable("uncovered" + m).lower(0).upper(1).weight(penalty * scale);
            cover.set(uncovered, 1);
            for (int i = 0; i < marketAgreements[m].length; i++) {
                int s = indexOf[marketAgreements[m][i]];
                if (s < 0) {
                    continue;
                }
                Variable serve = model.addVariable("serve" + m + "_" + s).lower(0).upper(1)
                        .weight(marketCosts[m][i] * scale);
                cover.set(serve, 1);
                model.addExpression("link" + m + "_" + s).upper(0).set(serve, 1).set(use[s], -1);
            }
        }
        Optimisation.Result result = model.minimise();
        if (result.getState() != Optimisation.State.OPTIMAL) {
            // ojAlgo 57.1 has answered INFEASIBLE for such models although all-uncovered is always feasible: settle
            // the few survivors by enumeration instead when that is small enough.
            return enumerate(survivors, maxProfiles, freeMemoryKb);
        }
        List<Integer> chosen = new ArrayList<>();
        for (int s = 0; s < use.length; s++) {
            if (use[s].getValue().doubleValue() > 0.5) {
                chosen.add(survivors.get(s));
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every subset of the survivors within the limits; null when there are too many to try. */
    private int[] enumerate(List<Integer> survivors, int maxProfiles, int freeMemoryKb) {
        long subsets = 0;
        long binomial = 1;
        for (int k = 0; k <= Math.min(maxProfiles, survivors.size()); k++) {
            subsets += binomial;
            binomial = binomial * (survivors.size() - k) / (k + 1);
        }
        if (subsets > MAX_ENUMERATED_SUBSETS) {
            return null;
        }
        int[][] best = { new int[0] };
        double[] bestCost = { evaluate(best[0], null) };
        extend(survivors, 0, 0, 0, new int[Math.min(maxProfiles, survivors.size())], freeMemoryKb, best, bestCost);
        return best[0];
    }

    private void extend(List<Integer> survivors, int from, int depth, int memory, int[] current, int freeMemoryKb,
            int[][] best, double[] bestCost) {
        for (int s = from; s < survivors.size(); s++) {
            int a = survivors.get(s);
            if (memory + sizeKb[a] > freeMemoryKb) {
                continue;
            }
            current[depth] = a;
            int[] chosen = Arrays.copyOf(current, depth + 1);
            double cost = evaluate(chosen, null);
            if (cost < bestCost[0]) {
                bestCost[0] = cost;
                best[0] = chosen;
            }
            if (depth + 1 < current.length) {
                extend(survivors, s + 1, depth + 1, memory + sizeKb[a], current, freeMemoryKb, best, bestCost);
            }
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
