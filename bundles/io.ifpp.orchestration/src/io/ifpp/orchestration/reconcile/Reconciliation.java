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
 * (ICCIDs in profile-set order), under the EID it was given, with an eUICC certificate that verified, and each
 * profile's installed package has the SHA-256 of the package ordered; no ICCID and no EID appears twice; nothing is
 * reported that was not ordered. Pure: the engine feeds it and records the result.
 */
public final class Reconciliation {

    /**
     * A device as ordered: its index in the batch, the EID it was given, its ICCIDs in profile-set order and the
     * SHA-256 (hex) of the package ordered under each (null where none was recorded).
     */
    public record Ordered(int deviceIndex, String eid, List<String> iccids, List<String> packageHashes) {

        public Ordered {
            iccids = List.copyOf(iccids);
            packageHashes = java.util.Collections.unmodifiableList(new ArrayList<>(packageHashes));
            if (packageHashes.size() != iccids.size()) {
                throw new IllegalArgumentException("device " + deviceIndex + ": " + packageHashes.size()
                        + " package hashes for " + iccids.size() + " ICCIDs");
            }
        }
    }

    /**
     * One line of a verified report.
     *
     * @param installed the vendor's result (false: it reports the personalization failed, with {@code failure})
     * @param certificateProblem empty when the eUICC certificate verified under the vendor's EUM chain, else why not
     */
    public record Reported(int line, String eid, boolean installed, List<String> iccids, List<String> packageHashes,
            String certificateProblem, String failure) {

        public Reported {
            iccids = List.copyOf(iccids);
            packageHashes = List.copyOf(packageHashes);
        }
    }

    public enum Verdict {
        /** Installed as ordered. */
        RECONCILED,
        /** The vendor reports the personalization failed. */
        FAILED,
        /** Reported, but not as ordered (or not reported at all). */
        MISMATCH,
        /**
         * Reported with the ordered ICCIDs, but a package's content is not confirmed: its SHA-256 differs from the
         * one ordered, or none is reported. The eUICC holds something other than what was designed.
         */
        CONTENT_MISMATCH
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

    /** @param profiles the profile set's names, in order: a content mismatch names the profile */
    public static Result reconcile(String orderId, List<String> profiles, List<Ordered> ordered,
            List<Reported> reported) {
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
            outcomes.add(judge(orderId, profiles, device, lines, iccidOwner, eidsOfIccid));
        }
        return new Result(outcomes, strays);
    }

    private static Outcome judge(String orderId, List<String> profiles, Ordered device, List<Reported> lines,
            Map<String, String> iccidOwner, Map<String, Set<String>> eidsOfIccid) {
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
        String content = contentProblem(profiles, device, line);
        if (!content.isEmpty()) {
            return new Outcome(device.deviceIndex(), device.eid(), Verdict.CONTENT_MISMATCH, content);
        }
        return new Outcome(device.deviceIndex(), device.eid(), Verdict.RECONCILED, "");
    }

    /** Empty when every installed package has the ordered SHA-256; else which profiles differ, and how. */
    private static String contentProblem(List<String> profiles, Ordered device, Reported line) {
        if (line.packageHashes().isEmpty()) {
            return "EID " + device.eid() + ": the vendor reports no package hashes, so the content of its "
                    + device.iccids().size() + " profiles is not confirmed";
        }
        if (line.packageHashes().size() != device.iccids().size()) {
            return "EID " + device.eid() + ": the vendor reports " + line.packageHashes().size()
                    + " package hashes for " + device.iccids().size() + " profiles";
        }
        List<String> differ = new ArrayList<>();
        for (int p = 0; p < device.iccids().size(); p++) {
            String ordered = device.packageHashes().get(p);
            String installed = line.packageHashes().get(p);
            String profile = p < profiles.size() ? profiles.get(p) : "#" + (p + 1);
            if (ordered == null) {
                differ.add("profile " + profile + " (ICCID " + device.iccids().get(p) + "): no hash was recorded when "
                        + "it was ordered");
            } else if (!ordered.equalsIgnoreCase(installed)) {
                differ.add("profile " + profile + " (ICCID " + device.iccids().get(p) + ") was installed with package "
                        + "SHA-256 " + abbreviated(installed) + ", ordered " + abbreviated(ordered));
            }
        }
        return differ.isEmpty() ? "" : "EID " + device.eid() + ": " + String.join("; ", differ);
    }

    private static String abbreviated(String hash) {
        return hash.length() > 16 ? hash.substring(0, 16) + "..." : hash;
    }

    private static boolean sameContent(Reported a, Reported b) {
        return a.installed() == b.installed() && a.iccids().equals(b.iccids())
                && a.packageHashes().equals(b.packageHashes()) && a.certificateProblem().equals(b.certificateProblem()) && Objects.equals(a.failure(), b.failure());
    }

    private static Outcome mismatch(Ordered device, String reason) {
        return new Outcome(device.deviceIndex(), device.eid(), Verdict.MISMATCH, reason);
    }
}
