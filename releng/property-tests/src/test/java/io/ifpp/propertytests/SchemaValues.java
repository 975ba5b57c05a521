package io.ifpp.propertytests;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import io.ifpp.profile.asn1.Asn1Module;
import io.ifpp.profile.asn1.Asn1Type;
import io.ifpp.profile.asn1.Asn1Value;

/**
 * Random valid values of any type of a module, read off the schema itself: every alternative of a CHOICE, optional
 * components present or not, lists of a few elements (fewer deep down, so that values stay small). A component
 * that comes out equal to its DEFAULT is left out, as DER does.
 */
final class SchemaValues {

    /** From this depth on, a SEQUENCE OF has at most one element. */
    private static final int DEEP = 5;

    private final Asn1Module module;
    /** Per type (identity) and depth up to DEEP: the schema's types are shared, and may refer to each other. */
    private final Map<Asn1Type, Map<Integer, Arbitrary<Asn1Value>>> made = new IdentityHashMap<>();

    SchemaValues(Asn1Module module) {
        this.module = module;
    }

    Arbitrary<Asn1Value> of(String typeName) {
        return of(module.type(typeName), 0);
    }

    private Arbitrary<Asn1Value> of(Asn1Type declared, int depth) {
        Asn1Type type = module.resolve(declared);
        int level = Math.min(depth, DEEP);
        Map<Integer, Arbitrary<Asn1Value>> byLevel = made.computeIfAbsent(type, t -> new HashMap<>());
        Arbitrary<Asn1Value> known = byLevel.get(level);
        if (known == null) {
            // Lazy: a type that contains itself is built when a value is drawn, not here.
            known = Arbitraries.lazy(() -> make(type, level));
            byLevel.put(level, known);
        }
        return known;
    }

    private Arbitrary<Asn1Value> make(Asn1Type type, int depth) {
        return switch (type) {
            case Asn1Type.Tagged tagged -> of(tagged.inner(), depth);
            case Asn1Type.Choice choice -> Arbitraries.oneOf(choice.alternatives().stream()
                    .map(alternative -> of(alternative.type(), depth + 1)
                            .map(value -> (Asn1Value) new Asn1Value.ChoiceValue(alternative.name(), value)))
                    .toList());
            case Asn1Type.Sequence sequence -> sequence(sequence, depth);
            case Asn1Type.SequenceOf sequenceOf -> {
                var elements = of(sequenceOf.element(), depth + 1).list();
                yield (sequenceOf.fixedSize() > 0 ? elements.ofSize(sequenceOf.fixedSize())
                        : elements.ofMaxSize(depth >= DEEP ? 1 : 3)).map(Asn1Value.SequenceOfValue::new);
            }
            case Asn1Type.IntegerType integer -> {
                Arbitrary<Long> plain = Arbitraries.longs().between(0, 70_000);
                Arbitrary<Long> numbers = integer.namedNumbers().isEmpty() ? plain
                        : Arbitraries.oneOf(plain, Arbitraries.of(List.copyOf(integer.namedNumbers().values())));
                yield numbers.map(Asn1Value.IntegerValue::of);
            }
            case Asn1Type.BitStringType bits -> Combinators.combine(bytes(4), Arbitraries.integers().between(0, 7))
                    .as((bytes, unused) -> new Asn1Value.BitStringValue(new Asn1Value.OctetStringValue(bytes),
                            bytes.length == 0 ? 0 : unused));
            case Asn1Type.Simple simple -> switch (simple.kind()) {
                case NULL -> Arbitraries.just(Asn1Value.NullValue.INSTANCE);
                case BOOLEAN -> Arbitraries.of(true, false).map(Asn1Value.BooleanValue::new);
                case OCTET_STRING -> bytes(24).map(Asn1Value.OctetStringValue::new);
                case ANY -> throw new IllegalStateException("the SAIP schema has no open type");
                case UTF8_STRING -> Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12)
                        .map(Asn1Value.StringValue::new);
                case OBJECT_IDENTIFIER -> Arbitraries.oneOf(Arbitraries.longs().between(0, 127),
                        Arbitraries.longs().between(0, 100_000)).list().ofMaxSize(4).map(SchemaValues::oid);
            };
            case Asn1Type.Reference reference -> throw new IllegalStateException("unresolved " + reference.name());
        };
    }

    private Arbitrary<Asn1Value> sequence(Asn1Type.Sequence sequence, int depth) {
        List<Asn1Type.Component> components = sequence.components();
        if (components.isEmpty()) {
            return Arbitraries.just(new Asn1Value.SequenceValue(List.of()));
        }
        List<Arbitrary<Asn1Value>> values = new ArrayList<>();
        for (Asn1Type.Component component : components) {
            Arbitrary<Asn1Value> value = of(component.type(), depth + 1);
            values.add(component.mayBeAbsent() ? value.injectNull(0.33) : value);
        }
        return Combinators.combine(values).as(drawn -> {
            List<Asn1Value.Field> fields = new ArrayList<>();
            for (int i = 0; i < drawn.size(); i++) {
                Asn1Value value = drawn.get(i);
                if (value != null && !value.equals(components.get(i).defaultValue())) {
                    fields.add(new Asn1Value.Field(components.get(i).name(), value));
                }
            }
            return new Asn1Value.SequenceValue(fields);
        });
    }

    private static Arbitrary<byte[]> bytes(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength);
    }

    /** 2.23 (GSMA) followed by {@code arcs}. */
    private static Asn1Value oid(List<Long> arcs) {
        List<BigInteger> all = new ArrayList<>(List.of(BigInteger.TWO, BigInteger.valueOf(23)));
        arcs.forEach(arc -> all.add(BigInteger.valueOf(arc)));
        return new Asn1Value.ObjectIdentifierValue(all);
    }
}
