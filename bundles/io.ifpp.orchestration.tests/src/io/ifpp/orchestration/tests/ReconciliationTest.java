package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.ifpp.orchestration.reconcile.Reconciliation;
import io.ifpp.orchestration.reconcile.Reconciliation.Ordered;
import io.ifpp.orchestration.reconcile.Reconciliation.Outcome;
import io.ifpp.orchestration.reconcile.Reconciliation.Reported;
import io.ifpp.orchestration.reconcile.Reconciliation.Verdict;

/** What a report must show for each device of an order, and the reason given when it does not. */
class ReconciliationTest {

    private static final List<String> PROFILES = List.of("eu-iot", "americas-iot");
    private static final List<Ordered> ORDERED = List.of(ordered(10, "E1", "I1a", "I1b"),
            ordered(11, "E2", "I2a", "I2b"), ordered(12, "E3", "I3a", "I3b"));

    /** The SHA-256 the package ordered under an ICCID stands for in these tests. */
    private static String hash(String iccid) {
        return "sha-of-" + iccid;
    }

    private static Ordered ordered(int index, String eid, String... iccids) {
        return new Ordered(index, eid, List.of(iccids), Stream.of(iccids).map(ReconciliationTest::hash).toList());
    }

    /** A line that reports the packages ordered under its ICCIDs. */
    private static Reported installed(int line, String eid, String... iccids) {
        return new Reported(line, eid, true, List.of(iccids), Stream.of(iccids).map(ReconciliationTest::hash).toList(),
                "", "");
    }

    @Test
    void aReportAsOrderedReconcilesEveryDevice() {
        Reconciliation.Result result = Reconciliation.reconcile("o1", PROFILES, ORDERED, List.of(installed(1, "E1", "I1a", "I1b"),
                installed(2, "E2", "I2a", "I2b"), installed(3, "E3", "I3a", "I3b")));
        assertEquals(3, result.count(Verdict.RECONCILED));
        assertEquals(List.of(), result.strays());
    }

    @Test
    void aMissingDeviceWrongIccidsAndAStrayLineAreEachNamed() {
        Reconciliation.Result result = Reconciliation.reconcile("o1", PROFILES, ORDERED, List.of(installed(1, "E1", "I1b", "I1a"),
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
        Reconciliation.Result result = Reconciliation.reconcile("o1", PROFILES, ORDERED.subList(0, 2),
                List.of(installed(1, "E1", "I1a", "I2b"), installed(2, "E2", "I2a")));
        assertEquals("ICCID I2b is reported on EID E1 but was ordered for EID E2", result.outcomes().get(0).reason());
        assertEquals("EID E2 carries [I2a], ordered [I2a, I2b]", result.outcomes().get(1).reason());
    }

    @Test
    void aLineRepeatedWordForWordCountsOnceButAConflictingRepeatIsAMismatch() {
        Reconciliation.Result same = Reconciliation.reconcile("o1", PROFILES, ORDERED.subList(0, 1),
                List.of(installed(1, "E1", "I1a", "I1b"), installed(2, "E1", "I1a", "I1b")));
        assertEquals(Verdict.RECONCILED, same.outcomes().get(0).verdict());

        Reconciliation.Result conflicting = Reconciliation.reconcile("o1", PROFILES, ORDERED.subList(0, 1),
                List.of(installed(1, "E1", "I1a", "I1b"), new Reported(2, "E1", false, List.of(), List.of(), "", "no power")));
        assertEquals("EID E1 is reported 2 times with different content (lines 1 and 2)",
                conflicting.outcomes().get(0).reason());
    }

    @Test
    void aFailedDeviceAndABadCertificateAreTold() {
        Reconciliation.Result result = Reconciliation.reconcile("o1", PROFILES, ORDERED.subList(0, 2), List.of(
                new Reported(1, "E1", false, List.of(), List.of(), "", "antenna test failed"),
                new Reported(2, "E2", true, List.of("I2a", "I2b"), List.of(hash("I2a"), hash("I2b")),
                        "the EUM's signature does not verify", "")));
        assertEquals(new Outcome(10, "E1", Verdict.FAILED, "the vendor reports a failed personalization: antenna test "
                + "failed"), result.outcomes().get(0));
        assertEquals("the eUICC certificate of EID E2 does not verify: the EUM's signature does not verify",
                result.outcomes().get(1).reason());
    }

    /**
     * The ordered ICCIDs with other content is its own verdict, naming the device's EID, the profile and its ICCID;
     * a line without hashes, or with fewer than profiles, does not confirm the content either.
     */
    @Test
    void aPackageWithAnotherHashIsAContentMismatchNamingTheDeviceAndTheProfile() {
        Reconciliation.Result result = Reconciliation.reconcile("o1", PROFILES, ORDERED, List.of(
                new Reported(1, "E1", true, List.of("I1a", "I1b"), List.of(hash("I1a"), "00ff".repeat(16)), "", ""),
                new Reported(2, "E2", true, List.of("I2a", "I2b"), List.of(), "", ""),
                new Reported(3, "E3", true, List.of("I3a", "I3b"), List.of(hash("I3a")), "", "")));

        assertEquals(new Outcome(10, "E1", Verdict.CONTENT_MISMATCH, "EID E1: profile americas-iot (ICCID I1b) was "
                + "installed with package SHA-256 00ff00ff00ff00ff..., ordered sha-of-I1b"), result.outcomes().get(0));
        assertEquals("EID E2: the vendor reports no package hashes, so the content of its 2 profiles is not confirmed",
                result.outcomes().get(1).reason());
        assertEquals("EID E3: the vendor reports 1 package hashes for 2 profiles", result.outcomes().get(2).reason());
        assertEquals(3, result.count(Verdict.CONTENT_MISMATCH));
        assertEquals(Verdict.RECONCILED, Reconciliation.reconcile("o1", PROFILES, ORDERED.subList(0, 1), List.of(
                new Reported(1, "E1", true, List.of("I1a", "I1b"), List.of("SHA-OF-I1A", "SHA-OF-I1B"), "", "")))
                .outcomes().get(0).verdict(), "hex in either case");
    }
}
