package io.ifpp.connector.api.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.ConnectorException.StatusCode;
import io.ifpp.connector.api.DownloadProgressListener.DownloadProgressInfo;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.api.ProfileOrderingConnector.ConfirmedOrder;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;

/**
 * The behaviour every {@link ProfileOrderingConnector} shows against an SM-DP+ (GSMA SGP.22 ES2+), whatever
 * transport it uses: a connector's test bundle subclasses this and says how to make its connector and the SM-DP+
 * behind it, with the faults asked for.
 */
public abstract class ProfileOrderingConnectorContract {

    /**
     * Faults of the SM-DP+ behind the connector under test.
     *
     * @param answerDelay every answer comes this late
     * @param failuresBeforeExecution the first calls fail as unavailable before the SM-DP+ executes anything
     * @param lostAnswers the first calls are executed but their answers never reach the connector
     * @param down no SM-DP+ at all at the connector's address
     */
    public record Faults(Duration answerDelay, int failuresBeforeExecution, int lostAnswers, boolean down) {
        public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, false);
    }

    /** A connector and the SM-DP+ it talks to, as the suite drives them. */
    public interface Subject extends AutoCloseable {

        ProfileOrderingConnector connector();

        /** Adds an available profile of {@code profileType} to the SM-DP+'s inventory. */
        void addProfile(Iccid iccid, String profileType);

        /** Makes the SM-DP+ refuse this EID. */
        void refuseEid(Eid eid);

        /** The HandleDownloadProgressInfo notifications received so far for {@code iccid}, in order. */
        List<DownloadProgressInfo> progress(Iccid iccid);

        /** How often the SM-DP+ executed DownloadOrder (calls repeated with the same identifier not counted). */
        int downloadOrdersExecuted();

        @Override
        void close();
    }

    /** Notification points of SGP.22 5.3.5 after a release: BPP download and BPP installation. */
    protected static final int DOWNLOAD = 3;
    protected static final int INSTALLATION = 4;

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final RetryPolicy NO_RETRIES = new RetryPolicy(1, Duration.ZERO, 1.0);

    private Subject subject;

    /**
     * A connector whose own calls are retried by {@code retries} and each attempt given {@code callTimeout}, and
     * the SM-DP+ behind it with {@code faults}.
     */
    protected abstract Subject subject(Faults faults, RetryPolicy retries, Duration callTimeout);

    /** How long a released profile may take until its installation is notified. */
    protected Duration notificationTimeout() {
        return Duration.ofSeconds(20);
    }

    private Subject open(Faults faults, RetryPolicy retries, Duration callTimeout) {
        if (subject != null) {
            subject.close();
        }
        subject = subject(faults, retries, callTimeout);
        return subject;
    }

    private Subject open() {
        return open(Faults.NONE, NO_RETRIES, Duration.ofSeconds(10));
    }

    @AfterEach
    public void closeSubject() {
        if (subject != null) {
            subject.close();
            subject = null;
        }
    }

    @Test
    public void aProfileIsOrderedConfirmedReleasedAndItsDownloadAndInstallationAreNotified() throws Exception {
        Subject smdp = open();
        Iccid iccid = newIccid();
        Eid eid = newEid();
        smdp.addProfile(iccid, "ifpp-operational");
        ProfileOrderingConnector connector = smdp.connector();

        assertEquals(iccid, connector.downloadOrder(Optional.of(eid), Optional.of(iccid), Optional.empty()));
        ConfirmedOrder confirmed = connector.confirmOrder(iccid, Optional.of(eid), Optional.empty(),
                Optional.empty(), Optional.empty(), false);
        assertFalse(confirmed.matchingId().isBlank(), "the SM-DP+ generates a matching ID");
        assertEquals(Optional.of(eid), confirmed.eid());
        assertTrue(smdp.progress(iccid).isEmpty(), "nothing is downloaded before the release");
        connector.releaseProfile(iccid);

        List<DownloadProgressInfo> progress = awaitProgress(smdp, iccid, 2);
        assertEquals(List.of(DOWNLOAD, INSTALLATION),
                progress.stream().map(DownloadProgressInfo::notificationPointId).toList());
        for (DownloadProgressInfo info : progress) {
            assertEquals(iccid, info.iccid());
            assertEquals(Optional.of(eid), info.eid());
            assertEquals("ifpp-operational", info.profileType());
            assertEquals("Executed-Success", info.status());
        }
    }

    @Test
    public void aProfileIsOrderedByTypeAndReleasedAtConfirmation() throws Exception {
        Subject smdp = open();
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "by-type-" + SEQUENCE.incrementAndGet());
        String type = "by-type-" + SEQUENCE.get();
        ProfileOrderingConnector connector = smdp.connector();

        Iccid allocated = connector.downloadOrder(Optional.empty(), Optional.empty(), Optional.of(type));
        assertEquals(iccid, allocated);
        ConfirmedOrder confirmed = connector.confirmOrder(allocated, Optional.empty(), Optional.of("ABC-" + SEQUENCE
                .incrementAndGet()), Optional.empty(), Optional.empty(), true);
        assertEquals("ABC-" + SEQUENCE.get(), confirmed.matchingId());

        assertEquals(2, awaitProgress(smdp, iccid, 2).size());
    }

    @Test
    public void anIccidAlreadyInUseIsRefusedWithItsStatusCode() throws Exception {
        Subject smdp = open();
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");
        smdp.connector().downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty());

        assertRefused("8.2.1", "3.3", () -> smdp.connector().downloadOrder(Optional.empty(), Optional.of(iccid),
                Optional.empty()));
    }

    @Test
    public void anUnknownIccidIsRefusedWithItsStatusCode() {
        Subject smdp = open();
        Iccid unknown = newIccid();
        ConnectorException error = assertRefused("8.2.1", "3.9",
                () -> smdp.connector().downloadOrder(Optional.empty(), Optional.of(unknown), Optional.empty()));
        assertEquals(unknown.digits(), error.statusCode().orElseThrow().subjectIdentifier());
        assertRefused("8.2.1", "3.9", () -> smdp.connector().releaseProfile(unknown));
    }

    @Test
    public void aProfileTypeWithNoProfileLeftIsRefusedAsUnavailable() throws Exception {
        Subject smdp = open();
        String type = "scarce-" + SEQUENCE.incrementAndGet();
        smdp.addProfile(newIccid(), type);
        smdp.connector().downloadOrder(Optional.empty(), Optional.empty(), Optional.of(type));

        assertRefused("8.2.5", "3.7",
                () -> smdp.connector().downloadOrder(Optional.empty(), Optional.empty(), Optional.of(type)));
    }

    @Test
    public void anUnknownProfileTypeOrAnotherTypeThanTheIccidsIsRefused() {
        Subject smdp = open();
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");

        assertRefused("8.2.5", "3.9", () -> smdp.connector().downloadOrder(Optional.empty(), Optional.empty(),
                Optional.of("no-such-type")));
        assertRefused("8.2.5", "3.8", () -> smdp.connector().downloadOrder(Optional.empty(), Optional.of(iccid),
                Optional.of("another-type")));
    }

    @Test
    public void aMatchingIdAlreadyUsedByAnotherProfileIsRefused() throws Exception {
        Subject smdp = open();
        Iccid first = newIccid();
        Iccid second = newIccid();
        smdp.addProfile(first, "ifpp-operational");
        smdp.addProfile(second, "ifpp-operational");
        ProfileOrderingConnector connector = smdp.connector();
        connector.downloadOrder(Optional.empty(), Optional.of(first), Optional.empty());
        connector.downloadOrder(Optional.empty(), Optional.of(second), Optional.empty());
        String matchingId = connector.confirmOrder(first, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false).matchingId();

        assertRefused("8.2.6", "3.3", () -> connector.confirmOrder(second, Optional.empty(), Optional.of(matchingId),
                Optional.empty(), Optional.empty(), false));
    }

    @Test
    public void aRefusedEidIsRefusedWithItsStatusCode() {
        Subject smdp = open();
        Iccid iccid = newIccid();
        Eid refused = newEid();
        smdp.addProfile(iccid, "ifpp-operational");
        smdp.refuseEid(refused);

        assertRefused("8.1.1", "3.8",
                () -> smdp.connector().downloadOrder(Optional.of(refused), Optional.of(iccid), Optional.empty()));
    }

    @Test
    public void aCancelWithAnotherMatchingIdIsRefusedAndTheRightOneCancels() throws Exception {
        Subject smdp = open();
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");
        ProfileOrderingConnector connector = smdp.connector();
        connector.downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty());
        ConfirmedOrder confirmed = connector.confirmOrder(iccid, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false);

        assertRefused("8.2.6", "3.10", () -> connector.cancelOrder(iccid, Optional.empty(),
                Optional.of("NOT-" + confirmed.matchingId()), "Available"));
        connector.cancelOrder(iccid, Optional.empty(), Optional.of(confirmed.matchingId()), "Available");

        assertEquals(iccid, connector.downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty()),
                "a profile cancelled back to Available is ordered again");
    }

    @Test
    public void aProfileCancelledAsUnavailableCannotBeOrderedOrReleased() throws Exception {
        Subject smdp = open();
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");
        ProfileOrderingConnector connector = smdp.connector();
        connector.downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty());
        connector.cancelOrder(iccid, Optional.empty(), Optional.empty(), "Unavailable");

        assertRefused("8.2.1", "3.3",
                () -> connector.downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty()));
        assertRefused("8.2.1", "3.5", () -> connector.releaseProfile(iccid));
        assertRefused("8.2.1", "3.5",
                () -> connector.cancelOrder(iccid, Optional.empty(), Optional.empty(), "Available"));
    }

    @Test
    public void anInstalledProfileCannotBeCancelled() throws Exception {
        Subject smdp = open();
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");
        ProfileOrderingConnector connector = smdp.connector();
        connector.downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty());
        connector.confirmOrder(iccid, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true);
        awaitProgress(smdp, iccid, 2);

        assertRefused("8.2.1", "3.5",
                () -> connector.cancelOrder(iccid, Optional.empty(), Optional.empty(), "Available"));
    }

    @Test
    public void aConfirmationForAnotherEidThanTheLinkedOneIsRefused() throws Exception {
        Subject smdp = open();
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");
        ProfileOrderingConnector connector = smdp.connector();
        connector.downloadOrder(Optional.of(newEid()), Optional.of(iccid), Optional.empty());

        assertRefused("8.1.1", "3.10", () -> connector.confirmOrder(iccid, Optional.of(newEid()), Optional.empty(),
                Optional.empty(), Optional.empty(), false));
    }

    @Test
    public void aLostAnswerIsRetriedWithTheSameCallAndTheOrderIsExecutedOnce() throws Exception {
        Subject smdp = open(new Faults(Duration.ZERO, 0, 1, false), new RetryPolicy(3, Duration.ofMillis(10), 1.0),
                Duration.ofSeconds(10));
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");

        assertEquals(iccid, smdp.connector().downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty()),
                "the repeated call gets the first call's answer, not 'already in use'");
        assertEquals(1, smdp.downloadOrdersExecuted());
    }

    @Test
    public void transientFailuresAreRetriedByTheRetryPolicy() throws Exception {
        Subject smdp = open(new Faults(Duration.ZERO, 2, 0, false), NO_RETRIES, Duration.ofSeconds(10));
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");
        RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(5), 2.0);

        assertEquals(iccid, policy.call(
                () -> smdp.connector().downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty())));
        assertEquals(1, smdp.downloadOrdersExecuted());
    }

    @Test
    public void retriesEndWithTheLastFailure() {
        Subject smdp = open(new Faults(Duration.ZERO, 10, 0, false), new RetryPolicy(2, Duration.ofMillis(5), 1.0),
                Duration.ofSeconds(10));
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");
        RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(5), 1.0);

        ConnectorException error = assertThrows(ConnectorException.class, () -> policy.call(
                () -> smdp.connector().downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty())));
        assertEquals(Reason.UNAVAILABLE, error.reason());
        assertEquals(0, smdp.downloadOrdersExecuted());
    }

    @Test
    public void aSlowSmdpIsATimeout() {
        Subject smdp = open(new Faults(Duration.ofSeconds(3), 0, 0, false), NO_RETRIES, Duration.ofMillis(500));
        Iccid iccid = newIccid();
        smdp.addProfile(iccid, "ifpp-operational");

        ConnectorException error = assertThrows(ConnectorException.class,
                () -> smdp.connector().downloadOrder(Optional.empty(), Optional.of(iccid), Optional.empty()));
        assertEquals(Reason.TIMEOUT, error.reason());
        assertTrue(error.retryable());
    }

    @Test
    public void anSmdpThatIsDownIsUnavailable() {
        Subject smdp = open(new Faults(Duration.ZERO, 0, 0, true), NO_RETRIES, Duration.ofSeconds(5));

        ConnectorException error = assertThrows(ConnectorException.class,
                () -> smdp.connector().releaseProfile(newIccid()));
        assertEquals(Reason.UNAVAILABLE, error.reason());
        assertTrue(error.retryable());
    }

    /** A fresh ICCID with a valid Luhn check digit, unknown to any SM-DP+ until added. */
    protected static Iccid newIccid() {
        String body = String.format("894900%012d", SEQUENCE.incrementAndGet());
        return Iccid.of(body + Luhn.checkDigit(body));
    }

    /** A fresh EID with valid check digits. */
    protected static Eid newEid() {
        return Eid.withCheckDigits(String.format("890490320000000000%012d", SEQUENCE.incrementAndGet()));
    }

    private static ConnectorException assertRefused(String subjectCode, String reasonCode, Executable call) {
        ConnectorException error = assertThrows(ConnectorException.class, call);
        assertEquals(Reason.REJECTED, error.reason(), error.getMessage());
        StatusCode code = error.statusCode().orElseThrow(() -> new AssertionError("no status code: " + error));
        assertEquals(subjectCode + "/" + reasonCode, code.subjectCode() + "/" + code.reasonCode(),
                error.getMessage());
        assertFalse(error.retryable());
        return error;
    }

    private List<DownloadProgressInfo> awaitProgress(Subject smdp, Iccid iccid, int count) throws Exception {
        long deadline = System.nanoTime() + notificationTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            List<DownloadProgressInfo> progress = smdp.progress(iccid);
            if (progress.size() >= count) {
                return progress;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " notifications for " + iccid + " within "
                + notificationTimeout() + ": " + smdp.progress(iccid));
    }
}
