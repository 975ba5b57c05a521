package io.ifpp.agreement;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Every date of a plan and its agreements moved by the same number of days: the ship window, the agreements'
 * validity and the operators' technology sunsets. What the dates say of each other (an agreement that expires inside
 * the window, a sunset within the service period) stays as written; only where they stand against today changes.
 * The demonstration uses it to run an example whose ship window has passed, and says so.
 *
 * @param days how far every date moves forward
 */
public record CalendarShift(long days) {

    public static final CalendarShift NONE = new CalendarShift(0);

    /**
     * The shift that makes the plan's ship window start on the day after {@code today}; {@link #NONE} when the window
     * starts after today already, or has no start.
     */
    public static CalendarShift toStartAfter(ProductPlan plan, LocalDate today) {
        ProductPlan.ShipWindow window = plan.shipWindow();
        if (window == null || window.from() == null || window.from().isAfter(today)) {
            return NONE;
        }
        return new CalendarShift(ChronoUnit.DAYS.between(window.from(), today.plusDays(1)));
    }

    public boolean none() {
        return days == 0;
    }

    public ProductPlan apply(ProductPlan plan) {
        ProductPlan.ShipWindow window = plan.shipWindow() == null ? null
                : new ProductPlan.ShipWindow(move(plan.shipWindow().from()), move(plan.shipWindow().until()));
        return new ProductPlan(plan.name(), plan.example(), plan.currency(), plan.markets(), window,
                plan.serviceMonths(), plan.requiredRats(), plan.euicc(), plan.environments(), plan.risk(), plan.eim());
    }

    public AgreementBook apply(AgreementBook book) {
        return new AgreementBook(book.operators().stream().map(this::apply).toList(),
                book.agreements().stream().map(this::apply).toList(), book.countryRules());
    }

    private Operator apply(Operator operator) {
        return new Operator(operator.id(), operator.name(), operator.homeCountry(), operator.plmns(),
                operator.radio().stream().map(radio -> new Operator.RadioAccess(radio.country(), radio.rat(),
                        move(radio.sunset()))).toList(), operator.example());
    }

    private Agreement apply(Agreement agreement) {
        return new Agreement(agreement.id(), agreement.provider(), agreement.operator(), agreement.profile(),
                agreement.coverage(), agreement.factoryProvisioning(), agreement.profileQuota(),
                move(agreement.validFrom()), move(agreement.validUntil()), agreement.prices(), agreement.status(),
                agreement.smdpPlus(), agreement.example());
    }

    private LocalDate move(LocalDate date) {
        return date == null ? null : date.plusDays(days);
    }
}
