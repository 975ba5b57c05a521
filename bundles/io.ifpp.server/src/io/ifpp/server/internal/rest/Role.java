package io.ifpp.server.internal.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Who may do what through the REST API. Every role reads profiles, agreements, plans, batches and devices; an
 * architect changes profiles, agreements and plans; an operator creates and steers batches; an auditor alone reads
 * the audit log.
 */
public enum Role {
    ARCHITECT, OPERATOR, AUDITOR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} (architect, operator, auditor), or an error listing them. */
    public static Role of(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "': one of " + Arrays.stream(values()).map(Role::id)
                .collect(Collectors.joining(", ")));
    }
}
