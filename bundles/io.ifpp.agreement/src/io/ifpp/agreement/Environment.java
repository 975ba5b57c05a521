package io.ifpp.agreement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where devices of a market are installed; radio conditions at first power-on depend on it. */
public enum Environment {
    INDOOR("indoor"), BASEMENT("basement"), UNDERGROUND_VAULT("underground-vault"), RURAL("rural"),
    METAL_ENCLOSURE("metal-enclosure");

    private final String label;

    Environment(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Environment ofLabel(String text) {
        for (Environment environment : values()) {
            if (environment.label.equalsIgnoreCase(text)) {
                return environment;
            }
        }
        throw new IllegalArgumentException("unknown deployment environment '" + text
                + "'; one of indoor, basement, underground-vault, rural, metal-enclosure");
    }

    @Override
    public String toString() {
        return label;
    }
}
