package io.ifpp.propertytests;

/** The one assertion the properties need; a failed one is jqwik's failure, with the sample that caused it. */
final class Check {

    private Check() {
    }

    static void that(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
