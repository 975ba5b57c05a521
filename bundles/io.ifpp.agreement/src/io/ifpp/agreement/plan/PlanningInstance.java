package io.ifpp.agreement.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementStatus;
import io.ifpp.agreement.Operator;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.Rat;

/**
 * What the planner chooses from: the agreements eligible for the plan with the cost of carrying each profile, and for
 * every market the eligible agreements that serve it with their cost. It keeps the reason for every agreement left
 * out and for every agreement that does not serve a market, so that a plan can be explained.
 */
public final class PlanningInstance {

    /** An eligible agreement: its profile's size and the cost of loading it on every eUICC of the plan. */
    public record Candidate(String agreementId, String provider, double fixedCost, int sizeKb) {
    }

    /** A target market with the candidates that serve it (indices into {@link #candidates()}) and their costs. */
    public record MarketOption(String country, long quantity, int[] candidates, double[] costs) {
    }

    private final List<Candidate> candidates;
    private final List<MarketOption> markets;
    private final int maxProfiles;
    private final int freeMemoryKb;
    private final String currency;
    private final Map<String, String> excluded;
    private final Map<String, List<String>> notServing;

    public PlanningInstance(List<Candidate> candidates, List<MarketOption> markets, int maxProfiles, int freeMemoryKb,
            String currency, Map<String, String> excluded, Map<String, List<String>> notServing) {
        this.candidates = List.copyOf(candidates);
        this.markets = List.copyOf(markets);
        this.maxProfiles = maxProfiles;
        this.freeMemoryKb = freeMemoryKb;
        this.currency = currency;
        this.excluded = Map.copyOf(excluded);
        this.notServing = Map.copyOf(notServing);
    }

