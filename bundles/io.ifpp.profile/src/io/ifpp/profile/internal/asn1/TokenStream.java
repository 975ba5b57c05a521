package io.ifpp.profile.internal.asn1;

import java.util.List;

import io.ifpp.profile.asn1.Asn1TextException;
import io.ifpp.profile.internal.asn1.Asn1Lexer.Kind;
import io.ifpp.profile.internal.asn1.Asn1Lexer.Token;

/** Cursor over lexer tokens with the checks both ASN.1 parsers need. */
final class TokenStream {

    private final List<Token> tokens;
    private int index;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    boolean atEnd() {
        return peek().kind() == Kind.END;
    }

    boolean accept(String symbolOrWord) {
        if (peek().is(symbolOrWord)) {
            index++;
            return true;
        }
        return false;
    }

    Token expect(String symbolOrWord) throws Asn1TextException {
        if (!peek().is(symbolOrWord)) {
            throw error("expected '" + symbolOrWord + "' but found " + peek());
        }
        return next();
    }

    Token expect(Kind kind, String what) throws Asn1TextException {
        if (peek().kind() != kind) {
            throw error("expected " + what + " but found " + peek());
        }
        return next();
    }

    /** Skips one balanced group that starts at the current "(" or "{". */
    void skipGroup() throws Asn1TextException {
        Token open = next();
        String close = open.is("(") ? ")" : "}";
        int depth = 1;
        while (depth > 0) {
            Token token = next();
            if (token.kind() == Kind.END) {
                throw new Asn1TextException(open.line(), open.column(), "'" + open.text() + "' is never closed");
            }
            if (token.is(open.text())) {
                depth++;
            } else if (token.is(close)) {
                depth--;
            }
        }
    }

    Asn1TextException error(String reason) {
        Token at = peek();
        return new Asn1TextException(at.line(), at.column(), reason);
    }
}
