package io.ifpp.connector.simulator.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;

import io.ifpp.connector.api.ConnectorCommand;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.connector.simulator.http.PersonalizationHttpService;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.TlsServerKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ifpp simulate vendor}: the personalization-line simulator as a standalone HTTP service. */
@Component(service = ConnectorCommand.class)
public final class SimulateVendorCommand implements ConnectorCommand {

    @Override
    public String parent() {
        return "simulate";
    }

    @Override
    public String name() {
        return "vendor";
    }

    @Override
    public Object newCommand(Console console) {
        return new Vendor();
    }

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

        @Option(names = "--pki-out", paramLabel = "DIR", description = "Folder to write the line's certificate chain "
                + "to, ci.pem and eum.pem (created if needed): what an operator puts in <data>/trust/<vendor>/ to "
                + "verify the eUICC certificates of the line's reports.")
        Path pkiOut;

        @Override
        public Integer call() throws Exception {
            PartyKeyStore.PublicParty orderer = PartyKeyStore.readPublicBundle(Files.readString(ordererKeys));
            VendorSimulator line = new VendorSimulator(SimulatorSettings.of(eidPrefix, failureRate, seed),
                    orderer.signing(), Clock.systemUTC()); // the engines that verify its reports run elsewhere
            if (pkiOut != null) {
                Files.createDirectories(pkiOut);
                Files.writeString(pkiOut.resolve("ci.pem"), line.certificateIssuer().pem());
                Files.writeString(pkiOut.resolve("eum.pem"), line.eum().pem());
            }
            try (PersonalizationHttpService service = PersonalizationHttpService.start(line, host, port,
                    Duration.ofMillis(delayMillis))) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("Vendor line simulator at " + service.uri() + " (EUM prefix " + eidPrefix
                        + ", accepts orders signed by '" + orderer.name() + "'; CI SHA-256 "
                        + TlsServerKeys.fingerprint(line.certificateIssuer().der())
                        + (pkiOut == null ? "" : ", chain in " + pkiOut) + "). Stop with Ctrl+C.");
                out.flush();
                ConnectorCommand.awaitStop();
            }
            return 0;
        }
    }
}
