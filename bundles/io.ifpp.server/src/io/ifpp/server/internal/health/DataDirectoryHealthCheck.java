package io.ifpp.server.internal.health;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.osgi.service.datalocation.Location;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.ifpp.core.health.HealthCheck;
import io.ifpp.core.health.HealthStatus;

/**
 * The server's data directory (the instance area: {@code -data}, by default {@code ~/.ifpp}) exists, is writable
 * and has room: the embedded database and batch outputs live there.
 */
@Component
public final class DataDirectoryHealthCheck implements HealthCheck {

    /** Below this, a batch could fail half-way through writing its outputs. */
    static final long MINIMUM_FREE_BYTES = 256L * 1024 * 1024;

    @Reference(target = "(type=osgi.instance.area)")
    private Location instanceArea;

    @Override
    public String name() {
        return "dataDirectory";
    }

    @Override
    public HealthStatus check() {
        URL url = instanceArea.getURL();
        if (url == null) {
            return HealthStatus.down("no data directory is set; start the server with -data <folder>");
        }
        // Equinox location URLs are not URI-encoded (spaces stay spaces), so read the path as is.
        return check(new File(url.getFile()).toPath());
    }

    /**
     * Checks {@code directory}, creating it when missing. The detail does not name the path: {@code /health} is
     * open without credentials.
     */
    public static HealthStatus check(Path directory) {
        try {
            Files.createDirectories(directory);
            if (!Files.isWritable(directory)) {
                return HealthStatus.down("the data directory is not writable by this server");
            }
            long free = Files.getFileStore(directory).getUsableSpace();
            String room = megabytes(free) + " free in the data directory";
            return free >= MINIMUM_FREE_BYTES ? HealthStatus.up(room)
                    : HealthStatus.down("only " + room + "; at least " + megabytes(MINIMUM_FREE_BYTES) + " needed");
        } catch (IOException e) {
            return HealthStatus.down("the data directory cannot be used: " + e.getClass().getSimpleName());
        }
    }

    private static String megabytes(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }
}
