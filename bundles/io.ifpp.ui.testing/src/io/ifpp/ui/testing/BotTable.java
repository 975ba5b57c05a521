package io.ifpp.ui.testing;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/** A table as a person reads it: rows of cell texts, as SWTBot's {@code SWTBotTable}. */
public final class BotTable extends AbstractBotControl<Table> {

    BotTable(Table widget) {
        super(widget);
    }

    public int rowCount() {
        return UIThread.syncExec(widget::getItemCount);
    }

    /** The text of one cell; on a virtual table this materializes the row as scrolling to it would. */
    public String cell(int row, int column) {
        return UIThread.syncExec(() -> widget.getItem(row).getText(column));
    }

    /** Selects one row as a click would: the selection changes, then the table tells its listeners. */
    public BotTable select(int row) {
        UIThread.syncExec(() -> {
            widget.setSelection(row);
            Bot.notify(widget, SWT.Selection);
        });
        return this;
    }

    /** Opens one row as a double-click would (the table's default selection). */
    public BotTable doubleClick(int row) {
        UIThread.syncExec(() -> {
            widget.setSelection(row);
            Bot.notify(widget, SWT.DefaultSelection);
        });
        return this;
    }

    /** Scrolls so that {@code row} is on screen, as a person dragging the scroll bar there would. */
    public BotTable showRow(int row) {
        UIThread.syncExec(() -> {
            widget.setTopIndex(row);
            widget.showItem(widget.getItem(row));
        });
        return this;
    }

    /** The first row on screen. */
    public int topIndex() {
        return UIThread.syncExec(widget::getTopIndex);
    }

    /** The texts of one column, top to bottom. */
    public List<String> columnTexts(int column) {
        return UIThread.syncExec(() -> {
            List<String> texts = new ArrayList<>();
            for (TableItem item : widget.getItems()) {
                texts.add(item.getText(column));
            }
            return texts;
        });
    }

    public List<String> columnHeaders() {
        return UIThread.syncExec(() -> {
            List<String> headers = new ArrayList<>();
            for (var column : widget.getColumns()) {
                headers.add(column.getText());
            }
            return headers;
        });
    }
}
