package io.ifpp.connector.simulator;

import java.time.Duration;

/**
 * How the simulated personalization line behaves, fault injection included.
 *
 * @param eidPrefix the EUM's EID prefix (8 digits, e.g. 89049032): every allocated EID starts with it
 * @param failureRate share of devices whose personalization fails (0 to 1), drawn with {@code seed}
 * @param paused orders wait in ACCEPTED until {@link VendorSimulator#resume()} (to observe and cancel them)
 * @param transientFailures the next this-many calls fail as UNAVAILABLE (as a line that is briefly down)
 * @param corruptReportSignature every report is sent with a damaged signature
 * @param crashAfterDevices the line crashes once, after personalizing this many devices of an order (-1: never):
 *        that order stays in progress and every call fails as UNAVAILABLE until {@link VendorSimulator#recover()}
 * @param completeOutOfOrder paused orders, once resumed, complete in the reverse order of their submission
 * @param lostAnswers the next this-many new orders are accepted but the caller gets a TIMEOUT, as if the answer
 *        were lost on the way back
 * @param duplicateReportLine every report names its first eUICC twice, the second time with the next eUICC's ICCIDs
 *        (a vendor that double-reports a chip)
 * @param repeatedReportLines every report line is sent twice, word for word (a vendor whose export repeats lines)
 * @param shuffledReportLines report lines come in an order drawn from {@code seed}, not the order's
 * @param timeoutRate share of the line's calls that hang for {@code stall}, then fail as TIMEOUT (as a client's call
 *        timeout ends them), drawn from {@code seed}; half of them after the call took effect (the answer was lost)
 * @param smdpTimeoutRate the same for the calls to the simulated SM-DP+ of {@code SimulatedPartners}
 * @param stall how long a timed-out call hangs
 * @param alteredPackageRate share of installed devices whose first profile goes onto the eUICC altered (one byte of
 *        the package changed, as a line with a broken personalization script): the line reports what it installed,
 *        so the package's hash differs from the one ordered; drawn from {@code seed} and the EID
 */
