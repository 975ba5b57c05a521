package io.ifpp.profile.internal.asn1;

import java.util.ArrayList;
import java.util.List;

import io.ifpp.profile.asn1.Asn1TextException;

/** Splits ASN.1 text (a module or value notation) into tokens, dropping comments; positions are 1-based. */
public final class Asn1Lexer {

    public enum Kind {
        IDENTIFIER, NUMBER, HSTRING, BSTRING, CSTRING, SYMBOL, END
    }

    public record Token(Kind kind, String text, int line, int column) {

        public boolean is(String symbolOrWord) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENTIFIER) && text.equals(symbolOrWord);
        }

        public String where() {
            return "line " + line + ", column " + column;
        }

        @Override
        public String toString() {
            return kind == Kind.END ? "the end of the text" : "'" + text + "'";
        }
    }

    private static final String[] SYMBOLS = { "::=", "...", "..", "{", "}", "(", ")", "[", "]", ",", ";", ":", "|",
            "<", "^", "@", "!", ".", "&" };

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Asn1Lexer(String text) {
        this.text = text;
    }

    public static List<Token> tokenize(String text) throws Asn1TextException {
        return new Asn1Lexer(text).run();
    }

    private List<Token> run() throws Asn1TextException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanksAndComments();
            if (pos >= text.length()) {
                tokens.add(new Token(Kind.END, "", line, column()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
            lineStart = pos + 1;
        }
        pos++;
    }

    private void skipBlanksAndComments() throws Asn1TextException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (text.startsWith("--", pos)) {
                pos += 2;
                // A "--" comment ends at the next "--" or at the end of the line.
                while (pos < text.length() && text.charAt(pos) != '\n' && !text.startsWith("--", pos)) {
                    advance();
                }
                if (text.startsWith("--", pos)) {
                    pos += 2;
                }
            } else if (text.startsWith("/*", pos)) {
                int startLine = line;
                int startColumn = column();
                int depth = 0;
                do {
                    if (pos >= text.length()) {
                        throw new Asn1TextException(startLine, startColumn, "a /* comment is never closed");
                    }
                    if (text.startsWith("/*", pos)) {
                        depth++;
                        pos += 2;
                    } else if (text.startsWith("*/", pos)) {
                        depth--;
                        pos += 2;
                    } else {
                        advance();
                    }
                } while (depth > 0);
            } else {
                return;
            }
        }
    }

    private Token next() throws Asn1TextException {
        int startLine = line;
        int startColumn = column();
        int start = pos;
        char c = text.charAt(pos);
        if (Character.isLetter(c)) {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                    || (text.charAt(pos) == '-' && !text.startsWith("--", pos) && pos + 1 < text.length()
                            && Character.isLetterOrDigit(text.charAt(pos + 1))))) {
                pos++;
            }
            return new Token(Kind.IDENTIFIER, text.substring(start, pos), startLine, startColumn);
        }
        if (Character.isDigit(c) || (c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.NUMBER, text.substring(start, pos), startLine, startColumn);
        }
        if (c == '\'') {
            StringBuilder digits = new StringBuilder();
            advance();
            while (pos < text.length() && text.charAt(pos) != '\'') {
                if (!Character.isWhitespace(text.charAt(pos))) {
                    digits.append(text.charAt(pos));
                }
                advance();
            }
            if (pos + 1 >= text.length()) {
                throw new Asn1TextException(startLine, startColumn, "a '...' string is not closed with 'H or 'B");
            }
            pos++;
            char radix = Character.toUpperCase(text.charAt(pos++));
            String body = digits.toString();
            if (radix == 'H' && body.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                return new Token(Kind.HSTRING, body.toUpperCase(), startLine, startColumn);
            }
            if (radix == 'B' && body.chars().allMatch(ch -> ch == '0' || ch == '1')) {
                return new Token(Kind.BSTRING, body, startLine, startColumn);
            }
            // The digits are not repeated: they may be a key.
            throw new Asn1TextException(startLine, startColumn, "a quoted string ending in '" + radix
                    + " is neither hexadecimal ('0-9A-F'H) nor binary ('01'B)");
        }
        if (c == '"') {
            StringBuilder value = new StringBuilder();
            advance();
            while (true) {
                if (pos >= text.length()) {
                    throw new Asn1TextException(startLine, startColumn, "a \"string\" is never closed");
                }
                if (text.charAt(pos) == '"') {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                        value.append('"');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    return new Token(Kind.CSTRING, value.toString(), startLine, startColumn);
                }
                value.append(text.charAt(pos));
                advance();
            }
        }
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, pos)) {
                pos += symbol.length();
                return new Token(Kind.SYMBOL, symbol, startLine, startColumn);
            }
        }
        throw new Asn1TextException(startLine, startColumn, "unexpected character '" + c + "'");
    }
}
