package io.ifpp.server.internal.rest;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what through the REST API. The people's roles read profiles, agreements, plans, batches and devices; an
 * architect changes profiles, agreements and plans (and alone reads a package's keys); an operator creates and
 * steers batches; an auditor alone reads the audit log. An SM-DP+ sends its ES2+ notifications and can do nothing
 * else: its token sits on another party's machine.
 */
public enum Role {
    ARCHITECT, OPERATOR, AUDITOR, SMDP;

    /** The roles of people, who read what the server holds. */
    public static final Set<Role> PEOPLE = Collections.unmodifiableSet(EnumSet.of(ARCHITECT, OPERATOR, AUDITOR));

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} (architect, operator, auditor, smdp), or an error listing them. */
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
