package io.ifpp.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.ifpp.profile.InitialEim;

/**
 * One SKU's product plan: where it ships, how many, when, on which radio technologies, in which environments, and
 * the eUICC's room for profiles. Costs are planned over {@code serviceMonths} of service per device.
 *
 * @param currency ISO 4217 code every agreement of the plan must be priced in
 * @param requiredRats the device's radio technologies; a market is covered by a profile offering at least one
 * @param environments the default deployment mix (shares summing to 1), used by markets without their own
 * @param risk assumptions of the first-connectivity risk model; absent values take {@link RiskAssumptions#DEFAULTS}
 * @param eim the fleet's eIM (SGP.32), given to every eUICC at manufacture; null when the devices get none
 */
public record ProductPlan(String name, boolean example, String currency, List<Market> markets, ShipWindow shipWindow,
        int serviceMonths, List<Rat> requiredRats, Euicc euicc, Map<Environment, Double> environments,
        RiskAssumptions risk, Eim eim) {

    /** A plan without an eIM. */
    public ProductPlan(String name, boolean example, String currency, List<Market> markets, ShipWindow shipWindow,
            int serviceMonths, List<Rat> requiredRats, Euicc euicc, Map<Environment, Double> environments,
            RiskAssumptions risk) {
        this(name, example, currency, markets, shipWindow, serviceMonths, requiredRats, euicc, environments, risk, null);
    }

    public static final int DEFAULT_SERVICE_MONTHS = 36;

    public ProductPlan {
        markets = markets == null ? List.of() : List.copyOf(markets);
        requiredRats = requiredRats == null ? List.of() : List.copyOf(requiredRats);
        environments = environments == null ? Map.of(Environment.INDOOR, 1.0) : Map.copyOf(environments);
        currency = currency == null ? "EUR" : currency;
        serviceMonths = serviceMonths == 0 ? DEFAULT_SERVICE_MONTHS : serviceMonths;
        risk = RiskAssumptions.DEFAULTS.overriddenBy(risk);
    }

    public long totalQuantity() {
        return markets.stream().mapToLong(Market::quantity).sum();
    }

    /** The day the service period ends for the last device shipped: technologies must outlive it. */
    public LocalDate serviceEnd() {
        return shipWindow == null || shipWindow.until() == null ? null : shipWindow.until().plusMonths(serviceMonths);
    }

    public Map<Environment, Double> environmentsOf(Market market) {
        return market.environments() == null || market.environments().isEmpty() ? environments : market.environments();
    }

    /** A target market: a country and the number of devices shipped to it. */
    public record Market(String country, long quantity, Map<Environment, Double> environments) {

        public Market {
            environments = environments == null ? null : Map.copyOf(environments);
        }
    }

    public record ShipWindow(LocalDate from, LocalDate until) {
    }

    /**
     * The eIM (GSMA SGP.32) that manages the fleet in the field: what each eUICC gets in its AddInitialEimRequest.
     * Keys and certificates are DER in base64 (one line each).
     *
     * @param id the eimId
     * @param fqdn the eIM's FQDN (or an intermediate server's), optional
     * @param idType eimIdTypeOid, eimIdTypeFqdn or eimIdTypeProprietary, optional
     * @param publicKey the eIM's key for eUICC package signatures (SubjectPublicKeyInfo); or {@code certificate}
     * @param certificate the eIM's certificate; or {@code publicKey}
     * @param tlsPublicKey the key trusted for (D)TLS with the eIM, optional
     * @param tlsCertificate the certificate (the eIM's or its CA's) trusted for (D)TLS, optional
     * @param protocols eimRetrieveHttps, eimRetrieveCoaps, eimInjectHttps, eimInjectCoaps, eimProprietary
     * @param counter the eIM's initial counter value, optional
     */
    public record Eim(String id, String fqdn, String idType, String publicKey, String certificate, String tlsPublicKey,
            String tlsCertificate, List<String> protocols, Long counter) {

        public Eim {
            protocols = protocols == null ? List.of() : List.copyOf(protocols);
        }

        /**
         * As {@link InitialEim} takes it.
         *
         * @throws IllegalArgumentException naming the setting ({@code eim > publicKey}, ...) that is not base64
         */
        public InitialEim.Configuration configuration() {
            return new InitialEim.Configuration(id, fqdn, idType, der("publicKey", publicKey),
                    der("certificate", certificate), der("tlsPublicKey", tlsPublicKey),
                    der("tlsCertificate", tlsCertificate), protocols, counter);
        }

        private static byte[] der(String setting, String base64) {
            if (base64 == null) {
                return null;
            }
            try {
                return Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ": not base64 (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * The eUICC of the SKU.
     *
     * @param connector id of the vendor's personalization connector (e.g. simulator)
     * @param maxProfiles how many operational profiles it holds
     * @param freeMemoryKb memory free for profiles
     */
    public record Euicc(String vendor, String connector, int maxProfiles, int freeMemoryKb) {
    }

    /**
     * Assumptions of the first-connectivity risk model. Each is a plain number in the plan file so that a reader sees
     * what the report's figures follow from.
     *
     * @param bootstrapFirstAttachFailure share of devices whose bootstrap profile fails to attach and download the
     *        operational profile at first power-on, per environment
     * @param inFactoryFirstAttachFailure share of devices whose in-factory operational profile fails its first
     *        attach, per environment, with one profile covering the market
     * @param additionalNetworkFactor each further chosen profile covering a market multiplies the in-factory failure
     *        share by this (another network to fall back to)
     * @param truckRollShare share of failed first attaches that need a site visit
     * @param truckRollCost cost of one site visit, in the plan's currency
     */
    public record RiskAssumptions(Map<Environment, Double> bootstrapFirstAttachFailure,
            Map<Environment, Double> inFactoryFirstAttachFailure, Double additionalNetworkFactor, Double truckRollShare,
            BigDecimal truckRollCost) {

        /** Documented defaults (docs/planner.md): rough industry figures, to be replaced by the maker's own. */
        public static final RiskAssumptions DEFAULTS = new RiskAssumptions(
                shares(0.03, 0.15, 0.35, 0.10, 0.25), shares(0.01, 0.06, 0.20, 0.06, 0.12), 0.6, 0.5,
                new BigDecimal("150"));

        RiskAssumptions overriddenBy(RiskAssumptions override) {
            if (override == null) {
                return this;
            }
            return new RiskAssumptions(merge(bootstrapFirstAttachFailure, override.bootstrapFirstAttachFailure),
                    merge(inFactoryFirstAttachFailure, override.inFactoryFirstAttachFailure),
                    override.additionalNetworkFactor != null ? override.additionalNetworkFactor : additionalNetworkFactor,
                    override.truckRollShare != null ? override.truckRollShare : truckRollShare,
                    override.truckRollCost != null ? override.truckRollCost : truckRollCost);
        }

        private static Map<Environment, Double> merge(Map<Environment, Double> defaults, Map<Environment, Double> given) {
            if (given == null) {
                return defaults;
            }
            Map<Environment, Double> merged = new EnumMap<>(Environment.class);
            merged.putAll(defaults);
            merged.putAll(given);
            return Map.copyOf(merged);
        }

        private static Map<Environment, Double> shares(double indoor, double basement, double vault, double rural,
                double metal) {
            return Map.of(Environment.INDOOR, indoor, Environment.BASEMENT, basement, Environment.UNDERGROUND_VAULT,
                    vault, Environment.RURAL, rural, Environment.METAL_ENCLOSURE, metal);
        }
    }
}
