package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.SaipSchema;
import io.ifpp.profile.asn1.Asn1Module;
import io.ifpp.profile.asn1.Asn1Type;
import io.ifpp.profile.asn1.Asn1Value;

/**
 * Properties over packages generated from the schema itself, every kind of profile element included (not only
 * those of the TS.48 fixtures): DER → value → DER is the identity, and so is value → text → value. Seeds are
 * fixed, so a failure replays.
 */
class GeneratedValuesPropertyTest {

    private static final Asn1Module MODULE = SaipSchema.module();

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
    void generatedPackagesRoundTripThroughDerAndText(long seed) throws Exception {
        Random random = new Random(seed);
        for (int round = 0; round < 100; round++) {
            List<Asn1Value> elements = new ArrayList<>();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                elements.add(generate(MODULE.type(SaipSchema.PROFILE_ELEMENT), random, 0));
            }
            ProfilePackage generated = new ProfilePackage(elements);
            byte[] der = ProfileCodec.encode(generated);
            ProfilePackage decoded = ProfileCodec.decode(der);
            assertEquals(generated, decoded, "seed " + seed + " round " + round);
            assertArrayEquals(der, ProfileCodec.encode(decoded));
            ProfilePackage compiled = ProfileCodec.compile(ProfileCodec.dump(decoded));
            assertArrayEquals(der, ProfileCodec.encode(compiled), "text round trip, seed " + seed + " round " + round);
        }
    }

    /** A random value of {@code declared}; components equal to their DEFAULT are left out, as DER does. */
    static Asn1Value generate(Asn1Type declared, Random random, int depth) {
        Asn1Type type = MODULE.resolve(declared);
        return switch (type) {
            case Asn1Type.Tagged tagged -> generate(tagged.inner(), random, depth);
            case Asn1Type.Choice choice -> {
                Asn1Type.Component alternative = choice.alternatives().get(random.nextInt(choice.alternatives().size()));
                yield new Asn1Value.ChoiceValue(alternative.name(), generate(alternative.type(), random, depth + 1));
            }
            case Asn1Type.Sequence sequence -> {
                List<Asn1Value.Field> fields = new ArrayList<>();
                for (Asn1Type.Component component : sequence.components()) {
                    if (component.mayBeAbsent() && random.nextInt(3) == 0) {
                        continue;
                    }
                    Asn1Value value = generate(component.type(), random, depth + 1);
                    if (!value.equals(component.defaultValue())) {
                        fields.add(new Asn1Value.Field(component.name(), value));
                    }
                }
                yield new Asn1Value.SequenceValue(fields);
            }
            case Asn1Type.SequenceOf sequenceOf -> {
                int size = sequenceOf.fixedSize() > 0 ? sequenceOf.fixedSize() : random.nextInt(depth > 4 ? 2 : 4);
                List<Asn1Value> elements = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    elements.add(generate(sequenceOf.element(), random, depth + 1));
                }
                yield new Asn1Value.SequenceOfValue(elements);
            }
            case Asn1Type.IntegerType integer -> {
                if (!integer.namedNumbers().isEmpty() && random.nextBoolean()) {
                    List<Long> named = List.copyOf(integer.namedNumbers().values());
                    yield Asn1Value.IntegerValue.of(named.get(random.nextInt(named.size())));
                }
                yield Asn1Value.IntegerValue.of(random.nextInt(3) == 0 ? random.nextInt(70_000) : random.nextInt(256));
            }
            case Asn1Type.BitStringType bits -> {
                byte[] bytes = bytes(random, 4);
                yield new Asn1Value.BitStringValue(new Asn1Value.OctetStringValue(bytes), bytes.length == 0 ? 0 : random.nextInt(8));
            }
            case Asn1Type.Simple simple -> switch (simple.kind()) {
                case NULL -> Asn1Value.NullValue.INSTANCE;
                case BOOLEAN -> new Asn1Value.BooleanValue(random.nextBoolean());
                case OCTET_STRING -> new Asn1Value.OctetStringValue(bytes(random, 24));
                case UTF8_STRING -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = random.nextInt(12); i > 0; i--) {
                        text.append((char) (' ' + random.nextInt(95)));
                    }
                    yield new Asn1Value.StringValue(text.toString());
                }
                case OBJECT_IDENTIFIER -> {
                    List<BigInteger> arcs = new ArrayList<>(List.of(BigInteger.valueOf(2), BigInteger.valueOf(23)));
                    for (int i = random.nextInt(5); i > 0; i--) {
                        arcs.add(BigInteger.valueOf(random.nextInt(random.nextBoolean() ? 128 : 100_000)));
                    }
                    yield new Asn1Value.ObjectIdentifierValue(arcs);
                }
            };
            case Asn1Type.Reference reference -> throw new IllegalStateException(reference.name());
        };
    }

    private static byte[] bytes(Random random, int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }
}
