package io.ifpp.agreement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Radio access technology, written as operators and module datasheets name it. */
public enum Rat {
    GSM("2G"), UMTS("3G"), LTE("4G"), LTE_M("LTE-M"), NB_IOT("NB-IoT"), NR("5G");

    private final String label;

    Rat(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Rat ofLabel(String text) {
        for (Rat rat : values()) {
            if (rat.label.equalsIgnoreCase(text) || rat.name().equalsIgnoreCase(text)) {
                return rat;
            }
        }
        throw new IllegalArgumentException("unknown radio access technology '" + text
                + "'; one of 2G, 3G, 4G, LTE-M, NB-IoT, 5G");
    }

    @Override
    public String toString() {
        return label;
    }
}
