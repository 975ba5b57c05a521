package io.ifpp.server.internal.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.server.internal.Services;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ifpp connectors}: the connectors installed in this runtime, one per line as "kind id", then the simulated
 * partners, which only simulated batches reach.
 */
@Command(name = "connectors", description = "List the installed connectors (eUICC vendors, SM-DP+, operators).")
final class ConnectorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ConnectorRegistry registry = Services.await(ConnectorRegistry.class, Duration.ofSeconds(10));
        List<ConnectorRegistry.Available> available = registry.available();
        var out = spec.commandLine().getOut();
        if (available.isEmpty()) {
            out.println("no connector available (install one from the p2 repository's IFPP Studio Connectors category, "
                    + "or configure an installed one through Config Admin)");
        }
        available.forEach(c -> out.println(c.kind() + " " + c.id()));
        registry.simulated().forEach(c -> out.println(c.kind() + " " + c.id() + " (simulated batches only)"));
        return 0;
    }
}
