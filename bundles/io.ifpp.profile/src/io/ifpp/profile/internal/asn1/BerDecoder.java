package io.ifpp.profile.internal.asn1;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.profile.asn1.Asn1Module;
import io.ifpp.profile.asn1.Asn1Type;
import io.ifpp.profile.asn1.Asn1Type.Choice;
import io.ifpp.profile.asn1.Asn1Type.Component;
import io.ifpp.profile.asn1.Asn1Type.Sequence;
import io.ifpp.profile.asn1.Asn1Type.SequenceOf;
import io.ifpp.profile.asn1.Asn1Type.Tagged;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.Field;
import io.ifpp.profile.asn1.Tag;

/**
 * Decodes BER (definite lengths; DER is a subset) against a schema type. Elements the schema does not know (a
 * later version's extensions, new profile elements) are kept as {@link Asn1Value.UnknownValue}. Every length is
 * checked against the bytes that remain, so hostile input fails fast with an offset.
 * <p>
 * The type is {@link #compile compiled} once into {@link Node}s: references resolved, tags as ints, each CHOICE
 * and SEQUENCE with its tag dispatch precomputed, so that decoding does no lookups. The path of components is
 * gathered only by an error, on its way up.
 */
public final class BerDecoder {

    /** A schema type ready for decoding; immutable, shared by every decode. */
    public static final class Compiled {
        private final Node root;

        private Compiled(Node root) {
            this.root = root;
        }
    }

    /** Consecutive values of one type (a profile package is a run of elements), each with the bytes it was read from. */
    public record Run(List<Asn1Value> values, List<Asn1Value.OctetStringValue> encodings) {
    }

    private static final Tag.TagClass[] CLASSES = Tag.TagClass.values();
    private static final int CONTEXT = Tag.TagClass.CONTEXT.ordinal();

    /** A tag as one int: class in bits 28-29, number below (a tag number has at most 4 × 7 bits here). */
    private static int key(Tag tag) {
        return tag.tagClass().ordinal() << 28 | tag.number();
    }

    private static Tag tag(int key) {
        return Tag.of(CLASSES[key >>> 28], key & 0x0FFF_FFFF);
    }

    private static final int CHOICE = 0, EXPLICIT = 1, SEQUENCE = 2, SEQUENCE_OF = 3, INTEGER = 4, BIT_STRING = 5,
            NULL = 6, BOOLEAN = 7, OCTET_STRING = 8, UTF8_STRING = 9, OBJECT_IDENTIFIER = 10, INVALID = 11, OPEN = 12;
    /** The first tag of an open type: any ({@link Tag#ANY}). */
    private static final int ANY_TAG = 0;

    /** One schema type as the decoder needs it; which fields are set depends on {@code kind}. */
    private static final class Node {
        final int kind;
        /** The tag the encoding starts with (not for a CHOICE). */
        final int tag;
        /** EXPLICIT: the element inside. SEQUENCE_OF: the element type. */
        Node inner;
        /** EXPLICIT: an implicit tag replaced this explicit one (the error message differs). */
        boolean retagged;
        /** SEQUENCE: components; CHOICE: alternatives. */
        String[] names;
        Node[] children;
        /** SEQUENCE: per component the tags it may start with. */
        int[][] firstTags;
        /**
         * SEQUENCE: by context tag number, the one component that starts with it; -1 when none does, -2 when
         * several do (then, and for other tag classes, {@code firstTags} are searched).
         */
        int[] byContextNumber;
        /** SEQUENCE: the first component at or after i that must be present; the component count if none. */
        int[] nextMandatory;
        /** CHOICE: the alternative by context tag number in {@code byContextNumber} (-1: none), others here. */
        int[] otherTags;
        int[] otherAlternatives;
        /** INVALID: why no value fits. */
        String invalid;

        Node(int kind, int tag) {
            this.kind = kind;
            this.tag = tag;
        }
    }

    /** Compiles {@code type} of {@code module} for decoding. */
    public static Compiled compile(Asn1Module module, Asn1Type type) {
        return new Compiled(new Compiler(module).node(type));
    }

