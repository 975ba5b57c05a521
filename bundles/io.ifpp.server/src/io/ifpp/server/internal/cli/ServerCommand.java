package io.ifpp.server.internal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;

import org.eclipse.equinox.internal.provisional.configurator.Configurator;
import org.osgi.framework.FrameworkUtil;

import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;
import io.ifpp.server.internal.DataDirectory;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.batch.BatchRuns;
import io.ifpp.server.internal.batch.KeyFiles;
import io.ifpp.server.internal.batch.ServerEngines;
import io.ifpp.server.internal.cli.agreement.ReadinessCommand;
import io.ifpp.server.internal.connectors.InstallationChanges;
import io.ifpp.server.internal.health.HealthReport;
import io.ifpp.server.internal.http.IfppHttpServer;
import io.ifpp.server.internal.rest.ApiRoutes;
import io.ifpp.server.internal.rest.ApiTokens;
import io.ifpp.trust.TlsServerKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ifpp server}: the REST API over HTTPS with {@code /health}, until stopped. Settings come from the command
 * line, else the environment, else the configuration file ({@code server.properties} in the data directory, or
 * {@code --config}), else the defaults.
 */
@Command(name = "server", description = "Run the headless server: the REST API over HTTPS and GET /health, until "
        + "stopped; "
        + "settings: options, else environment (IFPP_SERVER_HOST, IFPP_SERVER_PORT, IFPP_DB, IFPP_ENGINE_ID, "
        + "IFPP_TLS_KEYSTORE, IFPP_SIMULATED_FAULTS), else <data>/server.properties (host, port, db, engine-id, "
        + "tls-keystore, simulated-faults).")
final class ServerCommand extends NeedsClock.Command implements Callable<Integer>, NeedsPasswords {

    static final int DEFAULT_PORT = 8470;
    static final String CONFIG_FILE = "server.properties";
    static final Duration RUN_GRACE = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--host", description = "Address to listen on (default: 127.0.0.1, loopback only).")
    String host;

    @Option(names = "--port", description = "TCP port, 0 for any free one (default: " + DEFAULT_PORT + ").")
    Integer port;

    @Option(names = "--db", paramLabel = "URL", description = "postgresql://host[:port]/database (default: the "
            + "embedded database in the data directory); user and password from IFPP_DB_USER, IFPP_DB_PASSWORD.")
    String db;

