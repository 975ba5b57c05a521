package io.ifpp.connector.simulator;

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
 */
public record SimulatorSettings(String eidPrefix, double failureRate, long seed, boolean paused, int transientFailures,
        boolean corruptReportSignature, int crashAfterDevices, boolean completeOutOfOrder, int lostAnswers, boolean duplicateReportLine) {

    public static final SimulatorSettings DEFAULT = new SimulatorSettings("89049032", 0, 1, false, 0, false, -1, false,
            0, false);

    /** The usual settings of a line: no injected fault but the failure rate. */
    public static SimulatorSettings of(String eidPrefix, double failureRate, long seed) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, false, 0, false, -1, false, 0, false);
    }

    public SimulatorSettings {
        if (eidPrefix == null || !eidPrefix.matches("\\d{8}")) {
            throw new IllegalArgumentException("the EID prefix has 8 digits, found '" + eidPrefix + "'");
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("the failure rate is between 0 and 1, found " + failureRate);
        }
    }

    public SimulatorSettings withFailureRate(double rate) {
        return new SimulatorSettings(eidPrefix, rate, seed, paused, transientFailures, corruptReportSignature, crashAfterDevices,
                completeOutOfOrder, lostAnswers, duplicateReportLine);
    }

    public SimulatorSettings withPaused(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, value, transientFailures, corruptReportSignature, crashAfterDevices,
                completeOutOfOrder, lostAnswers, duplicateReportLine);
    }

    public SimulatorSettings withTransientFailures(int count) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, count, corruptReportSignature, crashAfterDevices,
                completeOutOfOrder, lostAnswers, duplicateReportLine);
    }

    public SimulatorSettings withCrashAfterDevices(int devices) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                devices, completeOutOfOrder, lostAnswers, duplicateReportLine);
    }

    public SimulatorSettings withCompleteOutOfOrder(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, value, lostAnswers, duplicateReportLine);
    }

    public SimulatorSettings withLostAnswers(int count) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, count, duplicateReportLine);
    }

    public SimulatorSettings withCorruptReportSignature(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, value, crashAfterDevices,
                completeOutOfOrder, lostAnswers, duplicateReportLine);
    }

    public SimulatorSettings withDuplicateReportLine(boolean value) {
        return new SimulatorSettings(eidPrefix, failureRate, seed, paused, transientFailures, corruptReportSignature,
                crashAfterDevices, completeOutOfOrder, lostAnswers, value);
    }
}
