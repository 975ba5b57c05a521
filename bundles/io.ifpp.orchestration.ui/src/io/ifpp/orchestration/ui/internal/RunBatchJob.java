package io.ifpp.orchestration.ui.internal;

import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchService;
import io.ifpp.orchestration.service.BatchServiceException;

/**
 * Runs (or resumes) a batch through {@link BatchService#run} as a user job. Progress counts device steps: a device
 * in PLANNED has seven to go to ACTIVATION_SCHEDULED. Cancelling the job asks the run to stop at its next step
 * boundary ({@link Engine.Listener#stopRequested()}), which leaves the batch resumable; the thread is not interrupted,
 * since H2 closes its database file under an interrupted read.
 */
final class RunBatchJob extends Job {

    static final String FAMILY = "io.ifpp.orchestration.ui.run";
    private static final int LAST_STEP = Stage.ACTIVATION_SCHEDULED.ordinal();

    private final BatchService service;
    private final String batchId;
    private final boolean requeue;
    private volatile String outcome = "";

    RunBatchJob(BatchService service, String batchId, boolean requeue) {
        super((requeue ? "Resuming batch " : "Running batch ") + batchId);
        this.service = service;
        this.batchId = batchId;
        this.requeue = requeue;
        setUser(true);
    }

    String batchId() {
        return batchId;
    }

    /** What the run ended with, for the view's status line. */
    String outcome() {
        return outcome;
    }

    @Override
    public boolean belongsTo(Object family) {
        return FAMILY.equals(family);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            Engine.Summary summary = service.run(batchId, requeue, new Progress(monitor));
            if (monitor.isCanceled()) {
                outcome = "Batch " + batchId + " stopped; Run or Resume carries it on.";
                return Status.CANCEL_STATUS;
            }
            outcome = String.format(Locale.ROOT, "Batch %s %s: %,d scheduled, %,d in RETRY, %,d void, %.1f s",
                    batchId, summary.state().toLowerCase(Locale.ROOT), summary.count(Stage.ACTIVATION_SCHEDULED),
                    summary.count(Stage.RETRY), summary.count(Stage.VOID), summary.elapsed().toMillis() / 1000.0);
            return Status.OK_STATUS;
        } catch (InterruptedException e) {
            outcome = "Batch " + batchId + " stopped; Run or Resume carries it on.";
            return Status.CANCEL_STATUS;
        } catch (BatchServiceException e) {
            outcome = "Batch " + batchId + ": " + e.getMessage();
            return Status.error(outcome, e);
        } finally {
            monitor.done();
        }
    }

    /** The engine's callbacks as work on the monitor; they come on this job's thread. */
    private final class Progress implements Engine.Listener {

        private final IProgressMonitor monitor;

        Progress(IProgressMonitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public void started(String batch, Map<Stage, Long> counts) {
            long steps = 0;
            for (Map.Entry<Stage, Long> entry : counts.entrySet()) {
                steps += stepsLeft(entry.getKey()) * entry.getValue();
            }
            monitor.beginTask(getName(), (int) Math.min(Math.max(steps, 1), Integer.MAX_VALUE));
        }

        @Override
        public void moved(Stage from, Stage to, long devices) {
            long done = stepsLeft(from) - stepsLeft(to);
            if (done > 0) {
                monitor.worked((int) Math.min(done * devices, Integer.MAX_VALUE));
            }
            monitor.subTask(String.format(Locale.ROOT, "%,d devices %s", devices,
                    StageDiagram.title(to).toLowerCase(Locale.ROOT)));
        }

        @Override
        public void note(String message) {
            monitor.subTask(message);
        }

        @Override
        public boolean stopRequested() {
            return monitor.isCanceled();
        }

        /** Steps from a stage to the end of the main path; failure stages count as the start (they go again). */
        private static long stepsLeft(Stage stage) {
            return stage.ordinal() <= LAST_STEP ? LAST_STEP - stage.ordinal() : LAST_STEP;
        }
    }
}
