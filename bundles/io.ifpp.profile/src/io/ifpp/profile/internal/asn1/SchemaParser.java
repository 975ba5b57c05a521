package io.ifpp.profile.internal.asn1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ifpp.profile.asn1.Asn1Module;
import io.ifpp.profile.asn1.Asn1TextException;
import io.ifpp.profile.asn1.Asn1Type;
import io.ifpp.profile.asn1.Asn1Type.Choice;
import io.ifpp.profile.asn1.Asn1Type.Component;
import io.ifpp.profile.asn1.Asn1Type.Reference;
import io.ifpp.profile.asn1.Asn1Type.Sequence;
import io.ifpp.profile.asn1.Asn1Type.SequenceOf;
import io.ifpp.profile.asn1.Asn1Type.Tagged;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Tag;
import io.ifpp.profile.asn1.Tag.TagClass;
import io.ifpp.profile.internal.asn1.Asn1Lexer.Kind;
import io.ifpp.profile.internal.asn1.Asn1Lexer.Token;

/**
 * Reads an ASN.1 module (X.680) as far as the SAIP schema uses it: SEQUENCE, SEQUENCE OF, CHOICE, INTEGER and
 * BIT STRING with named values, OCTET STRING, NULL, BOOLEAN, OBJECT IDENTIFIER, UTF8String, tags, OPTIONAL,
 * DEFAULT, extension markers. Constraints are skipped (validation checks sizes where they matter). Tagging follows
 * the module's default: under AUTOMATIC TAGS, components of a SEQUENCE or CHOICE none of which is tagged get
 * [0], [1], ...; a tag without IMPLICIT/EXPLICIT is implicit, except on an untagged CHOICE, where it is explicit.
 */
public final class SchemaParser {

    private enum Default {
        EXPLICIT, IMPLICIT, AUTOMATIC
    }

    private final TokenStream in;
    private final Map<String, Asn1Type> raw = new LinkedHashMap<>();
    private final Map<String, Long> values = new HashMap<>();
    /** Tags written without IMPLICIT/EXPLICIT: decided once references resolve. */
    private final Set<Tagged> undecided = Collections.newSetFromMap(new IdentityHashMap<>());
    private Default tagDefault = Default.EXPLICIT;
    /** Type names being inlined right now: a reference to one of them is a cycle and stays a reference. */
    private final Set<String> inlining = new java.util.HashSet<>();

    private SchemaParser(List<Token> tokens) {
        this.in = new TokenStream(tokens);
    }

    public static Asn1Module parse(String moduleText) throws Asn1TextException {
        return new SchemaParser(Asn1Lexer.tokenize(moduleText)).module();
    }

    private Asn1Module module() throws Asn1TextException {
        String name = in.expect(Kind.IDENTIFIER, "the module name").text();
        if (in.peek().is("{")) {
            in.skipGroup();
        }
        in.expect("DEFINITIONS");
        while (!in.peek().is("::=")) {
            Token word = in.next();
            switch (word.text()) {
                case "AUTOMATIC" -> tagDefault = Default.AUTOMATIC;
                case "IMPLICIT" -> tagDefault = Default.IMPLICIT;
                case "EXPLICIT" -> tagDefault = Default.EXPLICIT;
                case "TAGS", "EXTENSIBILITY", "IMPLIED" -> {
                    // every type is extensible to the decoder anyway
                }
                default -> throw new Asn1TextException(word.line(), word.column(), "unexpected " + word + " in the module header");
            }
        }
        in.expect("::=");
        in.expect("BEGIN");
        for (String clause : new String[] { "EXPORTS", "IMPORTS" }) {
            if (in.accept(clause)) {
                while (!in.accept(";")) {
                    if (in.atEnd()) {
                        throw in.error(clause + " is not closed with ';'");
                    }
                    in.next();
                }
            }
        }
        while (!in.accept("END")) {
            assignment();
        }
        Map<String, Asn1Type> finished = new LinkedHashMap<>();
        Map<Asn1Type, Asn1Type> done = new IdentityHashMap<>();
        raw.forEach((typeName, type) -> finished.put(typeName, finish(type, done)));
        // DEFAULT values are read as values of their types, which needs the module they are in.
        Asn1Module withoutDefaults = new Asn1Module(name, finished);
        Map<Asn1Type, Asn1Type> rebuilt = new IdentityHashMap<>();
        Map<String, Asn1Type> withDefaults = new LinkedHashMap<>();
        finished.forEach((typeName, type) -> withDefaults.put(typeName, withDefaults(type, withoutDefaults, rebuilt)));
        return new Asn1Module(name, withDefaults);
    }

