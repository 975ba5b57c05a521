package io.ifpp.ui.testing;

/** A widget, shell, menu or view that did not appear within the bot's timeout. */
public class WidgetNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WidgetNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
