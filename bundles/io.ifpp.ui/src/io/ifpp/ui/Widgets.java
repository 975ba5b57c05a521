package io.ifpp.ui;

import org.eclipse.swt.widgets.Widget;

/**
 * Stable ids on widgets people read, so UI tests find them by id rather than by position (SWTBot's idiom of a
 * widget key in {@link Widget#setData(String, Object)}).
 */
public final class Widgets {

    /** The data key under which a widget carries its id. */
    public static final String ID_KEY = "io.ifpp.widget.id";

    private Widgets() {
    }

    /** Tags {@code widget} with {@code id} and returns it, for use inline where the widget is created. */
    public static <W extends Widget> W tag(W widget, String id) {
        widget.setData(ID_KEY, id);
        return widget;
    }
}
