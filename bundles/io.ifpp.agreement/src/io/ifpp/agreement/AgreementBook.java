package io.ifpp.agreement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Operators, agreements and country rules, as read from one or more agreement files; {@link #merge} joins the books of
 * several files (validation reports duplicates across them).
 */
public record AgreementBook(List<Operator> operators, List<Agreement> agreements, List<CountryRule> countryRules) {

    public static final AgreementBook EMPTY = new AgreementBook(List.of(), List.of(), List.of());

    public AgreementBook {
        operators = operators == null ? List.of() : List.copyOf(operators);
        agreements = agreements == null ? List.of() : List.copyOf(agreements);
        countryRules = countryRules == null ? List.of() : List.copyOf(countryRules);
    }

    public AgreementBook merge(AgreementBook other) {
        return new AgreementBook(concat(operators, other.operators), concat(agreements, other.agreements),
                concat(countryRules, other.countryRules));
    }

    public Optional<Operator> operator(String id) {
        return operators.stream().filter(o -> o.id() != null && o.id().equals(id)).findFirst();
    }

    /** The operator running a network, by PLMN as written in the files (MCC-MNC). */
    public Optional<Operator> operatorOfPlmn(String plmn) {
        return operators.stream().filter(o -> o.plmns().contains(plmn)).findFirst();
    }

    public Optional<Agreement> agreement(String id) {
        return agreements.stream().filter(a -> a.id() != null && a.id().equals(id)).findFirst();
    }

    public boolean forbidsPermanentRoaming(String country) {
        return countryRules.stream().anyMatch(r -> country.equals(r.country()) && r.permanentRoamingForbidden());
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
