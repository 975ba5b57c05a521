package io.ifpp.profile.asn1;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.ifpp.profile.asn1.Asn1Value.ChoiceValue;
import io.ifpp.profile.asn1.Asn1Value.Field;
import io.ifpp.profile.asn1.Asn1Value.SequenceOfValue;
import io.ifpp.profile.asn1.Asn1Value.SequenceValue;

/**
 * Reads and changes immutable value trees by path: a step is a component name of a SEQUENCE, the chosen
 * alternative's name of a CHOICE, or {@code [i]} for the i-th element of a SEQUENCE OF. A change returns a new
 * tree that shares every untouched branch with the old one.
 */
public final class Asn1Paths {

    private Asn1Paths() {
    }

    /** The value at {@code path} below {@code root}, if every step exists. */
    public static Optional<Asn1Value> get(Asn1Value root, String... path) {
        Asn1Value current = root;
        for (String step : path) {
            Optional<Asn1Value> next = step(current, step);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    /** {@code root} with the value at {@code path} replaced by {@code change} of it; every step must exist. */
    public static Asn1Value with(Asn1Value root, UnaryOperator<Asn1Value> change, String... path) {
        return with(root, path, 0, change);
    }

    private static Asn1Value with(Asn1Value node, String[] path, int depth, UnaryOperator<Asn1Value> change) {
        if (depth == path.length) {
            return change.apply(node);
        }
        String step = path[depth];
        return switch (node) {
            case ChoiceValue choice when choice.alternative().equals(step) ->
                new ChoiceValue(step, with(choice.value(), path, depth + 1, change));
            case SequenceValue sequence -> {
                List<Field> fields = new ArrayList<>(sequence.fields());
                for (int i = 0; i < fields.size(); i++) {
                    if (step.equals(fields.get(i).name())) {
                        fields.set(i, new Field(step, with(fields.get(i).value(), path, depth + 1, change)));
                        yield new SequenceValue(fields);
                    }
                }
                throw missing(path, depth);
            }
            case SequenceOfValue list when index(step) >= 0 && index(step) < list.elements().size() -> {
                List<Asn1Value> elements = new ArrayList<>(list.elements());
                elements.set(index(step), with(elements.get(index(step)), path, depth + 1, change));
                yield new SequenceOfValue(elements);
            }
            default -> throw missing(path, depth);
        };
    }

    private static Optional<Asn1Value> step(Asn1Value node, String step) {
        return switch (node) {
            case ChoiceValue choice -> choice.alternative().equals(step) ? Optional.of(choice.value()) : Optional.empty();
            case SequenceValue sequence -> sequence.get(step);
            case SequenceOfValue list -> index(step) >= 0 && index(step) < list.elements().size()
                    ? Optional.of(list.elements().get(index(step))) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static int index(String step) {
        if (step.length() < 3 || step.charAt(0) != '[' || step.charAt(step.length() - 1) != ']') {
            return -1;
        }
        try {
            return Integer.parseInt(step.substring(1, step.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static IllegalArgumentException missing(String[] path, int depth) {
        return new IllegalArgumentException("no " + path[depth] + " at " + String.join(" > ", List.of(path).subList(0, depth + 1)));
    }
}
