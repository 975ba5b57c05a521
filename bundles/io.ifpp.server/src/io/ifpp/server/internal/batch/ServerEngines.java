package io.ifpp.server.internal.batch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.ifpp.connector.api.PartnerSimulator;
import io.ifpp.orchestration.partners.BatchPartners;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Simulation;
import io.ifpp.orchestration.service.EngineSessions;
import io.ifpp.orchestration.store.Database;
import io.ifpp.trust.PartyKeyStore;

/**
 * Engines of this process: a batch's partners from the one registry ({@link BatchPartners}), real vendors' EUM
 * chains from the data directory's trust folder ({@link VendorTrust}), simulated batches' partners made with the
 * simulated vendor keys kept in the data directory, so a restarted engine reaches the same line.
 */
public final class ServerEngines implements EngineSessions {

    /** How the simulated partners of simulated batches behave: their failure rate and fault list. */
    public record Simulated(double failureRate, String faults) {

        public static final Simulated PLAIN = new Simulated(0, "");
    }

    private static final Duration PARTNERS_START = Duration.ofSeconds(10);

    private final Database database;
    private final ConnectorRegistry registry;
    private final Path dataDirectory;
    private final KeyFiles.Keys keys;
    private final Engine.Settings settings;
    private final Simulated simulated;
    private final Clock clock;

    /**
     * @param registry the partners installed in this process
     * @param simulated how the simulated partners of simulated batches behave
     * @param clock the engines' clock (leases, report verification, records)
     */
    public ServerEngines(Database database, ConnectorRegistry registry, Path dataDirectory, KeyFiles.Keys keys,
            Engine.Settings settings, Simulated simulated, Clock clock) {
        this.clock = clock;
        this.database = database;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.dataDirectory = dataDirectory;
        this.keys = keys;
        this.settings = settings;
        this.simulated = simulated;
    }

    /**
     * Refuses a fault list that a simulator does not take, when a server or a run starts rather than at its first
     * simulated batch; an empty list needs no simulator.
     */
    public static void checkFaults(ConnectorRegistry registry, String faults) throws InterruptedException {
        if (faults == null || faults.isBlank()) {
            return;
        }
        if (!registry.awaitSimulator(Simulation.VENDOR, PARTNERS_START)) {
            throw new IllegalArgumentException("simulated faults are given (" + faults + ") but no simulated line '"
                    + Simulation.VENDOR + "' is installed to take them");
        }
        registry.simulators().forEach(simulator -> simulator.checkFaults(faults));
    }

    @Override
    public Session open(BatchStore.BatchInfo batch) throws InterruptedException {
        // A run started with the product may come before its partners are bound (configuration files are applied
        // within a second); one still missing then makes the batch wait.
        if (batch.spec().simulated()) {
            registry.awaitSimulator(batch.spec().vendor(), PARTNERS_START);
            registry.awaitSimulator(batch.spec().smdp(), PARTNERS_START);
        } else {
            registry.awaitConnector(batch.spec().vendor(), PARTNERS_START);
            registry.awaitConnector(batch.spec().smdp(), PARTNERS_START);
        }
        PartnerSimulator.Setup simulation = batch.spec().simulated()
                ? BatchPartners.simulation(batch.spec(), keys.simulatedVendor(), keys.orderer().signing().publicKeys(),
                        simulated.failureRate(), simulated.faults(), clock)
                : null;
        BatchPartners partners = new BatchPartners(registry, batch.spec(),
                vendorId -> VendorTrust.eumChain(dataDirectory, vendorId), simulation);
        Engine engine = new Engine(database, partners, keys.orderer().signing(), keys.orderer().kem().publicKeys(),
                clock, settings);
        return Session.of(engine, partners::close);
    }

    /** IFPP Studio's keys: they sign the orders and open the copies the engines keep of them. */
    public PartyKeyStore.Party studio() {
        return keys.orderer();
    }
}