    private static final class Compiler {
        private final Asn1Module module;
        /** By resolved type, identity: schema types are shared and may be recursive. */
        private final Map<Asn1Type, Node> done = new IdentityHashMap<>();

        Compiler(Asn1Module module) {
            this.module = module;
        }

        Node node(Asn1Type declared) {
            Asn1Type type = module.resolve(declared);
            Node known = done.get(type);
            if (known != null) {
                return known;
            }
            if (type instanceof Choice choice) {
                Node node = new Node(CHOICE, 0);
                done.put(type, node);
                choice(node, choice);
                return node;
            }
            return content(key(module.tagOf(type)), type, type);
        }

        /** The node for the content of {@code type} under {@code tag}, registered for {@code memo}. */
        private Node content(int tag, Asn1Type type, Asn1Type memo) {
            Node node = switch (type) {
                case Sequence sequence -> new Node(SEQUENCE, tag);
                case SequenceOf sequenceOf -> new Node(SEQUENCE_OF, tag);
                case Asn1Type.IntegerType integer -> new Node(INTEGER, tag);
                case Asn1Type.BitStringType bits -> new Node(BIT_STRING, tag);
                case Asn1Type.Simple simple -> new Node(switch (simple.kind()) {
                    case NULL -> NULL;
                    case BOOLEAN -> BOOLEAN;
                    case OCTET_STRING -> OCTET_STRING;
                    case UTF8_STRING -> UTF8_STRING;
                    case OBJECT_IDENTIFIER -> OBJECT_IDENTIFIER;
                    case ANY -> OPEN;
                }, tag);
                case Tagged tagged when tagged.explicit() -> new Node(EXPLICIT, tag);
                case Tagged tagged -> null; // an implicit tag on an implicit tag: the outer one counts
                case Choice choice -> new Node(INVALID, tag);
                case Asn1Type.Reference reference -> null;
            };
            if (node == null) {
                Asn1Type inner = module.resolve(type instanceof Tagged tagged ? tagged.inner() : type);
                return content(tag, inner, memo);
            }
            done.put(memo, node);
            switch (type) {
                case Sequence sequence -> sequence(node, sequence);
                case SequenceOf sequenceOf -> node.inner = node(sequenceOf.element());
                case Tagged tagged -> {
                    node.inner = node(tagged.inner());
                    node.retagged = memo != type;
                }
                case Choice choice -> node.invalid = "a CHOICE cannot be implicitly tagged";
                default -> {
                }
            }
            return node;
        }

        private void sequence(Node node, Sequence sequence) {
            List<Component> components = sequence.components();
            int n = components.size();
            node.names = new String[n];
            node.children = new Node[n];
            node.firstTags = new int[n][];
            node.nextMandatory = new int[n + 1];
            node.nextMandatory[n] = n;
            for (int i = n - 1; i >= 0; i--) {
                node.nextMandatory[i] = components.get(i).mayBeAbsent() ? node.nextMandatory[i + 1] : i;
            }
            for (int i = 0; i < n; i++) {
                Component component = components.get(i);
                node.names[i] = component.name();
                node.firstTags[i] = module.firstTags(component.type()).stream().mapToInt(BerDecoder::key).toArray();
                node.children[i] = node(component.type());
            }
            // With an open type among the components, any tag may be it: every tag is looked up in firstTags.
            boolean open = Arrays.stream(node.firstTags).flatMapToInt(Arrays::stream).anyMatch(k -> k == ANY_TAG);
            int highest = open ? -1 : Arrays.stream(node.firstTags).flatMapToInt(Arrays::stream)
                    .filter(k -> k >>> 28 == CONTEXT).map(k -> k & 0x0FFF_FFFF).filter(k -> k < 256).max().orElse(-1);
            node.byContextNumber = new int[highest + 1];
            Arrays.fill(node.byContextNumber, -1);
            for (int i = 0; i < n; i++) {
                for (int tag : node.firstTags[i]) {
                    if (tag >>> 28 == CONTEXT && (tag & 0x0FFF_FFFF) <= highest) {
                        int number = tag & 0x0FFF_FFFF;
                        node.byContextNumber[number] = node.byContextNumber[number] == -1 ? i : -2;
                    }
                }
            }
        }

