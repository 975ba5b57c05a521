package io.ifpp.server.internal;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;

import org.eclipse.osgi.service.datalocation.Location;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** The server's data directory: Equinox's instance area ({@code -data}, by default {@code ~/.ifpp}). */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static Path path() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(DataDirectory.class).getBundleContext();
        ServiceTracker<Location, Location> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + Location.class.getName()
                    + ")(type=" + Location.INSTANCE_AREA_TYPE + "))"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the instance-area filter is malformed", e);
        }
        tracker.open();
        try {
            Location location = tracker.waitForService(10_000);
            URL url = location == null ? null : location.getURL();
            if (url == null) {
                throw new IllegalStateException("no data directory is set; start with -data <folder>");
            }
            // Equinox location URLs are not URI-encoded (spaces stay spaces), so read the path as is.
            return new File(url.getFile()).toPath();
        } finally {
            tracker.close();
        }
    }
}
