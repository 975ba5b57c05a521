package io.ifpp.server.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.connector.simulator.http.PersonalizationHttpService;
import io.ifpp.trust.PartyKeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ifpp simulate vendor}: the personalization-line simulator as a standalone HTTP service. */
@Command(name = "simulate", description = "Run simulated partners for tests and demonstrations.",
        subcommands = SimulateCommand.Vendor.class)
final class SimulateCommand {

    @Command(name = "vendor", description = "Serve a simulated eUICC personalization line over HTTP until stopped "
            + "(routes under /vendor/: keys, orders, orders/ID, orders/ID/report).")
    static final class Vendor implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "8480", description = "TCP port, 0 for any (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--orderer-keys", required = true, paramLabel = "FILE",
                description = "Public key bundle of the IFPP Studio whose orders it accepts (ifpp keys export-public).")
        Path ordererKeys;

        @Option(names = "--eid-prefix", defaultValue = "89049032", description = "The EUM's 8-digit EID prefix.")
        String eidPrefix;

        @Option(names = "--failure-rate", defaultValue = "0", description = "Share of devices that fail (0 to 1).")
        double failureRate;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated failures.")
        long seed;

        @Option(names = "--delay-ms", defaultValue = "0", description = "Delay of every answer (a slow line).")
        long delayMillis;

        private final CountDownLatch stopped = new CountDownLatch(1);

        @Override
        public Integer call() throws Exception {
            try {
                return VendorLine.serve(this);
            } catch (NoClassDefFoundError e) {
                // The simulator is an optional connector bundle; without it this command cannot run.
                spec.commandLine().getErr().println("simulate vendor: the simulator connector "
                        + "(io.ifpp.connector.simulator) is not installed in this product.");
                return IfppCli.EXIT_FAILURE;
            }
        }
    }

    /** Kept apart so that the simulator's classes load only when the command runs. */
    private static final class VendorLine {

        static int serve(Vendor options) throws Exception {
            PartyKeyStore.PublicParty orderer = PartyKeyStore.readPublicBundle(Files.readString(options.ordererKeys));
            VendorSimulator line = new VendorSimulator(new SimulatorSettings(options.eidPrefix, options.failureRate,
                    options.seed, false, 0, false), orderer.signing());
            try (PersonalizationHttpService service = PersonalizationHttpService.start(line, options.host,
                    options.port, Duration.ofMillis(options.delayMillis))) {
                PrintWriter out = options.spec.commandLine().getOut();
                out.println("Vendor line simulator at " + service.uri() + " (EUM prefix " + options.eidPrefix
                        + ", accepts orders signed by '" + orderer.name() + "'). Stop with Ctrl+C.");
                out.flush();
                Runtime.getRuntime().addShutdownHook(new Thread(options.stopped::countDown, "ifpp-simulate-stop"));
                try {
                    options.stopped.await();
                } catch (InterruptedException e) {
                    // Asked to stop, as by Ctrl+C: the command ends here, so the flag is not kept (Jetty's stop
                    // would fail on an interrupted thread).
                }
            }
            return 0;
        }
    }
}
