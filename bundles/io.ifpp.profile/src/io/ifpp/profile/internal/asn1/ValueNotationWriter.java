package io.ifpp.profile.internal.asn1;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.ifpp.profile.asn1.Asn1Module;
import io.ifpp.profile.asn1.Asn1Type;
import io.ifpp.profile.asn1.Asn1Type.Choice;
import io.ifpp.profile.asn1.Asn1Type.Component;
import io.ifpp.profile.asn1.Asn1Type.Sequence;
import io.ifpp.profile.asn1.Asn1Type.SequenceOf;
import io.ifpp.profile.asn1.Asn1Type.Tagged;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.Field;

/**
 * Prints values in ASN.1 value notation (X.680), laid out as the TCA/GSMA tools print profile packages:
 * {@code value1 ProfileElement ::= header : { major-version 2, ... }}, two spaces per level. Absent components
 * with a DEFAULT are spelled out, as those tools do. A {@link Dialect} says how the package's version of the
 * schema differs from this one: other names (the SAIP 2.x spelling {@code keyCompontents}) and components it did
 * not have yet (whose defaults are then not spelled out).
 */
public final class ValueNotationWriter {

    private static final String INDENT = "  ";

    /** How an earlier version of the schema differs: schema name → that version's name; components it lacks. */
    public record Dialect(Map<String, String> names, Set<String> laterComponents) {

        public static final Dialect CURRENT = new Dialect(Map.of(), Set.of());
    }

    private final Asn1Module module;
    private final Dialect dialect;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private ValueNotationWriter(Asn1Module module, Dialect dialect) {
        this.module = module;
        this.dialect = dialect;
    }

    public static String write(Asn1Module module, String typeName, List<Asn1Value> values, Dialect dialect) {
        ValueNotationWriter writer = new ValueNotationWriter(module, dialect);
        Asn1Type type = module.type(typeName);
        for (int i = 0; i < values.size(); i++) {
            Asn1Value value = values.get(i);
            if (value instanceof Asn1Value.UnknownValue unknown) {
                // Value notation cannot say what the schema does not know; the binary form keeps it.
                writer.out.append("-- value").append(i + 1).append(" is an element this schema does not know: ")
                        .append(unknown.tag()).append(' ').append(unknown.tlv()).append('\n');
                continue;
            }
            writer.out.append("value").append(i + 1).append(' ').append(typeName).append(" ::= ");
            writer.value(type, value, 0);
            writer.out.append('\n');
        }
        return writer.out.toString();
    }

    private String name(String schemaName) {
        return dialect.names().getOrDefault(schemaName, schemaName);
    }

    private void value(Asn1Type declared, Asn1Value value, int depth) {
        Asn1Type type = module.resolve(declared);
        if (type instanceof Tagged tagged) {
            value(tagged.inner(), value, depth);
            return;
        }
        switch (value) {
            case Asn1Value.ChoiceValue choice -> {
                Component alternative = ((Choice) type).alternative(choice.alternative()).orElseThrow();
                out.append(name(choice.alternative())).append(" : ");
                value(alternative.type(), choice.value(), depth);
            }
            case Asn1Value.SequenceValue sequence -> {
                Sequence schema = (Sequence) type;
                block(depth, withDefaults(schema, sequence.fields()), (field, inner) -> {
                    if (field.name() == null) {
                        out.append("-- an extension this schema does not know: ")
                                .append(((Asn1Value.UnknownValue) field.value()).tlv());
                        return;
                    }
                    out.append(name(field.name())).append(' ');
                    value(schema.component(field.name()).orElseThrow().type(), field.value(), inner);
                });
            }
            case Asn1Value.SequenceOfValue sequenceOf -> block(depth, sequenceOf.elements(),
                    (element, inner) -> value(((SequenceOf) type).element(), element, inner));
            case Asn1Value.NullValue nothing -> out.append("NULL");
            case Asn1Value.BooleanValue bool -> out.append(bool.value() ? "TRUE" : "FALSE");
            case Asn1Value.IntegerValue integer -> out.append(integerText((Asn1Type.IntegerType) type, integer.value()));
            case Asn1Value.OctetStringValue octets -> out.append(octets);
            case Asn1Value.BitStringValue bits -> out.append(bitText(bits));
            case Asn1Value.ObjectIdentifierValue oid -> out.append("{ ")
                    .append(oid.arcs().stream().map(BigInteger::toString).collect(Collectors.joining(" "))).append(" }");
            case Asn1Value.StringValue string -> out.append('"').append(string.value().replace("\"", "\"\"")).append('"');
            case Asn1Value.UnknownValue unknown -> out.append("-- unknown ").append(unknown.tlv());
        }
    }

    /** The fields as printed: absent components that have a DEFAULT are spelled out, as the TCA tools print them. */
    private List<Field> withDefaults(Sequence schema, List<Field> present) {
        List<Component> components = schema.components();
        List<Field> shown = new ArrayList<>(components.size());
        int next = 0;
        for (Field field : present) {
            if (field.name() != null) {
                int at = next;
                while (at < components.size() && !components.get(at).name().equals(field.name())) {
                    at++;
                }
                addDefaults(components, next, at, shown);
                next = at + 1;
            }
            shown.add(field);
        }
        addDefaults(components, next, components.size(), shown);
        return shown;
    }

    private void addDefaults(List<Component> components, int from, int to, List<Field> into) {
        for (int i = from; i < Math.min(to, components.size()); i++) {
            Component c = components.get(i);
            if (c.defaultValue() != null && !dialect.laterComponents().contains(c.name())) {
                into.add(new Field(c.name(), c.defaultValue()));
            }
        }
    }

    private interface ItemWriter<T> {
        void write(T item, int depth);
    }

    private <T> void block(int depth, List<T> items, ItemWriter<T> writer) {
        if (items.isEmpty()) {
            out.append("{ }");
            return;
        }
        out.append("{\n");
        for (int i = 0; i < items.size(); i++) {
            out.append(INDENT.repeat(depth + 1));
            writer.write(items.get(i), depth + 1);
            boolean comment = items.get(i) instanceof Field f && f.name() == null;
            out.append(i < items.size() - 1 && !comment ? ",\n" : "\n");
        }
        out.append(INDENT.repeat(depth)).append('}');
    }

    private static String integerText(Asn1Type.IntegerType type, BigInteger value) {
        if (value.bitLength() < 63) {
            return type.nameOf(value.longValue()).orElse(value.toString());
        }
        return value.toString();
    }

    private static String bitText(Asn1Value.BitStringValue bits) {
        if (bits.unusedBits() == 0) {
            return bits.bytes().toString();
        }
        StringBuilder binary = new StringBuilder();
        for (int i = 0; i < bits.bytes().length(); i++) {
            binary.append(String.format("%8s", Integer.toBinaryString(bits.bytes().byteAt(i) & 0xFF)).replace(' ', '0'));
        }
        return "'" + binary.substring(0, binary.length() - bits.unusedBits()) + "'B";
    }
}
