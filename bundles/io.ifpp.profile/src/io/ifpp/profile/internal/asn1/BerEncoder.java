package io.ifpp.profile.internal.asn1;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * Encodes values against their schema type with definite, minimal lengths, as DER: what {@link BerDecoder} read
 * from a DER package encodes back byte for byte. Components are written as present in the value (a DEFAULT value
 * that was encoded stays encoded). A value that does not fit its type is a programming error
 * ({@link IllegalArgumentException} naming the path).
 */
public final class BerEncoder {

    private final Asn1Module module;
    private byte[] out;
    private int size;

    private BerEncoder(Asn1Module module, int capacity) {
        this.module = module;
        this.out = new byte[Math.max(capacity, 64)];
    }

    /** Encodes {@code values}; where {@code verbatim} has bytes for a value (as read, unchanged since), writes those. */
    public static byte[] encodeAll(Asn1Module module, Asn1Type type, List<Asn1Value> values,
            List<Asn1Value.OctetStringValue> verbatim) {
        int asRead = 0;
        int fresh = 0;
        for (int i = 0; i < values.size(); i++) {
            Asn1Value.OctetStringValue bytes = i < verbatim.size() ? verbatim.get(i) : null;
            if (bytes != null) {
                asRead += bytes.length();
            } else {
                fresh++;
            }
        }
        // Sized for what is known: a package written back as read is one exact array, never copied again.
        BerEncoder encoder = new BerEncoder(module, fresh == 0 ? asRead : asRead + fresh * 1024);
        for (int i = 0; i < values.size(); i++) {
            Asn1Value.OctetStringValue bytes = i < verbatim.size() ? verbatim.get(i) : null;
            if (bytes != null) {
                encoder.write(bytes);
            } else {
                try {
                    encoder.encode(type, values.get(i));
                } catch (Misfit misfit) {
                    misfit.at("value" + (i + 1));
                    throw new IllegalArgumentException(misfit.path() + ": " + misfit.getMessage());
                }
            }
        }
        return encoder.size == encoder.out.length ? encoder.out : Arrays.copyOf(encoder.out, encoder.size);
    }

    /**
     * A value that does not fit its type, on its way up to {@link #encodeAll}: each level it leaves adds its step,
     * so that paths cost nothing while encoding succeeds.
     */
    private static final class Misfit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Innermost first. */
        private final List<String> steps = new ArrayList<>();

        Misfit(String reason) {
            super(reason, null, false, false);
        }

        Misfit at(String step) {
            steps.add(step);
            return this;
        }

