package io.ifpp.agreement;

/**
 * A country's rule on permanent roaming (several countries forbid IoT devices from staying on a foreign profile).
 *
 * @param source where the rule comes from, so that a reader can check it
 */
public record CountryRule(String country, boolean permanentRoamingForbidden, String source) {
}
