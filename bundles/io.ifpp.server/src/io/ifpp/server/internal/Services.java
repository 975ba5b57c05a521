package io.ifpp.server.internal;

import java.time.Duration;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** Reaches Declarative Services components from code that is not itself a component (the CLI, tests). */
public final class Services {

    private Services() {
    }

    /** The service of {@code type} if one is registered now. */
    public static <T> Optional<T> find(Class<T> type) {
        BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
        if (context == null) {
            return Optional.empty();
        }
        ServiceReference<T> reference = context.getServiceReference(type);
        return reference == null ? Optional.empty() : Optional.ofNullable(context.getService(reference));
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
