package io.ifpp.profile.internal.asn1;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.ifpp.profile.asn1.Asn1Module;
import io.ifpp.profile.asn1.Asn1TextException;
import io.ifpp.profile.asn1.Asn1Type;
import io.ifpp.profile.asn1.Asn1Type.Choice;
import io.ifpp.profile.asn1.Asn1Type.Component;
import io.ifpp.profile.asn1.Asn1Type.Sequence;
import io.ifpp.profile.asn1.Asn1Type.SequenceOf;
import io.ifpp.profile.asn1.Asn1Type.Tagged;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.Field;
import io.ifpp.profile.internal.asn1.Asn1Lexer.Kind;
import io.ifpp.profile.internal.asn1.Asn1Lexer.Token;

/**
 * Reads value notation as {@link ValueNotationWriter} prints it (any layout): {@code name Type ::= value}
 * assignments, values checked against the schema as they are read. {@code aliases} maps other spellings of
 * component names to the schema's (the SAIP 2.x {@code keyCompontents}).
 */
public final class ValueNotationParser {

    private final Asn1Module module;
    private final Map<String, String> aliases;
    private final TokenStream in;

    private ValueNotationParser(Asn1Module module, Map<String, String> aliases, TokenStream in) {
        this.module = module;
        this.aliases = aliases;
        this.in = in;
    }

    /** Reads every {@code valueN typeName ::= ...} assignment of {@code text}, in order. */
    public static List<Asn1Value> parse(Asn1Module module, String typeName, String text, Map<String, String> aliases)
            throws Asn1TextException {
        ValueNotationParser parser = new ValueNotationParser(module, aliases, new TokenStream(Asn1Lexer.tokenize(text)));
        Asn1Type type = module.type(typeName);
        List<Asn1Value> values = new ArrayList<>();
        while (!parser.in.atEnd()) {
            parser.in.expect(Kind.IDENTIFIER, "a value name such as value" + (values.size() + 1));
            Token declared = parser.in.expect(Kind.IDENTIFIER, "the type " + typeName);
            if (!declared.text().equals(typeName)) {
                throw new Asn1TextException(declared.line(), declared.column(),
                        "expected a " + typeName + " value but the text declares a " + declared.text());
            }
            parser.in.expect("::=");
            values.add(parser.value(type));
        }
        return values;
    }

    /** Reads one value of {@code type} that makes up the whole of {@code text} (a DEFAULT, a field edit). */
    public static Asn1Value parseValue(Asn1Module module, Asn1Type type, String text) throws Asn1TextException {
        ValueNotationParser parser = new ValueNotationParser(module, Map.of(), new TokenStream(Asn1Lexer.tokenize(text)));
        Asn1Value value = parser.value(type);
        if (!parser.in.atEnd()) {
            throw parser.in.error("the value ends before " + parser.in.peek());
        }
        return value;
    }

    private String schemaName(String textName) {
        return aliases.getOrDefault(textName, textName);
    }

    private Asn1Value value(Asn1Type declared) throws Asn1TextException {
        Asn1Type type = module.resolve(declared);
        return switch (type) {
            case Tagged tagged -> value(tagged.inner());
            case Choice choice -> {
                Token name = in.expect(Kind.IDENTIFIER, "an alternative of the CHOICE");
                Component alternative = choice.alternative(schemaName(name.text())).orElseThrow(() -> new Asn1TextException(
                        name.line(), name.column(), "'" + name.text() + "' is not an alternative here; expected one of "
                                + choice.alternatives().stream().map(Component::name).toList()));
                in.expect(":");
                yield new Asn1Value.ChoiceValue(alternative.name(), value(alternative.type()));
            }
            case Sequence sequence -> sequence(sequence);
            case SequenceOf sequenceOf -> {
                in.expect("{");
                List<Asn1Value> elements = new ArrayList<>();
                if (!in.accept("}")) {
                    do {
                        elements.add(value(sequenceOf.element()));
                    } while (in.accept(","));
                    in.expect("}");
                }
                yield new Asn1Value.SequenceOfValue(elements);
            }
            case Asn1Type.IntegerType integer -> integer(integer);
            case Asn1Type.BitStringType bits -> bitString();
            case Asn1Type.Simple simple -> simple(simple.kind());
            case Asn1Type.Reference reference -> value(module.resolve(reference));
        };
    }

    private Asn1Value sequence(Sequence sequence) throws Asn1TextException {
        in.expect("{");
        List<Field> fields = new ArrayList<>();
        List<Component> components = sequence.components();
        int next = 0;
        if (!in.peek().is("}")) {
            do {
                Token name = in.expect(Kind.IDENTIFIER, "a component name");
                String schemaName = schemaName(name.text());
                int at = indexOf(components, schemaName);
                if (at < 0) {
                    throw new Asn1TextException(name.line(), name.column(), "'" + name.text()
                            + "' is not a component here; expected one of " + components.stream().map(Component::name).toList());
                }
                if (at < next) {
                    throw new Asn1TextException(name.line(), name.column(), "'" + name.text()
                            + "' is repeated or out of order: components follow the order of the schema");
                }
                requirePresent(components, next, at, name);
                Component component = components.get(at);
                Asn1Value value = value(component.type());
                // DER leaves out a component that equals its DEFAULT; the text may spell it out.
                if (!value.equals(component.defaultValue())) {
                    fields.add(new Field(schemaName, value));
                }
                next = at + 1;
            } while (in.accept(","));
        }
        Token close = in.expect("}");
        requirePresent(components, next, components.size(), close);
        return new Asn1Value.SequenceValue(fields);
    }

