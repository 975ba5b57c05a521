package io.ifpp.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.ifpp.core.Country;
import io.ifpp.core.Diagnostic;
import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Plmn;
import io.ifpp.profile.InitialEim;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileValidator;

/**
 * Checks agreement books and product plans: every finding names the item (operator, agreement, market), the field,
 * what was expected and what was found. Index is the item's position in its list.
 */
public final class AgreementValidator {

    /** An MNO's ICCID range for factory profiles: 89, then country code and issuer (ITU-T E.118). */
    private static final String ICCID_RANGE = "89\\d{4,12}";

    private final LocalDate today;

    /** @param today the day against which "already expired" is judged */
    public AgreementValidator(LocalDate today) {
        this.today = today;
    }

    public List<Diagnostic> validate(AgreementBook book) {
        List<Diagnostic> found = new ArrayList<>();
        duplicates(book.operators(), Operator::id, "operator", found);
        duplicates(book.agreements(), Agreement::id, "agreement", found);
        for (int i = 0; i < book.operators().size(); i++) {
            checkOperator(i, book.operators().get(i), found);
        }
        for (int i = 0; i < book.countryRules().size(); i++) {
            country(book.countryRules().get(i).country(), i, "country rule " + i + " > country", found);
        }
        for (int i = 0; i < book.agreements().size(); i++) {
            checkAgreement(i, book.agreements().get(i), book, found);
        }
        checkOverlaps(book, found);
        checkIccidRanges(book, found);
        return found;
    }

    /**
     * The errors (warnings left out) of the book and of the plan on its own: what refuses them before any planning.
     */
    public List<Diagnostic> errors(ProductPlan plan, AgreementBook book) {
        List<Diagnostic> found = new ArrayList<>(validate(book));
        found.addAll(validate(plan));
        return found.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    }

