package io.ifpp.profile.asn1;

/** An ASN.1 tag: class and number (the constructed bit belongs to an encoding, not to the tag). */
public record Tag(TagClass tagClass, int number) {

    public enum TagClass {
        UNIVERSAL, APPLICATION, CONTEXT, PRIVATE
    }

    private static final int CACHED = 64;
    private static final Tag[][] COMMON = new Tag[4][CACHED];

    static {
        for (TagClass tagClass : TagClass.values()) {
            for (int number = 0; number < CACHED; number++) {
                COMMON[tagClass.ordinal()][number] = new Tag(tagClass, number);
            }
        }
    }

    /** The tag, shared for small numbers: decoders ask for one per element. */
    public static Tag of(TagClass tagClass, int number) {
        return number >= 0 && number < CACHED ? COMMON[tagClass.ordinal()][number] : new Tag(tagClass, number);
    }

    public static Tag universal(int number) {
        return of(TagClass.UNIVERSAL, number);
    }

    public static Tag context(int number) {
        return of(TagClass.CONTEXT, number);
    }

    public static final Tag BOOLEAN = universal(1);
    public static final Tag INTEGER = universal(2);
    public static final Tag BIT_STRING = universal(3);
    public static final Tag OCTET_STRING = universal(4);
    public static final Tag NULL = universal(5);
    public static final Tag OBJECT_IDENTIFIER = universal(6);
    public static final Tag UTF8_STRING = universal(12);
    /**
     * Stands for "any tag" where an open type (ANY, a class's type field) may start: universal 0 is no element's tag
     * (BER keeps it for the end of an indefinite length, which DER does not have).
     */
    public static final Tag ANY = universal(0);
    public static final Tag SEQUENCE = universal(16);

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Tag t && t.tagClass == tagClass && t.number == number;
    }

    @Override
    public int hashCode() {
        return tagClass.ordinal() * 31 + number;
    }

    /** As written in ASN.1: {@code [3]}, {@code [APPLICATION 15]}, {@code [PRIVATE 6]}, {@code [UNIVERSAL 4]}. */
    @Override
    public String toString() {
        return tagClass == TagClass.CONTEXT ? "[" + number + "]" : "[" + tagClass + " " + number + "]";
    }
}
