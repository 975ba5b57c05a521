package io.ifpp.ui.testing;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.swt.widgets.Display;

/** Runs code in the UI thread, like SWTBot's {@code UIThreadRunnable}. */
public final class UIThread {

    private UIThread() {
    }

    public static Display display() {
        return Display.getDefault();
    }

    /** Runs {@code query} in the UI thread and returns its result; its exceptions are rethrown in the caller. */
    public static <T> T syncExec(Supplier<T> query) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        display().syncExec(() -> {
            try {
                result.set(query.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    public static void syncExec(Runnable action) {
        syncExec(() -> {
            action.run();
            return null;
        });
    }

    /** Queues {@code action} in the UI thread without waiting: for events that may open a modal dialog. */
    public static void asyncExec(Runnable action) {
        display().asyncExec(action);
    }

    /** Waits until the UI thread has processed what was queued before this call. */
    public static void waitForIdle() {
        display().syncExec(() -> {
        });
    }
}