    /** As {@link #errors(ProductPlan, AgreementBook)}, with the errors of the agreements' profile designs. */
    public List<Diagnostic> errors(ProductPlan plan, AgreementBook book, ProfileDesigns designs) {
        List<Diagnostic> found = new ArrayList<>(errors(plan, book));
        designs(book, designs).stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).forEach(found::add);
        return found;
    }

    /** The plan on its own, then the book's agreements against the plan (quota, validity, currency). */
    public List<Diagnostic> validate(ProductPlan plan, AgreementBook book) {
        List<Diagnostic> found = new ArrayList<>(validate(plan));
        for (int i = 0; i < book.agreements().size(); i++) {
            Agreement agreement = book.agreements().get(i);
            String where = "agreement '" + agreement.id() + "'";
            if (agreement.profileQuota() > 0 && agreement.profileQuota() < plan.totalQuantity()) {
                found.add(Diagnostic.warning("quota-exceeded", i, where + " > profileQuota",
                        "the plan needs one profile per device, more than the agreement's quota",
                        "at least " + plan.totalQuantity(), Long.toString(agreement.profileQuota())));
            }
            ProductPlan.ShipWindow window = plan.shipWindow();
            if (window != null && window.from() != null && window.until() != null && agreement.validUntil() != null) {
                if (agreement.validUntil().isBefore(window.from())) {
                    found.add(Diagnostic.error("expires-before-ship-window", i, where + " > validUntil",
                            "the agreement expires before the ship window starts",
                            "on or after " + window.until(), agreement.validUntil().toString()));
                } else if (agreement.validUntil().isBefore(window.until())) {
                    found.add(Diagnostic.warning("expires-before-ship-window", i, where + " > validUntil",
                            "the agreement expires inside the ship window", "on or after " + window.until(),
                            agreement.validUntil().toString()));
                }
            }
            if (agreement.prices() != null && agreement.prices().currency() != null
                    && !agreement.prices().currency().equals(plan.currency())) {
                found.add(Diagnostic.warning("currency", i, where + " > prices > currency",
                        "priced in another currency than the plan; the planner leaves it out", plan.currency(),
                        agreement.prices().currency()));
            }
        }
        return found;
    }

    /**
     * What the calendar has overtaken, judged on today: the plan's ship window if it has ended, and each signed
     * agreement of the book whose validity has ended. Warnings, each with the date it passed: the files are history,
     * not wrong, and the architect decides whether to move the window or renew the agreement.
     */
    public List<Diagnostic> overtaken(ProductPlan plan, AgreementBook book) {
        List<Diagnostic> found = new ArrayList<>();
        ended(plan).ifPresent(found::add);
        for (int i = 0; i < book.agreements().size(); i++) {
            expired(i, book.agreements().get(i)).ifPresent(found::add);
        }
        return found;
    }

    /**
     * Each agreement's profile design against the agreement: the design exists under {@code designs}, decodes and
     * validates; its IMSI is of the home PLMN and its ICCID in the agreement's range; its HPLMNwAcT names the home
     * PLMN and its OPLMNwACT every roaming network of the coverage, each with the radio technologies the coverage
     * lists. A factory-provisioned agreement without a design is a warning (no batch can load it); a size written in
     * the agreement that differs from the design's measured one too (the measured one counts).
     */
    public List<Diagnostic> designs(AgreementBook book, ProfileDesigns designs) {
        List<Diagnostic> found = new ArrayList<>();
        for (int i = 0; i < book.agreements().size(); i++) {
            Agreement agreement = book.agreements().get(i);
            Agreement.ProfileSupply supply = agreement.profile();
            if (supply == null) {
                continue; // reported by validate(book)
            }
            String where = "agreement '" + agreement.id() + "' > profile > design";
            if (supply.design() == null || supply.design().isBlank()) {
                if (agreement.factoryProvisioning()) {
                    found.add(Diagnostic.warning("design-missing", i, where, "no SAIP profile design: a batch cannot "
                            + "personalize and load this profile", "a design under " + designs.root(), "none"));
                }
                continue;
            }
            ProfileDesigns.Design design;
            try {
                design = designs.read(supply.design());
            } catch (DesignFileException e) {
                found.add(Diagnostic.error("design-unreadable", i, where, e.getMessage(), "a SAIP profile package",
                        supply.design()));
                continue;
            }
            List<Diagnostic> invalid = ProfileValidator.validate(design.profile()).stream()
                    .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
            if (!invalid.isEmpty()) {
                Diagnostic first = invalid.get(0);
                found.add(Diagnostic.error("design-invalid", i, where, "the design " + supply.design()
                        + " does not validate: " + first.location() + ": " + first.message()
                        + (invalid.size() > 1 ? " (and " + (invalid.size() - 1) + " more)" : ""), first.expected(),
                        first.found()));
            }
            checkDesign(i, where, agreement, design, found);
        }
        return found;
    }

    private static void checkDesign(int index, String where, Agreement agreement, ProfileDesigns.Design design,
            List<Diagnostic> found) {
        Agreement.ProfileSupply supply = agreement.profile();
        OperationalProfile profile = OperationalProfile.of(design.profile());
        Plmn home;
        try {
            home = Plmn.parse(supply.homePlmn());
        } catch (RuntimeException invalid) {
            return; // reported by validate(book)
        }
        Optional<Imsi> imsi = profile.imsi();
        if (imsi.isEmpty() || !imsi.get().plmn().equals(home)) {
            found.add(Diagnostic.error("design-home-plmn", index, where + " > USIM EF.IMSI",
                    "the design's IMSI is of the agreement's home network", "an IMSI of " + home,
                    imsi.map(Imsi::toString).orElse("no IMSI")));
        }
        Optional<Iccid> iccid = profile.iccid();
        if (supply.iccidPrefix() != null && (iccid.isEmpty() || !iccid.get().digits().startsWith(supply.iccidPrefix()))) {
            found.add(Diagnostic.error("design-iccid", index, where + " > header > iccid",
                    "the design's ICCID is in the agreement's ICCID range", supply.iccidPrefix() + "…",
                    iccid.map(Iccid::digits).orElse("no ICCID")));
        }
        Map<Plmn, List<Rat>> roaming = new java.util.LinkedHashMap<>(agreement.ratsByNetwork());
        List<Rat> homeRats = Optional.ofNullable(roaming.remove(home)).orElse(List.of());
        checkListed(index, where + " > EF.HPLMNwAcT", "home", home, homeRats, profile.homePlmns(), found);
        roaming.forEach((network, rats) -> checkListed(index, where + " > EF.OPLMNwACT", "roaming", network, rats,
                profile.operatorPlmns(), found));
        for (OperationalProfile.PlmnWithAct entry : profile.operatorPlmns()) {
            if (!roaming.containsKey(entry.plmn()) && !entry.plmn().equals(home)) {
                found.add(Diagnostic.warning("design-extra-network", index, where + " > EF.OPLMNwACT",
                        "the design prefers a network the agreement does not cover", "the coverage's networks "
                                + roaming.keySet(), entry.plmn().toString()));
            }
        }
        if (supply.sizeKb() > 0 && supply.sizeKb() != design.installedKb()) {
            found.add(Diagnostic.warning("design-size", index, where, "the agreement gives another size than its "
                    + "design measures (" + design.installedBytes() + " bytes installed); the planner counts the "
                    + "measured one", design.installedKb() + " KB", supply.sizeKb() + " KB"));
        }
    }

    /** The network is listed, with every radio technology the coverage uses on it. */
    private static void checkListed(int index, String where, String kind, Plmn network, List<Rat> rats,
            List<OperationalProfile.PlmnWithAct> listed, List<Diagnostic> found) {
        Optional<OperationalProfile.PlmnWithAct> entry = listed.stream().filter(e -> e.plmn().equals(network))
                .findFirst();
        if (entry.isEmpty()) {
            found.add(Diagnostic.error("design-coverage", index, where, "the design does not list the " + kind
                    + " network " + network + " of the coverage", network.toString(), listed.stream()
                            .map(e -> e.plmn().toString()).toList().toString()));
            return;
        }
        List<Rat> missing = rats.stream().distinct().filter(rat -> !rat.allowedBy(entry.get().accessTechnologyBits()))
                .toList();
        if (!missing.isEmpty()) {
            found.add(Diagnostic.error("design-rat", index, where + " > " + network, "the design does not allow "
                    + missing + " on " + network + ", which the coverage lists", "access technologies for " + rats,
                    String.format("%04X", entry.get().accessTechnologyBits())));
        }
    }

    private Optional<Diagnostic> ended(ProductPlan plan) {
        ProductPlan.ShipWindow window = plan.shipWindow();
        if (window == null || window.until() == null || !window.until().isBefore(today)) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.warning("ship-window-ended", -1, "plan > shipWindow > until",
                "the ship window ended on " + window.until() + ", before today (" + today
                        + "); move it to the dates the devices will ship",
                "on or after " + today, window.until().toString()));
    }

    private Optional<Diagnostic> expired(int index, Agreement agreement) {
        if (agreement.status() != AgreementStatus.SIGNED || agreement.validUntil() == null
                || !agreement.validUntil().isBefore(today)) {
            return Optional.empty();
        }
        return Optional.of(Diagnostic.warning("validity", index, "agreement '" + agreement.id() + "' > status",
                "a signed agreement whose validity ended on " + agreement.validUntil() + ", before today (" + today
                        + "); mark it expired or renew it",
                "valid after " + today, agreement.validUntil().toString()));
    }

    public List<Diagnostic> validate(ProductPlan plan) {
        List<Diagnostic> found = new ArrayList<>();
        if (plan.markets().isEmpty()) {
            found.add(Diagnostic.error("markets", -1, "plan > markets", "a plan needs at least one target market",
                    "one or more markets", "none"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < plan.markets().size(); i++) {
            ProductPlan.Market market = plan.markets().get(i);
            String where = "plan > markets[" + i + "]";
            if (country(market.country(), i, where + " > country", found) && !seen.add(market.country())) {
                found.add(Diagnostic.error("duplicate-market", i, where + " > country",
                        "the country is listed twice; give one market its total quantity", "once", market.country()));
            }
            if (market.quantity() <= 0) {
                found.add(Diagnostic.error("quantity", i, where + " > quantity", "a market ships at least one device",
                        "> 0", Long.toString(market.quantity())));
            }
            if (market.environments() != null) {
                shares(market.environments(), i, where + " > environments", found);
            }
        }
        shares(plan.environments(), -1, "plan > environments", found);
        ProductPlan.ShipWindow window = plan.shipWindow();
        if (window == null || window.from() == null || window.until() == null) {
            found.add(Diagnostic.error("ship-window", -1, "plan > shipWindow", "the ship window needs from and until",
                    "two dates", window == null ? "none" : window.toString()));
        } else if (window.until().isBefore(window.from())) {
            found.add(Diagnostic.error("ship-window", -1, "plan > shipWindow", "the window ends before it starts",
                    "until on or after " + window.from(), window.until().toString()));
        } else {
            ended(plan).ifPresent(found::add);
        }
        if (plan.requiredRats().isEmpty()) {
            found.add(Diagnostic.error("required-rats", -1, "plan > requiredRats",
                    "name the radio technologies the device supports", "e.g. [LTE-M, NB-IoT]", "none"));
        }
        if (plan.serviceMonths() < 0) {
            found.add(Diagnostic.error("service-months", -1, "plan > serviceMonths", "months of service per device",
                    "> 0", Integer.toString(plan.serviceMonths())));
        }
        ProductPlan.Euicc euicc = plan.euicc();
        if (euicc == null || euicc.maxProfiles() < 1 || euicc.freeMemoryKb() < 1) {
            found.add(Diagnostic.error("euicc", -1, "plan > euicc",
                    "the eUICC's limits are needed: maxProfiles and freeMemoryKb, both at least 1",
                    "maxProfiles >= 1, freeMemoryKb >= 1",
                    euicc == null ? "none" : "maxProfiles " + euicc.maxProfiles() + ", freeMemoryKb " + euicc.freeMemoryKb()));
        }
        if (plan.eim() != null) {
            try {
                InitialEim.encode(plan.eim().configuration(), null);
            } catch (IllegalArgumentException e) {
                found.add(Diagnostic.error("eim", -1, "plan > eim", "the eIM cannot be given to the eUICCs as SGP.32 "
                        + "says: " + e.getMessage(), "an SGP.32 EimConfigurationData", "see the message"));
            }
        }
        return found;
    }

    private void checkOperator(int index, Operator operator, List<Diagnostic> found) {
        String where = "operator '" + operator.id() + "'";
        required(operator.id(), index, "operator " + index + " > id", found);
        country(operator.homeCountry(), index, where + " > homeCountry", found);
        if (operator.plmns().isEmpty()) {
            found.add(Diagnostic.error("plmn-missing", index, where + " > plmns", "an operator runs at least one network",
                    "one or more MCC-MNC", "none"));
        }
        for (int p = 0; p < operator.plmns().size(); p++) {
            plmn(operator.plmns().get(p), index, where + " > plmns[" + p + "]", found);
        }
        for (int r = 0; r < operator.radio().size(); r++) {
            Operator.RadioAccess access = operator.radio().get(r);
            country(access.country(), index, where + " > radio[" + r + "] > country", found);
            if (access.rat() == null) {
                found.add(Diagnostic.error("rat-missing", index, where + " > radio[" + r + "] > rat",
                        "which technology?", "2G, 3G, 4G, LTE-M, NB-IoT or 5G", "none"));
            }
        }
    }

    private void checkAgreement(int index, Agreement agreement, AgreementBook book, List<Diagnostic> found) {
        String where = "agreement '" + agreement.id() + "'";
        required(agreement.id(), index, "agreement " + index + " > id", found);
        required(agreement.provider(), index, where + " > provider", found);
        Optional<Operator> operator = book.operator(agreement.operator());
        if (operator.isEmpty()) {
            found.add(Diagnostic.error("operator-unknown", index, where + " > operator",
                    "no operator with this id in the agreement files", "an operator id", agreement.operator()));
        }
        Agreement.ProfileSupply profile = agreement.profile();
        if (profile == null) {
            found.add(Diagnostic.error("profile-missing", index, where + " > profile",
                    "the supplied profile (homePlmn, sizeKb) is missing", "homePlmn and sizeKb", "none"));
        } else {
            if (plmn(profile.homePlmn(), index, where + " > profile > homePlmn", found) && operator.isPresent()
                    && !operator.get().plmns().contains(profile.homePlmn())) {
                found.add(Diagnostic.error("plmn-unknown", index, where + " > profile > homePlmn",
                        "the home PLMN is not a network of operator '" + operator.get().id() + "'",
                        String.join(", ", operator.get().plmns()), profile.homePlmn()));
            }
            if (profile.sizeKb() <= 0 && (profile.design() == null || profile.design().isBlank())) {
                found.add(Diagnostic.error("profile-size", index, where + " > profile > sizeKb",
                        "the profile's size on the eUICC, needed when no design gives it", "> 0 KB",
                        profile.sizeKb() + " KB"));
            }
            if (profile.iccidPrefix() != null && !profile.iccidPrefix().matches(ICCID_RANGE)) {
                found.add(Diagnostic.error("iccid-range", index, where + " > profile > iccidPrefix",
                        "the MNO's ICCID range for factory profiles: the industry code 89, then the country code "
                                + "and issuer (ITU-T E.118)", "89 and 4 to 12 more digits", profile.iccidPrefix()));
            }
        }
        if (agreement.coverage().isEmpty()) {
            found.add(Diagnostic.error("coverage-missing", index, where + " > coverage",
                    "an agreement lists the countries where its profile attaches", "one or more countries", "none"));
        }
        for (int c = 0; c < agreement.coverage().size(); c++) {
            checkCoverage(index, agreement, c, book, found);
        }
        if (agreement.validFrom() == null || agreement.validUntil() == null) {
            found.add(Diagnostic.error("validity", index, where + " > validFrom/validUntil",
                    "an agreement's validity needs both dates", "two dates",
                    agreement.validFrom() + " / " + agreement.validUntil()));
        } else if (agreement.validUntil().isBefore(agreement.validFrom())) {
            found.add(Diagnostic.error("validity", index, where + " > validUntil", "the validity ends before it starts",
                    "on or after " + agreement.validFrom(), agreement.validUntil().toString()));
        } else {
            expired(index, agreement).ifPresent(found::add);
        }
        if (agreement.profileQuota() <= 0) {
            found.add(Diagnostic.error("quota", index, where + " > profileQuota",
                    "the number of profiles the agreement allows", "> 0", Long.toString(agreement.profileQuota())));
        }
        if (agreement.status() == null) {
            found.add(Diagnostic.error("status", index, where + " > status", "draft, signed or expired", "a status",
                    "none"));
        }
        checkPrices(index, where, agreement.prices(), found);
    }

    private void checkCoverage(int index, Agreement agreement, int c, AgreementBook book, List<Diagnostic> found) {
        Agreement.Coverage coverage = agreement.coverage().get(c);
        String where = "agreement '" + agreement.id() + "' > coverage[" + c + "]";
        boolean knownCountry = country(coverage.country(), index, where + " > country", found);
        String network = coverage.network() != null ? coverage.network()
                : agreement.profile() == null ? null : agreement.profile().homePlmn();
        if (!plmn(network, index, where + " > network", found)) {
            return;
        }
        Optional<Operator> networkOperator = book.operatorOfPlmn(network);
        if (networkOperator.isEmpty()) {
            found.add(Diagnostic.error("plmn-unknown", index, where + " > network",
                    "no operator in the agreement files runs this network", "a PLMN listed by an operator", network));
        }
        Optional<Country> networkCountry = Country.ofMcc(network.substring(0, 3));
        if (knownCountry && networkCountry.isPresent() && !networkCountry.get().code().equals(coverage.country())) {
            found.add(Diagnostic.error("coverage-network-country", index, where + " > network",
                    "the network's MCC belongs to another country than the coverage entry",
                    "an MCC of " + coverage.country(), network + " (" + networkCountry.get() + ")"));
        }
        if (coverage.rats().isEmpty()) {
            found.add(Diagnostic.error("rat-missing", index, where + " > rats", "which technologies attach there?",
                    "one or more of 2G, 3G, 4G, LTE-M, NB-IoT, 5G", "none"));
        }
        boolean roaming = agreement.profile() == null || !network.equals(agreement.profile().homePlmn());
        if (knownCountry && roaming && coverage.permanentRoaming() && book.forbidsPermanentRoaming(coverage.country())) {
            found.add(Diagnostic.error("permanent-roaming-forbidden", index, where + " > permanentRoaming",
                    coverage.country() + " forbids permanent roaming; a roaming profile cannot serve devices there",
                    "a local profile or permanentRoaming: false", "permanentRoaming: true on " + network));
        }
        // Only in a known country: without one (a missing country reads as null) there is nothing to look up.
        networkOperator.filter(operator -> knownCountry).ifPresent(operator -> {
            for (Rat rat : coverage.rats()) {
                boolean offered = operator.radio().stream()
                        .anyMatch(a -> rat == a.rat() && coverage.country().equals(a.country()));
                if (!operator.radio().isEmpty() && !offered) {
                    found.add(Diagnostic.warning("rat-not-offered", index, where + " > rats",
                            "operator '" + operator.id() + "' lists no " + rat + " in " + coverage.country(),
                            "a technology the network runs there", rat.toString()));
                }
            }
        });
    }

    private void checkPrices(int index, String where, Agreement.Prices prices, List<Diagnostic> found) {
        if (prices == null || prices.currency() == null || prices.perProfile() == null || prices.perDeviceMonth() == null) {
            found.add(Diagnostic.error("prices", index, where + " > prices",
                    "prices need currency, perProfile and perDeviceMonth", "all three", String.valueOf(prices)));
            return;
        }
        if (!prices.currency().matches("[A-Z]{3}")) {
            found.add(Diagnostic.error("prices", index, where + " > prices > currency", "an ISO 4217 currency code",
                    "e.g. EUR", prices.currency()));
        }
        negative(prices.perProfile(), index, where + " > prices > perProfile", found);
        negative(prices.perDeviceMonth(), index, where + " > prices > perDeviceMonth", found);
        for (Map.Entry<String, BigDecimal> entry : prices.perDeviceMonthByCountry().entrySet()) {
            country(entry.getKey(), index, where + " > prices > perDeviceMonthByCountry", found);
            negative(entry.getValue(), index, where + " > prices > perDeviceMonthByCountry > " + entry.getKey(), found);
        }
    }

    /**
     * Two agreements supplying the same profile with overlapping validity leave it unclear which terms apply. One
     * finding per agreement that starts before an earlier one of the same profile and provider ends, naming the one
     * that runs longest; not one per pair: a file that repeats an agreement 2,000 times made 2 million findings.
     */
    private void checkOverlaps(AgreementBook book, List<Diagnostic> found) {
        List<Agreement> agreements = book.agreements();
        List<Integer> dated = new ArrayList<>();
        for (int i = 0; i < agreements.size(); i++) {
            Agreement a = agreements.get(i);
            if (a.profile() != null && a.profile().homePlmn() != null && a.validFrom() != null
                    && a.validUntil() != null && a.status() != AgreementStatus.EXPIRED) {
                dated.add(i);
            }
        }
        dated.sort(Comparator.comparing(i -> agreements.get(i).validFrom())); // stable: file order on equal days
        Map<List<String>, Agreement> longestByProfile = new HashMap<>();
        for (int index : dated) {
            Agreement second = agreements.get(index);
            List<String> profile = Arrays.asList(second.profile().homePlmn(), second.provider()); // provider may be null
            Agreement first = longestByProfile.get(profile);
            if (first != null && !second.validFrom().isAfter(first.validUntil())) {
                found.add(Diagnostic.error("validity-overlap", index, "agreement '" + second.id() + "' > validFrom",
                        "overlaps agreement '" + first.id() + "' for the same profile (" + first.profile().homePlmn()
                                + ") and provider; which terms apply?",
                        "after " + first.validUntil(), second.validFrom().toString()));
            }
            if (first == null || second.validUntil().isAfter(first.validUntil())) {
                longestByProfile.put(profile, second);
            }
        }
    }

    /**
     * ICCID ranges that nest (8949 and 89490) hand out the same numbers from two counters: refused, naming both.
     * Equal ranges share one counter, so they are refused only between different home networks (an MNO's range is
     * its own); successive agreements for one profile may keep their range.
     */
    private static void checkIccidRanges(AgreementBook book, List<Diagnostic> found) {
        List<Agreement> agreements = book.agreements();
        for (int second = 0; second < agreements.size(); second++) {
            Agreement later = agreements.get(second);
            String laterRange = iccidRange(later);
            if (laterRange == null) {
                continue;
            }
            for (int first = 0; first < second; first++) {
                Agreement earlier = agreements.get(first);
                String earlierRange = iccidRange(earlier);
                if (earlierRange == null || !(earlierRange.startsWith(laterRange) || laterRange.startsWith(earlierRange))) {
                    continue;
                }
                boolean equal = earlierRange.equals(laterRange);
                if (equal && java.util.Objects.equals(earlier.profile().homePlmn(), later.profile().homePlmn())) {
                    continue;
                }
                found.add(Diagnostic.error("iccid-range-overlap", second, "agreement '" + later.id()
                        + "' > profile > iccidPrefix", (equal ? "the same ICCID range as" : "an ICCID range that "
                                + "overlaps the range of") + " agreement '" + earlier.id() + "' (" + earlierRange
                                + (equal ? ", another home network" : "") + "): both would issue the same ICCIDs",
                        "a range that neither contains nor is contained in " + earlierRange, laterRange));
                break;
            }
        }
    }

    private static String iccidRange(Agreement agreement) {
        String range = agreement.profile() == null ? null : agreement.profile().iccidPrefix();
        return range != null && range.matches(ICCID_RANGE) ? range : null;
    }

    private static <T> void duplicates(List<T> items, Function<T, String> id, String kind, List<Diagnostic> found) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String value = id.apply(items.get(i));
            if (value != null && !seen.add(value)) {
                found.add(Diagnostic.error("duplicate-id", i, kind + " '" + value + "'",
                        "two " + kind + "s have this id (ids are unique across all agreement files)", "a unique id",
                        value));
            }
        }
    }

    private static boolean country(String code, int index, String where, List<Diagnostic> found) {
        if (Country.isKnown(code)) {
            return true;
        }
        found.add(Diagnostic.error("country-unknown", index, where, "not an ISO 3166-1 alpha-2 country code",
                "two capital letters such as DE", code == null ? "none" : code));
        return false;
    }

    private static boolean plmn(String text, int index, String where, List<Diagnostic> found) {
        if (text == null) {
            found.add(Diagnostic.error("plmn-format", index, where, "a PLMN is needed", "MCC-MNC such as 262-01", "none"));
            return false;
        }
        Plmn plmn;
        try {
            plmn = Plmn.parse(text);
        } catch (IllegalArgumentException e) {
            found.add(Diagnostic.error("plmn-format", index, where, e.getMessage(), "MCC-MNC such as 262-01", text));
            return false;
        }
        if (!text.equals(plmn.toString())) {
            found.add(Diagnostic.error("plmn-format", index, where, "write PLMNs as MCC-MNC", plmn.toString(), text));
            return false;
        }
        if (Country.ofMcc(plmn.mcc()).isEmpty() && !plmn.mcc().startsWith("90")) {
            found.add(Diagnostic.error("plmn-unknown", index, where,
                    "the MCC is not assigned to a country (ITU-T E.212) nor a shared international code (90x)",
                    "an assigned MCC", plmn.mcc()));
            return false;
        }
        return true;
    }

    private static void required(String value, int index, String where, List<Diagnostic> found) {
        if (value == null || value.isBlank()) {
            found.add(Diagnostic.error("required", index, where, "a value is required", "text", "none"));
        }
    }

    private static void negative(BigDecimal value, int index, String where, List<Diagnostic> found) {
        if (value != null && value.signum() < 0) {
            // toString, not toPlainString: a file may say -1e999999999, a billion digits written out (heap exhausted)
            found.add(Diagnostic.error("prices", index, where, "prices are not negative", ">= 0", value.toString()));
        }
    }

    private static void shares(Map<Environment, Double> shares, int index, String where, List<Diagnostic> found) {
        double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        boolean negative = shares.values().stream().anyMatch(v -> v < 0);
        if (negative || Math.abs(sum - 1.0) > 0.001) {
            found.add(Diagnostic.error("environment-shares", index, where,
                    "the deployment environment shares are fractions of the devices and sum to 1", "1.0",
                    String.format(java.util.Locale.ROOT, "%.3f", sum)));
        }
    }
}