    private static Asn1Type withDefaults(Asn1Type type, Asn1Module module, Map<Asn1Type, Asn1Type> done) {
        Asn1Type known = done.get(type);
        if (known != null) {
            return known;
        }
        Asn1Type result = switch (type) {
            case Sequence sequence -> new Sequence(componentsWithDefaults(sequence.components(), module, done));
            case Choice choice -> new Choice(componentsWithDefaults(choice.alternatives(), module, done));
            case SequenceOf sequenceOf -> new SequenceOf(withDefaults(sequenceOf.element(), module, done),
                    sequenceOf.fixedSize());
            case Tagged tagged -> new Tagged(tagged.tag(), tagged.explicit(), withDefaults(tagged.inner(), module, done));
            default -> type;
        };
        done.put(type, result);
        return result;
    }

    /**
     * The DEFAULT of {@code c} as a value; for a {@code SEQUENCE (SIZE (n)) OF} whose DEFAULT is one element
     * (PE-AKAParameter's sqnInit), n copies of it, as the TCA tools read it; null when it is neither.
     */
    private static Asn1Value defaultValue(Asn1Module module, Component c) {
        try {
            return ValueNotationParser.parseValue(module, c.type(), c.defaultText());
        } catch (Asn1TextException notOfTheType) {
            Asn1Type type = module.resolve(c.type());
            while (type instanceof Tagged tagged) {
                type = module.resolve(tagged.inner());
            }
            if (type instanceof SequenceOf sequenceOf && sequenceOf.fixedSize() > 0) {
                try {
                    Asn1Value element = ValueNotationParser.parseValue(module, sequenceOf.element(), c.defaultText());
                    return new Asn1Value.SequenceOfValue(java.util.Collections.nCopies(sequenceOf.fixedSize(), element));
                } catch (Asn1TextException notAnElementEither) {
                    return null;
                }
            }
            return null;
        }
    }

    private static List<Component> componentsWithDefaults(List<Component> components, Asn1Module module,
            Map<Asn1Type, Asn1Type> done) {
        List<Component> result = new ArrayList<>();
        for (Component c : components) {
            Asn1Value defaultValue = null;
            if (c.defaultText() != null) {
                defaultValue = defaultValue(module, c);
            }
            result.add(new Component(c.name(), withDefaults(c.type(), module, done), c.optional(), c.defaultText(),
                    defaultValue));
        }
        return List.copyOf(result);
    }

    private void assignment() throws Asn1TextException {
        Token name = in.expect(Kind.IDENTIFIER, "a type or value assignment");
        if (Character.isUpperCase(name.text().charAt(0))) {
            in.expect("::=");
            raw.put(name.text(), type());
            return;
        }
        type(); // the value's type
        in.expect("::=");
        Token value = in.next();
        if (value.kind() == Kind.NUMBER) {
            values.put(name.text(), Long.parseLong(value.text()));
        } else if (value.is("{")) {
            in.skipGroup();
        }
    }

