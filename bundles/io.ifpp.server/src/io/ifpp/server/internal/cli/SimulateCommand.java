package io.ifpp.server.internal.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ifpp simulate …}: simulated partners run on their own, for tests and demonstrations. The simulator bundles
 * add its subcommands ({@code vendor} from the simulator connector, {@code smdp} from the ES2+ connector) as
 * {@link io.ifpp.connector.api.ConnectorCommand} services; {@link IfppCli} puts them here.
 */
@Command(name = "simulate", description = "Run simulated partners for tests and demonstrations (the installed "
        + "connectors add them: vendor, smdp).")
final class SimulateCommand implements Callable<Integer> {

    static final String NAME = "simulate";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (spec.subcommands().isEmpty()) {
            spec.commandLine().getErr().println("simulate: no simulator is installed in this product (the simulator "
                    + "and ES2+ connectors add 'simulate vendor' and 'simulate smdp')");
            return IfppCli.EXIT_FAILURE;
        }
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
