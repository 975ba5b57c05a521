package io.ifpp.profile.asn1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.ifpp.profile.asn1.Asn1Type.Choice;
import io.ifpp.profile.asn1.Asn1Type.Reference;
import io.ifpp.profile.asn1.Asn1Type.Tagged;

/** The type assignments of an ASN.1 module, tags already made explicit (automatic tagging applied). */
public final class Asn1Module {

    private final String name;
    private final Map<String, Asn1Type> types;

    public Asn1Module(String name, Map<String, Asn1Type> types) {
        this.name = name;
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    public String name() {
        return name;
    }

    /** The type named {@code typeName}; {@link IllegalArgumentException} if the module has none. */
    public Asn1Type type(String typeName) {
        Asn1Type type = types.get(typeName);
        if (type == null) {
            throw new IllegalArgumentException("the module " + name + " defines no type " + typeName);
        }
        return type;
    }

    /** Follows references until a type that is not one. */
    public Asn1Type resolve(Asn1Type type) {
        return type instanceof Reference ? resolveSlowly(type) : type;
    }

    private Asn1Type resolveSlowly(Asn1Type type) {
        Asn1Type current = type;
        for (int hops = 0; current instanceof Reference reference; hops++) {
            if (hops > types.size()) {
                throw new IllegalStateException("circular type reference at " + reference.name());
            }
            current = type(reference.name());
        }
        return current;
    }

    /**
     * The tags an encoding of {@code type} may start with: one, or for an untagged CHOICE those of its
     * alternatives.
     */
    public Set<Tag> firstTags(Asn1Type type) {
        Set<Tag> tags = new LinkedHashSet<>();
        collectFirstTags(type, tags);
        return tags;
    }

    private void collectFirstTags(Asn1Type type, Set<Tag> into) {
        switch (resolve(type)) {
            case Tagged tagged -> into.add(tagged.tag());
            case Choice choice -> choice.alternatives().forEach(a -> collectFirstTags(a.type(), into));
            case Asn1Type.Simple simple -> into.add(simple.kind().tag);
            case Asn1Type.IntegerType integer -> into.add(Tag.INTEGER);
            case Asn1Type.BitStringType bits -> into.add(Tag.BIT_STRING);
            case Asn1Type.Sequence sequence -> into.add(Tag.SEQUENCE);
            case Asn1Type.SequenceOf sequenceOf -> into.add(Tag.SEQUENCE);
            case Reference reference -> throw new IllegalStateException("unresolved " + reference.name());
        }
    }

    /** The one tag an encoding of {@code type} starts with; null for an untagged CHOICE. */
    public Tag tagOf(Asn1Type type) {
        return switch (resolve(type)) {
            case Tagged tagged -> tagged.tag();
            case Choice choice -> null;
            case Asn1Type.Simple simple -> simple.kind().tag;
            case Asn1Type.IntegerType integer -> Tag.INTEGER;
            case Asn1Type.BitStringType bits -> Tag.BIT_STRING;
            case Asn1Type.Sequence sequence -> Tag.SEQUENCE;
            case Asn1Type.SequenceOf sequenceOf -> Tag.SEQUENCE;
            case Reference reference -> throw new IllegalStateException("unresolved " + reference.name());
        };
    }

    /** Type names in the order the module defines them. */
    public Set<String> typeNames() {
        return types.keySet();
    }
}
