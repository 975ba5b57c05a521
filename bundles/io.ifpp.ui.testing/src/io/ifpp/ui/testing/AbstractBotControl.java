package io.ifpp.ui.testing;

import org.eclipse.swt.widgets.Control;

import io.ifpp.ui.Widgets;

/** What every wrapped control offers, as SWTBot's {@code AbstractSWTBotControl}. */
public abstract class AbstractBotControl<C extends Control> {

    public final C widget;

    protected AbstractBotControl(C widget) {
        this.widget = widget;
    }

    public boolean isEnabled() {
        return UIThread.syncExec(() -> widget.isEnabled());
    }

    public boolean isVisible() {
        return UIThread.syncExec(() -> !widget.isDisposed() && widget.isVisible());
    }

    public String getToolTipText() {
        return UIThread.syncExec(() -> widget.getToolTipText());
    }

    public String getId() {
        return UIThread.syncExec(() -> (String) widget.getData(Widgets.ID_KEY));
    }

    public void setFocus() {
        UIThread.syncExec(() -> {
            widget.setFocus();
        });
    }
}
