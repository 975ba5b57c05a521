package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ifpp.server.internal.rest.Admission;
import io.ifpp.server.internal.rest.ApiException;

/**
 * From the security review: every caller of /plans/{name}/result started a solver on every core. The bound the
 * route goes through: while one solve runs, another caller is answered 429 at once, and let in once it ends.
 */
class AdmissionTest {

    @Test
    void aSecondSolveIsRefusedWith429WhileTheFirstRunsAndAdmittedAfter() throws Exception {
        Admission solves = new Admission("plan solves", 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = caller.submit(() -> {
                try (Admission.Ticket ticket = solves.enter()) {
                    running.countDown();
                    assertTrue(finish.await(10, TimeUnit.SECONDS));
                }
                return null;
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));
            ApiException busy = assertThrows(ApiException.class, solves::enter);
            assertEquals(429, busy.status());
            assertTrue(busy.getMessage().contains("1 plan solves at a time"), busy.getMessage());

            finish.countDown();
            first.get(10, TimeUnit.SECONDS);
            try (Admission.Ticket next = solves.enter()) {
                // admitted: the first ticket was given back
            }
        } finally {
            caller.shutdownNow();
        }
    }
}
