package io.ifpp.ui.testing;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

/** A menu item of a menu bar or of a submenu, found by its text as a person reads it. */
public final class BotMenu {

    private final MenuItem item;
    private final String path;

    BotMenu(MenuItem item, String path) {
        this.item = item;
        this.path = path;
    }

    /** Finds {@code text} in the menu {@code menu}, letting the menu fill itself first as on screen. */
    static BotMenu find(Bot bot, Menu menu, String text, String parentPath) {
        String path = parentPath.isEmpty() ? text : parentPath + " > " + text;
        MenuItem found = bot.waitForWidget("the menu item " + path, () -> UIThread.syncExec(() -> {
            // JFace and e4 menus create their items on SWT.Show, as when the menu opens.
            Bot.notify(menu, SWT.Show);
            Bot.notify(menu, SWT.Hide);
            return Arrays.stream(menu.getItems()).filter(i -> text.equals(Bot.withoutMnemonics(i.getText())))
                    .findFirst().orElse(null);
        }));
        return new BotMenu(found, path);
    }

    public BotMenu menu(String text) {
        Menu submenu = UIThread.syncExec(() -> item.getMenu());
        if (submenu == null) {
            throw new WidgetNotFoundException("The menu item " + path + " has no submenu", null);
        }
        return find(new Bot(), submenu, text, path);
    }

    /** Texts of the items of this item's submenu, as shown. */
    public List<String> menuItems() {
        return UIThread.syncExec(() -> {
            Menu submenu = item.getMenu();
            Bot.notify(submenu, SWT.Show);
            Bot.notify(submenu, SWT.Hide);
            return Arrays.stream(submenu.getItems()).map(i -> Bot.withoutMnemonics(i.getText()))
                    .filter(t -> !t.isEmpty()).toList();
        });
    }

    public boolean isEnabled() {
        return UIThread.syncExec(() -> item.isEnabled());
    }

    /** Selects the item; queued so that a dialog it opens does not block the test. */
    public BotMenu click() {
        if (!isEnabled()) {
            throw new IllegalStateException("The menu item " + path + " is disabled");
        }
        UIThread.asyncExec(() -> {
            if (!item.isDisposed()) {
                Bot.notify(item, SWT.Arm);
                Bot.notify(item, SWT.Selection);
            }
        });
        UIThread.waitForIdle();
        return this;
    }
}