    /**
     * Applies the plan's rules to the book: an agreement is eligible when signed, factory provisioning is permitted,
     * it is valid over the whole ship window, its quota covers every device, it is priced in the plan's currency and
     * its profile fits the eUICC. It serves a market when its coverage there offers a required radio technology
     * not switched off before the service ends, on its home network or by permitted permanent roaming into a country
     * that allows it.
     */
    public static PlanningInstance of(ProductPlan plan, AgreementBook book) {
        long devices = plan.totalQuantity();
        List<Candidate> candidates = new ArrayList<>();
        List<Agreement> eligible = new ArrayList<>();
        Map<String, String> excluded = new LinkedHashMap<>();
        for (Agreement agreement : book.agreements()) {
            Optional<String> reason = exclusion(agreement, plan, devices);
            if (reason.isPresent()) {
                excluded.put(agreement.id(), reason.get());
                continue;
            }
            eligible.add(agreement);
            double fixed = agreement.prices().perProfile().doubleValue() * devices;
            candidates.add(new Candidate(agreement.id(), agreement.provider(), fixed, agreement.profile().sizeKb()));
        }
        List<MarketOption> markets = new ArrayList<>();
        Map<String, List<String>> notServing = new LinkedHashMap<>();
        for (ProductPlan.Market market : plan.markets()) {
            List<Integer> serving = new ArrayList<>();
            List<Double> costs = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (int c = 0; c < eligible.size(); c++) {
                Agreement agreement = eligible.get(c);
                Optional<String> reason = whyNotServing(agreement, market.country(), plan, book);
                if (reason.isPresent()) {
                    reasons.add(agreement.id() + ": " + reason.get());
                } else {
                    serving.add(c);
                    BigDecimal monthly = agreement.prices().perDeviceMonthIn(market.country());
                    costs.add(monthly.doubleValue() * market.quantity() * plan.serviceMonths());
                }
            }
            excluded.forEach((id, why) -> reasons.add(id + ": " + why));
            notServing.put(market.country(), reasons);
            markets.add(new MarketOption(market.country(), market.quantity(),
                    serving.stream().mapToInt(Integer::intValue).toArray(),
                    costs.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        ProductPlan.Euicc euicc = plan.euicc();
        return new PlanningInstance(candidates, markets, euicc == null ? 0 : euicc.maxProfiles(),
                euicc == null ? 0 : euicc.freeMemoryKb(), plan.currency(), excluded, notServing);
    }

    static Optional<String> exclusion(Agreement agreement, ProductPlan plan, long devices) {
        if (agreement.status() != AgreementStatus.SIGNED) {
            return Optional.of("status " + agreement.status() + ", not signed");
        }
        if (!agreement.factoryProvisioning()) {
            return Optional.of("factory provisioning not permitted: its profile cannot be loaded at the eUICC vendor");
        }
        if (agreement.profile() == null || agreement.prices() == null || agreement.prices().perProfile() == null
                || agreement.prices().perDeviceMonth() == null || agreement.validFrom() == null
                || agreement.validUntil() == null) {
            return Optional.of("incomplete (profile, prices or validity missing): see agreements validate");
        }
        ProductPlan.ShipWindow window = plan.shipWindow();
        if (window != null && window.until() != null && agreement.validUntil().isBefore(window.until())) {
            return Optional.of("expires " + agreement.validUntil() + ", before the ship window ends " + window.until());
        }
        if (window != null && window.from() != null && agreement.validFrom().isAfter(window.from())) {
            return Optional.of("valid from " + agreement.validFrom() + ", after the ship window starts " + window.from());
        }
        if (agreement.profileQuota() < devices) {
            return Optional.of(String.format(Locale.ROOT, "quota of %,d profiles is below the plan's %,d devices",
                    agreement.profileQuota(), devices));
        }
        if (!plan.currency().equals(agreement.prices().currency())) {
            return Optional.of("priced in " + agreement.prices().currency() + ", the plan in " + plan.currency());
        }
        if (plan.euicc() != null && agreement.profile().sizeKb() > plan.euicc().freeMemoryKb()) {
            return Optional.of("profile of " + agreement.profile().sizeKb() + " KB exceeds the eUICC's free "
                    + plan.euicc().freeMemoryKb() + " KB");
        }
        return Optional.empty();
    }

    static Optional<String> whyNotServing(Agreement agreement, String country, ProductPlan plan, AgreementBook book) {
        List<Agreement.Coverage> entries = agreement.coverage().stream().filter(c -> country.equals(c.country())).toList();
        if (entries.isEmpty()) {
            return Optional.of("no coverage in " + country);
        }
        String last = null;
        for (Agreement.Coverage coverage : entries) {
            String network = coverage.network() != null ? coverage.network() : agreement.profile().homePlmn();
            boolean roaming = !network.equals(agreement.profile().homePlmn());
            if (roaming && !coverage.permanentRoaming()) {
                last = "roaming on " + network + " in " + country + " is not permitted permanently";
                continue;
            }
            if (roaming && book.forbidsPermanentRoaming(country)) {
                last = country + " forbids permanent roaming (on " + network + ")";
                continue;
            }
            List<Rat> usable = usableRats(coverage, network, country, plan, book);
            if (usable.isEmpty()) {
                last = "no " + plan.requiredRats() + " on " + network + " in " + country + " through the service end "
                        + plan.serviceEnd() + " (offers " + coverage.rats() + ")";
                continue;
            }
            return Optional.empty();
        }
        return Optional.of(last);
    }

    /** The plan's technologies offered on this coverage and not switched off before the service period ends. */
    private static List<Rat> usableRats(Agreement.Coverage coverage, String network, String country, ProductPlan plan,
            AgreementBook book) {
        LocalDate serviceEnd = plan.serviceEnd();
        Optional<Operator> operator = book.operatorOfPlmn(network);
        return coverage.rats().stream().filter(plan.requiredRats()::contains).filter(rat -> operator
                .map(o -> o.radio().stream().noneMatch(access -> access.rat() == rat && country.equals(access.country())
                        && access.sunset() != null && serviceEnd != null && access.sunset().isBefore(serviceEnd)))
                .orElse(true)).toList();
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    public List<MarketOption> markets() {
        return markets;
    }

    public int maxProfiles() {
        return maxProfiles;
    }

    public int freeMemoryKb() {
        return freeMemoryKb;
    }

    public String currency() {
        return currency;
    }

    /** Agreements left out of the plan, by id, with the reason. */
    public Map<String, String> excluded() {
        return excluded;
    }

    /** Per market country: each agreement that does not serve it, as "id: reason". */
    public Map<String, List<String>> notServing() {
        return notServing;
    }
}
