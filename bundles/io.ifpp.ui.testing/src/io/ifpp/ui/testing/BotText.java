package io.ifpp.ui.testing;

import org.eclipse.swt.widgets.Text;

public final class BotText extends AbstractBotControl<Text> {

    BotText(Text widget) {
        super(widget);
    }

    public String getText() {
        return UIThread.syncExec(() -> widget.getText());
    }

    /** Presses Enter in the field: the default selection, which commits a form field. */
    public BotText pressEnter() {
        UIThread.asyncExec(() -> {
            if (!widget.isDisposed()) {
                Bot.notify(widget, org.eclipse.swt.SWT.DefaultSelection);
            }
        });
        UIThread.waitForIdle();
        return this;
    }

    /** Replaces the content; the widget fires its Modify listeners as for typing. */
    public BotText setText(String text) {
        UIThread.syncExec(() -> {
            widget.setFocus();
            widget.setText(text);
        });
        return this;
    }
}
