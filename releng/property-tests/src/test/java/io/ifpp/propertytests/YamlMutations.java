package io.ifpp.propertytests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Edits of a YAML document that know its structure: a value wrapped in a list or a map, a list or map replaced by a
 * scalar, edge values written as YAML text (huge numbers, anywhere or in place of the document's numbers;
 * {@code .nan}, impossible dates, tags, aliases), long strings, nesting up to thousands of levels (flow and block
 * style), a value removed, a list element repeated, a key misspelt, an anchor and its alias. The document is edited
 * as a tree, then written as YAML; edge values go in as placeholders replaced by their text, since a tree cannot
 * hold what YAML text can say.
 */
final class YamlMutations {

    enum Kind {
        WRAP_IN_LIST, WRAP_IN_MAP, TO_SCALAR, RAW, NUMBER, LONG_STRING, NULL, EMPTY, DEEP_FLOW, DEEP_BLOCK, REMOVE,
        REPEAT_ELEMENT, RENAME_KEY, ALIAS
    }

    /** One edit of the node at {@code at} (modulo the candidates of its kind); {@code variant} picks the details. */
    record Edit(Kind kind, int at, int variant) {
    }

    /** Edge numbers, for a number of the document (a quantity, a price): they meet int, long and BigDecimal. */
    private static final List<String> NUMBERS = List.of("1e400", "-1e400", "1e999999999", "-1e999999999",
            "1e-999999999", "123456789012345678901234567890", "-9223372036854775809", "9223372036854775807",
            "2147483648", "-2147483649", "-1", "0", "0.5", "-0.0", "0x7FFFFFFF", "0o17", "1_000_000", ".nan", ".inf",
            "-.inf");

    /** What a tree cannot hold, for any value: written into the YAML text in place of a placeholder. */
    private static final List<String> RAW = Stream.concat(NUMBERS.stream(), Stream.of("~", "null", "true", "no", "2026-02-30", "9999-12-31", "+1000000000-01-01", "2026-01-01T25:61:61Z", "''",
            "[]", "{}", "[1, [2, {a: b}]]", "!!binary AAAA", "!!int notanumber", "!!float x",
            "!!timestamp 2026-13-01", "!!map [1]", "!!set {a, b}", "!!omap [a: 1]", "!!null x", "!custom x",
            "!<tag:yaml.org,2002:java.lang.Object> x", "*undefined", "&anchor x", "|\n  block", ">-\n folded",
            "\"\\u0000\"", "\"\\ud800\"", "'unterminated", "\"unterminated", "- x", "? complex key", "%YAML 1.1",
            "---", "...", "@reserved", "`reserved", "{a: 1, a: 2}", "[a, b", "{a: b", "'1970-01-01'",
            "<<: {a: 1}", "\t", "\u00a0", "\ufeff", "\u2028")).toList();

    private static final List<String> KEY_EDITS = List.of("s", "", "<<", "null", "~", "?", "-", "Id", "ID",
            "x".repeat(5000), "\u00e9", " ", "#");

    /** MINIMIZE_QUOTES: placeholders come out as plain words. */
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PLACEHOLDER = "qqraw";

    private YamlMutations() {
    }

