package io.ifpp.server.internal.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * p2's progress as lines on stderr: each new task or step ("Fetching ...", "Installing ...") with how far the
 * whole operation is, so a slow repository shows what it waits on. Identical consecutive lines are left out.
 */
final class ProgressLines extends NullProgressMonitor {

    private final PrintWriter err;
    private String last = "";
    private double total;
    private double worked;

    ProgressLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        total = totalWork > 0 ? totalWork : 0;
        worked = 0;
        print(name);
    }

    @Override
    public void setTaskName(String name) {
        print(name);
    }

    @Override
    public void subTask(String name) {
        print(name);
    }

    @Override
    public void internalWorked(double work) {
        worked += work;
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    private void print(String what) {
        if (what == null || what.isBlank() || what.equals(last)) {
            return;
        }
        last = what;
        String share = total > 0 ? String.format(Locale.ROOT, "%3d%% ", (int) Math.min(100, 100 * worked / total)) : "";
        err.println("p2: " + share + TerminalText.escape(what));
        err.flush();
    }
}
