package io.ifpp.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.ifpp.agreement.internal.GeneratedInstances;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.plan.Planner;
import io.ifpp.agreement.plan.PlanningInstance;

/**
 * The one-SKU planner on a generated 250-market x 1,000-agreement portfolio (eUICC: 6 profiles, 640 KB), given the
 * target's budget of 1 s (or {@code budgetSeconds}): time until the plan is proven within 1 % of the optimum, or
 * until the budget ends the search. The proven gap reached is printed after each trial; a run that ends at 1 s with a larger gap misses the
 * target.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class PlannerBenchmark {

    @Param({ "1", "2", "3" })
    public long seed;

    /** The target's 1 s; with a longer budget ({@code -p budgetSeconds=20}) the score is the time to a proven 1 %. */
    @Param({ "1" })
    public long budgetSeconds;

    private PlanningInstance instance;
    private PlanResult last;

    @Setup(Level.Trial)
    public void generate() {
        instance = GeneratedInstances.generate(250, 1000, 6, 640, seed);
    }

    @Benchmark
    public PlanResult planToOnePercentGap() {
        last = new Planner().plan(instance, "generated",
                new Planner.Options(Duration.ofSeconds(budgetSeconds), 0.01, false), null);
        return last;
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf(Locale.ROOT, "%nseed %d: %s, proven gap %.2f %%, %d profiles, %d Lagrangian iterations%n", seed,
                last.optimality().status(), last.optimality().gap() * 100, last.profiles().size(),
                last.solver().lagrangianIterations());
    }
}
