package io.ifpp.agreement;

import java.time.LocalDate;
import java.util.List;

/**
 * A mobile network operator: its networks (PLMNs) and the radio access it runs in each country, with sunset dates
 * for technologies being switched off.
 *
 * @param example true for invented data (the examples folder), shown as such in reports
 */
public record Operator(String id, String name, String homeCountry, List<String> plmns, List<RadioAccess> radio,
        boolean example) {

    public Operator {
        plmns = plmns == null ? List.of() : List.copyOf(plmns);
        radio = radio == null ? List.of() : List.copyOf(radio);
    }

    /** One technology in one country; {@code sunset} is the day it is switched off, null when none is announced. */
    public record RadioAccess(String country, Rat rat, LocalDate sunset) {
    }
}
