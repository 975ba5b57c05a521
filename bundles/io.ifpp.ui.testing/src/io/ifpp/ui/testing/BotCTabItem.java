package io.ifpp.ui.testing;

import java.util.Arrays;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Event;

/** A tab of a CTabFolder (the pages of a multi-page editor), as SWTBot's {@code SWTBotCTabItem}. */
public final class BotCTabItem {

    private final CTabFolder folder;
    private final String text;

    BotCTabItem(CTabFolder folder, String text) {
        this.folder = folder;
        this.text = text;
    }

    /** Selects the tab as a click does: the folder shows it and tells its listeners. */
    public BotCTabItem activate() {
        UIThread.syncExec(() -> {
            CTabItem item = Arrays.stream(folder.getItems()).filter(i -> text.equals(Bot.withoutMnemonics(i.getText())))
                    .findFirst().orElseThrow(() -> new WidgetNotFoundException("The tab " + text + " is gone", null));
            folder.setSelection(item);
            Event event = new Event();
            event.item = item;
            folder.notifyListeners(SWT.Selection, event);
        });
        UIThread.waitForIdle();
        return this;
    }

    public boolean isActive() {
        return UIThread.syncExec(() -> folder.getSelection() != null && text.equals(Bot.withoutMnemonics(folder.getSelection().getText())));
    }
}
