package io.ifpp.agreement.plan;

import java.util.List;

/**
 * The planner's answer, with its explanation: the chosen profiles and why each is in, the profile each market uses,
 * the cost breakdown, the markets left uncovered with the reason for each, how sure the answer is (optimal, or the
 * proven gap to the lower bound) and the best plans with fewer profiles.
 */
public record PlanResult(String plan, String currency, boolean fullCover, Optimality optimality, Costs costs,
        List<ChosenProfile> profiles, List<MarketAssignment> markets, List<UncoveredMarket> uncovered,
        List<Alternative> alternatives, List<ExcludedAgreement> excluded, SolverRun solver) {

    /**
     * @param status "optimal", or "within-gap" when the search stopped with the best plan proven within {@code gap}
     *        (a fraction) of the optimum
     * @param lowerBound no plan with these markets covered costs less
     */
    public record Optimality(String status, double totalCost, double lowerBound, double gap) {
    }

    /** @param profileFees per-profile fees over all devices; {@code serviceFees} monthly fees over the service period */
    public record Costs(double profileFees, double serviceFees, double total) {
    }

    /**
     * @param reason why it is in the set: what removing it would cost or leave uncovered
     */
    public record ChosenProfile(String agreementId, String provider, int sizeKb, double profileFees,
            List<String> marketsServed, String reason) {
    }

    /** @param fallbacks other chosen profiles that also serve the market (networks to fall back to) */
    public record MarketAssignment(String country, long quantity, String agreementId, double serviceFees,
            List<String> fallbacks) {
    }

    public record UncoveredMarket(String country, long quantity, String reason) {
    }

    /** The best plan with at most {@code maxProfiles} profiles. */
    public record Alternative(int maxProfiles, double totalCost, String status, double gap, int uncoveredMarkets,
            List<String> agreementIds) {
    }

    public record ExcludedAgreement(String agreementId, String reason) {
    }

    /**
     * @param survivors agreements left after the reduced-cost test, settled by the MIP solver ({@code mipUsed})
     */
    public record SolverRun(String method, long millis, int candidates, int lagrangianIterations, int survivors,
            boolean mipUsed) {
    }
}
