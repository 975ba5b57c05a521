package io.ifpp.agreement.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.ifpp.agreement.plan.PlanningInstance;

/**
 * Seeded planning instances shaped like real agreement portfolios, for the benchmark and the solver tests: many
 * local operators (home country and a few neighbours, cheap), fewer regional ones (a region of 50 markets) and a few
 * global IoT providers (most of the world, dearer), with per-profile fees over every device and monthly fees per
 * market over the service period.
 */
public final class GeneratedInstances {

    private GeneratedInstances() {
    }

    public static PlanningInstance generate(int marketCount, int agreementCount, int maxProfiles, int freeMemoryKb,
            long seed) {
        Random random = new Random(seed);
        int months = 36;
        long[] quantity = new long[marketCount];
        long devices = 0;
        for (int m = 0; m < marketCount; m++) {
            quantity[m] = 100 + (long) Math.exp(random.nextDouble() * Math.log(50_000));
            devices += quantity[m];
        }
        int regionSize = Math.max(1, Math.min(50, marketCount));
        List<PlanningInstance.Candidate> candidates = new ArrayList<>();
        List<Map<Integer, Double>> monthly = new ArrayList<>();
        for (int a = 0; a < agreementCount; a++) {
            double kind = random.nextDouble();
            int home = random.nextInt(marketCount);
            Map<Integer, Double> price = new TreeMap<>();
            double perProfile;
            if (kind < 0.6) {
                perProfile = 0.2 + 0.4 * random.nextDouble();
                price.put(home, 0.10 + 0.30 * random.nextDouble());
                for (int n = random.nextInt(4); n > 0; n--) {
                    price.putIfAbsent(neighbour(home, 3, marketCount, random), 0.3 + 0.4 * random.nextDouble());
                }
            } else if (kind < 0.9) {
                perProfile = 0.5 + 0.7 * random.nextDouble();
                int regionStart = home / regionSize * regionSize;
                int reach = 15 + random.nextInt(36);
                price.put(home, 0.2 + 0.3 * random.nextDouble());
                for (int n = 0; n < reach; n++) {
                    int m = Math.min(marketCount - 1, regionStart + random.nextInt(regionSize));
                    price.putIfAbsent(m, 0.3 + 0.5 * random.nextDouble());
                }
            } else {
                perProfile = 1.0 + 1.5 * random.nextDouble();
                int reach = (int) (marketCount * (0.4 + 0.52 * random.nextDouble()));
                double level = 0.6 + 0.8 * random.nextDouble();
                for (int n = 0; n < reach; n++) {
                    price.putIfAbsent(random.nextInt(marketCount), level * (0.8 + 0.4 * random.nextDouble()));
                }
            }
            candidates.add(new PlanningInstance.Candidate("agreement-" + a, "provider-" + a, perProfile * devices,
                    50 + random.nextInt(101)));
            monthly.add(price);
        }
        List<PlanningInstance.MarketOption> markets = new ArrayList<>();
        Map<String, List<String>> notServing = new LinkedHashMap<>();
        for (int m = 0; m < marketCount; m++) {
            List<Integer> serving = new ArrayList<>();
            List<Double> costs = new ArrayList<>();
            for (int a = 0; a < agreementCount; a++) {
                Double perMonth = monthly.get(a).get(m);
                if (perMonth != null) {
                    serving.add(a);
                    costs.add(perMonth * quantity[m] * months);
                }
            }
            String country = "M" + m;
            notServing.put(country, List.of());
            markets.add(new PlanningInstance.MarketOption(country, quantity[m],
                    serving.stream().mapToInt(Integer::intValue).toArray(),
                    costs.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return new PlanningInstance(candidates, markets, maxProfiles, freeMemoryKb, "EUR", Map.of(), notServing);
    }

    private static int neighbour(int home, int distance, int marketCount, Random random) {
        int offset = random.nextInt(2 * distance + 1) - distance;
        return Math.floorMod(home + offset, marketCount);
    }
}
