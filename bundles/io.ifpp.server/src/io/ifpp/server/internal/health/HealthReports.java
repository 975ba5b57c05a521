package io.ifpp.server.internal.health;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Reaches the {@link HealthReport} component from code that is not itself a component (the CLI). */
public final class HealthReports {

    private HealthReports() {
    }

    /** Waits up to {@code timeout} for Declarative Services to activate the report. */
    public static HealthReport await(Duration timeout) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(HealthReports.class).getBundleContext();
        if (context == null) {
            throw new IllegalStateException("the io.ifpp.server bundle is not started, so its services cannot run;"
                    + " it must be lazily activated (Bundle-ActivationPolicy: lazy) or started by the product");
        }
        ServiceTracker<HealthReport, HealthReport> tracker = new ServiceTracker<>(context, HealthReport.class, null);
        tracker.open();
        try {
            HealthReport report = tracker.waitForService(timeout.toMillis());
            if (report == null) {
                throw new IllegalStateException("the health report service did not start within " + timeout.toSeconds()
                        + " s; is Declarative Services (org.apache.felix.scr) installed and started?");
            }
            return report;
        } finally {
            tracker.close();
        }
    }
}
