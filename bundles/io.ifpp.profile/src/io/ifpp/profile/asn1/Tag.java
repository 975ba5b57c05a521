package io.ifpp.profile.asn1;

/** An ASN.1 tag: class and number (the constructed bit belongs to an encoding, not to the tag). */
public record Tag(TagClass tagClass, int number) {

    public enum TagClass {
        UNIVERSAL, APPLICATION, CONTEXT, PRIVATE
    }

    public static final Tag BOOLEAN = universal(1);
    public static final Tag INTEGER = universal(2);
    public static final Tag BIT_STRING = universal(3);
    public static final Tag OCTET_STRING = universal(4);
    public static final Tag NULL = universal(5);
    public static final Tag OBJECT_IDENTIFIER = universal(6);
    public static final Tag UTF8_STRING = universal(12);
    public static final Tag SEQUENCE = universal(16);

    public static Tag universal(int number) {
        return new Tag(TagClass.UNIVERSAL, number);
    }

    public static Tag context(int number) {
        return new Tag(TagClass.CONTEXT, number);
    }

    /** As written in ASN.1: {@code [3]}, {@code [APPLICATION 15]}, {@code [PRIVATE 6]}, {@code [UNIVERSAL 4]}. */
    @Override
    public String toString() {
        return tagClass == TagClass.CONTEXT ? "[" + number + "]" : "[" + tagClass + " " + number + "]";
    }
}