public record SimulatorSettings(String eidPrefix, double failureRate, long seed, boolean paused, int transientFailures,
        boolean corruptReportSignature, int crashAfterDevices, boolean completeOutOfOrder, int lostAnswers,
        boolean duplicateReportLine, boolean repeatedReportLines, boolean shuffledReportLines, double timeoutRate,
        double smdpTimeoutRate, Duration stall, double alteredPackageRate) {

    public static final SimulatorSettings DEFAULT = of("89049032", 0, 1);

    /** The usual settings of a line: no injected fault but the failure rate. */
    public static SimulatorSettings of(String eidPrefix, double failureRate, long seed) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, false, 0, false, -1, false, 0, false, false, false,
                0, 0, Duration.ZERO, 0);
    }

    /**
     * These settings with the faults of a list as a command line names them, comma-separated: {@code
     * timeouts=RATE}, {@code smdp-timeouts=RATE}, {@code stall-ms=N}, {@code transient-failures=N},
     * {@code lost-answers=N}, {@code failure-rate=RATE}, {@code seed=N} (of the draws), {@code repeated-report-lines},
     * {@code shuffled-report-lines}, {@code duplicate-report-line}, {@code altered-packages=RATE}. Empty or null: these settings as they are.
     *
     * @throws IllegalArgumentException naming the item that is not a fault or has a bad value
     */
    public SimulatorSettings withFaults(String list) {
        SimulatorSettings settings = this;
        if (list == null || list.isBlank()) {
            return settings;
        }
        for (String item : list.split(",")) {
            String[] nameValue = item.strip().split("=", 2);
            String name = nameValue[0];
            String value = nameValue.length > 1 ? nameValue[1].strip() : null;
            try {
                settings = switch (name) {
                    case "timeouts" -> settings.withTimeouts(rate(value), settings.smdpTimeoutRate, settings.stall);
                    case "smdp-timeouts" -> settings.withTimeouts(settings.timeoutRate, rate(value), settings.stall);
                    case "stall-ms" -> settings.withTimeouts(settings.timeoutRate, settings.smdpTimeoutRate,
                            Duration.ofMillis(count(value)));
                    case "transient-failures" -> settings.withTransientFailures(count(value));
                    case "lost-answers" -> settings.withLostAnswers(count(value));
                    case "failure-rate" -> settings.withFailureRate(rate(value));
                    case "seed" -> settings.withSeed(count(value));
                    case "repeated-report-lines" -> settings.withRepeatedReportLines(flag(value));
                    case "shuffled-report-lines" -> settings.withShuffledReportLines(flag(value));
                    case "duplicate-report-line" -> settings.withDuplicateReportLine(flag(value));
                    case "altered-packages" -> settings.withAlteredPackageRate(rate(value));
                    default -> throw new IllegalArgumentException("not a simulated fault (timeouts, smdp-timeouts, "
                            + "stall-ms, transient-failures, lost-answers, failure-rate, seed, repeated-report-lines, "
                            + "shuffled-report-lines, duplicate-report-line, altered-packages)");
                };
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("simulated fault '" + item.strip() + "': " + e.getMessage(), e);
            }
        }
        return settings;
    }

    private static double rate(String value) {
        if (value == null) {
            throw new IllegalArgumentException("needs a rate, e.g. =0.01");
        }
        return Double.parseDouble(value);
    }

    private static int count(String value) {
        if (value == null) {
            throw new IllegalArgumentException("needs a number, e.g. =3");
        }
        int count = Integer.parseInt(value);
        if (count < 0) {
            throw new IllegalArgumentException("is not negative");
        }
        return count;
    }

    private static boolean flag(String value) {
        if (value != null && !value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("takes no value, or true or false");
        }
        return value == null || value.equals("true");
    }

    public SimulatorSettings {
        if (eidPrefix == null || !eidPrefix.matches("\\d{8}")) {
            throw new IllegalArgumentException("the EID prefix has 8 digits, found '" + eidPrefix + "'");
        }
        for (double rate : new double[] { failureRate, timeoutRate, smdpTimeoutRate, alteredPackageRate }) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("a rate is between 0 and 1, found " + rate);
            }
        }
        if (stall == null || stall.isNegative()) {
            throw new IllegalArgumentException("the stall of a timed-out call is not negative, found " + stall);
        }
    }

    public SimulatorSettings withFailureRate(double rate) {
        return new SimulatorSettings(eidPrefix, rate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, duplicateReportLine, repeatedReportLines,
                shuffledReportLines, timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withSeed(long value) {
        return new SimulatorSettings(eidPrefix, failureRate, value, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, duplicateReportLine, repeatedReportLines,
                shuffledReportLines, timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withPaused(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, value, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, duplicateReportLine, repeatedReportLines,
                shuffledReportLines, timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withTransientFailures(int count) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, count, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, duplicateReportLine, repeatedReportLines,
                shuffledReportLines, timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withCrashAfterDevices(int devices) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                devices, completeOutOfOrder, lostAnswers, duplicateReportLine, repeatedReportLines, shuffledReportLines,
                timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withCompleteOutOfOrder(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, value, lostAnswers, duplicateReportLine, repeatedReportLines, shuffledReportLines,
                timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withLostAnswers(int count) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, count, duplicateReportLine, repeatedReportLines,
                shuffledReportLines, timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withCorruptReportSignature(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, value, crashAfterDevices,
                completeOutOfOrder, lostAnswers, duplicateReportLine, repeatedReportLines, shuffledReportLines,
                timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withDuplicateReportLine(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, value, repeatedReportLines, shuffledReportLines,
                timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withRepeatedReportLines(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, duplicateReportLine, value, shuffledReportLines,
                timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withShuffledReportLines(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, duplicateReportLine, repeatedReportLines, value,
                timeoutRate, smdpTimeoutRate, stall, alteredPackageRate);
    }

    /** Calls to the line ({@code vendorRate}) and to the simulated SM-DP+ that hang for {@code stall}, then fail. */
    public SimulatorSettings withTimeouts(double vendorRate, double smdpRate, Duration stall) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, duplicateReportLine, repeatedReportLines,
                shuffledReportLines, vendorRate, smdpRate, stall, alteredPackageRate);
    }

    public SimulatorSettings withAlteredPackageRate(double rate) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, duplicateReportLine, repeatedReportLines,
                shuffledReportLines, timeoutRate, smdpTimeoutRate, stall, rate);
    }
}
