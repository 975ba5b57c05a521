package io.ifpp.server.internal.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.ifpp.connector.api.ConnectorCommand;
import io.ifpp.core.ProductInfo;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.cli.agreement.AgreementsCommand;
import io.ifpp.server.internal.cli.agreement.PlanCommand;
import io.ifpp.server.internal.cli.agreement.ReadinessCommand;
import io.ifpp.server.internal.cli.audit.AuditCommand;
import io.ifpp.server.internal.cli.batch.BatchCommand;
import io.ifpp.server.internal.cli.batch.DemoCommand;
import io.ifpp.server.internal.cli.eim.EimCommand;
import io.ifpp.server.internal.cli.keys.KeysCommand;
import io.ifpp.server.internal.cli.keys.OpenCommand;
import io.ifpp.server.internal.cli.keys.SealCommand;
import io.ifpp.server.internal.cli.pki.PkiCommand;
import io.ifpp.server.internal.cli.profile.ProfileCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code ifpp} command line of the headless product. Each area adds its commands as subcommands here, each a
 * thin class over that area's API.
 */
public final class IfppCli {

    private static final Duration CONNECTORS_START = Duration.ofSeconds(10);

    /** Exit code for a failure of the work itself (as opposed to picocli's 2 for a usage error). */
    public static final int EXIT_FAILURE = 1;

    @Command(name = "ifpp", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
            versionProvider = SuiteVersion.class,
            description = "IFPP Studio headless server: In-Factory Profile Provisioning from the command line.",
            subcommands = { VersionCommand.class, ServerCommand.class, ProfileCommand.class, AgreementsCommand.class,
                    PlanCommand.class, ReadinessCommand.class, ConnectorsCommand.class, SimulateCommand.class,
                    AuditCommand.class, BatchCommand.class, DemoCommand.class, EimCommand.class, TokenCommand.class, PkiCommand.class, KeysCommand.class, SealCommand.class, OpenCommand.class,
                    CommandLine.HelpCommand.class })
    static final class Root {
    }

    static final class SuiteVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] { ProductInfo.describe() };
        }
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final PasswordSource passwords;
    private final Clock clock;
    private final ServerCommand serverCommand = new ServerCommand();

    public IfppCli(PrintWriter out, PrintWriter err) {
        this(out, err, PasswordSource.ENVIRONMENT_OR_PROMPT, Clock.systemUTC());
    }

    /**
     * With the source of key store passwords (tests give a fixed one) and the clock every command reads "now" and
     * "today" from (tests fix it) given.
     */
    public IfppCli(PrintWriter out, PrintWriter err, PasswordSource passwords, Clock clock) {
        this.out = out;
        this.err = err;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Runs one invocation and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public int run(String... args) {
        CommandLine commandLine = new CommandLine(new Root(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                // The server command is kept so that stop() can reach the endpoint it runs.
                K command = type == ServerCommand.class ? type.cast(serverCommand)
                        : CommandLine.defaultFactory().create(type);
                if (command instanceof NeedsPasswords needs) {
                    needs.passwords(passwords);
                }
                if (command instanceof NeedsClock needs) {
                    needs.clock(clock);
                }
                return command;
            }
        });
        addConnectorCommands(commandLine, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // A failure is reported as one sentence, not a stack trace.
            cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()));
            return EXIT_FAILURE;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Puts the commands the installed connectors add ({@link ConnectorCommand}) under their product command. A
     * command line run at once may come before the connectors' components are bound: for {@code simulate X} it waits
     * a while for {@code X}; otherwise it takes what is there now.
     */
    private void addConnectorCommands(CommandLine commandLine, String... args) {
        Optional<ConnectorRegistry> registry;
        try {
            if (args.length > 0 && args[0].equals(SimulateCommand.NAME)) {
                registry = Optional.of(Services.await(ConnectorRegistry.class, CONNECTORS_START));
                if (args.length > 1 && !args[1].startsWith("-")) {
                    registry.get().awaitCommand(SimulateCommand.NAME, args[1], CONNECTORS_START);
                }
            } else {
                registry = Services.find(ConnectorRegistry.class);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IllegalStateException e) {
            return; // no registry in this runtime: the product's own commands only
        }
        registry.ifPresent(found -> found.commands().forEach(contributed -> {
            CommandLine parent = commandLine.getSubcommands().get(contributed.parent());
            if (parent != null && !parent.getSubcommands().containsKey(contributed.name())) {
                parent.addSubcommand(contributed.name(), contributed.newCommand(passwords::password));
            }
        }));
    }

    /** Stops a running {@code server} command, if any (the application is being shut down). */
    public void stop() {
        serverCommand.stop();
    }
}