    private Asn1Type type() throws Asn1TextException {
        Tag tag = null;
        Boolean explicit = null;
        if (in.accept("[")) {
            TagClass tagClass = TagClass.CONTEXT;
            for (TagClass candidate : new TagClass[] { TagClass.UNIVERSAL, TagClass.APPLICATION, TagClass.PRIVATE }) {
                if (in.accept(candidate.name())) {
                    tagClass = candidate;
                }
            }
            tag = Tag.of(tagClass, Integer.parseInt(in.expect(Kind.NUMBER, "a tag number").text()));
            in.expect("]");
            if (in.accept("IMPLICIT")) {
                explicit = false;
            } else if (in.accept("EXPLICIT")) {
                explicit = true;
            } else if (tagDefault == Default.EXPLICIT) {
                explicit = true;
            }
        }
        Asn1Type base = baseType();
        while (in.peek().is("(")) {
            in.skipGroup(); // constraints
        }
        if (tag == null) {
            return base;
        }
        Tagged tagged = new Tagged(tag, explicit != null && explicit, base);
        if (explicit == null) {
            undecided.add(tagged);
        }
        return tagged;
    }

    private Asn1Type baseType() throws Asn1TextException {
        Token word = in.expect(Kind.IDENTIFIER, "a type");
        switch (word.text()) {
            case "SEQUENCE", "SET" -> {
                if (in.peek().is("{")) {
                    return new Sequence(components());
                }
                int fixedSize = -1;
                if (in.peek().is("(")) {
                    fixedSize = fixedSize(true);
                } else if (in.accept("SIZE")) {
                    fixedSize = fixedSize(false);
                }
                in.expect("OF");
                return new SequenceOf(type(), fixedSize);
            }
            case "CHOICE" -> {
                return new Choice(components());
            }
            case "INTEGER" -> {
                return new Asn1Type.IntegerType(in.peek().is("{") ? namedNumbers() : Map.of());
            }
            case "BIT" -> {
                in.expect("STRING");
                return new Asn1Type.BitStringType(in.peek().is("{") ? namedNumbers() : Map.of());
            }
            case "OCTET" -> {
                in.expect("STRING");
                return new Asn1Type.Simple(Asn1Type.Kind.OCTET_STRING);
            }
            case "OBJECT" -> {
                in.expect("IDENTIFIER");
                return new Asn1Type.Simple(Asn1Type.Kind.OBJECT_IDENTIFIER);
            }
            case "NULL" -> {
                return new Asn1Type.Simple(Asn1Type.Kind.NULL);
            }
            case "BOOLEAN" -> {
                return new Asn1Type.Simple(Asn1Type.Kind.BOOLEAN);
            }
            case "UTF8String" -> {
                return new Asn1Type.Simple(Asn1Type.Kind.UTF8_STRING);
            }
            default -> {
                if (Character.isUpperCase(word.text().charAt(0))) {
                    return new Reference(word.text());
                }
                throw new Asn1TextException(word.line(), word.column(), "unsupported type " + word);
            }
        }
    }

    /** Reads a size constraint; n for exactly {@code (SIZE (n))}, -1 for any other. */
    private int fixedSize(boolean withParentheses) throws Asn1TextException {
        int ahead = withParentheses ? 2 : 0;
        boolean exact = (!withParentheses || in.peek(1).is("SIZE")) && in.peek(ahead).is("(")
                && in.peek(ahead + 1).kind() == Kind.NUMBER && in.peek(ahead + 2).is(")")
                && (!withParentheses || in.peek(ahead + 3).is(")"));
        int size = exact ? Integer.parseInt(in.peek(ahead + 1).text()) : -1;
        in.skipGroup();
        return size;
    }