    @Option(names = "--engine-id", description = "This server's name in batch claims; servers sharing a database need "
            + "different names (default: the host name).")
    String engineId;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS#12 key store with the TLS key entry "
            + "'tls' (default: keys/server-tls.p12 in the data directory, made self-signed on first start).")
    Path tlsKeystore;

    @Option(names = "--simulated-faults", paramLabel = "LIST", description = "Faults of the built-in simulated "
            + "vendor line and SM-DP+, for fault tests and demonstrations (default: none): comma-separated "
            + "timeouts=RATE, smdp-timeouts=RATE, stall-ms=N, transient-failures=N, lost-answers=N, failure-rate=RATE, "
            + "seed=N, repeated-report-lines, shuffled-report-lines, duplicate-report-line.")
    String simulatedFaults;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: " + CONFIG_FILE
            + " in the data directory, when present).")
    Path config;

    private PasswordSource passwords = PasswordSource.ENVIRONMENT_OR_PROMPT;
    private volatile IfppHttpServer running;
    private volatile BatchRuns runs;
    private volatile InstallationChanges changes;

    @Override
    public void passwords(PasswordSource source) {
        passwords = source;
    }

    /** A setting from the command line, else the environment, else the file, else {@code otherwise}. */
    private static String setting(Object option, String variable, Properties file, String key, String otherwise) {
        if (option != null) {
            return option.toString();
        }
        String fromEnvironment = System.getenv(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        return file.getProperty(key, otherwise);
    }

    private Properties configuration(Path data) throws IOException {
        Path file = config != null ? config : data.resolve(CONFIG_FILE);
        Properties properties = new Properties();
        if (config != null || Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new IOException("the configuration file " + file + " cannot be read: " + e.getMessage(), e);
            }
        }
        return properties;
    }

    @Override
    public Integer call() throws Exception {
        Path data = DataDirectory.path();
        Properties file = configuration(data);
        String listenHost = setting(host, "IFPP_SERVER_HOST", file, "host", "127.0.0.1");
        int listenPort = port(setting(port, "IFPP_SERVER_PORT", file, "port", "" + DEFAULT_PORT));
        String dbUrl = setting(db, "IFPP_DB", file, "db", "");
        String engine = setting(engineId, "IFPP_ENGINE_ID", file, "engine-id", InetAddress.getLocalHost().getHostName());
        String faults = setting(simulatedFaults, "IFPP_SIMULATED_FAULTS", file, "simulated-faults", "");
        Path tlsFile = Path.of(setting(tlsKeystore, "IFPP_TLS_KEYSTORE", file, "tls-keystore",
                data.resolve("keys").resolve("server-tls.p12").toString()));

        Database database = DatabaseOptions.open(dbUrl);
        Migrations.apply(database);
        KeyFiles.Keys keys;
        TlsServerKeys tls;
        SSLContext sslContext;
        char[] password = passwords.password("Password of the key stores in " + data.resolve("keys"));
        try {
            keys = KeyFiles.open(data, prompt -> password.clone());
            List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
            if (!names.contains(listenHost) && !listenHost.equals("0.0.0.0") && !listenHost.equals("::")) {
                names.add(listenHost);
            }
            // JSSE checks the certificate on the system clock, whatever the CLI's clock says.
            tls = TlsServerKeys.loadOrCreate(tlsFile, password, names, Clock.systemUTC());
            sslContext = tls.sslContext(password);
        } finally {
            Arrays.fill(password, '\0');
        }

        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        ServerEngines.checkFaults(registry, faults);
        ServerEngines engines = new ServerEngines(database, registry, data, keys, Engine.Settings.defaults(engine),
                new ServerEngines.Simulated(0, faults), clock);
        BatchRuns batchRuns = new BatchRuns();
        runs = batchRuns;
        IfppHttpServer server = IfppHttpServer.start(listenHost, listenPort,
                Services.await(HealthReport.class, Duration.ofSeconds(10)),
                ApiRoutes.build(new ApiTokens(data, clock), data, database, engines, batchRuns,
                        ReadinessCommand::installedConnectors, registry, clock), sslContext);
        running = server;
        // Connectors installed or uninstalled by 'ifpp connectors install|uninstall' while this server runs.
        changes = Services.find(Configurator.class).flatMap(configurator -> InstallationChanges.follow(
                FrameworkUtil.getBundle(ServerCommand.class).getBundleContext(), configurator,
                Duration.ofSeconds(1), spec.commandLine().getErr())).orElse(null);
        Thread onExit = new Thread(this::stop, "ifpp-server-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
        PrintWriter out = spec.commandLine().getOut();
        out.println("IFPP Server listening on " + server.baseUri() + " (health: " + server.baseUri().resolve("/health")
                + ", API description: " + server.baseUri().resolve("/openapi.json") + "). Stop with Ctrl+C.");
        tls.renewed().ifPresent(why -> out.println("TLS: " + why + " (clients that pinned the old fingerprint must "
                + "pin the new one)"));
        out.println("TLS certificate " + tlsFile + ", SHA-256 " + tls.fingerprint());
        out.println("Database: " + (dbUrl.isBlank() ? "embedded, " + data.resolve("db") : dbUrl) + "; engine id "
                + engine + "; tokens: " + data.resolve(ApiTokens.FILE_NAME) + " ('ifpp token create --role R')");
        out.flush();
        server.awaitStop();
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
        out.println("IFPP Server stopped.");
        return 0;
    }

    private int port(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new ParameterException(spec.commandLine(), "Invalid value for the port: " + text.trim()
                + " is not a TCP port (0-65535).");
    }

    /** Stops accepting requests, then asks batch runs to stop between steps: they stay resumable. */
    void stop() {
        InstallationChanges following = changes;
        if (following != null) {
            following.close();
        }
        IfppHttpServer server = running;
        if (server != null) {
            server.stop();
        }
        BatchRuns batchRuns = runs;
        if (batchRuns != null) {
            try {
                batchRuns.stop(RUN_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    IfppHttpServer running() {
        return running;
    }
}
