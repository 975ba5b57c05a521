package io.ifpp.ui.testing;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.ToolItem;

/** A toolbar button, as SWTBot's {@code SWTBotToolbarButton}. */
public final class BotToolItem {

    private final ToolItem widget;

    BotToolItem(ToolItem widget) {
        this.widget = widget;
    }

    public boolean isEnabled() {
        return UIThread.syncExec(() -> !widget.isDisposed() && widget.isEnabled());
    }

    /** Presses the button; does not wait for what it opens (a dialog, a job). */
    public BotToolItem click() {
        if (!isEnabled()) {
            throw new IllegalStateException("The toolbar button '" + UIThread.syncExec(widget::getText)
                    + "' is disabled");
        }
        UIThread.asyncExec(() -> {
            if (!widget.isDisposed()) {
                Bot.notify(widget, SWT.Selection);
            }
        });
        UIThread.waitForIdle();
        return this;
    }
}
