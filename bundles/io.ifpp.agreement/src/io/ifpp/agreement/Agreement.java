package io.ifpp.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ifpp.core.Plmn;

/**
 * A commercial agreement with an operator or connectivity provider that supplies one operational profile for
 * in-factory provisioning, and where that profile attaches.
 *
 * @param provider the operator or connectivity provider that signed it
 * @param operator id of the operator whose profile (home PLMN) is supplied
 * @param factoryProvisioning whether the profile may be loaded at the eUICC vendor's personalization facility;
 *        without it the agreement is not IFPP
 * @param profileQuota the number of profiles the agreement allows to be produced
 * @param smdpPlus who prepares the profiles (SM-DP+) and through which connector they are ordered
 */
public record Agreement(String id, String provider, String operator, ProfileSupply profile, List<Coverage> coverage,
        boolean factoryProvisioning, long profileQuota, LocalDate validFrom, LocalDate validUntil, Prices prices,
        AgreementStatus status, SmdpPlus smdpPlus, boolean example) {

    public Agreement {
        coverage = coverage == null ? List.of() : List.copyOf(coverage);
    }

    /**
     * The coverage's radio technologies per network (the home network among them), networks in coverage order; a
     * network that is no PLMN is left out (the validator reports it).
     */
    public Map<Plmn, List<Rat>> ratsByNetwork() {
        Map<Plmn, List<Rat>> networks = new LinkedHashMap<>();
        for (Coverage entry : coverage) {
            Plmn network;
            try {
                network = Plmn.parse(entry.network());
            } catch (RuntimeException notAPlmn) {
                continue;
            }
            networks.computeIfAbsent(network, n -> new ArrayList<>()).addAll(entry.rats());
        }
        return networks;
    }

    /** This agreement with another profile supply. */
    public Agreement withProfile(ProfileSupply supply) {
        return new Agreement(id, provider, operator, supply, coverage, factoryProvisioning, profileQuota, validFrom,
                validUntil, prices, status, smdpPlus, example);
    }

    /**
     * The profile supplied: its home network and size on the eUICC, and the profile design it comes from.
     *
     * @param sizeKb its size on the eUICC; where the design reads, its measured size replaces this
     *        ({@link ProfileDesigns#measured})
     * @param design path of the SAIP profile design under the designs root ({@link ProfileDesigns}), e.g.
     *        {@code profiles/nordlicht-eu-iot.der}
     * @param iccidPrefix the ICCID range the MNO allocated for these factory-provisioned profiles (optional until a
     *        batch is made: its ICCIDs are this prefix, a sequence number and the Luhn check digit)
     */
    public record ProfileSupply(String homePlmn, int sizeKb, String design, String iccidPrefix) {
    }

    /**
     * A country where the profile attaches, through which network and radio technologies.
     *
     * @param network the PLMN attached to: the home PLMN, or a roaming partner's
     * @param permanentRoaming whether devices may stay on the partner network indefinitely (IoT devices do)
     */
    public record Coverage(String country, String network, List<Rat> rats, boolean permanentRoaming) {

        public Coverage {
            rats = rats == null ? List.of() : List.copyOf(rats);
        }
    }

    /**
     * Prices in one currency: a one-off fee per profile produced (every eUICC of the SKU carries it) and a monthly
     * fee per device in service, by country with a default.
     */
    public record Prices(String currency, BigDecimal perProfile, BigDecimal perDeviceMonth,
            Map<String, BigDecimal> perDeviceMonthByCountry) {

        public Prices {
            perDeviceMonthByCountry = perDeviceMonthByCountry == null ? Map.of() : Map.copyOf(perDeviceMonthByCountry);
        }

        public BigDecimal perDeviceMonthIn(String country) {
            return perDeviceMonthByCountry.getOrDefault(country, perDeviceMonth);
        }
    }

    /** @param connector id of the SM-DP+ connector (e.g. es2plus) through which profiles are ordered */
    public record SmdpPlus(String operator, String connector) {
    }
}
