package io.ifpp.ui.testing;

import org.eclipse.swt.widgets.Label;

public final class BotLabel extends AbstractBotControl<Label> {

    BotLabel(Label widget) {
        super(widget);
    }

    public String getText() {
        return UIThread.syncExec(() -> widget.getText());
    }
}