        String path() {
            return String.join(" > ", steps.reversed());
        }
    }

    private void encode(Asn1Type declared, Asn1Value value) {
        Asn1Type type = module.resolve(declared);
        switch (type) {
            case Choice choice when value instanceof Asn1Value.UnknownValue unknown -> write(unknown.tlv());
            case Choice choice -> {
                Asn1Value.ChoiceValue chosen = expect(Asn1Value.ChoiceValue.class, value);
                Component alternative = choice.alternative(chosen.alternative()).orElseThrow(
                        () -> new Misfit("no alternative " + chosen.alternative()));
                try {
                    encode(alternative.type(), chosen.value());
                } catch (Misfit misfit) {
                    throw misfit.at(chosen.alternative());
                }
            }
            case Tagged tagged when tagged.explicit() -> {
                int mark = openConstructed(tagged.tag());
                encode(tagged.inner(), value);
                close(mark);
            }
            case Tagged tagged -> content(tagged.tag(), module.resolve(tagged.inner()), value);
            // An open type's value is one element as read (or made), written as it is.
            case Asn1Type.Simple simple when simple.kind() == Asn1Type.Kind.ANY ->
                write(expect(Asn1Value.UnknownValue.class, value).tlv());
            default -> content(module.tagOf(type), type, value);
        }
    }

    /** Writes {@code value} under {@code tag} (the type's own, or the implicit one that replaces it). */
    private void content(Tag tag, Asn1Type type, Asn1Value value) {
        switch (type) {
            case Sequence sequence -> {
                Asn1Value.SequenceValue fields = expect(Asn1Value.SequenceValue.class, value);
                int mark = openConstructed(tag);
                List<Component> components = sequence.components();
                int next = 0; // fields come in schema order
                for (Field field : fields.fields()) {
                    if (field.name() == null) {
                        // an extension this schema does not know, written as read
                        write(expect(Asn1Value.UnknownValue.class, field.value()).tlv());
                        continue;
                    }
                    while (next < components.size() && !components.get(next).name().equals(field.name())) {
                        next++;
                    }
                    if (next == components.size()) {
                        throw new Misfit("no component " + field.name()
                                + " here, or not in the order of the schema");
                    }
                    try {
                        encode(components.get(next++).type(), field.value());
                    } catch (Misfit misfit) {
                        throw misfit.at(field.name());
                    }
                }
                close(mark);
            }
            case SequenceOf sequenceOf -> {
                Asn1Value.SequenceOfValue elements = expect(Asn1Value.SequenceOfValue.class, value);
                int mark = openConstructed(tag);
                for (int i = 0; i < elements.elements().size(); i++) {
                    try {
                        encode(sequenceOf.element(), elements.elements().get(i));
                    } catch (Misfit misfit) {
                        throw misfit.at("[" + i + "]");
                    }
                }
                close(mark);
            }
            case Asn1Type.Simple simple when simple.kind() == Asn1Type.Kind.OCTET_STRING -> {
                Asn1Value.OctetStringValue octets = expect(Asn1Value.OctetStringValue.class, value);
                tag(tag, false);
                length(octets.length());
                write(octets);
            }
            case Asn1Type.Simple simple -> primitive(tag, simpleContent(simple.kind(), value));
            case Asn1Type.IntegerType integer -> primitive(tag,
                    expect(Asn1Value.IntegerValue.class, value).value().toByteArray());
            case Asn1Type.BitStringType bits -> {
                Asn1Value.BitStringValue bitString = expect(Asn1Value.BitStringValue.class, value);
                byte[] body = bitString.bytes().bytes();
                byte[] content = new byte[body.length + 1];
                content[0] = (byte) bitString.unusedBits();
                System.arraycopy(body, 0, content, 1, body.length);
                primitive(tag, content);
            }
            case Tagged tagged when tagged.explicit() -> {
                // An implicit tag on an explicitly tagged type replaces that tag; the inner element stays.
                int mark = openConstructed(tag);
                encode(tagged.inner(), value);
                close(mark);
            }
            case Tagged tagged -> content(tag, module.resolve(tagged.inner()), value);
            case Choice choice -> throw new Misfit("a CHOICE cannot be implicitly tagged");
            case Asn1Type.Reference reference -> content(tag, module.resolve(reference), value);
        }
    }

    private static byte[] simpleContent(Asn1Type.Kind kind, Asn1Value value) {
        return switch (kind) {
            case NULL -> {
                expect(Asn1Value.NullValue.class, value);
                yield new byte[0];
            }
            case BOOLEAN -> new byte[] { (byte) (expect(Asn1Value.BooleanValue.class, value).value() ? 0xFF : 0) };
            case OCTET_STRING -> expect(Asn1Value.OctetStringValue.class, value).bytes(); // written directly above
            case UTF8_STRING -> expect(Asn1Value.StringValue.class, value).value().getBytes(StandardCharsets.UTF_8);
            case OBJECT_IDENTIFIER -> objectIdentifier(expect(Asn1Value.ObjectIdentifierValue.class, value));
            case ANY -> throw new Misfit("an open type cannot be implicitly tagged");
        };
    }

    private static byte[] objectIdentifier(Asn1Value.ObjectIdentifierValue oid) {
        List<BigInteger> arcs = oid.arcs();
        if (arcs.size() < 2 || arcs.get(0).compareTo(BigInteger.TWO) > 0) {
            throw new Misfit("an OBJECT IDENTIFIER needs two arcs, the first 0, 1 or 2");
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        writeBase128(bytes, arcs.get(0).multiply(BigInteger.valueOf(40)).add(arcs.get(1)));
        for (int i = 2; i < arcs.size(); i++) {
            writeBase128(bytes, arcs.get(i));
        }
        return bytes.toByteArray();
    }

    private static void writeBase128(java.io.ByteArrayOutputStream out, BigInteger arc) {
        int groups = Math.max(1, (arc.bitLength() + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int bits = arc.shiftRight(7 * g).intValue() & 0x7F;
            out.write(g > 0 ? bits | 0x80 : bits);
        }
    }

    private static <V extends Asn1Value> V expect(Class<V> kind, Asn1Value value) {
        if (!kind.isInstance(value)) {
            throw new Misfit("expected a " + kind.getSimpleName() + " but got a "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return kind.cast(value);
    }

    // ---- output

    private void tag(Tag tag, boolean constructed) {
        int first = tag.tagClass().ordinal() << 6 | (constructed ? 0x20 : 0);
        if (tag.number() < 0x1F) {
            writeByte(first | tag.number());
            return;
        }
        writeByte(first | 0x1F);
        int groups = (32 - Integer.numberOfLeadingZeros(tag.number()) + 6) / 7;
        for (int g = groups - 1; g >= 0; g--) {
            writeByte((tag.number() >>> (7 * g)) & 0x7F | (g > 0 ? 0x80 : 0));
        }
    }

    private void primitive(Tag tag, byte[] content) {
        tag(tag, false);
        length(content.length);
        write(content);
    }

    /** Writes the tag and a one-byte length placeholder; returns where the placeholder is. */
    private int openConstructed(Tag tag) {
        tag(tag, true);
        writeByte(0);
        return size - 1;
    }

    /** Fills the placeholder at {@code mark}, moving the content right when the length needs more bytes. */
    private void close(int mark) {
        int length = size - mark - 1;
        if (length < 0x80) {
            out[mark] = (byte) length;
            return;
        }
        int extra = lengthOfLength(length);
        ensure(extra);
        System.arraycopy(out, mark + 1, out, mark + 1 + extra, length);
        size += extra;
        out[mark] = (byte) (0x80 | extra);
        for (int i = 0; i < extra; i++) {
            out[mark + 1 + i] = (byte) (length >>> (8 * (extra - 1 - i)));
        }
    }

    private static int lengthOfLength(int length) {
        return length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
    }

    private void length(int length) {
        if (length < 0x80) {
            writeByte(length);
            return;
        }
        int count = lengthOfLength(length);
        writeByte(0x80 | count);
        for (int i = count - 1; i >= 0; i--) {
            writeByte(length >>> (8 * i));
        }
    }

    private void writeByte(int b) {
        ensure(1);
        out[size++] = (byte) b;
    }

    private void write(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    private void write(Asn1Value.OctetStringValue bytes) {
        ensure(bytes.length());
        bytes.copyTo(out, size);
        size += bytes.length();
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }
}
