package io.ifpp.server.internal.cli;

/**
 * Text that others wrote (a partner's failure reason, an audit entry's details, a vendor's DN), made safe to print on
 * a terminal and in tab-separated lines: control characters (which could move the cursor, clear the screen or forge
 * a line), the separators tab and newline, and the bidirectional overrides that reorder what a reader sees are
 * written as escapes; the backslash is doubled so that an escape in the text cannot pass for one of ours.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> Character.isISOControl(c) || isBidiControl(c) ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