        private void choice(Node node, Choice choice) {
            List<Component> alternatives = choice.alternatives();
            node.names = new String[alternatives.size()];
            node.children = new Node[alternatives.size()];
            // First alternative wins a tag, as in a CHOICE that is not ambiguous only one can.
            Map<Integer, Integer> byTag = new java.util.LinkedHashMap<>();
            for (int i = 0; i < alternatives.size(); i++) {
                Component alternative = alternatives.get(i);
                node.names[i] = alternative.name();
                for (Tag tag : module.firstTags(alternative.type())) {
                    byTag.putIfAbsent(key(tag), i);
                }
            }
            int highest = byTag.keySet().stream().filter(k -> k >>> 28 == CONTEXT && (k & 0x0FFF_FFFF) < 256)
                    .mapToInt(k -> k & 0x0FFF_FFFF).max().orElse(-1);
            node.byContextNumber = new int[highest + 1];
            Arrays.fill(node.byContextNumber, -1);
            List<int[]> others = new ArrayList<>();
            byTag.forEach((tag, alternative) -> {
                if (tag >>> 28 == CONTEXT && (tag & 0x0FFF_FFFF) <= highest) {
                    node.byContextNumber[tag & 0x0FFF_FFFF] = alternative;
                } else {
                    others.add(new int[] { tag, alternative });
                }
            });
            node.otherTags = others.stream().mapToInt(o -> o[0]).toArray();
            node.otherAlternatives = others.stream().mapToInt(o -> o[1]).toArray();
            for (int i = 0; i < alternatives.size(); i++) {
                node.children[i] = node(alternatives.get(i).type());
            }
        }
    }

    // ---- decoding

    private final byte[] in;

    // The header just read by header(): the caller copies these before reading the next one.
    private int headerTag;
    private boolean headerConstructed;
    private int headerContent;
    private int headerEnd;

    /** Scratch stack for the fields and elements of the SEQUENCEs and SEQUENCE OFs being decoded. */
    private Object[] scratch = new Object[256];
    private int scratchSize;

    private BerDecoder(byte[] in) {
        this.in = in;
    }

    /** Decodes {@code bytes} as consecutive values of the compiled type; {@code itemName} names them in errors. */
    public static Run decodeAll(Compiled type, byte[] input, String itemName) throws Asn1DecodeException {
        byte[] bytes = input.clone(); // the values are ranges of this copy, which nobody else can change
        BerDecoder decoder = new BerDecoder(bytes);
        List<Asn1Value> values = new ArrayList<>();
        List<Asn1Value.OctetStringValue> encodings = new ArrayList<>();
        int offset = 0;
        try {
            while (offset < bytes.length) {
                decoder.header(offset, bytes.length);
                int end = decoder.headerEnd;
                try {
                    values.add(decoder.decode(type.root, offset, decoder.headerTag, decoder.headerConstructed,
                            decoder.headerContent, end));
                } catch (Failure failure) {
                    throw failure.at(itemName + (values.size() + 1));
                }
                encodings.add(OwnedBytes.slice(bytes, offset, end - offset));
                offset = end;
            }
        } catch (Failure failure) {
            throw new Asn1DecodeException(failure.offset, failure.path(), failure.getMessage());
        }
        return new Run(values, Collections.unmodifiableList(encodings));
    }

    /**
     * An error on its way up to {@link #decodeAll}: each level it leaves adds its step to the path, so that the
     * path costs nothing while decoding succeeds.
     */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        final int offset;
        /** Innermost first. */
        private final List<String> steps = new ArrayList<>();

        Failure(int offset, String reason) {
            super(reason, null, false, false);
            this.offset = offset;
        }

        Failure at(String step) {
            steps.add(step);
            return this;
        }

