package io.ifpp.server.internal.cli;

import io.ifpp.orchestration.store.Database;
import io.ifpp.server.internal.DataDirectory;
import picocli.CommandLine.Option;

/**
 * Which database a command works on: the embedded H2 in the data directory by default, or {@code --db}
 * ({@code postgresql://host[:port]/database}, user and password from IFPP_DB_USER and IFPP_DB_PASSWORD, never on the
 * command line).
 */
public final class DatabaseOptions {

    @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:IFPP_DB}",
            description = "postgresql://host[:port]/database (default: the embedded database in the data directory; "
                    + "env IFPP_DB).")
    String url;

    public Database open() throws InterruptedException {
        return open(url);
    }

    /** The database at {@code url}, or the embedded one when it is null or blank. */
    public static Database open(String url) throws InterruptedException {
        if (url == null || url.isBlank()) {
            return Database.embedded(DataDirectory.path().resolve("db"));
        }
        return Database.of(url, System.getenv("IFPP_DB_USER"), System.getenv("IFPP_DB_PASSWORD"));
    }
}
