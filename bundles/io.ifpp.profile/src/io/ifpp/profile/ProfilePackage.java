package io.ifpp.profile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.ChoiceValue;
import io.ifpp.profile.asn1.Asn1Value.OctetStringValue;
import io.ifpp.profile.asn1.Asn1Value.SequenceValue;

/**
 * A SAIP profile package, immutable: its profile elements in order (header first, end last in a valid one), each
 * a {@code ProfileElement} CHOICE value, or an {@link Asn1Value.UnknownValue} this schema does not know. An element
 * that was decoded keeps the bytes it was read from until it is replaced: an unchanged element is written back
 * exactly as read (DER or any other BER form) without being encoded again, and a replaced one is encoded as DER.
 */
public final class ProfilePackage {

    private final List<Asn1Value> elements;
    /** Per element: the bytes it was read from, or null once it was replaced (or when built, not read). */
    private final List<OctetStringValue> verbatim;

    public ProfilePackage(List<Asn1Value> elements) {
        this(elements, Collections.nCopies(elements.size(), null));
    }

    ProfilePackage(List<Asn1Value> elements, List<OctetStringValue> verbatim) {
        this.elements = List.copyOf(elements);
        this.verbatim = Collections.unmodifiableList(new ArrayList<>(verbatim));
    }

    public List<Asn1Value> elements() {
        return elements;
    }

    List<OctetStringValue> verbatim() {
        return verbatim;
    }

    /** This package with element {@code index} replaced (and encoded afresh, as DER). */
    public ProfilePackage withElement(int index, Asn1Value element) {
        List<Asn1Value> changed = new ArrayList<>(elements);
        changed.set(index, element);
        List<OctetStringValue> keep = new ArrayList<>(verbatim);
        keep.set(index, null);
        return new ProfilePackage(changed, keep);
    }

    /** The header, typed, when the package has one. */
    public Optional<ProfileHeader> typedHeader() {
        return header().map(ProfileHeader::of);
    }

    /** The ProfileHeader, when the package has one (first, in a valid package). */
    public Optional<SequenceValue> header() {
        return elements.stream().filter(e -> e instanceof ChoiceValue c && c.alternative().equals("header"))
                .map(e -> (SequenceValue) ((ChoiceValue) e).value()).findFirst();
    }

    /** major-version and minor-version of the header; 0.0 when there is no header. */
    public int[] version() {
        return header().map(h -> new int[] { intField(h, "major-version"), intField(h, "minor-version") })
                .orElse(new int[] { 0, 0 });
    }

    private static int intField(SequenceValue sequence, String name) {
        return sequence.get(name).map(v -> ((Asn1Value.IntegerValue) v).value()).map(BigInteger::intValue).orElse(0);
    }

    /** The alternative name of each element ("header", "mf", "pinCodes", ... or "unknown"). */
    public List<String> elementKinds() {
        return elements.stream().map(e -> e instanceof ChoiceValue c ? c.alternative() : "unknown").toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProfilePackage p && elements.equals(p.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        return "ProfilePackage" + elementKinds();
    }
}
