package io.ifpp.profile.asn1;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A type of an ASN.1 module, as far as the SAIP schema needs: the model the codec, printer and parser walk. */
public sealed interface Asn1Type {

    /** NULL, BOOLEAN, OCTET STRING, OBJECT IDENTIFIER, UTF8String; ANY: an open type, one element of any tag. */
    record Simple(Kind kind) implements Asn1Type {
    }

    enum Kind {
        NULL(Tag.NULL), BOOLEAN(Tag.BOOLEAN), OCTET_STRING(Tag.OCTET_STRING), OBJECT_IDENTIFIER(Tag.OBJECT_IDENTIFIER),
        UTF8_STRING(Tag.UTF8_STRING), ANY(Tag.ANY);

        public final Tag tag;

        Kind(Tag tag) {
            this.tag = tag;
        }
    }

    /** INTEGER with its named numbers ({@code milenage(1)}), printed by name. */
    record IntegerType(Map<String, Long> namedNumbers) implements Asn1Type {

        public Optional<String> nameOf(long value) {
            return namedNumbers.entrySet().stream().filter(e -> e.getValue() == value).map(Map.Entry::getKey).findFirst();
        }
    }

    /** BIT STRING with its named bits. */
    record BitStringType(Map<String, Long> namedBits) implements Asn1Type {
    }

    record Sequence(List<Component> components) implements Asn1Type {

        public Optional<Component> component(String name) {
            return find(components, name);
        }
    }

    /** {@code fixedSize} is n for {@code SEQUENCE (SIZE (n)) OF}, otherwise -1. */
    record SequenceOf(Asn1Type element, int fixedSize) implements Asn1Type {
    }

    record Choice(List<Component> alternatives) implements Asn1Type {

        public Optional<Component> alternative(String name) {
            return find(alternatives, name);
        }
    }

    /** A plain loop: the codec looks components up per element. */
    private static Optional<Component> find(List<Component> components, String name) {
        for (Component component : components) {
            if (component.name().equals(name)) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }

    /** A tagged type; {@code explicit} wraps the inner encoding in one more TLV. */
    record Tagged(Tag tag, boolean explicit, Asn1Type inner) implements Asn1Type {
    }

    /** A reference to a type assignment of the module, resolved through {@link Asn1Module#resolve}. */
    record Reference(String name) implements Asn1Type {
    }

    /**
     * A component of a SEQUENCE or an alternative of a CHOICE. {@code defaultText} is the DEFAULT as written (null
     * when none); {@code defaultValue} the same as a value of the type (null when none, or when the text is not a
     * value of the type, as for PE-AKAParameter's sqnInit).
     */
    record Component(String name, Asn1Type type, boolean optional, String defaultText, Asn1Value defaultValue) {

        public boolean mayBeAbsent() {
            return optional || defaultText != null;
        }
    }
}
