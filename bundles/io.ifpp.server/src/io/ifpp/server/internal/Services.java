package io.ifpp.server.internal;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Reaches Declarative Services components from code that is not itself a component (the CLI, tests). */
public final class Services {

    private Services() {
    }

    /** Waits up to {@code timeout} for a service of {@code type} and returns it. */
    public static <T> T await(Class<T> type, Duration timeout) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
        if (context == null) {
            throw new IllegalStateException("the io.ifpp.server bundle is not started, so its services cannot run;"
                    + " it must be lazily activated (Bundle-ActivationPolicy: lazy) or started by the product");
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(timeout.toMillis());
            if (service == null) {
                throw new IllegalStateException("the " + type.getSimpleName() + " service did not start within "
                        + timeout.toSeconds() + " s; is Declarative Services (org.apache.felix.scr) installed and started?");
            }
            return service;
        } finally {
            tracker.close();
        }
    }
}
