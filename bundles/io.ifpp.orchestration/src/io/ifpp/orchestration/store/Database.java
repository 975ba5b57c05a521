package io.ifpp.orchestration.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the orchestration keeps its state: an embedded H2 file under the data directory by default (nothing to
 * install), or a PostgreSQL database shared by several servers. Drivers are used directly rather than through
 * DriverManager, whose service lookup does not see OSGi bundles.
 */
public final class Database {

    public enum Kind {
        H2, POSTGRESQL
    }

    /** Embedded files checked for an unclean shutdown by this process (once each). */
    private static final Set<String> CHECKED_AFTER_CRASH = ConcurrentHashMap.newKeySet();

    private final Kind kind;
    private final String jdbcUrl;
    private final Properties credentials;
    private final Driver driver;

    private Database(Kind kind, String jdbcUrl, Properties credentials, Driver driver) {
        this.kind = kind;
        this.jdbcUrl = jdbcUrl;
        this.credentials = credentials;
        this.driver = driver;
    }

    /**
     * The embedded default: {@code <dataDirectory>/ifpp} (H2 adds {@code .mv.db}), for one process at a time (several
     * processes share PostgreSQL). WRITE_DELAY=0 writes each commit out at once, so a killed process loses no
     * acknowledged step; what a killed process leaves behind is cleared on the next open (see recoverAfterCrash).
     */
    public static Database embedded(Path dataDirectory) {
        return new Database(Kind.H2, "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("ifpp")
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;WRITE_DELAY=0", new Properties(), new org.h2.Driver());
    }

    /**
     * From {@code postgresql://host[:port]/database}, with the user and password given apart (never in the URL,
     * so never in a message), or {@code h2:FOLDER} for an H2 file in that folder.
     */
    public static Database of(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql://")) {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            requireTlsWhenRemote(url, properties);
            return new Database(Kind.POSTGRESQL, "jdbc:" + url, properties, new org.postgresql.Driver());
        }
        if (lower.startsWith("h2:")) {
            return embedded(Path.of(url.substring(3)));
        }
        throw new IllegalArgumentException("a database is postgresql://host[:port]/database or h2:FOLDER, found '"
                + url.replaceAll("//[^@/]*@", "//") + "'");
    }

    /** The TLS modes of the PostgreSQL driver that encrypt and check the server; the others may send in clear. */
    private static final Set<String> TLS_MODES = Set.of("require", "verify-ca", "verify-full");

    /**
     * A database on another host is reached over TLS that checks the server (sslmode verify-full unless the URL names
     * require or verify-ca): the password and every Ki-bearing order cross that network. A URL that asks for less is
     * refused. The loopback host may go without.
     */
    private static void requireTlsWhenRemote(String url, Properties properties) {
        String host;
        try {
            host = new URI(url).getHost();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the database URL is not postgresql://host[:port]/database: "
                    + e.getReason());
        }
        boolean loopback = host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1");
        if (loopback) {
            return;
        }
        String mode = sslModeOf(url);
        if (mode == null) {
            properties.setProperty("sslmode", "verify-full");
        } else if (!TLS_MODES.contains(mode)) {
            throw new IllegalArgumentException("the database on " + host + " is reached over the network: it needs "
                    + "TLS (sslmode verify-full, the default, verify-ca or require), not sslmode=" + mode);
        }
    }

    /** The sslmode parameter of a URL's query, lower case; null when it names none. */
    private static String sslModeOf(String url) {
        int query = url.indexOf('?');
        String mode = null;
        for (String parameter : query < 0 ? new String[0] : url.substring(query + 1).split("&")) {
            if (parameter.toLowerCase(Locale.ROOT).startsWith("sslmode=")) {
                mode = parameter.substring("sslmode=".length()).toLowerCase(Locale.ROOT);
            }
        }
        return mode;
    }

    /** Whether connections are made over TLS that the driver is told to require (a database on another host). */
    public boolean requiresTls() {
        String mode = credentials.getProperty("sslmode", sslModeOf(jdbcUrl));
        return mode != null && TLS_MODES.contains(mode);
    }

    public Kind kind() {
        return kind;
    }

    public Connection connect() throws SQLException {
        if (kind == Kind.H2 && CHECKED_AFTER_CRASH.add(jdbcUrl)) {
            recoverAfterCrash();
        }
        Connection connection = driver.connect(jdbcUrl, credentials);
        if (connection == null) {
            throw new SQLException("the " + kind + " driver does not accept " + describe());
        }
        return connection;
    }

    /**
     * A process killed while it had the embedded file open may leave a transaction caught in its commit whose row
     * locks H2 2.5 never releases on reopening (the next lock on those rows spins forever, whatever LOCK_TIMEOUT
     * says). Compacting the file once finishes that commit and drops the locks. A marker file beside the database
     * tells whether the last process closed it: made on the first open, removed at a clean exit (a killed process
     * runs no shutdown hook).
     */
    private void recoverAfterCrash() throws SQLException {
        String file = jdbcUrl.substring("jdbc:h2:file:".length(), jdbcUrl.indexOf(';'));
        Path inUse = Path.of(file + ".in-use");
        if (Files.exists(inUse)) {
            try (Connection connection = driver.connect(jdbcUrl, credentials);
                    java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
        }
        try {
            Files.createDirectories(inUse.getParent());
            Files.writeString(inUse, "open since " + java.time.Instant.now() + " by process "
                    + ProcessHandle.current().pid() + "\n");
        } catch (java.io.IOException e) {
            throw new SQLException("cannot mark " + describe() + " as in use (" + inUse + "): " + e.getMessage(), e);
        }
        // Commits are on disk already (WRITE_DELAY=0) and H2 closes the file in its own hook.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(inUse);
            } catch (java.io.IOException e) {
                // Left marked: the next process compacts the file first, which is safe.
            }
        }, "ifpp-h2-in-use"));
    }

    /**
     * Whether {@code e} says the database could not be reached or dropped the connection (SQLSTATE class 08, or
     * PostgreSQL's 57P01 to 57P03: shut down by an administrator, crashed, not accepting connections yet; a JDBC
     * connection exception, as H2's "the database has been closed") rather than refusing a statement: then the same
     * work can succeed on a new connection once the database is back (an embedded H2 is opened again).
     */
    public static boolean unreachable(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Work done in one transaction: committed when it returns, rolled back when it throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction on a connection of its own. */
    public <T> T transaction(Work<T> work) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    // Why the work failed matters more than that the rollback did too (a closed database fails both).
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    /** The file an embedded database is kept in, without H2's extension; empty for PostgreSQL. */
    public Optional<Path> embeddedFile() {
        return kind == Kind.H2 ? Optional.of(Path.of(jdbcUrl.substring("jdbc:h2:file:".length(), jdbcUrl.indexOf(';'))))
                : Optional.empty();
    }

    /** The URL without credentials, for messages. */
    public String describe() {
        return jdbcUrl.replaceAll(";.*$", "");
    }
}
