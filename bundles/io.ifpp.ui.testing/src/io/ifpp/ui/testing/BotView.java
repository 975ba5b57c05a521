package io.ifpp.ui.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;

/** A workbench view, as SWTBot's {@code SWTBotView}. */
public final class BotView {

    private final IViewReference reference;
    private final MPart part;

    BotView(IViewReference reference, MPart part) {
        this.reference = reference;
        this.part = part;
    }

    public String getTitle() {
        return UIThread.syncExec(() -> reference.getPartName());
    }

    public String getId() {
        return reference.getId();
    }

    public boolean isActive() {
        return UIThread.syncExec(() -> {
            var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            return page.getActivePartReference() == reference;
        });
    }

    public BotView show() {
        UIThread.syncExec(() -> {
            try {
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(reference.getId());
            } catch (PartInitException e) {
                throw new IllegalStateException("The view " + reference.getId() + " cannot be shown", e);
            }
        });
        return this;
    }

    /** The button of this view's toolbar whose text or tooltip is {@code text} (a contributed action's). */
    public BotToolItem toolbarButton(String text) {
        show();
        return new Bot().waitForWidget("a toolbar button '" + text + "' of the view " + getTitle(),
                () -> UIThread.syncExec(() -> {
                    for (ToolItem item : toolItems(part.getToolbar() == null ? null : part.getToolbar().getWidget())) {
                        if (text.equals(Bot.withoutMnemonics(item.getText())) || text.equals(item.getToolTipText())) {
                            return new BotToolItem(item);
                        }
                    }
                    return null;
                }));
    }

    private static List<ToolItem> toolItems(Object widget) {
        List<ToolItem> items = new ArrayList<>();
        if (widget instanceof ToolBar bar && !bar.isDisposed()) {
            items.addAll(Arrays.asList(bar.getItems()));
        } else if (widget instanceof Composite composite && !composite.isDisposed()) {
            for (Control child : composite.getChildren()) {
                items.addAll(toolItems(child));
            }
        }
        return items;
    }

    /** A bot that looks only inside this view (showing it first, so that its widgets exist). */
    public Bot bot() {
        show();
        Composite composite = UIThread.syncExec(() -> (Composite) part.getWidget());
        if (composite == null) {
            throw new WidgetNotFoundException("The view " + getTitle() + " is not rendered", null);
        }
        return new Bot(composite);
    }
}
