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
 * Reads ASN.1 modules (X.680) as far as the SAIP, GSMA RSP/SGP.32 and PKIX ('88) schemas use them: SEQUENCE, SET,
 * SEQUENCE OF, SET OF, CHOICE, INTEGER, ENUMERATED and BIT STRING with named values, OCTET STRING, NULL, BOOLEAN,
 * OBJECT IDENTIFIER, UTF8String, the other character strings and times (as their universal tag on OCTET STRING),
 * ANY and ANY DEFINED BY and a class's type field (open types: any one element, kept as read), tags, OPTIONAL,
 * DEFAULT, extension markers, IMPORTS between modules read together. Constraints are skipped (validation checks
 * sizes where they matter). Tagging follows each module's default: under AUTOMATIC TAGS, components of a SEQUENCE
 * or CHOICE none of which is tagged get [0], [1], ...; a tag without IMPLICIT/EXPLICIT is implicit, except on an
 * untagged CHOICE, where it is explicit.
 */
public final class SchemaParser {

    private enum Default {
        EXPLICIT, IMPLICIT, AUTOMATIC
    }

    /** Character string and time types: their universal tag, on OCTET STRING content. */
    private static final Map<String, Integer> STRING_TAGS = Map.ofEntries(Map.entry("NumericString", 18),
            Map.entry("PrintableString", 19), Map.entry("TeletexString", 20), Map.entry("T61String", 20),
            Map.entry("VideotexString", 21), Map.entry("IA5String", 22), Map.entry("UTCTime", 23),
            Map.entry("GeneralizedTime", 24), Map.entry("GraphicString", 25), Map.entry("VisibleString", 26),
            Map.entry("ISO646String", 26), Map.entry("GeneralString", 27), Map.entry("UniversalString", 28),
            Map.entry("BMPString", 30));

    private final TokenStream in;
    private String moduleName;
    /** The modules read together, by name: imports resolve in them. */
    private Map<String, SchemaParser> modules = Map.of();
    /** Imported type names, with the module each comes from. */
    private final Map<String, String> imported = new HashMap<>();
    /** Information object classes: per class, its fields' types (a type field is an open type). */
    private final Map<String, Map<String, Asn1Type>> classes = new HashMap<>();
    /** This module's finished types, by raw type: shared by every finish, also those other modules ask for. */
    private final Map<Asn1Type, Asn1Type> finished = new IdentityHashMap<>();
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
        return parseAll(List.of(moduleText));
    }

    /**
     * Reads modules that import from each other as one: every module's types (the first module that defines a name
     * keeps it), each typed and tagged in its own module's terms, imports resolved in the modules given.
     *
     * @throws Asn1TextException naming the module, line and column of what cannot be read
     */
    public static Asn1Module parseAll(List<String> moduleTexts) throws Asn1TextException {
        Map<String, SchemaParser> modules = new LinkedHashMap<>();
        for (int i = 0; i < moduleTexts.size(); i++) {
            SchemaParser parser = new SchemaParser(Asn1Lexer.tokenize(moduleTexts.get(i)));
            try {
                parser.read();
            } catch (Asn1TextException e) {
                throw moduleTexts.size() == 1 ? e : new Asn1TextException(e.line(), e.column(), "module "
                        + (parser.moduleName != null ? parser.moduleName : "#" + (i + 1)) + ": " + e.reason());
            }
            modules.put(parser.moduleName, parser);
        }
        Map<String, Asn1Type> types = new LinkedHashMap<>();
        for (SchemaParser parser : modules.values()) {
            parser.modules = modules;
        }
        for (SchemaParser parser : modules.values()) {
            parser.raw.forEach((typeName, type) -> types.putIfAbsent(typeName, parser.finish(type, parser.finished)));
        }
        String name = String.join("+", modules.keySet());
        // DEFAULT values are read as values of their types, which needs the module they are in.
        Asn1Module withoutDefaults = new Asn1Module(name, types);
        Map<Asn1Type, Asn1Type> rebuilt = new IdentityHashMap<>();
        Map<String, Asn1Type> withDefaults = new LinkedHashMap<>();
        types.forEach((typeName, type) -> withDefaults.put(typeName, withDefaults(type, withoutDefaults, rebuilt)));
        return new Asn1Module(name, withDefaults);
    }

    /** The first pass: the module's header, imports and assignments, as written. */
    private void read() throws Asn1TextException {
        moduleName = in.expect(Kind.IDENTIFIER, "the module name").text();
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
        if (in.accept("EXPORTS")) {
            skipTo(";", "EXPORTS");
        }
        if (in.accept("IMPORTS")) {
            imports();
        }
        while (!in.accept("END")) {
            assignment();
        }
    }

    private void skipTo(String end, String clause) throws Asn1TextException {
        while (!in.accept(end)) {
            if (in.atEnd()) {
                throw in.error(clause + " is not closed with '" + end + "'");
            }
            in.next();
        }
    }

    /** {@code A, B FROM Module {oid} C FROM Other ... ;}: which module each imported name comes from. */
    private void imports() throws Asn1TextException {
        List<String> names = new ArrayList<>();
        while (!in.accept(";")) {
            if (in.atEnd()) {
                throw in.error("IMPORTS is not closed with ';'");
            }
            if (in.accept("FROM")) {
                String from = in.expect(Kind.IDENTIFIER, "the module imported from").text();
                if (in.peek().is("{")) {
                    in.skipGroup();
                }
                names.forEach(imported -> this.imported.put(imported, from));
                names.clear();
            } else if (!in.accept(",")) {
                names.add(in.next().text());
            }
        }
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
            if (in.accept("CLASS")) {
                classes.put(name.text(), classFields());
                if (in.accept("WITH")) {
                    in.expect("SYNTAX");
                    in.skipGroup();
                }
                return;
            }
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

    /** The fields of {@code CLASS { &typeId OBJECT IDENTIFIER, &Type, ... }}: a type field is an open type. */
    private Map<String, Asn1Type> classFields() throws Asn1TextException {
        Map<String, Asn1Type> fields = new HashMap<>();
        in.expect("{");
        while (!in.accept("}")) {
            in.expect("&");
            String field = in.expect(Kind.IDENTIFIER, "a class field").text();
            boolean typeField = Character.isUpperCase(field.charAt(0));
            fields.put(field, typeField ? ANY : type());
            while (!in.peek().is(",") && !in.peek().is("}")) {
                in.next(); // UNIQUE, OPTIONAL, DEFAULT ...
            }
            in.accept(",");
        }
        return fields;
    }

    /** An open type: any one element, kept as read. */
    private static final Asn1Type ANY = new Asn1Type.Simple(Asn1Type.Kind.ANY);

    private static Asn1Type universal(int number, Asn1Type inner) {
        return new Tagged(Tag.of(TagClass.UNIVERSAL, number), false, inner);
    }

    private Asn1Type baseType() throws Asn1TextException {
        Token word = in.expect(Kind.IDENTIFIER, "a type");
        Integer stringTag = STRING_TAGS.get(word.text());
        if (stringTag != null) {
            return universal(stringTag, new Asn1Type.Simple(Asn1Type.Kind.OCTET_STRING));
        }
        switch (word.text()) {
            case "SEQUENCE", "SET" -> {
                boolean set = word.text().equals("SET");
                if (in.peek().is("{")) {
                    Asn1Type sequence = new Sequence(components());
                    return set ? universal(17, sequence) : sequence;
                }
                int fixedSize = -1;
                if (in.peek().is("(")) {
                    fixedSize = fixedSize(true);
                } else if (in.accept("SIZE")) {
                    fixedSize = fixedSize(false);
                }
                in.expect("OF");
                Asn1Type sequenceOf = new SequenceOf(type(), fixedSize);
                return set ? universal(17, sequenceOf) : sequenceOf;
            }
            case "ENUMERATED" -> {
                return universal(10, new Asn1Type.IntegerType(namedNumbers()));
            }
            case "ANY" -> {
                if (in.accept("DEFINED")) {
                    in.expect("BY");
                    in.expect(Kind.IDENTIFIER, "the component an ANY is defined by");
                }
                return ANY;
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
                if (Character.isUpperCase(word.text().charAt(0)) && in.peek().is(".")) {
                    return classField(word);
                }
                if (Character.isUpperCase(word.text().charAt(0))) {
                    return new Reference(word.text());
                }
                throw new Asn1TextException(word.line(), word.column(), "unsupported type " + word);
            }
        }
    }

    /** {@code CLASS.&field}: the field's type (a type field: an open type). */
    private Asn1Type classField(Token className) throws Asn1TextException {
        in.expect(".");
        in.expect("&");
        Token field = in.expect(Kind.IDENTIFIER, "a class field");
        Map<String, Asn1Type> fields = classes.get(className.text());
        if (fields == null || !fields.containsKey(field.text())) {
            throw new Asn1TextException(field.line(), field.column(), "no class " + className.text()
                    + " with a field &" + field.text() + " is defined before this use");
        }
        return fields.get(field.text());
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
            // An imported type, typed and tagged in its own module's terms.
            case Reference reference when importedParser(reference.name()) != null -> importedParser(reference.name())
                    .finishNamed(reference.name());
            default -> type;
        };
        done.put(type, result);
        return result;
    }

    /** The module an imported name comes from, when it was read too and defines it. */
    private SchemaParser importedParser(String typeName) {
        SchemaParser from = modules.get(imported.get(typeName));
        return from != null && (from.raw.containsKey(typeName) || from.importedParser(typeName) != null) ? from : null;
    }

    /** The finished type {@code typeName} of this module (or of the module it imports it from). */
    private Asn1Type finishNamed(String typeName) {
        Asn1Type type = raw.get(typeName);
        if (type == null) {
            return importedParser(typeName).finishNamed(typeName);
        }
        if (!inlining.add(typeName)) {
            return new Reference(typeName);
        }
        try {
            return finish(type, finished);
        } finally {
            inlining.remove(typeName);
        }
    }

    /** The raw type a reference names, in this module or the one it is imported from; null when none. */
    private Asn1Type rawNamed(String typeName) {
        Asn1Type type = raw.get(typeName);
        if (type == null && importedParser(typeName) != null) {
            return importedParser(typeName).rawNamed(typeName);
        }
        return type;
    }

    private List<Component> finishComponents(List<Component> components, Map<Asn1Type, Asn1Type> done) {
        // A universal tag stands for a built-in type (SET OF, PrintableString, ...), not a tag written in the module.
        boolean automatic = tagDefault == Default.AUTOMATIC && components.stream().noneMatch(
                c -> c.type() instanceof Tagged tagged && tagged.tag().tagClass() != TagClass.UNIVERSAL);
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

    /** Whether a tag on {@code type} must be explicit: on an untagged CHOICE or an open type (X.680 31.2.7). */
    private boolean isUntaggedChoice(Asn1Type type) {
        Asn1Type current = type;
        for (int hops = 0; current instanceof Reference reference && hops <= 10_000; hops++) {
            current = rawNamed(reference.name());
        }
        return current instanceof Choice || current == ANY;
    }
}
