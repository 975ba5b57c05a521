package io.ifpp.ui.testing;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CCombo;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Decorations;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.forms.widgets.ExpandableComposite;
import org.eclipse.ui.forms.widgets.Form;
import org.eclipse.ui.forms.widgets.Hyperlink;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.Section;

import io.ifpp.ui.Widgets;

/**
 * Every text a person can read in a widget tree, visible now or not (a page or tab that is not on top still holds
 * its texts): labels, buttons, text fields and their hints, styled text, combo and list items, every column of
 * every table and tree item (trees fully expanded first, as lazy viewers create items only on expansion), tab and
 * tool items, tooltips, form titles and messages, section titles and descriptions. For assertions over all of a
 * part's texts, such as that no secret is shown in clear. Not read: texts drawn on a canvas without a getter
 * (FormText) and menus built when they open.
 */
public final class WidgetTexts {

    /** One text and where it was read: the widget's class, its {@link Widgets#ID_KEY} id if any, and what part. */
    public record Read(String where, String text) {
    }

    private WidgetTexts() {
    }

    /** The texts below {@code root} (itself included); runs in the UI thread. */
    public static List<Read> of(Control root) {
        return UIThread.syncExec(() -> {
            List<Read> out = new ArrayList<>();
            collect(root, out);
            return out;
        });
    }

    private static void collect(Control control, List<Read> out) {
        if (control.isDisposed()) {
            return;
        }
        String where = control.getClass().getSimpleName()
                + (control.getData(Widgets.ID_KEY) instanceof String id ? " #" + id : "");
        add(out, where + " tooltip", control.getToolTipText());
        switch (control) {
            case Label label -> add(out, where, label.getText());
            case CLabel label -> add(out, where, label.getText());
            case Button button -> add(out, where, button.getText());
            case Link link -> add(out, where, link.getText());
            case Text text -> {
                add(out, where, text.getText());
                add(out, where + " message", text.getMessage());
            }
            case StyledText styled -> add(out, where, styled.getText());
            case Combo combo -> {
                add(out, where, combo.getText());
                for (String item : combo.getItems()) {
                    add(out, where + " item", item);
                }
            }
            case CCombo combo -> {
                add(out, where, combo.getText());
                for (String item : combo.getItems()) {
                    add(out, where + " item", item);
                }
            }
            case org.eclipse.swt.widgets.List list -> {
                for (String item : list.getItems()) {
                    add(out, where + " item", item);
                }
            }
            case Table table -> table(table, where, out);
            case Tree tree -> tree(tree, where, out);
            case CTabFolder folder -> {
                for (CTabItem item : folder.getItems()) {
                    add(out, where + " tab", item.getText());
                    add(out, where + " tab tooltip", item.getToolTipText());
                }
            }
            case org.eclipse.swt.widgets.TabFolder folder -> {
                for (org.eclipse.swt.widgets.TabItem item : folder.getItems()) {
                    add(out, where + " tab", item.getText());
                    add(out, where + " tab tooltip", item.getToolTipText());
                }
            }
            case ToolBar bar -> {
                for (ToolItem item : bar.getItems()) {
                    add(out, where + " item", item.getText());
                    add(out, where + " item tooltip", item.getToolTipText());
                }
            }
            case Group group -> add(out, where, group.getText());
            case Decorations shell -> add(out, where + " title", shell.getText());
            case Form form -> {
                add(out, where + " title", form.getText());
                add(out, where + " message", form.getMessage());
            }
            case ScrolledForm form -> {
                add(out, where + " title", form.getText());
                add(out, where + " message", form.getMessage());
            }
            case Section section -> {
                add(out, where + " title", section.getText());
                add(out, where + " description", section.getDescription());
            }
            case ExpandableComposite expandable -> add(out, where + " title", expandable.getText());
            case Hyperlink link -> add(out, where, link.getText());
            default -> {
                // a container or a widget without text of its own
            }
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, out);
            }
        }
    }

    private static void table(Table table, String where, List<Read> out) {
        for (TableColumn column : table.getColumns()) {
            add(out, where + " column", column.getText());
            add(out, where + " column tooltip", column.getToolTipText());
        }
        int columns = Math.max(1, table.getColumnCount());
        for (TableItem item : table.getItems()) {
            for (int c = 0; c < columns; c++) {
                add(out, where + " item", item.getText(c));
            }
        }
    }

    private static void tree(Tree tree, String where, List<Read> out) {
        for (TreeColumn column : tree.getColumns()) {
            add(out, where + " column", column.getText());
            add(out, where + " column tooltip", column.getToolTipText());
        }
        int columns = Math.max(1, tree.getColumnCount());
        for (TreeItem item : tree.getItems()) {
            treeItem(tree, item, columns, where, out);
        }
    }

    private static void treeItem(Tree tree, TreeItem item, int columns, String where, List<Read> out) {
        for (int c = 0; c < columns; c++) {
            add(out, where + " item", item.getText(c));
        }
        if (item.getItemCount() > 0 && !item.getExpanded()) {
            Event event = new Event();
            event.item = item;
            tree.notifyListeners(SWT.Expand, event); // a lazy viewer creates the children now
            item.setExpanded(true);
        }
        for (TreeItem child : item.getItems()) {
            treeItem(tree, child, columns, where, out);
        }
    }

    private static void add(List<Read> out, String where, String text) {
        if (text != null && !text.isBlank()) {
            out.add(new Read(where, text));
        }
    }
}