    /** Zero to two edits; with none, the document is not rewritten, so that text edits meet its own layout. */
    static Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, Integer.MAX_VALUE - 1),
                Arbitraries.integers().between(0, Integer.MAX_VALUE - 1)).as(Edit::new);
        return edit.list().ofMaxSize(2);
    }

    static JsonNode parse(byte[] yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code document} with {@code edits} made, as YAML text; {@code original} when there are none. */
    static byte[] apply(byte[] original, JsonNode document, List<Edit> edits) {
        if (edits.isEmpty()) {
            return original;
        }
        JsonNode root = document.deepCopy();
        Map<String, String> raw = new LinkedHashMap<>();
        for (Edit edit : edits) {
            root = apply(root, edit, raw);
        }
        String text;
        try {
            text = YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, String> placeholder : raw.entrySet()) {
            text = substitute(text, placeholder.getKey(), placeholder.getValue());
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A place in the tree: the root (no parent), a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index, JsonNode node) {
    }

    private static JsonNode apply(JsonNode root, Edit edit, Map<String, String> raw) {
        List<Slot> slots = new ArrayList<>();
        collect(new Slot(null, null, -1, root), slots);
        List<Slot> candidates = switch (edit.kind()) {
            case REPEAT_ELEMENT -> slots.stream().filter(s -> s.parent() instanceof ArrayNode).toList();
            case RENAME_KEY -> slots.stream().filter(s -> s.field() != null).toList();
            case NUMBER -> slots.stream().filter(s -> s.node().isNumber()).toList();
            default -> slots;
        };
        if (candidates.isEmpty()) {
            return root;
        }
        Slot slot = candidates.get(edit.at() % candidates.size());
        int v = edit.variant();
        JsonNode replacement = switch (edit.kind()) {
            case WRAP_IN_LIST -> NODES.arrayNode().add(slot.node());
            case WRAP_IN_MAP -> NODES.objectNode().set(v % 2 == 0 ? "value" : String.valueOf(slot.field()),
                    slot.node());
            case TO_SCALAR -> slot.node().isContainerNode() || slot.node().isTextual() ? NODES.numberNode(v % 1000)
                    : NODES.textNode(v % 2 == 0 ? "x" : "");
            case RAW -> placeholder(raw, RAW.get(v % RAW.size()));
            case NUMBER -> placeholder(raw, NUMBERS.get(v % NUMBERS.size()));
            case LONG_STRING -> NODES.textNode("x".repeat(1000 * (1 + v % 32)));
            case NULL -> NODES.nullNode();
            case EMPTY -> switch (v % 3) {
                case 0 -> NODES.textNode("");
                case 1 -> NODES.arrayNode();
                default -> NODES.objectNode();
            };
            case DEEP_FLOW -> {
                int depth = 1 + v % 5000;
                yield placeholder(raw, v % 2 == 0 ? "[".repeat(depth) + "]".repeat(depth)
                        : "{a: ".repeat(depth) + "1" + "}".repeat(depth));
            }
            case DEEP_BLOCK -> placeholder(raw, "\u0000block" + (1 + v % 5000));
            case REMOVE -> null;
            case REPEAT_ELEMENT -> {
                ArrayNode array = (ArrayNode) slot.parent();
                for (int i = 0; i < 1 + v % 50; i++) {
                    array.insert(slot.index(), slot.node().deepCopy());
                }
                yield slot.node();
            }
            case RENAME_KEY -> {
                ObjectNode object = (ObjectNode) slot.parent();
                String suffix = KEY_EDITS.get(v % KEY_EDITS.size());
                String renamed = v % 3 == 0 ? suffix : slot.field() + suffix;
                object.remove(slot.field());
                object.set(renamed, slot.node());
                yield slot.node();
            }
            case ALIAS -> {
                Slot target = slots.get(v % slots.size());
                String anchor = "a" + raw.size();
                String flow;
                try {
                    flow = JSON.writeValueAsString(slot.node());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                set(target, placeholder(raw, "*" + anchor));
                yield placeholder(raw, "&" + anchor + " " + flow);
            }
        };
        if (edit.kind() == Kind.REPEAT_ELEMENT || edit.kind() == Kind.RENAME_KEY) {
            return root;
        }
        if (slot.parent() == null) {
            return replacement == null ? NODES.objectNode() : replacement;
        }
        set(slot, replacement);
        return root;
    }

    private static void collect(Slot slot, List<Slot> slots) {
        slots.add(slot);
        JsonNode node = slot.node();
        if (node instanceof ObjectNode object) {
            object.properties()
                    .forEach(field -> collect(new Slot(object, field.getKey(), -1, field.getValue()), slots));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(new Slot(array, null, i, array.get(i)), slots);
            }
        }
    }

    /** Puts {@code value} in {@code slot}'s place; null removes the field or element. */
    private static void set(Slot slot, JsonNode value) {
        if (slot.parent() instanceof ObjectNode object) {
            if (value == null) {
                object.remove(slot.field());
            } else {
                object.set(slot.field(), value);
            }
        } else if (slot.parent() instanceof ArrayNode array && slot.index() < array.size()) {
            if (value == null) {
                array.remove(slot.index());
            } else {
                array.set(slot.index(), value);
            }
        }
    }

    private static JsonNode placeholder(Map<String, String> raw, String text) {
        String key = PLACEHOLDER + raw.size();
        raw.put(key, text);
        return NODES.textNode(key);
    }

    /**
     * The placeholder's text in place of it. Block nesting is a compact sequence ({@code - - - x}); after a key it
     * starts on a line of its own, indented under the key.
     */
    private static String substitute(String text, String placeholder, String value) {
        int at = text.indexOf(placeholder);
        while (at >= 0 && (at + placeholder.length() < text.length()
                && Character.isDigit(text.charAt(at + placeholder.length())))) {
            at = text.indexOf(placeholder, at + 1); // qqraw1 is not qqraw10
        }
        if (at < 0) {
            return text; // a later edit replaced or removed it
        }
        String replacement = value;
        if (value.startsWith("\u0000block")) {
            int depth = Integer.parseInt(value.substring("\u0000block".length()));
            int lineStart = text.lastIndexOf('\n', at) + 1;
            int indent = 0;
            while (text.charAt(lineStart + indent) == ' ') {
                indent++;
            }
            String nested = "- ".repeat(depth) + "x";
            replacement = text.startsWith(": ", at - 2) ? "\n" + " ".repeat(indent + 2) + nested : nested;
        }
        return text.substring(0, at) + replacement + text.substring(at + placeholder.length());
    }
}
