package io.ifpp.profile.asn1;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.ifpp.profile.internal.asn1.OwnedBytes;

/**
 * A decoded ASN.1 value, immutable. Together with its {@link Asn1Type} it encodes back to the same bytes.
 * Octet strings hold copies: callers cannot change a value through an array they passed in or got out.
 */
public sealed interface Asn1Value {

    record NullValue() implements Asn1Value {
        public static final NullValue INSTANCE = new NullValue();
    }

    record BooleanValue(boolean value) implements Asn1Value {
    }

    record IntegerValue(BigInteger value) implements Asn1Value {

        public IntegerValue {
            Objects.requireNonNull(value, "value");
        }

        public static IntegerValue of(long value) {
            return new IntegerValue(BigInteger.valueOf(value));
        }
    }

    /**
     * An OCTET STRING. A decoded one is a range of the decoder's private copy of the package (no copy per value;
     * the value keeps that copy alive); the public constructors copy what they are given.
     */
    final class OctetStringValue implements Asn1Value {

        static {
            OwnedBytes.register((owned, offset, length) -> new OctetStringValue(owned, offset, length, null));
        }

        private final byte[] bytes;
        private final int offset;
        private final int length;

        public OctetStringValue(byte[] bytes) {
            this(bytes.clone(), 0, bytes.length, null);
        }

        /** The {@code length} bytes of {@code source} from {@code offset}, copied. */
        public OctetStringValue(byte[] source, int offset, int length) {
            this(Arrays.copyOfRange(source, offset, offset + length), 0, length, null);
        }

        /** Over {@code owned}, which nobody changes any more: see {@link OwnedBytes}. */
        private OctetStringValue(byte[] owned, int offset, int length, Void owner) {
            this.bytes = owned;
            this.offset = offset;
            this.length = length;
        }

        public byte[] bytes() {
            return Arrays.copyOfRange(bytes, offset, offset + length);
        }

        public int length() {
            return length;
        }

        public byte byteAt(int index) {
            Objects.checkIndex(index, length);
            return bytes[offset + index];
        }

        /** Writes the bytes into {@code target} at {@code at}, without a copy in between. */
        public void copyTo(byte[] target, int at) {
            System.arraycopy(bytes, offset, target, at, length);
        }

        public String hex() {
            return HexFormat.of().withUpperCase().formatHex(bytes, offset, offset + length);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OctetStringValue o
                    && Arrays.equals(bytes, offset, offset + length, o.bytes, o.offset, o.offset + o.length);
        }

        @Override
        public int hashCode() {
            int hash = 1;
            for (int i = offset; i < offset + length; i++) {
                hash = 31 * hash + bytes[i];
            }
            return hash;
        }

        @Override
        public String toString() {
            return "'" + hex() + "'H";
        }
    }

    record BitStringValue(OctetStringValue bytes, int unusedBits) implements Asn1Value {
    }

    /** An OBJECT IDENTIFIER as its arcs, e.g. {@code [2, 23, 143, 1, 2, 1]}. */
    record ObjectIdentifierValue(List<BigInteger> arcs) implements Asn1Value {

        public ObjectIdentifierValue {
            arcs = List.copyOf(arcs);
        }

        public String dotted() {
            return String.join(".", arcs.stream().map(BigInteger::toString).toList());
        }
    }

    record StringValue(String value) implements Asn1Value {

        public StringValue {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A SEQUENCE: its present components in encoding order. */
    record SequenceValue(List<Field> fields) implements Asn1Value {

        public SequenceValue {
            fields = List.copyOf(fields);
        }

        public Optional<Asn1Value> get(String name) {
            return fields.stream().filter(f -> name.equals(f.name())).map(Field::value).findFirst();
        }
    }

    /** A component of a {@link SequenceValue}; {@code name} is null for an unknown extension element. */
    record Field(String name, Asn1Value value) {
    }

    record SequenceOfValue(List<Asn1Value> elements) implements Asn1Value {

        public SequenceOfValue {
            elements = List.copyOf(elements);
        }
    }

    record ChoiceValue(String alternative, Asn1Value value) implements Asn1Value {
    }

    /**
     * An element this schema does not know (a later version's extension or a new profile element), kept as its
     * complete TLV so that it encodes back unchanged.
     */
    record UnknownValue(Tag tag, OctetStringValue tlv) implements Asn1Value {
    }
}
