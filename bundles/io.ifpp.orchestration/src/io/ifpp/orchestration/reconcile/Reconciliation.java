package io.ifpp.orchestration.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares what a vendor reports for an order with what was ordered: every device has exactly its planned profiles
 * (ICCIDs in profile-set order), under the EID it was given, with an eUICC certificate that verified; no ICCID and
 * no EID appears twice; nothing is reported that was not ordered. Pure: the engine feeds it and records the result.
 */
public final class Reconciliation {

    /** A device as ordered: its index in the batch, the EID it was given and its ICCIDs in profile-set order. */
    public record Ordered(int deviceIndex, String eid, List<String> iccids) {

        public Ordered {
            iccids = List.copyOf(iccids);
        }
    }

    /**
     * One line of a verified report.
     *
     * @param installed the vendor's result (false: it reports the personalization failed, with {@code failure})
     * @param certificateProblem empty when the eUICC certificate verified under the vendor's EUM chain, else why not
     */
    public record Reported(int line, String eid, boolean installed, List<String> iccids, String certificateProblem,
            String failure) {

        public Reported {
            iccids = List.copyOf(iccids);
        }
    }

    public enum Verdict {
        /** Installed as ordered. */
        RECONCILED,
        /** The vendor reports the personalization failed. */
        FAILED,
        /** Reported, but not as ordered (or not reported at all). */
        MISMATCH
    }

    /** What became of one ordered device, with the reason when it is not reconciled. */
    public record Outcome(int deviceIndex, String eid, Verdict verdict, String reason) {
    }

    /** A report line that is no device of the order. */
    public record Stray(String eid, String reason) {
    }

    public record Result(List<Outcome> outcomes, List<Stray> strays) {

        public long count(Verdict verdict) {
            return outcomes.stream().filter(o -> o.verdict() == verdict).count();
        }
    }

    private Reconciliation() {
    }

    public static Result reconcile(String orderId, List<Ordered> ordered, List<Reported> reported) {
        Map<String, Ordered> byEid = new LinkedHashMap<>();
        ordered.forEach(device -> byEid.put(device.eid(), device));
        Map<String, List<Reported>> linesByEid = new LinkedHashMap<>();
        List<Stray> strays = new ArrayList<>();
        for (Reported line : reported) {
            if (!byEid.containsKey(line.eid())) {
                strays.add(new Stray(line.eid(), "line " + line.line() + " of the report of order " + orderId
                        + " names EID " + line.eid() + ", which is not in the order's EID range"));
                continue;
            }
            linesByEid.computeIfAbsent(line.eid(), eid -> new ArrayList<>()).add(line);
        }
        Map<String, String> iccidOwner = new HashMap<>();
        Map<String, Set<String>> eidsOfIccid = new HashMap<>();
        for (Reported line : reported) {
            line.iccids().forEach(iccid -> eidsOfIccid.computeIfAbsent(iccid, i -> new HashSet<>()).add(line.eid()));
        }
        ordered.forEach(device -> device.iccids().forEach(iccid -> iccidOwner.put(iccid, device.eid())));

        List<Outcome> outcomes = new ArrayList<>();
        for (Ordered device : ordered) {
            List<Reported> lines = linesByEid.getOrDefault(device.eid(), List.of());
            outcomes.add(judge(orderId, device, lines, iccidOwner, eidsOfIccid));
        }
        return new Result(outcomes, strays);
    }

    private static Outcome judge(String orderId, Ordered device, List<Reported> lines, Map<String, String> iccidOwner,
            Map<String, Set<String>> eidsOfIccid) {
        if (lines.isEmpty()) {
            return mismatch(device, "EID " + device.eid() + " is missing from the report of order " + orderId);
        }
        Reported line = lines.get(0);
        for (Reported other : lines.subList(1, lines.size())) {
            if (!sameContent(line, other)) {
                return mismatch(device, "EID " + device.eid() + " is reported " + lines.size()
                        + " times with different content (lines " + line.line() + " and " + other.line() + ")");
            }
        }
        if (!line.installed()) {
            return new Outcome(device.deviceIndex(), device.eid(), Verdict.FAILED,
                    "the vendor reports a failed personalization: " + line.failure());
        }
        if (!line.certificateProblem().isEmpty()) {
            return mismatch(device, "the eUICC certificate of EID " + device.eid() + " does not verify: "
                    + line.certificateProblem());
        }
        for (String iccid : line.iccids()) {
            if (eidsOfIccid.get(iccid).size() > 1) {
                return mismatch(device, "ICCID " + iccid + " is reported on more than one eUICC");
            }
            String owner = iccidOwner.get(iccid);
            if (owner != null && !owner.equals(device.eid())) {
                return mismatch(device, "ICCID " + iccid + " is reported on EID " + device.eid()
                        + " but was ordered for EID " + owner);
            }
        }
        if (!line.iccids().equals(device.iccids())) {
            return mismatch(device, "EID " + device.eid() + " carries " + line.iccids() + ", ordered "
                    + device.iccids());
        }
        return new Outcome(device.deviceIndex(), device.eid(), Verdict.RECONCILED, "");
    }

    private static boolean sameContent(Reported a, Reported b) {
        return a.installed() == b.installed() && a.iccids().equals(b.iccids())
                && a.certificateProblem().equals(b.certificateProblem()) && Objects.equals(a.failure(), b.failure());
    }

    private static Outcome mismatch(Ordered device, String reason) {
        return new Outcome(device.deviceIndex(), device.eid(), Verdict.MISMATCH, reason);
    }
}