    private Map<String, Long> namedNumbers() throws Asn1TextException {
        Map<String, Long> named = new LinkedHashMap<>();
        in.expect("{");
        do {
            if (in.peek().is("...")) {
                in.next();
                continue;
            }
            String name = in.expect(Kind.IDENTIFIER, "a named number").text();
            in.expect("(");
            Token value = in.next();
            if (value.kind() == Kind.NUMBER) {
                named.put(name, Long.parseLong(value.text()));
            } else if (values.containsKey(value.text())) {
                named.put(name, values.get(value.text()));
            } else {
                throw new Asn1TextException(value.line(), value.column(), "unknown value " + value);
            }
            in.expect(")");
        } while (in.accept(","));
        in.expect("}");
        return Collections.unmodifiableMap(named);
    }

    private List<Component> components() throws Asn1TextException {
        List<Component> components = new ArrayList<>();
        in.expect("{");
        while (!in.accept("}")) {
            if (in.accept("...")) {
                in.accept(",");
                continue;
            }
            String name = in.expect(Kind.IDENTIFIER, "a component name").text();
            Asn1Type type = type();
            boolean optional = in.accept("OPTIONAL");
            String defaultValue = null;
            if (in.accept("DEFAULT")) {
                defaultValue = valueText();
            }
            components.add(new Component(name, type, optional, defaultValue, null));
            if (!in.peek().is("}")) {
                in.expect(",");
            }
        }
        return components;
    }

    /** The tokens of one value up to the next ',' or '}' outside braces, as text. */
    private String valueText() throws Asn1TextException {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (depth > 0 || !(in.peek().is(",") || in.peek().is("}"))) {
            Token token = in.next();
            if (token.kind() == Kind.END) {
                throw in.error("a DEFAULT value is not finished");
            }
            depth += token.is("{") ? 1 : token.is("}") ? -1 : 0;
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(switch (token.kind()) {
                case HSTRING -> "'" + token.text() + "'H";
                case BSTRING -> "'" + token.text() + "'B";
                case CSTRING -> "\"" + token.text().replace("\"", "\"\"") + "\"";
                default -> token.text();
            });
        }
        return text.toString();
    }

    // ---- second pass: automatic tags and implicit/explicit, now that every reference resolves

    private Asn1Type finish(Asn1Type type, Map<Asn1Type, Asn1Type> done) {
        Asn1Type known = done.get(type);
        if (known != null) {
            return known;
        }
        Asn1Type result = switch (type) {
            case Sequence sequence -> new Sequence(finishComponents(sequence.components(), done));
            case Choice choice -> new Choice(finishComponents(choice.alternatives(), done));
            case SequenceOf sequenceOf -> new SequenceOf(finish(sequenceOf.element(), done), sequenceOf.fixedSize());
            case Tagged tagged -> new Tagged(tagged.tag(),
                    undecided.contains(tagged) ? isUntaggedChoice(tagged.inner()) : tagged.explicit(),
                    finish(tagged.inner(), done));
            // The codec walks the referenced type itself; only a reference into a cycle (or to nothing) stays.
            case Reference reference when raw.containsKey(reference.name()) && inlining.add(reference.name()) -> {
                try {
                    yield finish(raw.get(reference.name()), done);
                } finally {
                    inlining.remove(reference.name());
                }
            }
            default -> type;
        };
        done.put(type, result);
        return result;
    }

    private List<Component> finishComponents(List<Component> components, Map<Asn1Type, Asn1Type> done) {
        boolean automatic = tagDefault == Default.AUTOMATIC
                && components.stream().noneMatch(c -> c.type() instanceof Tagged);
        List<Component> finished = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            Asn1Type type = finish(c.type(), done);
            if (automatic) {
                type = new Tagged(Tag.context(i), isUntaggedChoice(c.type()), type);
            }
            finished.add(new Component(c.name(), type, c.optional(), c.defaultText(), null));
        }
        return List.copyOf(finished);
    }

    private boolean isUntaggedChoice(Asn1Type type) {
        Asn1Type current = type;
        for (int hops = 0; current instanceof Reference reference && hops <= raw.size(); hops++) {
            current = raw.get(reference.name());
        }
        return current instanceof Choice;
    }
}
