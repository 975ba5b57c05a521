package io.ifpp.ui.testing;

import org.eclipse.swt.widgets.Shell;

public final class BotShell extends AbstractBotControl<Shell> {

    BotShell(Shell widget) {
        super(widget);
    }

    public String getText() {
        return UIThread.syncExec(() -> widget.isDisposed() ? "" : widget.getText());
    }

    public boolean isOpen() {
        return UIThread.syncExec(() -> !widget.isDisposed() && widget.isVisible());
    }

    public BotShell activate() {
        UIThread.syncExec(() -> {
            widget.forceActive();
        });
        return this;
    }

    /** A bot that looks only inside this shell. */
    public Bot bot() {
        return new Bot(widget);
    }

    public void close() {
        UIThread.asyncExec(() -> {
            if (!widget.isDisposed()) {
                widget.close();
            }
        });
        UIThread.waitForIdle();
    }
}
