package io.ifpp.server.internal.batch;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.service.BatchService;
import io.ifpp.orchestration.service.BatchServiceException;

/**
 * The batch runs a server carries out in the background, one at a time per batch. Stopping asks them to end at the
 * next step boundary (not by interrupting: H2 closes its file under an interrupted read), which leaves every batch
 * resumable, by this server or another.
 */
public final class BatchRuns implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BatchRuns.class.getName());

    /** How the last run of a batch in this server ended. */
    public record Outcome(Instant endedAt, String state, long transitions, double seconds, String failure) {
    }

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "ifpp-batch-run-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Starts a run of the batch unless one is under way here; false when it already runs. */
    public boolean start(BatchService service, String batchId, boolean requeue) {
        if (closed) {
            throw new IllegalStateException("the server is stopping; no batch run starts now");
        }
        if (running.putIfAbsent(batchId, Boolean.TRUE) != null) {
            return false;
        }
        executor.execute(() -> {
            long start = System.nanoTime();
            try {
                Engine.Summary summary = service.run(batchId, requeue, new Engine.Listener() {
                    @Override
                    public void note(String message) {
                        LOG.log(Level.INFO, message);
                    }

                    @Override
                    public boolean stopRequested() {
                        return closed;
                    }
                });
                boolean stopped = closed && summary.state().equals("OPEN");
                outcomes.put(batchId, new Outcome(Instant.now(), stopped ? "STOPPED" : summary.state(),
                        summary.transitions(), seconds(start), stopped
                                ? "the server stopped; the batch resumes with its next run" : null));
            } catch (InterruptedException e) {
                outcomes.put(batchId, new Outcome(Instant.now(), "STOPPED", 0, seconds(start),
                        "the server stopped; the batch resumes with its next run"));
            } catch (BatchServiceException | RuntimeException e) {
                LOG.log(Level.WARNING, "batch " + batchId + ": the run failed: " + e.getMessage());
                outcomes.put(batchId, new Outcome(Instant.now(), "FAILED", 0, seconds(start), e.getMessage()));
            } finally {
                running.remove(batchId);
            }
        });
        return true;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public boolean isRunning(String batchId) {
        return running.containsKey(batchId);
    }

    public Optional<Outcome> lastOutcome(String batchId) {
        return Optional.ofNullable(outcomes.get(batchId));
    }

    /** The run fields the REST API adds to a batch's status. */
    public Map<String, Object> describe(String batchId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("running", isRunning(batchId));
        lastOutcome(batchId).ifPresent(outcome -> fields.put("lastRun", outcome));
        return fields;
    }

    /**
     * Asks the runs to stop at their next step boundary and waits up to {@code grace} for them; true when all
     * stopped. A run still going after that is left to the process's exit (its batch resumes all the same: every
     * step is persisted before it is acknowledged).
     */
    public boolean stop(Duration grace) throws InterruptedException {
        closed = true;
        executor.shutdown();
        return executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }
}
