package io.ifpp.server.internal.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.connectors.ConnectorRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ifpp connectors}: the connectors installed in this runtime, one per line as "kind id". */
@Command(name = "connectors", description = "List the installed connectors (eUICC vendors, SM-DP+, operators).")
final class ConnectorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<ConnectorRegistry.Available> available = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10))
                .available();
        var out = spec.commandLine().getOut();
        if (available.isEmpty()) {
            out.println("no connector available (install one from the p2 repository's IFPP Studio Connectors category, "
                    + "or configure an installed one through Config Admin)");
        }
        available.forEach(c -> out.println(c.kind() + " " + c.id()));
        return 0;
    }
}