        /** From the top, e.g. {@code value3 > pinCodes > pinCodes > pinconfig > [0] > pinValue}. */
        String path() {
            return String.join(" > ", steps.reversed());
        }
    }

    /** Reads the tag and length at {@code offset} into the header fields. */
    private void header(int offset, int limit) throws Failure {
        int p = offset;
        if (p >= limit) {
            throw error(offset, "an element was expected but the input ends");
        }
        int first = in[p++] & 0xFF;
        int number = first & 0x1F;
        if (number == 0x1F) {
            number = 0;
            int b;
            int count = 0;
            do {
                if (p >= limit) {
                    throw error(offset, "the tag is cut off");
                }
                if (++count > 4) {
                    throw error(offset, "the tag number is longer than 4 bytes");
                }
                b = in[p++] & 0xFF;
                number = (number << 7) | (b & 0x7F);
            } while ((b & 0x80) != 0);
        }
        if (p >= limit) {
            throw error(offset, "the length is missing after the tag");
        }
        int lengthByte = in[p++] & 0xFF;
        long length;
        if (lengthByte < 0x80) {
            length = lengthByte;
        } else {
            int count = lengthByte & 0x7F;
            if (count == 0 || count > 4 || p + count > limit) {
                throw badLength(offset, count, limit - p);
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (in[p++] & 0xFF);
            }
        }
        if (length > limit - p) {
            throw error(offset, "the length says " + length + " bytes but only " + (limit - p) + " remain");
        }
        headerTag = (first >> 6) << 28 | number;
        headerConstructed = (first & 0x20) != 0;
        headerContent = p;
        headerEnd = p + (int) length;
    }

    private Failure badLength(int offset, int count, int remaining) {
        return error(offset, count == 0 ? "indefinite length is not allowed here (DER requires definite lengths)"
                : count > 4 ? "a length of " + count + " bytes is beyond any profile package"
                : "the length is cut off");
    }

    // Hot methods stay small enough for the JIT to inline them; messages are built in cold ones.

    /** Decodes the element at {@code start} (its header already read) as {@code node}. */
    private Asn1Value decode(Node node, int start, int tag, boolean constructed, int content, int end)
            throws Failure {
        int kind = node.kind;
        if (kind == CHOICE) {
            return choice(node, start, tag, constructed, content, end);
        }
        if (kind == OPEN) {
            return unknown(tag, start, end); // an open type: the element as read
        }
        if (tag != node.tag) {
            throw error(start, "expected tag " + tag(node.tag) + " but found " + tag(tag));
        }
        if (kind == SEQUENCE || kind == SEQUENCE_OF) {
            if (!constructed) {
                throw notConstructed(start, tag);
            }
            return kind == SEQUENCE ? sequence(node, start, content, end) : sequenceOf(node, content, end);
        }
        if (kind == EXPLICIT) {
            return explicit(node, start, constructed, content, end);
        }
        if (kind == INVALID) {
            throw error(start, node.invalid);
        }
        if (constructed) {
            throw error(start, "a primitive encoding was expected for " + tag(tag));
        }
        return kind == OCTET_STRING ? OwnedBytes.slice(in, content, end - content)
                : primitive(kind, start, content, end);
    }

    private Failure notConstructed(int start, int tag) {
        return error(start, "a constructed encoding was expected for " + tag(tag));
    }

    private Asn1Value choice(Node node, int start, int tag, boolean constructed, int content, int end)
            throws Failure {
        int alternative = alternative(node, tag);
        if (alternative >= 0) {
            String name = node.names[alternative];
            try {
                return new Asn1Value.ChoiceValue(name,
                        decode(node.children[alternative], start, tag, constructed, content, end));
            } catch (Failure failure) {
                throw failure.at(name);
            }
        }
        if (tag >>> 28 != CONTEXT) {
            // Alternatives added by later versions get context tags; anything else is not this CHOICE.
            throw error(start, "no alternative here has the tag " + tag(tag));
        }
        return unknown(tag, start, end);
    }

    private static int alternative(Node choice, int tag) {
        if (tag >>> 28 == CONTEXT) {
            int number = tag & 0x0FFF_FFFF;
            if (number < choice.byContextNumber.length) {
                return choice.byContextNumber[number];
            }
        }
        int[] others = choice.otherTags;
        for (int i = 0; i < others.length; i++) {
            if (others[i] == tag) {
                return choice.otherAlternatives[i];
            }
        }
        return -1;
    }

    private Asn1Value explicit(Node node, int start, boolean constructed, int content, int end)
            throws Failure {
        if (!constructed) {
            throw node.retagged ? notConstructed(start, node.tag)
                    : error(start, "an explicitly tagged element must be constructed");
        }
        header(content, end);
        if (headerEnd != end) {
            throw error(headerEnd, "bytes follow the one element an explicit tag holds");
        }
        return decode(node.inner, content, headerTag, headerConstructed, headerContent, end);
    }

    private Asn1Value sequenceOf(Node node, int content, int end) throws Failure {
        int base = scratchSize;
        int index = 0;
        for (int p = content; p < end; index++) {
            header(p, end);
            int elementEnd = headerEnd;
            Asn1Value element;
            try {
                element = decode(node.inner, p, headerTag, headerConstructed, headerContent, elementEnd);
            } catch (Failure failure) {
                throw failure.at("[" + index + "]");
            }
            keep(element);
            p = elementEnd;
        }
        return new Asn1Value.SequenceOfValue(take(base));
    }

    private Asn1Value sequence(Node node, int start, int content, int end) throws Failure {
        String[] names = node.names;
        int count = names.length;
        int base = scratchSize;
        int next = 0;
        for (int p = content; p < end;) {
            header(p, end);
            int tag = headerTag;
            int elementEnd = headerEnd;
            int at = component(node, next, tag);
            if (at >= 0) {
                Asn1Value value;
                try {
                    value = decode(node.children[at], p, tag, headerConstructed, headerContent, elementEnd);
                } catch (Failure failure) {
                    throw failure.at(names[at]);
                }
                keep(new Field(names[at], value));
                next = at + 1;
            } else {
                keep(new Field(null, extension(node, next, p, tag, elementEnd)));
                next = count;
            }
            p = elementEnd;
        }
        int missing = node.nextMandatory[next];
        if (missing < count) {
            throw error(start, "the mandatory component " + names[missing] + " is missing");
        }
        return new Asn1Value.SequenceValue(take(base));
    }

    /** The first component from {@code next} on that {@code tag} starts, skipping only those that may be absent. */
    private static int component(Node node, int next, int tag) {
        if (tag >>> 28 == CONTEXT && (tag & 0x0FFF_FFFF) < node.byContextNumber.length) {
            int only = node.byContextNumber[tag & 0x0FFF_FFFF];
            if (only != -2) {
                return only >= next && only <= node.nextMandatory[next] ? only : -1;
            }
        }
        int last = Math.min(node.nextMandatory[next], node.names.length - 1);
        for (int i = next; i <= last; i++) {
            for (int first : node.firstTags[i]) {
                if (first == tag || first == ANY_TAG) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** An element no component fits: past every component this schema knows, a later version's extension. */
    private Asn1Value extension(Node node, int next, int start, int tag, int end) throws Failure {
        int mandatory = node.nextMandatory[next];
        if (mandatory < node.names.length) {
            throw error(start, "the mandatory component " + node.names[mandatory] + " is missing (found " + tag(tag)
                    + " instead)");
        }
        return unknown(tag, start, end);
    }

    private Asn1Value primitive(int kind, int start, int content, int end) throws Failure {
        int length = end - content;
        return switch (kind) {
            case INTEGER -> {
                if (length == 0) {
                    throw error(start, "an INTEGER needs at least one content byte");
                }
                if (length <= 7) {
                    long value = in[content]; // sign-extended
                    for (int i = 1; i < length; i++) {
                        value = (value << 8) | (in[content + i] & 0xFF);
                    }
                    yield Asn1Value.IntegerValue.of(value);
                }
                yield new Asn1Value.IntegerValue(new BigInteger(in, content, length));
            }
            case BIT_STRING -> {
                if (length == 0 || (in[content] & 0xFF) > 7) {
                    throw error(start, "a BIT STRING starts with its count of unused bits (0-7)");
                }
                yield new Asn1Value.BitStringValue(OwnedBytes.slice(in, content + 1, length - 1),
                        in[content]);
            }
            case NULL -> {
                if (length != 0) {
                    throw error(start, "NULL must have no content, found " + length + " bytes");
                }
                yield Asn1Value.NullValue.INSTANCE;
            }
            case BOOLEAN -> {
                if (length != 1) {
                    throw error(start, "a BOOLEAN has one content byte, found " + length);
                }
                yield new Asn1Value.BooleanValue(in[content] != 0);
            }
            case OCTET_STRING -> OwnedBytes.slice(in, content, length);
            case UTF8_STRING -> {
                try {
                    yield new Asn1Value.StringValue(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(in, content, length)).toString());
                } catch (CharacterCodingException e) {
                    throw error(start, "the UTF8String is not valid UTF-8");
                }
            }
            case OBJECT_IDENTIFIER -> objectIdentifier(start, content, end);
            default -> throw new IllegalStateException("node kind " + kind);
        };
    }

    private Asn1Value objectIdentifier(int start, int content, int end) throws Failure {
        if (end == content || (in[end - 1] & 0x80) != 0) {
            throw error(start, "the OBJECT IDENTIFIER is empty or its last arc is cut off");
        }
        int count = 1; // the first subidentifier holds two arcs
        for (int p = content; p < end; p++) {
            if ((in[p] & 0x80) == 0) {
                count++;
            }
        }
        BigInteger[] arcs = new BigInteger[count];
        int arc = 0;
        long small = 0; // arcs fit a long but for hostile input, which goes the BigInteger way
        BigInteger big = null;
        for (int p = content; p < end; p++) {
            if (big == null && small >>> 56 != 0) {
                big = BigInteger.valueOf(small);
            }
            if (big != null) {
                big = big.shiftLeft(7).or(BigInteger.valueOf(in[p] & 0x7F));
            } else {
                small = (small << 7) | (in[p] & 0x7F);
            }
            if ((in[p] & 0x80) == 0) {
                if (arc == 0) {
                    int firstArc = big != null || small >= 80 ? 2 : (int) small / 40;
                    arcs[arc++] = BigInteger.valueOf(firstArc);
                    arcs[arc++] = big != null ? big.subtract(BigInteger.valueOf(80))
                            : BigInteger.valueOf(small - 40L * firstArc);
                } else {
                    arcs[arc++] = big != null ? big : BigInteger.valueOf(small);
                }
                small = 0;
                big = null;
            }
        }
        return new Asn1Value.ObjectIdentifierValue(List.of(arcs));
    }

    private Asn1Value unknown(int tag, int start, int end) {
        return new Asn1Value.UnknownValue(tag(tag), OwnedBytes.slice(in, start, end - start));
    }

    private void requireConstructed(boolean constructed, int start, int tag) throws Failure {
        if (!constructed) {
            throw error(start, "a constructed encoding was expected for " + tag(tag));
        }
    }

    // ---- scratch stack

    private void keep(Object value) {
        if (scratchSize == scratch.length) {
            scratch = Arrays.copyOf(scratch, scratchSize * 2);
        }
        scratch[scratchSize++] = value;
    }

    /** The values kept since {@code base}, as an immutable list; the stack drops them. */
    @SuppressWarnings("unchecked")
    private <T> List<T> take(int base) {
        Object[] s = scratch;
        int b = base;
        int count = scratchSize - base;
        scratchSize = base; // what stays above is garbage once the decoder is
        // The fixed-arity List.of keep their one array; List.of(array) would copy it again.
        return (List<T>) switch (count) {
            case 0 -> List.of();
            case 1 -> List.of(s[b]);
            case 2 -> List.of(s[b], s[b + 1]);
            case 3 -> List.of(s[b], s[b + 1], s[b + 2]);
            case 4 -> List.of(s[b], s[b + 1], s[b + 2], s[b + 3]);
            case 5 -> List.of(s[b], s[b + 1], s[b + 2], s[b + 3], s[b + 4]);
            case 6 -> List.of(s[b], s[b + 1], s[b + 2], s[b + 3], s[b + 4], s[b + 5]);
            default -> List.of(Arrays.copyOfRange(s, b, b + count));
        };
    }

    private static Failure error(int offset, String reason) {
        return new Failure(offset, reason);
    }
}
