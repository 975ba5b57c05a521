package io.ifpp.server.internal.rest;

import java.util.EnumSet;
import java.util.Set;

import io.ifpp.orchestration.audit.AuditLog;

/** {@code /audit}: the audit log, paged, and its verification; for auditors only. */
public final class AuditResource {

    private static final Set<Role> AUDITOR = EnumSet.of(Role.AUDITOR);

    private final AuditLog log;

    public AuditResource(AuditLog log) {
        this.log = log;
    }

    public void register(RestApi api) {
        api.route("GET", "/audit", AUDITOR, e -> Reply.json(log.page(e.queryLong("from", 1, 1, Long.MAX_VALUE),
                (int) e.queryLong("limit", 100, 1, 10_000))));
        api.route("GET", "/audit/verify", AUDITOR, e -> Reply.json(log.verify()));
    }
}
