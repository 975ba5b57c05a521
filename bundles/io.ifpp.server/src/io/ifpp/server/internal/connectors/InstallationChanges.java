package io.ifpp.server.internal.connectors;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.equinox.internal.provisional.configurator.Configurator;
import org.osgi.framework.BundleContext;

/**
 * Applies, in a running server, the bundles p2 wrote into {@code bundles.info} when {@code ifpp connectors
 * install|uninstall} ran in another process: the simple configurator installs the new bundles, uninstalls the
 * removed ones and starts them, so a connector installed while the server runs is used at once and one uninstalled
 * goes away without a restart (its batches then wait, as for any missing connector). A change is applied once the
 * file has stopped changing for one period, so a file still being written is never read half-way.
 */
public final class InstallationChanges implements AutoCloseable {

    private record Stamp(FileTime modified, long size) {
    }

    private final BundleContext context;
    private final Configurator configurator;
    private final Path bundlesInfo;
    private final PrintWriter log;
    private final ScheduledExecutorService timer;
    private Stamp applied;
    private Stamp seen;

    private InstallationChanges(BundleContext context, Configurator configurator, Path bundlesInfo, PrintWriter log) {
        this.context = context;
        this.configurator = configurator;
        this.bundlesInfo = bundlesInfo;
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ifpp-installation-changes");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts applying changes of the file the running configurator read, checked every {@code period}; empty when
     * this runtime was not started by the simple configurator (a test runtime), which has nothing to apply.
     */
    public static Optional<InstallationChanges> follow(BundleContext context, Configurator configurator,
            Duration period, PrintWriter log) {
        URL inUse = configurator.getUrlInUse();
        if (inUse == null || !"file".equals(inUse.getProtocol())) {
            return Optional.empty();
        }
        Path file;
        try {
            file = Path.of(inUse.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        InstallationChanges changes = new InstallationChanges(context, configurator, file, log);
        changes.applied = changes.stamp();
        changes.seen = changes.applied;
        changes.timer.scheduleWithFixedDelay(changes::check, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return Optional.of(changes);
    }

    private Stamp stamp() {
        try {
            return new Stamp(Files.getLastModifiedTime(bundlesInfo), Files.size(bundlesInfo));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return seen;
        }
    }

    private void check() {
        Stamp now = stamp();
        boolean settled = Objects.equals(now, seen);
        seen = now;
        if (now == null || !settled || now.equals(applied)) {
            return;
        }
        applied = now;
        Set<String> before = bundles();
        try {
            configurator.applyConfiguration();
        } catch (IOException | RuntimeException e) {
            log.println("ifpp server: the installation changed (" + bundlesInfo + ") but applying it failed: " + e);
            return;
        }
        Set<String> after = bundles();
        log.println("ifpp server: the installation changed: " + difference("installed", after, before) + "; "
                + difference("uninstalled", before, after));
    }

    private Set<String> bundles() {
        return Arrays.stream(context.getBundles()).map(b -> b.getSymbolicName() + " " + b.getVersion())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String difference(String what, Set<String> these, Set<String> without) {
        Set<String> only = new TreeSet<>(these);
        only.removeAll(without);
        return what + " " + (only.isEmpty() ? "nothing" : String.join(", ", only));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
