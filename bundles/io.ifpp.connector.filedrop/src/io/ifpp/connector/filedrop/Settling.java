package io.ifpp.connector.filedrop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How long each file of an exchange folder has been seen unchanged (same size, same modification time), measured on
 * our own clock from the first scan that saw it so. A file's modification time is the writer's: a transfer that
 * keeps the vendor's time (SFTP, rsync), or a clock that differs from ours, would otherwise make a file look settled
 * while it is still written, or waiting forever for a signature that never comes. After a restart, files are seen
 * anew and wait their quiet period again: late, never early.
 */
final class Settling {

    private record Seen(long size, FileTime modified, Instant since) {
    }

    private final Clock clock;
    private final Map<Path, Seen> seen = new HashMap<>();

    Settling(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code file}, with these attributes now, has been seen unchanged; zero when first seen so. */
    synchronized Duration unchangedFor(Path file, BasicFileAttributes now) {
        Instant instant = clock.instant();
        Seen before = seen.get(file);
        if (before == null || before.size() != now.size() || !before.modified().equals(now.lastModifiedTime())) {
            seen.put(file, new Seen(now.size(), now.lastModifiedTime(), instant));
            return Duration.ZERO;
        }
        Duration unchanged = Duration.between(before.since(), instant);
        return unchanged.isNegative() ? Duration.ZERO : unchanged;
    }

    /** As {@link #unchangedFor(Path, BasicFileAttributes)}, reading the attributes (links are not followed). */
    Duration unchangedFor(Path file) throws IOException {
        return unchangedFor(file, Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    /** Forgets the files that are gone, so that the record stays as small as the folder. */
    synchronized void keepOnly(Set<Path> present) {
        seen.keySet().retainAll(present);
    }
}
