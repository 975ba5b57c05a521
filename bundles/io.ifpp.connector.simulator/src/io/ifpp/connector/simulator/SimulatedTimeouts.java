package io.ifpp.connector.simulator;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;

/**
 * Calls of a simulated partner that time out: a share of them hangs for a stall, then fails as TIMEOUT, as a
 * client's call timeout ends a call to an unresponsive partner. Half of them never reached the partner, half took
 * effect and only the answer was lost, so the caller cannot tell which by the error: it must repeat the call and the
 * partner must answer the repeat idempotently.
 */
final class SimulatedTimeouts {

    private final double rate;
    private final Duration stall;
    private final SplittableRandom random;
    private final String partner;

    SimulatedTimeouts(double rate, Duration stall, long seed, String partner) {
        this.rate = rate;
        this.stall = stall;
        this.random = new SplittableRandom(seed);
        this.partner = partner;
    }

    /**
     * Starts a call, from a method synchronized on {@code lock}: hangs and throws TIMEOUT when the request is lost;
     * otherwise the call goes on and its answer passes through {@link Call#answer}.
     */
    Call call(String what, Object lock) throws ConnectorException {
        if (rate == 0 || random.nextDouble() >= rate) {
            return new Call(what, lock, false);
        }
        if (random.nextBoolean()) {
            return new Call(what, lock, true);
        }
        hang(lock);
        throw new ConnectorException(Reason.TIMEOUT, "no answer from " + partner + " within " + stall.toMillis()
                + " ms to " + what + " (the request did not reach it)");
    }

    /** One call under way. */
    final class Call {
        private final String what;
        private final Object lock;
        private final boolean answerLost;

        private Call(String what, Object lock, boolean answerLost) {
            this.what = what;
            this.lock = lock;
            this.answerLost = answerLost;
        }

        /** The call's answer, or, when the answer is lost, a TIMEOUT after the stall (the call took effect). */
        <T> T answer(T value) throws ConnectorException {
            if (!answerLost) {
                return value;
            }
            hang(lock);
            throw new ConnectorException(Reason.TIMEOUT, "no answer from " + partner + " within " + stall.toMillis()
                    + " ms to " + what + " (it was carried out; the answer was lost)");
        }
    }

    /**
     * Waits out the stall on the partner's lock, which lets other callers in meanwhile (a hung call on a real partner
     * does not stop the others).
     */
    private void hang(Object lock) {
        long deadline = System.nanoTime() + stall.toNanos();
        try {
            synchronized (lock) {
                for (long left = stall.toMillis(); left > 0;
                        left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                    lock.wait(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
