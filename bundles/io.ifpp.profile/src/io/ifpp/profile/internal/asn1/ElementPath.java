package io.ifpp.profile.internal.asn1;

/** The components from the top to an element ("value3 > pinCodes > pinconfig > [0]"), built into text only on error. */
record ElementPath(ElementPath parent, String step, int index) {

    static final ElementPath ROOT = new ElementPath(null, "", -1);

    ElementPath child(String name) {
        return new ElementPath(this, name, -1);
    }

    /** The {@code index}-th element of a SEQUENCE OF, "[index]" (the text is made only for a message). */
    ElementPath element(int index) {
        return new ElementPath(this, null, index);
    }

    @Override
    public String toString() {
        String here = step != null ? step : "[" + index + "]";
        if (parent == null) {
            return here;
        }
        String above = parent.toString();
        return above.isEmpty() ? here : above + " > " + here;
    }
}
