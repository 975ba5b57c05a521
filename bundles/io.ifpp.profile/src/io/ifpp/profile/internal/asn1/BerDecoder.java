package io.ifpp.profile.internal.asn1;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 */
public final class BerDecoder {

    /** One TLV: where its tag, content and end are. */
    record Tlv(Tag tag, boolean constructed, int start, int contentStart, int end) {
    }

    private static final Tag.TagClass[] CLASSES = Tag.TagClass.values();

    private final Asn1Module module;
    private final byte[] in;
    private final int base;

    private BerDecoder(Asn1Module module, byte[] in, int base) {
        this.module = module;
        this.in = in;
        this.base = base;
    }

    /** Consecutive values of one type (a profile package is a run of elements), each with the bytes it was read from. */
    public record Run(List<Asn1Value> values, List<byte[]> encodings) {
    }

    /** Decodes {@code bytes} as consecutive values of {@code type}. */
    public static Run decodeAll(Asn1Module module, Asn1Type type, byte[] bytes, String itemName)
            throws Asn1DecodeException {
        BerDecoder decoder = new BerDecoder(module, bytes, 0);
        List<Asn1Value> values = new ArrayList<>();
        List<byte[]> encodings = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            Tlv tlv = decoder.header(offset, bytes.length, ElementPath.ROOT);
            values.add(decoder.decode(type, tlv, ElementPath.ROOT.child(itemName + (values.size() + 1))));
            encodings.add(Arrays.copyOfRange(bytes, tlv.start(), tlv.end()));
            offset = tlv.end();
        }
        return new Run(values, java.util.Collections.unmodifiableList(encodings));
    }

    Tlv header(int offset, int limit, ElementPath path) throws Asn1DecodeException {
        int p = offset;
        if (p >= limit) {
            throw error(offset, path, "an element was expected but the input ends");
        }
        int first = in[p++] & 0xFF;
        int number = first & 0x1F;
        if (number == 0x1F) {
            number = 0;
            int b;
            int count = 0;
            do {
                if (p >= limit) {
                    throw error(offset, path, "the tag is cut off");
                }
                if (++count > 4) {
                    throw error(offset, path, "the tag number is longer than 4 bytes");
                }
                b = in[p++] & 0xFF;
                number = (number << 7) | (b & 0x7F);
            } while ((b & 0x80) != 0);
        }
        if (p >= limit) {
            throw error(offset, path, "the length is missing after the tag");
        }
        int lengthByte = in[p++] & 0xFF;
        long length;
        if (lengthByte < 0x80) {
            length = lengthByte;
        } else if (lengthByte == 0x80) {
            throw error(offset, path, "indefinite length is not allowed here (DER requires definite lengths)");
        } else {
            int count = lengthByte & 0x7F;
            if (count > 4) {
                throw error(offset, path, "a length of " + count + " bytes is beyond any profile package");
            }
            if (p + count > limit) {
                throw error(offset, path, "the length is cut off");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (in[p++] & 0xFF);
            }
        }
        if (length > limit - p) {
            throw error(offset, path, "the length says " + length + " bytes but only " + (limit - p) + " remain");
        }
        return new Tlv(Tag.of(CLASSES[first >> 6], number), (first & 0x20) != 0, offset, p, p + (int) length);
    }

    private Asn1Value decode(Asn1Type declared, Tlv tlv, ElementPath path) throws Asn1DecodeException {
        Asn1Type type = module.resolve(declared);
        if (type instanceof Choice) {
            Component alternative = module.alternative(type, tlv.tag());
            if (alternative != null) {
                return new Asn1Value.ChoiceValue(alternative.name(),
                        decode(alternative.type(), tlv, path.child(alternative.name())));
            }
            if (tlv.tag().tagClass() != Tag.TagClass.CONTEXT) {
                // Alternatives added by later versions get context tags; anything else is not this CHOICE.
                throw error(tlv.start(), path, "no alternative here has the tag " + tlv.tag());
            }
            return unknown(tlv);
        }
        Tag expected = module.tagOf(type);
        if (!expected.equals(tlv.tag())) {
            throw error(tlv.start(), path, "expected tag " + expected + " but found " + tlv.tag());
        }
        if (type instanceof Tagged tagged) {
            if (!tagged.explicit()) {
                return content(module.resolve(tagged.inner()), tlv, path);
            }
            if (!tlv.constructed()) {
                throw error(tlv.start(), path, "an explicitly tagged element must be constructed");
            }
            Tlv inner = header(tlv.contentStart(), tlv.end(), path);
            if (inner.end() != tlv.end()) {
                throw error(inner.end(), path, "bytes follow the one element an explicit tag holds");
            }
            return decode(tagged.inner(), inner, path);
        }
        return content(type, tlv, path);
    }

    private Asn1Value content(Asn1Type type, Tlv tlv, ElementPath path) throws Asn1DecodeException {
        return switch (type) {
            case Sequence sequence -> sequence(sequence, tlv, path);
            case SequenceOf sequenceOf -> {
                constructed(tlv, path);
                List<Asn1Value> elements = new ArrayList<>();
                for (int p = tlv.contentStart(); p < tlv.end();) {
                    Tlv element = header(p, tlv.end(), path);
                    elements.add(decode(sequenceOf.element(), element, path.element(elements.size())));
                    p = element.end();
                }
                yield new Asn1Value.SequenceOfValue(elements);
            }
            case Asn1Type.Simple simple -> simple(simple.kind(), tlv, path);
            case Asn1Type.IntegerType integer -> {
                primitive(tlv, path);
                if (tlv.end() == tlv.contentStart()) {
                    throw error(tlv.start(), path, "an INTEGER needs at least one content byte");
                }
                int start = tlv.contentStart();
                int length = tlv.end() - start;
                if (length <= 7) {
                    long value = in[start]; // sign-extended
                    for (int i = 1; i < length; i++) {
                        value = (value << 8) | (in[start + i] & 0xFF);
                    }
                    yield Asn1Value.IntegerValue.of(value);
                }
                yield new Asn1Value.IntegerValue(new BigInteger(in, start, length));
            }
            case Asn1Type.BitStringType bits -> {
                primitive(tlv, path);
                if (tlv.end() == tlv.contentStart() || (in[tlv.contentStart()] & 0xFF) > 7) {
                    throw error(tlv.start(), path, "a BIT STRING starts with its count of unused bits (0-7)");
                }
                yield new Asn1Value.BitStringValue(
                        new Asn1Value.OctetStringValue(Arrays.copyOfRange(in, tlv.contentStart() + 1, tlv.end())),
                        in[tlv.contentStart()]);
            }
            case Choice choice -> throw error(tlv.start(), path, "a CHOICE cannot be implicitly tagged");
            case Tagged tagged when tagged.explicit() -> {
                // An implicit tag replaced this explicit tag: the content is the one inner element.
                constructed(tlv, path);
                Tlv inner = header(tlv.contentStart(), tlv.end(), path);
                if (inner.end() != tlv.end()) {
                    throw error(inner.end(), path, "bytes follow the one element an explicit tag holds");
                }
                yield decode(tagged.inner(), inner, path);
            }
            case Tagged tagged -> content(module.resolve(tagged.inner()), tlv, path);
            case Asn1Type.Reference reference -> content(module.resolve(reference), tlv, path);
        };
    }

    private Asn1Value sequence(Sequence sequence, Tlv tlv, ElementPath path) throws Asn1DecodeException {
        constructed(tlv, path);
        List<Component> components = sequence.components();
        Asn1Module.SequenceIndex index = module.sequenceIndex(sequence);
        List<Field> fields = new ArrayList<>(Math.min(components.size(), 16));
        int next = 0;
        for (int p = tlv.contentStart(); p < tlv.end();) {
            Tlv element = header(p, tlv.end(), path);
            int at = index.componentFor(element.tag(), next);
            int mandatory = index.nextMandatory(next);
            if (at >= 0 && mandatory >= at) {
                Component component = components.get(at);
                fields.add(new Field(component.name(), decode(component.type(), element, path.child(component.name()))));
                next = at + 1;
            } else if (mandatory < components.size()) {
                throw error(element.start(), path, "the mandatory component " + components.get(mandatory).name()
                        + " is missing (found " + element.tag() + " instead)");
            } else {
                // Past every component this schema knows: an extension of a later version.
                fields.add(new Field(null, unknown(element)));
                next = components.size();
            }
            p = element.end();
        }
        int missing = index.nextMandatory(next);
        if (missing < components.size()) {
            throw error(tlv.start(), path, "the mandatory component " + components.get(missing).name() + " is missing");
        }
        return new Asn1Value.SequenceValue(fields);
    }

    private Asn1Value simple(Asn1Type.Kind kind, Tlv tlv, ElementPath path) throws Asn1DecodeException {
        primitive(tlv, path);
        int length = tlv.end() - tlv.contentStart();
        return switch (kind) {
            case NULL -> {
                if (length != 0) {
                    throw error(tlv.start(), path, "NULL must have no content, found " + length + " bytes");
                }
                yield Asn1Value.NullValue.INSTANCE;
            }
            case BOOLEAN -> {
                if (length != 1) {
                    throw error(tlv.start(), path, "a BOOLEAN has one content byte, found " + length);
                }
                byte value = in[tlv.contentStart()];
                yield new Asn1Value.BooleanValue(value != 0);
            }
            case OCTET_STRING -> new Asn1Value.OctetStringValue(Arrays.copyOfRange(in, tlv.contentStart(), tlv.end()));
            case UTF8_STRING -> {
                try {
                    yield new Asn1Value.StringValue(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(in, tlv.contentStart(), length)).toString());
                } catch (CharacterCodingException e) {
                    throw error(tlv.start(), path, "the UTF8String is not valid UTF-8");
                }
            }
            case OBJECT_IDENTIFIER -> objectIdentifier(tlv, path);
        };
    }

    private Asn1Value objectIdentifier(Tlv tlv, ElementPath path) throws Asn1DecodeException {
        if (tlv.end() == tlv.contentStart() || (in[tlv.end() - 1] & 0x80) != 0) {
            throw error(tlv.start(), path, "the OBJECT IDENTIFIER is empty or its last arc is cut off");
        }
        List<BigInteger> arcs = new ArrayList<>();
        long small = 0; // arcs fit a long but for hostile input, which goes the BigInteger way
        BigInteger big = null;
        for (int p = tlv.contentStart(); p < tlv.end(); p++) {
            if (big == null && small >>> 56 != 0) {
                big = BigInteger.valueOf(small);
            }
            if (big != null) {
                big = big.shiftLeft(7).or(BigInteger.valueOf(in[p] & 0x7F));
            } else {
                small = (small << 7) | (in[p] & 0x7F);
            }
            if ((in[p] & 0x80) == 0) {
                BigInteger arc = big != null ? big : BigInteger.valueOf(small);
                if (arcs.isEmpty()) {
                    int firstArc = arc.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : arc.intValue() / 40;
                    arcs.add(BigInteger.valueOf(firstArc));
                    arcs.add(arc.subtract(BigInteger.valueOf(40L * firstArc)));
                } else {
                    arcs.add(arc);
                }
                small = 0;
                big = null;
            }
        }
        return new Asn1Value.ObjectIdentifierValue(arcs);
    }

    private Asn1Value unknown(Tlv tlv) {
        return new Asn1Value.UnknownValue(tlv.tag(),
                new Asn1Value.OctetStringValue(Arrays.copyOfRange(in, tlv.start(), tlv.end())));
    }

    private void constructed(Tlv tlv, ElementPath path) throws Asn1DecodeException {
        if (!tlv.constructed()) {
            throw error(tlv.start(), path, "a constructed encoding was expected for " + tlv.tag());
        }
    }

    private void primitive(Tlv tlv, ElementPath path) throws Asn1DecodeException {
        if (tlv.constructed()) {
            throw error(tlv.start(), path, "a primitive encoding was expected for " + tlv.tag());
        }
    }

    private Asn1DecodeException error(int offset, ElementPath path, String reason) {
        return new Asn1DecodeException(base + offset, path.toString(), reason);
    }
}
