package io.ifpp.profile.internal.asn1;

/** The components from the top to an element ("value3 > pinCodes > pinconfig > [0]"), built into text only on error. */
record ElementPath(ElementPath parent, String step) {

    static final ElementPath ROOT = new ElementPath(null, "");

    ElementPath child(String name) {
        return new ElementPath(this, name);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return step;
        }
        String above = parent.toString();
        return above.isEmpty() ? step : above + " > " + step;
    }
}
