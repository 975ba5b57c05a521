package io.ifpp.agreement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.CalendarShift;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.plan.Planner;
import io.ifpp.core.Diagnostic;

class CalendarShiftTest {

    @Test
    void aWindowThatStartsAfterTodayIsNotMoved() throws Exception {
        assertSame(CalendarShift.NONE, CalendarShift.toStartAfter(Examples.plan(), Examples.WRITTEN));
        assertSame(CalendarShift.NONE, CalendarShift.toStartAfter(Examples.plan(), LocalDate.of(2027, 2, 28)));
    }

    /** The example moved to a day after its window judges as it did when written: only the dates changed. */
    @Test
    void theExampleMovedToStartTomorrowIsTheSamePlanOnALaterDay() throws Exception {
        LocalDate later = LocalDate.of(2029, 12, 7);
        CalendarShift shift = CalendarShift.toStartAfter(Examples.plan(), later);
        ProductPlan plan = shift.apply(Examples.plan());
        AgreementBook book = shift.apply(Examples.agreements());

        assertEquals(later.plusDays(1), plan.shipWindow().from());
        assertEquals(Examples.plan().shipWindow().until().plusDays(shift.days()), plan.shipWindow().until());
        assertEquals(findings(new AgreementValidator(Examples.WRITTEN), Examples.plan(), Examples.agreements()),
                findings(new AgreementValidator(Examples.WRITTEN.plusDays(shift.days())), plan, book),
                "what the dates say of each other and of a day moved as far is unchanged");
        List<Diagnostic> onTheDay = new AgreementValidator(later).validate(plan, book);
        assertTrue(onTheDay.stream().noneMatch(d -> d.rule().equals("ship-window-ended")), onTheDay.toString());

        Planner.Options options = new Planner.Options(Duration.ofSeconds(30), 0, true);
        PlanResult written = new Planner().plan(Examples.plan(), Examples.agreements(), options, new NullProgressMonitor());
        PlanResult moved = new Planner().plan(plan, book, options, new NullProgressMonitor());
        assertEquals(written.profiles().stream().map(PlanResult.ChosenProfile::agreementId).toList(),
                moved.profiles().stream().map(PlanResult.ChosenProfile::agreementId).toList());
        assertEquals(written.costs().total(), moved.costs().total(), 1e-6);
    }

    private static List<String> findings(AgreementValidator validator, ProductPlan plan, AgreementBook book) {
        return java.util.stream.Stream.concat(validator.validate(book).stream(), validator.validate(plan, book).stream())
                .map(d -> d.severity() + " " + d.rule() + " " + d.location() + " " + d.message()).toList();
    }
}
