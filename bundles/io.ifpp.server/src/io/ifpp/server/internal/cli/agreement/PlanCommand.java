package io.ifpp.server.internal.cli.agreement;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.server.internal.cli.NeedsClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ifpp plan}: the one-SKU profile set; exit 0 when every market is covered, 1 otherwise. */
@Command(name = "plan", description = "Choose the profile set for one SKU at least cost, and explain it.")
public final class PlanCommand extends NeedsClock.Command implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PlanInputs inputs = new PlanInputs();

    @Option(names = "--json", description = "Print the plan as JSON (states optimal, or the proven gap).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PlanResult result = inputs.run(inputs.readPlan(), inputs.readAgreements(), LocalDate.now(clock));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(DesignFiles.toJson(result));
        } else {
            print(result, out);
        }
        return result.fullCover() ? 0 : 1;
    }

    static void print(PlanResult result, PrintWriter out) {
        PlanResult.Optimality optimality = result.optimality();
        out.printf(Locale.ROOT, "%s: %d profile(s), total %,.2f %s (profile fees %,.2f, service fees %,.2f)%n",
                result.plan(), result.profiles().size(), result.costs().total(), result.currency(),
                result.costs().profileFees(), result.costs().serviceFees());
        out.println(optimality.status().equals("optimal") ? "  optimal (proven)"
                : String.format(Locale.ROOT, "  best found; proven within %.2f %% of the optimum (lower bound %,.2f)",
                        optimality.gap() * 100, optimality.lowerBound()));
        for (PlanResult.ChosenProfile profile : result.profiles()) {
            out.printf(Locale.ROOT, "  %-24s %4d KB  %s%n", profile.agreementId(), profile.sizeKb(), profile.reason());
        }
        for (PlanResult.MarketAssignment market : result.markets()) {
            out.printf(Locale.ROOT, "  %s %,9d devices  %-24s %,14.2f%s%n", market.country(), market.quantity(),
                    market.agreementId(), market.serviceFees(),
                    market.fallbacks().isEmpty() ? "" : "  fallback " + String.join(", ", market.fallbacks()));
        }
        for (PlanResult.UncoveredMarket market : result.uncovered()) {
            out.printf(Locale.ROOT, "  %s UNCOVERED: %s%n", market.country(), market.reason());
        }
        out.println("  cost by number of profiles:");
        for (PlanResult.Alternative alternative : result.alternatives()) {
            out.printf(Locale.ROOT, "    k=%d  %,14.2f  %s%s%n", alternative.maxProfiles(), alternative.totalCost(),
                    String.join(", ", alternative.agreementIds()), alternative.uncoveredMarkets() == 0 ? ""
                            : "  (" + alternative.uncoveredMarkets() + " markets uncovered)");
        }
    }
}
