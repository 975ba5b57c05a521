package io.ifpp.profile.asn1;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    final class OctetStringValue implements Asn1Value {
        private final byte[] bytes;

        public OctetStringValue(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        /** The {@code length} bytes of {@code source} from {@code offset}, copied. */
        public OctetStringValue(byte[] source, int offset, int length) {
            this.bytes = Arrays.copyOfRange(source, offset, offset + length);
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        public byte byteAt(int index) {
            return bytes[index];
        }

        public String hex() {
            return HexFormat.of().withUpperCase().formatHex(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OctetStringValue o && Arrays.equals(bytes, o.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
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
            return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).findFirst();
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
