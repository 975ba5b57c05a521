package io.ifpp.server.internal.rest;

import java.util.concurrent.Semaphore;

/**
 * A bound on how much of one kind of heavy work runs at once: past it a request is answered 429 at once instead of
 * queueing behind work that already takes every core (the planner does).
 */
public final class Admission {

    /** Held while the work runs; closing it lets the next request in. */
    public interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    private final String work;
    private final int concurrent;
    private final Semaphore permits;

    /** @param work what is bounded, as the refusal names it ("plan solves") */
    public Admission(String work, int concurrent) {
        this.work = work;
        this.concurrent = concurrent;
        this.permits = new Semaphore(concurrent);
    }

    /** A ticket, or 429 when {@code concurrent} of this work run already. */
    public Ticket enter() throws ApiException {
        if (!permits.tryAcquire()) {
            throw new ApiException(429, "the server runs " + concurrent + " " + work + " at a time and all are busy; "
                    + "try again shortly");
        }
        return permits::release;
    }
}
