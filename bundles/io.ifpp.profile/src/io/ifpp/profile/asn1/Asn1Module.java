package io.ifpp.profile.asn1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ifpp.profile.asn1.Asn1Type.Choice;
import io.ifpp.profile.asn1.Asn1Type.Reference;
import io.ifpp.profile.asn1.Asn1Type.Tagged;

/** The type assignments of an ASN.1 module, tags already made explicit (automatic tagging applied). */
public final class Asn1Module {

    private final String name;
    private final Map<String, Asn1Type> types;
    // Per type node reachable from the assignments, by identity: the codec asks for these per element.
    private final Map<Asn1Type, Set<Tag>> firstTags = new IdentityHashMap<>();
    private final Map<Asn1Type, Map<Tag, Asn1Type.Component>> alternativesByTag = new IdentityHashMap<>();
    private final Map<Asn1Type, SequenceIndex> sequenceIndexes = new IdentityHashMap<>();
    /** For a CHOICE with automatic tags: its alternatives by context tag number, the common case, without hashing. */
    private final Map<Asn1Type, Asn1Type.Component[]> contextAlternatives = new IdentityHashMap<>();

    /**
     * Where the components of a SEQUENCE are by the tags they start with, and which may be absent: the decoder
     * places each element in one step instead of trying every component after the last one placed.
     */
    public static final class SequenceIndex {
        private final Map<Tag, int[]> componentsByTag;
        private final int[] nextMandatory;

        private SequenceIndex(Map<Tag, int[]> componentsByTag, int[] nextMandatory) {
            this.componentsByTag = componentsByTag;
            this.nextMandatory = nextMandatory;
        }

        /** The first component at or after {@code from} that an element tagged {@code tag} can be; -1 if none. */
        public int componentFor(Tag tag, int from) {
            int[] candidates = componentsByTag.get(tag);
            if (candidates != null) {
                for (int candidate : candidates) {
                    if (candidate >= from) {
                        return candidate;
                    }
                }
            }
            return -1;
        }

        /** The first component at or after {@code from} that must be present; the component count if none. */
        public int nextMandatory(int from) {
            return nextMandatory[from];
        }
    }

    /** The index of a SEQUENCE type of this module. */
    public SequenceIndex sequenceIndex(Asn1Type.Sequence sequence) {
        SequenceIndex index = sequenceIndexes.get(sequence);
        return index != null ? index : indexOf(sequence);
    }

    private SequenceIndex indexOf(Asn1Type.Sequence sequence) {
        List<Asn1Type.Component> components = sequence.components();
        Map<Tag, List<Integer>> byTag = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            for (Tag tag : firstTags(components.get(i).type())) {
                byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(i);
            }
        }
        Map<Tag, int[]> compact = new HashMap<>();
        byTag.forEach((tag, list) -> compact.put(tag, list.stream().mapToInt(Integer::intValue).toArray()));
        int[] nextMandatory = new int[components.size() + 1];
        nextMandatory[components.size()] = components.size();
        for (int i = components.size() - 1; i >= 0; i--) {
            nextMandatory[i] = components.get(i).mayBeAbsent() ? nextMandatory[i + 1] : i;
        }
        return new SequenceIndex(compact, nextMandatory);
    }

    public Asn1Module(String name, Map<String, Asn1Type> types) {
        this.name = name;
        this.types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        types.values().forEach(this::precompute);
    }

    private void precompute(Asn1Type type) {
        if (firstTags.containsKey(type)) {
            return;
        }
        Set<Tag> first = new LinkedHashSet<>();
        collectFirstTags(type, first);
        firstTags.put(type, Collections.unmodifiableSet(first));
        Asn1Type target = resolve(type);
        if (target instanceof Choice) {
            Map<Tag, Asn1Type.Component> byTag = new HashMap<>();
            for (Asn1Type.Component alternative : ((Choice) target).alternatives()) {
                precompute(alternative.type());
                firstTags.get(alternative.type()).forEach(tag -> byTag.putIfAbsent(tag, alternative));
            }
            alternativesByTag.put(type, byTag);
            int highest = byTag.keySet().stream().filter(t -> t.tagClass() == Tag.TagClass.CONTEXT).mapToInt(Tag::number)
                    .max().orElse(-1);
            if (highest >= 0 && highest < 256) {
                Asn1Type.Component[] byNumber = new Asn1Type.Component[highest + 1];
                byTag.forEach((tag, alternative) -> {
                    if (tag.tagClass() == Tag.TagClass.CONTEXT) {
                        byNumber[tag.number()] = alternative;
                    }
                });
                contextAlternatives.put(type, byNumber);
            }
        }
        switch (type) {
            case Asn1Type.Sequence sequence -> {
                sequence.components().forEach(c -> precompute(c.type()));
                sequenceIndexes.put(sequence, indexOf(sequence));
            }
            case Asn1Type.Choice choice -> choice.alternatives().forEach(c -> precompute(c.type()));
            case Asn1Type.SequenceOf sequenceOf -> precompute(sequenceOf.element());
            case Tagged tagged -> precompute(tagged.inner());
            default -> {
            }
        }
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
        Set<Tag> known = firstTags.get(type);
        if (known != null) {
            return known;
        }
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

    /** The alternative of the untagged CHOICE {@code choiceType} that {@code tag} selects, or null. */
    public Asn1Type.Component alternative(Asn1Type choiceType, Tag tag) {
        Asn1Type.Component[] byContextNumber = contextAlternatives.get(choiceType);
        if (byContextNumber != null && tag.tagClass() == Tag.TagClass.CONTEXT) {
            return tag.number() < byContextNumber.length ? byContextNumber[tag.number()] : null;
        }
        Map<Tag, Asn1Type.Component> byTag = alternativesByTag.get(choiceType);
        if (byTag != null) {
            return byTag.get(tag);
        }
        for (Asn1Type.Component alternative : ((Choice) resolve(choiceType)).alternatives()) {
            if (firstTags(alternative.type()).contains(tag)) {
                return alternative;
            }
        }
        return null;
    }

    /** Type names in the order the module defines them. */
    public Set<String> typeNames() {
        return types.keySet();
    }
}