    private static int indexOf(List<Component> components, String name) {
        for (int i = 0; i < components.size(); i++) {
            if (components.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void requirePresent(List<Component> components, int from, int to, Token at) throws Asn1TextException {
        for (int i = from; i < to; i++) {
            if (!components.get(i).mayBeAbsent()) {
                throw new Asn1TextException(at.line(), at.column(),
                        "the mandatory component " + components.get(i).name() + " is missing before " + at);
            }
        }
    }

    private Asn1Value integer(Asn1Type.IntegerType type) throws Asn1TextException {
        Token token = in.next();
        if (token.kind() == Kind.NUMBER) {
            return new Asn1Value.IntegerValue(new BigInteger(token.text()));
        }
        if (token.kind() == Kind.IDENTIFIER && type.namedNumbers().containsKey(token.text())) {
            return Asn1Value.IntegerValue.of(type.namedNumbers().get(token.text()));
        }
        throw new Asn1TextException(token.line(), token.column(), "expected a number"
                + (type.namedNumbers().isEmpty() ? "" : " or one of " + type.namedNumbers().keySet()) + " but found " + token);
    }

    private Asn1Value bitString() throws Asn1TextException {
        Token token = in.next();
        if (token.kind() == Kind.HSTRING) {
            return new Asn1Value.BitStringValue(octets(token), 0);
        }
        if (token.kind() == Kind.BSTRING) {
            int unused = (8 - token.text().length() % 8) % 8;
            return new Asn1Value.BitStringValue(new Asn1Value.OctetStringValue(binary(token.text() + "0".repeat(unused))),
                    unused);
        }
        throw new Asn1TextException(token.line(), token.column(), "expected a bit string ('0101'B or '0F'H) but found " + token);
    }

    private Asn1Value simple(Asn1Type.Kind kind) throws Asn1TextException {
        Token token = in.peek();
        switch (kind) {
            case NULL -> {
                in.expect("NULL");
                return Asn1Value.NullValue.INSTANCE;
            }
            case BOOLEAN -> {
                if (in.accept("TRUE")) {
                    return new Asn1Value.BooleanValue(true);
                }
                in.expect("FALSE");
                return new Asn1Value.BooleanValue(false);
            }
            case OCTET_STRING -> {
                in.next();
                if (token.kind() == Kind.HSTRING) {
                    return octets(token);
                }
                if (token.kind() == Kind.BSTRING && token.text().length() % 8 == 0) {
                    return new Asn1Value.OctetStringValue(binary(token.text()));
                }
                throw new Asn1TextException(token.line(), token.column(), "expected an octet string ('00A1'H) but found " + token);
            }
            case ANY -> throw in.error("an open type (ANY) has no value notation here");
            case UTF8_STRING -> {
                return new Asn1Value.StringValue(in.expect(Kind.CSTRING, "a \"string\"").text());
            }
            case OBJECT_IDENTIFIER -> {
                in.expect("{");
                List<BigInteger> arcs = new ArrayList<>();
                while (!in.accept("}")) {
                    Token arc = in.next();
                    if (arc.kind() == Kind.IDENTIFIER && in.accept("(")) {
                        arc = in.expect(Kind.NUMBER, "an arc number");
                        in.expect(")");
                    }
                    if (arc.kind() != Kind.NUMBER || arc.text().startsWith("-")) {
                        throw new Asn1TextException(arc.line(), arc.column(), "expected an arc number but found " + arc);
                    }
                    arcs.add(new BigInteger(arc.text()));
                }
                if (arcs.size() < 2 || arcs.get(0).compareTo(BigInteger.TWO) > 0) {
                    throw new Asn1TextException(token.line(), token.column(),
                            "an OBJECT IDENTIFIER needs at least two arcs, the first 0, 1 or 2");
                }
                return new Asn1Value.ObjectIdentifierValue(arcs);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** Whole bytes from a string of '0'/'1' whose length is a multiple of 8. */
    private static byte[] binary(String bits) {
        byte[] bytes = new byte[bits.length() / 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(bits.substring(8 * i, 8 * i + 8), 2);
        }
        return bytes;
    }

    private static Asn1Value.OctetStringValue octets(Token hex) throws Asn1TextException {
        if (hex.text().length() % 2 != 0) {
            // The digits are not repeated: they may be a key.
            throw new Asn1TextException(hex.line(), hex.column(), "a hex string of " + hex.text().length()
                    + " digits is not whole bytes; an octet string needs an even number of hex digits");
        }
        return new Asn1Value.OctetStringValue(HexFormat.of().parseHex(hex.text()));
    }
}
