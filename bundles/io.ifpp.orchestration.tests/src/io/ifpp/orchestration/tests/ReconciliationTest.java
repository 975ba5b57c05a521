package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.ifpp.orchestration.reconcile.Reconciliation;
import io.ifpp.orchestration.reconcile.Reconciliation.Ordered;
import io.ifpp.orchestration.reconcile.Reconciliation.Outcome;
import io.ifpp.orchestration.reconcile.Reconciliation.Reported;
import io.ifpp.orchestration.reconcile.Reconciliation.Verdict;

/** What a report must show for each device of an order, and the reason given when it does not. */
class ReconciliationTest {

    private static final List<Ordered> ORDERED = List.of(new Ordered(10, "E1", List.of("I1a", "I1b")),
            new Ordered(11, "E2", List.of("I2a", "I2b")), new Ordered(12, "E3", List.of("I3a", "I3b")));

    private static Reported installed(int line, String eid, String... iccids) {
        return new Reported(line, eid, true, List.of(iccids), "", "");
    }

    @Test
    void aReportAsOrderedReconcilesEveryDevice() {
        Reconciliation.Result result = Reconciliation.reconcile("o1", ORDERED, List.of(installed(1, "E1", "I1a", "I1b"),
                installed(2, "E2", "I2a", "I2b"), installed(3, "E3", "I3a", "I3b")));
        assertEquals(3, result.count(Verdict.RECONCILED));
        assertEquals(List.of(), result.strays());
    }

    @Test
    void aMissingDeviceWrongIccidsAndAStrayLineAreEachNamed() {
        Reconciliation.Result result = Reconciliation.reconcile("o1", ORDERED, List.of(installed(1, "E1", "I1b", "I1a"),
                installed(2, "E2", "I2a", "I2b"), installed(3, "E9", "I3a", "I3b")));
        assertEquals(new Outcome(10, "E1", Verdict.MISMATCH, "EID E1 carries [I1b, I1a], ordered [I1a, I1b]"),
                result.outcomes().get(0));
        assertEquals(Verdict.RECONCILED, result.outcomes().get(1).verdict());
        assertEquals("EID E3 is missing from the report of order o1", result.outcomes().get(2).reason());
        assertEquals("line 3 of the report of order o1 names EID E9, which is not in the order's EID range",
                result.strays().get(0).reason());
    }

    @Test
    void anIccidOfAnotherDeviceIsAMismatchNamingTheOwner() {
        Reconciliation.Result result = Reconciliation.reconcile("o1", ORDERED.subList(0, 2),
                List.of(installed(1, "E1", "I1a", "I2b"), installed(2, "E2", "I2a")));
        assertEquals("ICCID I2b is reported on EID E1 but was ordered for EID E2", result.outcomes().get(0).reason());
        assertEquals("EID E2 carries [I2a], ordered [I2a, I2b]", result.outcomes().get(1).reason());
    }

    @Test
    void aLineRepeatedWordForWordCountsOnceButAConflictingRepeatIsAMismatch() {
        Reconciliation.Result same = Reconciliation.reconcile("o1", ORDERED.subList(0, 1),
                List.of(installed(1, "E1", "I1a", "I1b"), installed(2, "E1", "I1a", "I1b")));
        assertEquals(Verdict.RECONCILED, same.outcomes().get(0).verdict());

        Reconciliation.Result conflicting = Reconciliation.reconcile("o1", ORDERED.subList(0, 1),
                List.of(installed(1, "E1", "I1a", "I1b"), new Reported(2, "E1", false, List.of(), "", "no power")));
        assertEquals("EID E1 is reported 2 times with different content (lines 1 and 2)",
                conflicting.outcomes().get(0).reason());
    }

    @Test
    void aFailedDeviceAndABadCertificateAreTold() {
        Reconciliation.Result result = Reconciliation.reconcile("o1", ORDERED.subList(0, 2), List.of(
                new Reported(1, "E1", false, List.of(), "", "antenna test failed"),
                new Reported(2, "E2", true, List.of("I2a", "I2b"), "the EUM's signature does not verify", "")));
        assertEquals(new Outcome(10, "E1", Verdict.FAILED, "the vendor reports a failed personalization: antenna test "
                + "failed"), result.outcomes().get(0));
        assertEquals("the eUICC certificate of EID E2 does not verify: the EUM's signature does not verify",
                result.outcomes().get(1).reason());
    }
}
