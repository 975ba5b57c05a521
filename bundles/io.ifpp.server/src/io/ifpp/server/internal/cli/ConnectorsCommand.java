package io.ifpp.server.internal.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;

import io.ifpp.connector.api.ConnectorCheck;
import io.ifpp.orchestration.partners.ConnectorConfigurations;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.server.internal.DataDirectory;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.connectors.ConnectorInstaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ifpp connectors}: the connectors installed in this runtime, one per line as "kind id", the ones configured
 * by files in the data directory with their state, then the simulated partners, which only simulated batches reach.
 * {@code configure} writes a connector's configuration file, checked against its metatype; {@code check} asks a
 * configured connector whether it reaches its partner. {@code available}, {@code install} and {@code uninstall} change
 * this installation's connector features through p2.
 */
@Command(name = "connectors", description = "List the installed connectors (eUICC vendors, SM-DP+, operators), the "
        + "configured ones with their state, and the simulators.", subcommands = { ConnectorsCommand.Configure.class,
                ConnectorsCommand.Check.class, ConnectorsCommand.Available.class, ConnectorsCommand.Install.class,
                ConnectorsCommand.Uninstall.class })
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

    /** This installation's p2 installer; a product without p2 (a test runtime) is refused with exit 1. */
    static ConnectorInstaller installer() throws Exception {
        return ConnectorInstaller.ofRunningInstallation(
                Services.await(IProvisioningAgentProvider.class, Duration.ofSeconds(10)));
    }

    /** Runs a p2 step; a refusal is its message on stderr and exit 1, p2's progress goes to stderr. */
    static int p2(CommandSpec spec, String command, P2Step step) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            step.run(installer(), new ProgressLines(err));
            return 0;
        } catch (ConnectorInstaller.InstallRefused refused) {
            err.println("connectors " + command + ": " + TerminalText.escape(refused.getMessage()));
            return IfppCli.EXIT_FAILURE;
        }
    }

    @FunctionalInterface
    interface P2Step {
        void run(ConnectorInstaller installer, ProgressLines progress) throws Exception;
    }

    @Command(name = "available", description = "List the features of a p2 repository (e.g. the IFPP Studio "
            + "repository's connectors, or a partner's), marking the ones installed here.")
    static final class Available implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Repository repository;

        @Override
        public Integer call() throws Exception {
            URI uri = repository.uri();
            PrintWriter out = spec.commandLine().getOut();
            return p2(spec, "available", (installer, progress) -> {
                for (ConnectorInstaller.Feature feature : installer.available(uri, progress)) {
                    out.println(feature.id() + " " + feature.version() + (feature.installed() ? " (installed)" : "")
                            + (feature.name() == null ? "" : "  " + TerminalText.escape(feature.name())));
                }
            });
        }
    }

    @Command(name = "install", description = "Install connector features from a p2 repository into this "
            + "installation (with what they need and it lacks); a running server takes them up within seconds. "
            + "Configure each connector then with 'ifpp connectors configure'.")
    static final class Install implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Repository repository;

        @Parameters(paramLabel = "FEATURE", arity = "1..*", description = "Feature ids, e.g. "
                + "io.ifpp.connector.filedrop.feature ('ifpp connectors available' lists a repository's).")
        List<String> features;

        @Override
        public Integer call() throws Exception {
            URI uri = repository.uri();
            return p2(spec, "install", (installer, progress) -> {
                installer.install(uri, features, progress);
                spec.commandLine().getOut().println("installed " + String.join(", ", features) + " from " + uri);
            });
        }
    }

    @Command(name = "uninstall", description = "Uninstall connector features installed with 'ifpp connectors "
            + "install'; a running server lets their connectors go within seconds (batches that need them wait). "
            + "Their configuration files stay.")
    static final class Uninstall implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FEATURE", arity = "1..*", description = "Feature ids.")
        List<String> features;

        @Override
        public Integer call() throws Exception {
            return p2(spec, "uninstall", (installer, progress) -> {
                installer.uninstall(features, progress);
                spec.commandLine().getOut().println("uninstalled " + String.join(", ", features));
            });
        }
    }

    /** The p2 repository a command reads: a URI, or a folder (made absolute), checked before p2 is asked. */
    static final class Repository {

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--repository", required = true, paramLabel = "URI",
                description = "The p2 repository: file:/path/to/repository, https://..., or a folder.")
        String repository;

        URI uri() {
            try {
                URI uri = new URI(repository);
                if (uri.getScheme() != null && uri.getScheme().length() > 1) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // Not a URI: a folder.
            }
            try {
                return java.nio.file.Path.of(repository).toAbsolutePath().normalize().toUri();
            } catch (java.nio.file.InvalidPathException e) {
                throw new ParameterException(spec.commandLine(), "--repository: '" + repository
                        + "' is neither a URI nor a folder: " + e.getMessage());
            }
        }
    }
}
