package io.ifpp.ui.testing;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;

public final class BotButton extends AbstractBotControl<Button> {

    BotButton(Button widget) {
        super(widget);
    }

    public String getText() {
        return UIThread.syncExec(() -> Bot.withoutMnemonics(widget.getText()));
    }

    /** Presses the button as a mouse would: down, up, (a toggle flips), selection; does not wait for what it opens. */
    public BotButton click() {
        if (!isEnabled()) {
            throw new IllegalStateException("The button '" + getText() + "' is disabled");
        }
        UIThread.asyncExec(() -> {
            if (!widget.isDisposed()) {
                widget.setFocus();
                Bot.notify(widget, SWT.MouseDown);
                Bot.notify(widget, SWT.MouseUp);
                if ((widget.getStyle() & SWT.TOGGLE) != 0) {
                    widget.setSelection(!widget.getSelection());
                }
                Bot.notify(widget, SWT.Selection);
            }
        });
        UIThread.waitForIdle();
        return this;
    }
}
