package io.ifpp.server.internal.batch;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Stage;

/**
 * Progress of a batch run on stderr: one bar per pipeline stage (devices that reached it), redrawn at most every
 * half second on a terminal, a plain line per tenth of the batch otherwise (logs, pipes).
 */
public final class ProgressPrinter implements Engine.Listener {

    private static final Stage[] SHOWN = { Stage.PROFILES_RESERVED, Stage.ORDER_SENT, Stage.REPORT_RECEIVED,
            Stage.RECONCILED, Stage.ACTIVATION_SCHEDULED };
    private static final int WIDTH = 20;

    private final PrintWriter err;
    private final boolean terminal;
    private final Map<Stage, Long> counts = new EnumMap<>(Stage.class);
    private long total;
    private long lastDraw;
    private long lastTenth = -1;

    public ProgressPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void started(String batchId, Map<Stage, Long> initial) {
        counts.clear();
        counts.putAll(initial);
        total = initial.values().stream().mapToLong(Long::longValue).sum();
        err.println("batch " + batchId + ": " + total + " devices");
        draw(true);
    }

    @Override
    public void recounted(Map<Stage, Long> current) {
        counts.clear();
        counts.putAll(current);
        draw(false);
    }

    @Override
    public void moved(Stage from, Stage to, long devices) {
        counts.merge(from, -devices, Long::sum);
        counts.merge(to, devices, Long::sum);
        draw(to == Stage.ACTIVATION_SCHEDULED && reached(Stage.ACTIVATION_SCHEDULED) == total);
    }

    @Override
    public void note(String message) {
        if (terminal) {
            err.print("\r\033[K");
        }
        err.println("  " + message);
        draw(true);
    }

    /** Ends the bar line. */
    public void finish() {
        draw(true);
        if (terminal) {
            err.println();
        }
        err.flush();
    }

    /** Devices at or past {@code stage} on the way to the activation schedule. */
    private long reached(Stage stage) {
        long reached = 0;
        for (Map.Entry<Stage, Long> entry : counts.entrySet()) {
            Stage at = entry.getKey();
            if (at.ordinal() >= stage.ordinal() && at.ordinal() <= Stage.ACTIVATION_SCHEDULED.ordinal()) {
                reached += entry.getValue();
            }
        }
        return reached;
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        long done = reached(Stage.ACTIVATION_SCHEDULED);
        if (terminal) {
            if (!force && now - lastDraw < 500_000_000L) {
                return;
            }
            lastDraw = now;
            err.print("\r\033[K" + line());
        } else {
            long tenth = total == 0 ? 10 : done * 10 / total;
            if (!force && tenth == lastTenth) {
                return;
            }
            lastTenth = tenth;
            err.println(line());
        }
        err.flush();
    }

    private String line() {
        StringBuilder line = new StringBuilder();
        for (Stage stage : SHOWN) {
            long reached = reached(stage);
            // Other engines move devices too: this engine's tally is re-read now and then, and kept in range.
            int filled = total == 0 ? 0 : (int) Math.max(0, Math.min(WIDTH, reached * WIDTH / total));
            line.append(label(stage)).append(" [").append("#".repeat(filled)).append(".".repeat(WIDTH - filled))
                    .append("] ");
        }
        long waiting = counts.getOrDefault(Stage.RETRY, 0L);
        long again = counts.getOrDefault(Stage.REPERSONALIZE, 0L);
        long dropped = counts.getOrDefault(Stage.VOID, 0L);
        long held = counts.getOrDefault(Stage.CONTENT_MISMATCH, 0L);
        line.append(String.format(Locale.ROOT, "%,d/%,d scheduled", reached(Stage.ACTIVATION_SCHEDULED), total));
        if (again + waiting + dropped + held > 0) {
            line.append(String.format(Locale.ROOT, " (again %,d, retry %,d, void %,d", again, waiting, dropped))
                    .append(held > 0 ? String.format(Locale.ROOT, ", content mismatch %,d", held) : "").append(')');
        }
        return line.toString();
    }

    private static String label(Stage stage) {
        return switch (stage) {
            case PROFILES_RESERVED -> "reserved";
            case ORDER_SENT -> "sent";
            case REPORT_RECEIVED -> "reported";
            case RECONCILED -> "reconciled";
            default -> "scheduled";
        };
    }
}
