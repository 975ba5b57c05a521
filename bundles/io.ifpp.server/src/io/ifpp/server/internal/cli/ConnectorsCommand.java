package io.ifpp.server.internal.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import io.ifpp.connector.api.ConnectorCheck;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.server.internal.DataDirectory;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.connectors.ConnectorConfigurations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ifpp connectors}: the connectors installed in this runtime, one per line as "kind id", the ones configured
 * by files in the data directory with their state, then the simulated partners, which only simulated batches reach.
 * {@code configure} writes a connector's configuration file, checked against its metatype; {@code check} asks a
 * configured connector whether it reaches its partner.
 */
@Command(name = "connectors", description = "List the installed connectors (eUICC vendors, SM-DP+, operators), the "
        + "configured ones with their state, and the simulators.", subcommands = { ConnectorsCommand.Configure.class,
                ConnectorsCommand.Check.class })
final class ConnectorsCommand implements Callable<Integer> {

    /** How long a command waits for the files of the connectors folder to be applied in its process. */
    static final Duration APPLIED = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        ConnectorConfigurations configurations = watched();
        List<ConnectorConfigurations.Configured> configured = configurations.configured();
        Map<ConnectorConfigurations.Configured, String> states = new LinkedHashMap<>();
        for (ConnectorConfigurations.Configured connector : configured) {
            states.put(connector, configurations.awaitApplied(connector, APPLIED));
        }
        List<ConnectorRegistry.Available> available = registry.available();
        PrintWriter out = spec.commandLine().getOut();
        if (available.isEmpty()) {
            out.println("no connector available (install one from the p2 repository's IFPP Studio Connectors category, "
                    + "and configure it with 'ifpp connectors configure')");
        }
        available.forEach(c -> out.println(c.kind() + " " + c.id()));
        states.forEach((connector, state) -> out.println("configured " + connector.id() + " (" + connector.type()
                + ", " + connector.file() + "): " + TerminalText.escape(state)));
        registry.simulated().forEach(c -> out.println(c.kind() + " " + c.id() + " (simulated batches only)"));
        return 0;
    }

    /** The data directory's connector configurations, applied in this process too. */
    static ConnectorConfigurations watched() throws Exception {
        ConnectorConfigurations configurations = ConnectorConfigurations.of(DataDirectory.path());
        configurations.watch();
        return configurations;
    }

    @Command(name = "configure", description = "Write the configuration of connector ID in the data directory's "
            + "connectors folder, checked against the connector's settings (its metatype); a running server applies "
            + "it within a second. Secrets are not settings: a connector reads them from the key store, file or "
            + "environment variable its settings name.")
    static final class Configure implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The connector's id, as batches, plans and agreements name it.")
        String id;

        @Option(names = "--type", paramLabel = "PID", description = "The connector's type, the factory PID of its "
                + "configuration (e.g. io.ifpp.connector.es2plus); needed for a new connector.")
        String type;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting (repeatable).")
        Map<String, String> set = new LinkedHashMap<>();

        @Option(names = "--unset", paramLabel = "KEY", description = "A setting to remove (repeatable).")
        Set<String> unset = new LinkedHashSet<>();

        @Override
        public Integer call() throws Exception {
            ConnectorConfigurations configurations = watched();
            java.nio.file.Path file;
            try {
                file = configurations.configure(id, type, set, unset);
            } catch (ConnectorConfigurations.Refusal refusal) {
                String option = switch (refusal.setting()) {
                case "type" -> "--type";
                case "id" -> "ID";
                default -> "--set " + refusal.setting();
                };
                throw new ParameterException(spec.commandLine(), option + ": " + refusal.getMessage());
            }
            ConnectorConfigurations.Configured configured = configurations.configured(id).orElseThrow();
            String state = configurations.awaitApplied(configured, APPLIED);
            spec.commandLine().getOut().println("connector " + id + " (" + configured.type() + ") configured in "
                    + file + ": " + TerminalText.escape(state));
            return 0;
        }
    }

    @Command(name = "check", description = "Ask configured connector ID whether it reaches its partner now (its "
            + "endpoint, folders and keys), without changing anything there; exit 1 when a step fails.")
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The connector's id.")
        String id;

        @Override
        public Integer call() throws Exception {
            ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
            ConnectorConfigurations configurations = watched();
            Optional<ConnectorConfigurations.Configured> configured = configurations.configured(id);
            String state = configured.isPresent() ? configurations.awaitApplied(configured.get(), APPLIED) : null;
            registry.awaitConnector(id, APPLIED);
            PrintWriter out = spec.commandLine().getOut();
            Optional<Object> connector = registry.connector(id);
            if (connector.isEmpty()) {
                spec.commandLine().getErr().println("connectors check: no connector '" + id + "' is active here"
                        + (configured.isEmpty() ? " and none is configured in " + configurations.folder()
                                : ": " + TerminalText.escape(state)));
                return IfppCli.EXIT_FAILURE;
            }
            if (!(connector.get() instanceof ConnectorCheck checkable)) {
                out.println("connector " + id + " is active; it has no check of its own");
                return 0;
            }
            boolean ok = true;
            for (ConnectorCheck.Step step : checkable.check()) {
                ok &= step.ok();
                out.println((step.ok() ? "ok   " : "FAIL ") + step.what() + ": " + TerminalText.escape(step.detail()));
            }
            return ok ? 0 : IfppCli.EXIT_FAILURE;
        }
    }
}
