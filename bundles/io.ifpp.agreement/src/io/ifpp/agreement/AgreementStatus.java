package io.ifpp.agreement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Commercial state of an agreement; only signed agreements are planned. */
public enum AgreementStatus {
    DRAFT, SIGNED, EXPIRED;

    @JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static AgreementStatus ofLabel(String text) {
        for (AgreementStatus status : values()) {
            if (status.name().equalsIgnoreCase(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown agreement status '" + text + "'; one of draft, signed, expired");
    }

    @Override
    public String toString() {
        return label();
    }
}
