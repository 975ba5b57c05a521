package io.ifpp.server.internal.batch;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.service.EngineSessions;
import io.ifpp.orchestration.store.Database;
import io.ifpp.server.internal.connectors.ConnectorRegistry;

/** Engines of this process: the batch's partners as this server finds them ({@link ServerPartners}), its keys. */
public final class ServerEngines implements EngineSessions {

    private final Database database;
    private final ConnectorRegistry registry;
    private final Path dataDirectory;
    private final KeyFiles.Keys keys;
    private final Engine.Settings settings;
    private final Function<BatchSpec, SimulatorSettings> simulatedVendor;
    private final Clock clock;

    /**
     * @param registry the installed connectors (null: the built-in simulated partners only)
     * @param simulatedVendor how the built-in simulated vendor line behaves for a batch
     * @param clock the engines' clock (leases, report verification, records)
     */
    public ServerEngines(Database database, ConnectorRegistry registry, Path dataDirectory, KeyFiles.Keys keys,
            Engine.Settings settings, Function<BatchSpec, SimulatorSettings> simulatedVendor, Clock clock) {
        this.clock = clock;
        this.database = database;
        this.registry = registry;
        this.dataDirectory = dataDirectory;
        this.keys = keys;
        this.settings = settings;
        this.simulatedVendor = simulatedVendor;
    }

    @Override
    public Session open(BatchStore.BatchInfo batch) {
        ServerPartners partners = new ServerPartners(registry, batch.spec(), dataDirectory, keys.simulatedVendor(),
                keys.orderer().signing().publicKeys(), simulatedVendor.apply(batch.spec()), clock);
        Engine engine = new Engine(database, partners, keys.orderer().signing(), clock, settings);
        return Session.of(engine, partners::close);
    }
}
