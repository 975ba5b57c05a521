package io.ifpp.ui.testing;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

public final class BotTree extends AbstractBotControl<Tree> {

    BotTree(Tree widget) {
        super(widget);
    }

    /** Texts of the top-level items. */
    public List<String> itemTexts() {
        return UIThread.syncExec(() -> Arrays.stream(widget.getItems()).map(TreeItem::getText).toList());
    }

    /** True if the item at {@code path} is shown now, expanding parents on the way as a person would. */
    public boolean hasItem(String... path) {
        return UIThread.syncExec(() -> locate(path) != null);
    }

    /** Selects the item at {@code path} (expanding its parents), firing the tree's selection event. */
    public BotTree select(String... path) {
        UIThread.syncExec(() -> {
            TreeItem item = locate(path);
            if (item == null) {
                throw new WidgetNotFoundException("No tree item " + String.join(" > ", path), null);
            }
            widget.setSelection(item);
            Event event = new Event();
            event.item = item;
            widget.notifyListeners(SWT.Selection, event);
        });
        return this;
    }

    /** Ticks the check box of the item at {@code path} (a tree made with SWT.CHECK), as a click on the box does. */
    public BotTree check(String... path) {
        UIThread.syncExec(() -> {
            TreeItem item = locate(path);
            if (item == null) {
                throw new WidgetNotFoundException("No tree item " + String.join(" > ", path), null);
            }
            item.setChecked(true);
            Event event = new Event();
            event.item = item;
            event.detail = SWT.CHECK;
            widget.notifyListeners(SWT.Selection, event);
        });
        return this;
    }

    private TreeItem locate(String... path) {
        TreeItem[] level = widget.getItems();
        TreeItem found = null;
        for (int i = 0; i < path.length; i++) {
            String text = path[i];
            found = Arrays.stream(level).filter(t -> text.equals(t.getText())).findFirst().orElse(null);
            if (found == null) {
                return null;
            }
            if (i < path.length - 1) {
                expand(found);
                level = found.getItems();
            }
        }
        return found;
    }

    private void expand(TreeItem item) {
        if (!item.getExpanded()) {
            Event event = new Event();
            event.item = item;
            widget.notifyListeners(SWT.Expand, event); // lets the viewer create the children
            item.setExpanded(true);
        }
    }
}
