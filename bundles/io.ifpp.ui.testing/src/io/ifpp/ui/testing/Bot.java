package io.ifpp.ui.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.Widget;

import io.ifpp.ui.Widgets;

/**
 * Finds widgets below a root (a shell or a view's composite), or in every open shell, waiting for them to appear;
 * SWTBot's {@code SWTBot}.
 */
public class Bot {

    /** Default wait for widgets and conditions; override with {@code -Dio.ifpp.ui.testing.timeout=millis}. */
    private static final long DEFAULT_TIMEOUT_MS = Long.getLong("io.ifpp.ui.testing.timeout", 10_000);
    private static final long POLL_MS = 50;

    private final Supplier<List<? extends Control>> roots;

    /** A bot over every visible shell, the active one first. */
    public Bot() {
        this(Bot::visibleShells);
    }

    Bot(Control root) {
        this(() -> List.of(root));
    }

    private Bot(Supplier<List<? extends Control>> roots) {
        this.roots = roots;
    }

    public long timeout() {
        return DEFAULT_TIMEOUT_MS;
    }

    // ---- waiting

    public void waitUntil(ICondition condition) {
        waitUntil(condition, timeout());
    }

    public void waitUntil(ICondition condition, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Exception last = null;
        while (true) {
            try {
                if (condition.test()) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Timed out after " + timeoutMillis + " ms waiting for "
                        + condition.getFailureMessage(), last);
            }
            sleep(POLL_MS);
        }
    }

    public void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    // ---- shells

    public BotShell shell(String title) {
        Shell shell = waitForWidget("a shell titled '" + title + "'", () -> UIThread.syncExec(
                () -> visibleShells().stream().filter(s -> title.equals(s.getText())).findFirst().orElse(null)));
        return new BotShell(shell);
    }

    public BotShell activeShell() {
        return new BotShell(waitForWidget("an active shell", () -> UIThread.syncExec(() -> UIThread.display().getActiveShell())));
    }

    /** Titles of every visible shell, for assertions and failure messages. */
    public List<String> shellTitles() {
        return UIThread.syncExec(() -> visibleShells().stream().map(Shell::getText).toList());
    }

    // ---- widgets

    /** The push or toggle button whose text (mnemonics removed) is {@code text}. */
    public BotButton button(String text) {
        return new BotButton(find(Button.class, "a button '" + text + "'",
                b -> (b.getStyle() & (SWT.PUSH | SWT.TOGGLE)) != 0 && text.equals(withoutMnemonics(b.getText()))));
    }

    /** The button (push, toggle, radio, check) with this id. */
    public BotButton buttonWithId(String id) {
        return new BotButton(widgetWithId(Button.class, id));
    }

    public BotText text() {
        return text(0);
    }

    /** The {@code index}-th text field, in widget-tree order. */
    public BotText text(int index) {
        return new BotText(findNth(Text.class, "text field #" + index, index));
    }

    public BotText textWithId(String id) {
        return new BotText(widgetWithId(Text.class, id));
    }

    /** The text field right after the label {@code label}, as a form lays them out. */
    public BotText textWithLabel(String label) {
        return new BotText(find(Text.class, "a text field labelled '" + label + "'", t -> {
            Control[] siblings = t.getParent().getChildren();
            int at = Arrays.asList(siblings).indexOf(t);
            return at > 0 && siblings[at - 1] instanceof Label l && label.equals(withoutMnemonics(l.getText()));
        }));
    }

    public BotLabel label(String text) {
        return new BotLabel(find(Label.class, "a label '" + text + "'", l -> text.equals(l.getText())));
    }

    public BotLabel labelWithId(String id) {
        return new BotLabel(widgetWithId(Label.class, id));
    }

    /** The tab (of an editor's or a view's tab folder) whose text is {@code text}. */
    public BotCTabItem cTabItem(String text) {
        org.eclipse.swt.custom.CTabFolder folder = find(org.eclipse.swt.custom.CTabFolder.class, "a tab '" + text + "'",
                f -> java.util.Arrays.stream(f.getItems()).anyMatch(i -> text.equals(withoutMnemonics(i.getText()))));
        return new BotCTabItem(folder, text);
    }

    public BotTree treeWithId(String id) {
        return new BotTree(widgetWithId(Tree.class, id));
    }

    public BotTable tableWithId(String id) {
        return new BotTable(widgetWithId(org.eclipse.swt.widgets.Table.class, id));
    }

    public BotTree tree() {
        return new BotTree(findNth(Tree.class, "a tree", 0));
    }

    public <W extends Control> W widgetWithId(Class<W> type, String id) {
        return find(type, "a " + type.getSimpleName() + " with id '" + id + "'",
                w -> id.equals(w.getData(Widgets.ID_KEY)));
    }

    public <W extends Control> W widgetWithTooltip(Class<W> type, String tooltip) {
        return find(type, "a " + type.getSimpleName() + " with tooltip '" + tooltip + "'",
                w -> tooltip.equals(w.getToolTipText()));
    }

    /** Every visible widget of {@code type} below the roots, in widget-tree order (no waiting). */
    public <W extends Control> List<W> widgets(Class<W> type) {
        return UIThread.syncExec(() -> {
            List<W> found = new ArrayList<>();
            for (Control root : roots.get()) {
                collect(root, type, w -> true, found);
            }
            return found;
        });
    }

    <W extends Control> W find(Class<W> type, String description, Predicate<W> matcher) {
        return waitForWidget(description, () -> UIThread.syncExec(() -> {
            List<W> found = new ArrayList<>();
            for (Control root : roots.get()) {
                collect(root, type, matcher, found);
            }
            return found.isEmpty() ? null : found.get(0);
        }));
    }

    private <W extends Control> W findNth(Class<W> type, String description, int index) {
        return waitForWidget(description, () -> {
            List<W> all = widgets(type);
            return all.size() > index ? all.get(index) : null;
        });
    }

    <T> T waitForWidget(String description, Supplier<T> lookup) {
        Object[] found = new Object[1];
        try {
            waitUntil(Conditions.that(description, () -> (found[0] = lookup.get()) != null));
        } catch (TimeoutException e) {
            throw new WidgetNotFoundException("Could not find " + description + "; open shells: " + shellTitles(), e);
        }
        @SuppressWarnings("unchecked")
        T result = (T) found[0];
        return result;
    }

    private static <W extends Control> void collect(Control control, Class<W> type, Predicate<W> matcher, List<W> out) {
        if (control.isDisposed() || !control.isVisible()) {
            return;
        }
        if (type.isInstance(control) && matcher.test(type.cast(control))) {
            out.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, matcher, out);
            }
        }
    }

    static List<Shell> visibleShells() {
        Shell active = UIThread.display().getActiveShell();
        List<Shell> shells = new ArrayList<>();
        if (active != null && active.isVisible()) {
            shells.add(active);
        }
        for (Shell shell : UIThread.display().getShells()) {
            if (shell != active && !shell.isDisposed() && shell.isVisible()) {
                shells.add(shell);
            }
        }
        return shells;
    }

    /** "&amp;New\tCtrl+N" becomes "New": what a person reads on a button or menu item. */
    static String withoutMnemonics(String text) {
        String visible = Objects.requireNonNullElse(text, "");
        int tab = visible.indexOf('\t');
        if (tab >= 0) {
            visible = visible.substring(0, tab);
        }
        return visible.replace("&&", "\u0000").replace("&", "").replace('\u0000', '&');
    }

    static void notify(Widget widget, int eventType) {
        org.eclipse.swt.widgets.Event event = new org.eclipse.swt.widgets.Event();
        event.widget = widget;
        event.display = widget.getDisplay();
        event.time = (int) System.currentTimeMillis();
        widget.notifyListeners(eventType, event);
    }
}
