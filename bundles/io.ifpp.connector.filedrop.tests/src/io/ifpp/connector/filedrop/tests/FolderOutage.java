package io.ifpp.connector.filedrop.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shared folder that goes away for the first {@code calls} calls and comes back after, as an unmounted share: the
 * connector itself finds the folder missing and answers UNAVAILABLE.
 */
final class FolderOutage {

    private final Path folder;
    private final Path offline;
    private final AtomicInteger outageCalls;

    FolderOutage(Path folder, int calls) {
        this.folder = folder;
        this.offline = folder.resolveSibling(folder.getFileName() + ".unmounted");
        this.outageCalls = new AtomicInteger(calls);
    }

    /** Called before each connector call: takes the folder away or brings it back. */
    void beforeCall() {
        try {
            boolean down = outageCalls.getAndDecrement() > 0;
            if (down && Files.exists(folder)) {
                Files.move(folder, offline);
            } else if (!down && Files.exists(offline)) {
                Files.move(offline, folder);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the test could not move the share", e);
        }
    }
}
