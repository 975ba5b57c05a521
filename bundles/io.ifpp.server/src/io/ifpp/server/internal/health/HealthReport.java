package io.ifpp.server.internal.health;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.ifpp.core.ProductInfo;
import io.ifpp.core.health.HealthCheck;
import io.ifpp.core.health.HealthStatus;

/** Runs every registered {@link HealthCheck} for {@code GET /health}; checks come and go with their bundles. */
@Component(service = HealthReport.class, immediate = true) // stays active while the CLI holds it
public final class HealthReport {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HealthCheck> checks;

    /** The report as JSON-ready maps: overall status, product, version, and each check by name. */
    public Map<String, Object> run() {
        Map<String, Object> byName = new LinkedHashMap<>();
        boolean allUp = true;
        for (HealthCheck check : checks.stream().sorted(Comparator.comparing(HealthCheck::name)).toList()) {
            HealthStatus status = runOne(check);
            allUp &= status.up();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", status.up() ? "UP" : "DOWN");
            entry.put("detail", status.detail());
            byName.put(check.name(), entry);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", allUp ? "UP" : "DOWN");
        report.put("product", ProductInfo.NAME);
        report.put("version", ProductInfo.version().toString());
        report.put("checks", byName);
        return report;
    }

    private static HealthStatus runOne(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            // A broken check is a down component, not a broken endpoint.
            return HealthStatus.down("the check failed: " + e.getClass().getSimpleName());
        }
    }
}
