package io.ifpp.agreement.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** At the root, every this many subgradient iterations the relaxed choice seeds a local search. */
    private static final int ROOT_HEURISTIC_EVERY = 10;

    /** Subgradient iterations per branch-and-bound node, warm-started from the parent's multipliers. */
    private static final int NODE_ITERATIONS = 30;

    private final int agreementCount;
    private final int marketCount;
    private final double[] fixedCost;
    private final int[] sizeKb;
    private final int[][] marketAgreements;
    private final double[][] marketCosts;
    private final int[][] agreementMarkets;
    private final double[][] agreementCosts;
    private final double penalty;
    private boolean exactStage = true;
    private int workers = 1;

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

    /** Leaves out the exact stage (ojAlgo, enumeration): only bounds, local search and branch and bound, for tests. */
    public CoverSolver withoutExactStage() {
        exactStage = false;
        return this;
    }

    /**
     * Runs the branch and bound on this many threads (the root stays on the caller's): they share the best plan and
     * the queue of open nodes, and each bounds the node it takes. The same nodes are bounded as on one thread, so on
     * idle cores the proven gap falls about that many times sooner; on busy ones there is no gain.
     */
    public CoverSolver withWorkers(int workers) {
        this.workers = Math.max(1, workers);
        return this;
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
        Search search = new Search(maxProfiles, freeMemoryKb, gapTolerance, deadline, cancelled);
        Node root = new Node(new int[0], new boolean[agreementCount], Double.NEGATIVE_INFINITY, initialMultipliers());
        search.ascend(root, 3000, 2.0, 30, ROOT_HEURISTIC_EVERY);
        if (proven(search.upper, root.bound, gapTolerance) || search.stopped()) {
            return finish(search.best, search.upper, root.bound, 0, search.iterationCount.get(), false, gapTolerance);
        }

        // Reduced-cost test: an agreement whose forced inclusion lifts the bound above the best plan is in no better plan.
        double[] reduced = new double[agreementCount];
        int[] selected = new int[Math.min(maxProfiles, agreementCount)];
        double bound = lagrangian(root.lambda, root, maxProfiles, reduced, selected);
        double[] sorted = reduced.clone();
        Arrays.sort(sorted);
        double lambdaPart = bound - sumNegative(sorted, maxProfiles);
        List<Integer> survivors = new ArrayList<>();
        boolean[] excluded = new boolean[agreementCount];
        for (int a = 0; a < agreementCount; a++) {
            double withA = lambdaPart + reduced[a] + sumNegativeExcluding(sorted, maxProfiles - 1, reduced[a]);
            if (withA < search.upper - EPSILON * search.upper || contains(search.best, a)) {
                survivors.add(a);
            } else {
                excluded[a] = true;
            }
        }
        int[] exactChoice = exact(survivors, maxProfiles, freeMemoryKb, search.upper, deadline);
        if (exactChoice != null) {
            search.offer(exactChoice);
            return finish(search.best, search.upper, search.upper, survivors.size(), search.iterationCount.get(), true,
                    gapTolerance);
        }
        Node top = new Node(new int[0], excluded, root.bound, root.lambda);
        double lower = branchAndBound(search, top);
        return finish(search.best, search.upper, lower, survivors.size(), search.iterationCount.get(), false, gapTolerance);
    }

    /**
     * Best-first branch and bound on the choice of agreements, each node bounded by the Lagrangian with its fixings
     * (warm-started from its parent's multipliers, a few iterations each) and cut down by reduced-cost fixing before it
     * branches. Returns the proven lower bound when it stops: the smallest bound of the nodes left open and of those
     * set aside within the gap tolerance, or the best plan's cost when there are none.
     * <p>
     * It runs on {@link #workers} threads sharing the queue of open nodes and the best plan. A node taken from the
     * queue stays counted in the proven lower bound (with the bound it had when taken, which only rises) until its
     * worker puts its children or itself back or sets it aside.
     */
    private double branchAndBound(Search search, Node root) {
        Object lock = new Object();
        PriorityQueue<Node> open = new PriorityQueue<>(Comparator.comparingDouble((Node n) -> n.bound));
        open.add(root);
        List<double[]> inWork = new ArrayList<>(); // {bound} per node being processed
        boolean[] done = { false };
        Runnable worker = () -> {
            double[] reduced = new double[agreementCount];
            int[] selected = new int[Math.min(search.maxProfiles, agreementCount)];
            while (true) {
                Node node;
                double[] ticket;
                synchronized (lock) {
                    while (true) {
                        if (done[0] || search.stopped()) {
                            return;
                        }
                        double floor = Math.min(search.prunedFloor, open.isEmpty() ? Double.POSITIVE_INFINITY
                                : open.peek().bound);
                        for (double[] t : inWork) {
                            floor = Math.min(floor, t[0]);
                        }
                        if ((open.isEmpty() && inWork.isEmpty()) || proven(search.upper, floor, search.gapTolerance)) {
                            done[0] = true;
                            lock.notifyAll();
                            return;
                        }
                        if (!open.isEmpty()) {
                            break;
                        }
                        try {
                            lock.wait(5);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    node = open.poll();
                    ticket = new double[] { node.bound };
                    inWork.add(ticket);
                }
                List<Node> back = new ArrayList<>(2);
                if (node != root) {
                    search.ascend(node, NODE_ITERATIONS, 0.5, 10, 0);
                    search.offerRelaxed(node);
                }
                if (search.prunable(node.bound)) {
                    search.pruned(node.bound);
                } else if (search.stopped()) {
                    back.add(node); // still open: its bound counts in the proven lower bound
                } else {
                    search.fixByReducedCost(node);
                    int branch = mostFractional(node);
                    if (branch < 0) {
                        lagrangian(node.lambda, node, search.maxProfiles, reduced, selected);
                        branch = leastReducedCostFree(node, reduced);
                    }
                    if (branch < 0) {
                        search.offer(node.forced);
                    } else {
                        int memory = Arrays.stream(node.forced).map(a -> sizeKb[a]).sum() + sizeKb[branch];
                        if (node.forced.length < search.maxProfiles && memory <= search.freeMemoryKb) {
                            int[] forced = Arrays.copyOf(node.forced, node.forced.length + 1);
                            forced[node.forced.length] = branch;
                            back.add(new Node(forced, node.excluded, node.bound, node.lambda));
                        }
                        boolean[] excluded = node.excluded.clone();
                        excluded[branch] = true;
                        back.add(new Node(node.forced, excluded, node.bound, node.lambda));
                    }
                }
                synchronized (lock) {
                    open.addAll(back);
                    inWork.remove(ticket);
                    lock.notifyAll();
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            Thread thread = new Thread(worker, "cover-solver-" + w);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        worker.run();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            double lower = Math.min(search.upper, search.prunedFloor);
            for (double[] t : inWork) {
                lower = Math.min(lower, t[0]); // none once every worker has returned; kept for safety
            }
            return open.isEmpty() ? lower : Math.min(lower, open.peek().bound);
        }
    }

    /**
     * The free agreement the relaxation is most undecided about (chosen in closest to half of the later iterations),
     * the classic branching rule on a fractional LP solution; -1 when none is undecided.
     */
    private int mostFractional(Node node) {
        if (node.usage == null) {
            return -1;
        }
        int branch = -1;
        double undecided = 0.02;
        for (int a = 0; a < agreementCount; a++) {
            double fraction = Math.min(node.usage[a], 1 - node.usage[a]);
            if (fraction > undecided && !node.excluded[a] && !contains(node.forced, a)) {
                undecided = fraction;
                branch = a;
            }
        }
        return branch;
    }

    /** The undecided agreement of least reduced cost, -1 when every agreement is decided at this node. */
    private int leastReducedCostFree(Node node, double[] reduced) {
        int branch = -1;
        for (int a = 0; a < agreementCount; a++) {
            if (!node.excluded[a] && !contains(node.forced, a) && (branch < 0 || reduced[a] < reduced[branch])) {
                branch = a;
            }
        }
        return branch;
    }

    private double[] initialMultipliers() {
        double[] lambda = new double[marketCount];
        for (int m = 0; m < marketCount; m++) {
            double cheapest = penalty;
            for (double cost : marketCosts[m]) {
                cheapest = Math.min(cheapest, cost);
            }
            lambda[m] = cheapest;
        }
        return lambda;
    }

    /**
     * A node of the search: agreements forced in, agreements excluded, its bound, its best multipliers, and how often
     * each agreement was in the relaxed choice over the later iterations (an estimate of the LP's fractional choice).
     */
    private static final class Node {
        final int[] forced;
        boolean[] excluded;
        double bound;
        double[] lambda;
        double[] usage;

        Node(int[] forced, boolean[] excluded, double bound, double[] lambda) {
            this.forced = forced;
            this.excluded = excluded;
            this.bound = bound;
            this.lambda = lambda;
        }
    }

    /** One thread's scratch arrays. */
    private final class Scratch {
        final double[] reduced = new double[agreementCount];
        final int[] selected;
        final double[] subgradient = new double[marketCount];

        Scratch(int maxProfiles) {
            selected = new int[Math.min(maxProfiles, agreementCount)];
        }
    }

    /** The state of one solve: limits, the best plan found (the upper bound) and the work done. */
    private final class Search {
        final int maxProfiles;
        final int freeMemoryKb;
        final double gapTolerance;
        final long deadline;
        final BooleanSupplier cancelled;
        /** Per thread: the scratch arrays of the Lagrangian and the subgradient. */
        final ThreadLocal<Scratch> scratch;
        volatile int[] best;
        volatile double upper;
        final AtomicInteger iterationCount = new AtomicInteger();
        /**
         * The least bound of what was set aside only because it could not beat the best plan by more than the gap
         * tolerance (nodes and agreements): the proven lower bound may not exceed it.
         */
        volatile double prunedFloor = Double.POSITIVE_INFINITY;
        final Set<String> tried = ConcurrentHashMap.newKeySet();

        Search(int maxProfiles, int freeMemoryKb, double gapTolerance, long deadline, BooleanSupplier cancelled) {
            this.maxProfiles = maxProfiles;
            this.freeMemoryKb = freeMemoryKb;
            this.gapTolerance = gapTolerance;
            this.deadline = deadline;
            this.cancelled = cancelled;
            this.scratch = ThreadLocal.withInitial(() -> new Scratch(maxProfiles));
            this.best = localSearch(greedy(maxProfiles, freeMemoryKb), maxProfiles, freeMemoryKb);
            this.upper = evaluate(best, null);
        }

        boolean stopped() {
            return System.nanoTime() >= deadline || cancelled.getAsBoolean();
        }

        /**
         * Completes a relaxed choice greedily and improves it by local search, once per distinct start: the
         * subgradient method returns to the same choices many times.
         */
        void improve(int[] start) {
            int[] key = start.clone();
            Arrays.sort(key);
            if (tried.add(Arrays.toString(key))) {
                offer(localSearch(complete(start, maxProfiles, freeMemoryKb), maxProfiles, freeMemoryKb));
            }
        }

        /** Whether a part of the search with this bound holds no plan better than the best by the tolerance. */
        boolean prunable(double bound) {
            return bound >= upper * (1 - gapTolerance) - 1e-6;
        }

        /** Notes a part of the search set aside by {@link #prunable}: below the best plan it still bounds the gap. */
        synchronized void pruned(double bound) {
            if (bound < upper) {
                prunedFloor = Math.min(prunedFloor, bound);
            }
        }

        /** Offers the node's relaxed choice (its forced agreements and the most negative others) as a plan. */
        void offerRelaxed(Node node) {
            double[] reduced = scratch.get().reduced;
            int[] selected = scratch.get().selected;
            lagrangian(node.lambda, node, maxProfiles, reduced, selected);
            int count = countSelected(selected);
            int memory = 0;
            for (int s = 0; s < count; s++) {
                memory += sizeKb[selected[s]];
            }
            if (memory <= freeMemoryKb) {
                offer(Arrays.copyOf(selected, count));
            }
        }

        /**
         * Reduced-cost fixing at a node: a free agreement whose forced inclusion lifts the node's Lagrangian bound to
         * where it is {@link #prunable}, or which no longer fits beside the forced ones, is excluded below the node.
         */
        void fixByReducedCost(Node node) {
            double[] reduced = scratch.get().reduced;
            int[] selected = scratch.get().selected;
            double bound = lagrangian(node.lambda, node, maxProfiles, reduced, selected);
            int count = countSelected(selected);
            int free = maxProfiles - node.forced.length;
            double displaced = count == selected.length && count > node.forced.length ? reduced[selected[count - 1]] : 0;
            int memory = 0;
            boolean[] forced = new boolean[agreementCount];
            for (int a : node.forced) {
                memory += sizeKb[a];
                forced[a] = true;
            }
            for (int s = node.forced.length; s < count; s++) {
                forced[selected[s]] = true; // in the relaxed choice: forcing it changes nothing, keep it
            }
            boolean[] excluded = null;
            for (int a = 0; a < agreementCount; a++) {
                if (node.excluded[a] || forced[a]) {
                    continue;
                }
                double withA = bound + reduced[a] - displaced; // the bound of the node with a forced in
                boolean fits = free > 0 && memory + sizeKb[a] <= freeMemoryKb;
                if (!fits || prunable(withA)) {
                    if (fits) {
                        pruned(withA);
                    }
                    if (excluded == null) {
                        excluded = node.excluded.clone();
                    }
                    excluded[a] = true;
                }
            }
            if (excluded != null) {
                node.excluded = excluded;
            }
        }

        synchronized void offer(int[] plan) {
            double cost = evaluate(plan, null);
            if (cost < upper - EPSILON * upper) {
                upper = cost;
                best = plan;
            }
        }

        /**
         * Subgradient optimisation of the node's Lagrangian dual: raises {@code node.bound}, keeps the best
         * multipliers in {@code node.lambda}, and turns relaxed solutions into plans now and then.
         */
        void ascend(Node node, int maxIterations, double initialStep, int patience, int heuristicEvery) {
            Scratch work = scratch.get();
            double[] reduced = work.reduced;
            int[] selected = work.selected;
            double[] subgradient = work.subgradient;
            double[] lambda = node.lambda.clone();
            double[] usage = new double[agreementCount];
            int counted = 0;
            double bestBound = Double.NEGATIVE_INFINITY;
            double step = initialStep;
            int sinceImprovement = 0;
            double target = upper;
            for (int iteration = 0; iteration < maxIterations && step > 1e-5 && !stopped(); iteration++) {
                if (upper < target * (1 - 0.1)) {
                    // The best plan fell by more than 10 % (the first plans may leave a market uncovered, at the
                    // penalty): the steps so far aimed far too high and were halved for it; start the steps again.
                    target = upper;
                    step = initialStep;
                    if (bestBound > Double.NEGATIVE_INFINITY) {
                        lambda = node.lambda.clone(); // and from the best multipliers, not where the steps threw them
                    }
                    sinceImprovement = 0;
                }
                iterationCount.incrementAndGet();
                double bound = lagrangian(lambda, node, maxProfiles, reduced, selected);
                int count = countSelected(selected);
                if (iteration >= maxIterations / 3) { // the early, far-off multipliers say little
                    for (int s = 0; s < count; s++) {
                        usage[selected[s]] += 1;
                    }
                    counted++;
                }
                if (bound > bestBound + EPSILON * Math.abs(bound)) {
                    bestBound = bound;
                    node.lambda = lambda.clone();
                    sinceImprovement = 0;
                } else if (++sinceImprovement >= patience) {
                    step /= 2;
                    sinceImprovement = 0;
                }
                if (heuristicEvery > 0 && iteration % heuristicEvery == 0) {
                    improve(Arrays.copyOf(selected, count));
                }
                if (Math.max(bestBound, node.bound) >= upper * (1 - gapTolerance) - 1e-6) {
                    break;
                }
                double norm = 0;
                Arrays.fill(subgradient, 1.0);
                for (int s = 0; s < count; s++) {
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
                    break; // the relaxed solution covers every market once: it is the node's optimum
                }
                double length = step * (upper - bound) / norm;
                for (int m = 0; m < marketCount; m++) {
                    lambda[m] = Math.max(0, lambda[m] + length * subgradient[m]);
                }
            }
            node.bound = Math.max(node.bound, bestBound);
            if (counted > 0) {
                for (int a = 0; a < agreementCount; a++) {
                    usage[a] /= counted;
                }
                node.usage = usage;
            }
        }
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
     * The Lagrangian bound for multipliers {@code lambda} at {@code node}: fills the reduced cost of each agreement,
     * and in {@code selected} the node's forced agreements followed by the most negative others (up to K in all)
     * that the relaxed problem chooses; unused places are -1.
     */
    private double lagrangian(double[] lambda, Node node, int maxProfiles, double[] reduced, int[] selected) {
        double bound = 0;
        for (int m = 0; m < marketCount; m++) {
            bound += lambda[m] + Math.min(0, penalty - lambda[m]);
        }
        for (int a = 0; a < agreementCount; a++) {
            if (node.excluded[a]) {
                reduced[a] = Double.POSITIVE_INFINITY; // never chosen below this node: not worth computing
                continue;
            }
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
        Arrays.fill(selected, -1);
        int forcedCount = node.forced.length;
        for (int f = 0; f < forcedCount; f++) {
            selected[f] = node.forced[f];
            bound += reduced[node.forced[f]];
        }
        int count = forcedCount;
        for (int a = 0; a < agreementCount; a++) {
            if (reduced[a] >= 0 || node.excluded[a] || contains(node.forced, a)) {
                continue;
            }
            // Keep the most negative after the forced ones by insertion (K is small: an eUICC holds a handful).
            int position = count < selected.length ? count++ : selected.length;
            while (position > forcedCount && reduced[selected[position - 1]] > reduced[a]) {
                if (position < selected.length) {
                    selected[position] = selected[position - 1];
                }
                position--;
            }
            if (position < selected.length) {
                selected[position] = a;
            }
        }
        for (int s = forcedCount; s < count; s++) {
            bound += reduced[selected[s]];
        }
        return bound;
    }

    private static int countSelected(int[] selected) {
        int count = 0;
        while (count < selected.length && selected[count] >= 0) {
            count++;
        }
        return count;
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

    /**
     * Best-improvement local search over drop, add and swap moves until none lowers the cost. Each round keeps, per
     * market, the cheapest and second cheapest chosen cost and which chosen agreement gives the cheapest, so that one
     * pass over each candidate's markets prices adding it and every swap with it (Whitaker's fast interchange).
     */
    private int[] localSearch(int[] start, int maxProfiles, int freeMemoryKb) {
        int[] chosen = new int[Math.max(start.length, maxProfiles)];
        int count = 0;
        boolean[] in = new boolean[agreementCount];
        for (int a : start) {
            chosen[count++] = a;
            in[a] = true;
        }
        double[] cheapest = new double[marketCount];
        double[] second = new double[marketCount];
        int[] owner = new int[marketCount];
        double[] loss = new double[count + 1];
        double[] correction = new double[count + 1];
        while (true) {
            Arrays.fill(cheapest, penalty);
            Arrays.fill(second, penalty);
            Arrays.fill(owner, -1);
            int memory = 0;
            for (int k = 0; k < count; k++) {
                int a = chosen[k];
                memory += sizeKb[a];
                for (int i = 0; i < agreementMarkets[a].length; i++) {
                    int m = agreementMarkets[a][i];
                    double cost = agreementCosts[a][i];
                    if (cost < cheapest[m]) {
                        second[m] = cheapest[m];
                        cheapest[m] = cost;
                        owner[m] = k;
                    } else if (cost < second[m]) {
                        second[m] = cost;
                    }
                }
            }
            double total = 0;
            for (int k = 0; k < count; k++) {
                loss[k] = -fixedCost[chosen[k]];
            }
            for (int m = 0; m < marketCount; m++) {
                total += cheapest[m];
                if (owner[m] >= 0) {
                    loss[owner[m]] += second[m] - cheapest[m];
                }
            }
            double bestDelta = -EPSILON * Math.max(1, total);
            int bestOut = -2; // -2: no move; -1: add only; otherwise the place in chosen of the agreement taken out
            int bestIn = -1;
            for (int k = 0; k < count; k++) {
                if (loss[k] < bestDelta) {
                    bestDelta = loss[k];
                    bestOut = k;
                    bestIn = -1;
                }
            }
            for (int a = 0; a < agreementCount; a++) {
                if (in[a]) {
                    continue;
                }
                double gain = 0;
                Arrays.fill(correction, 0, count, 0);
                int[] markets = agreementMarkets[a];
                double[] costs = agreementCosts[a];
                for (int i = 0; i < markets.length; i++) {
                    int m = markets[i];
                    double withA = Math.min(0, costs[i] - cheapest[m]);
                    gain += withA;
                    if (owner[m] >= 0) {
                        correction[owner[m]] += Math.min(0, costs[i] - second[m]) - withA;
                    }
                }
                double add = fixedCost[a] + gain;
                if (count < maxProfiles && memory + sizeKb[a] <= freeMemoryKb && add < bestDelta) {
                    bestDelta = add;
                    bestOut = -1;
                    bestIn = a;
                }
                for (int k = 0; k < count; k++) {
                    double swap = add + loss[k] + correction[k];
                    if (swap < bestDelta && memory - sizeKb[chosen[k]] + sizeKb[a] <= freeMemoryKb) {
                        bestDelta = swap;
                        bestOut = k;
                        bestIn = a;
                    }
                }
            }
            if (bestOut == -2) {
                return Arrays.copyOf(chosen, count);
            }
            if (bestOut >= 0) {
                in[chosen[bestOut]] = false;
                chosen[bestOut] = chosen[--count];
            }
            if (bestIn >= 0) {
                chosen[count++] = bestIn;
                in[bestIn] = true;
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
        if (!exactStage || survivors.isEmpty() || millisLeft <= 0 || serveVariables > MIP_MAX_SERVE_VARIABLES) {
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
