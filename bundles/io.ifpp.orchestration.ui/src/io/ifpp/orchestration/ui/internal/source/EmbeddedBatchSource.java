package io.ifpp.orchestration.ui.internal.source;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.Platform;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.orchestration.partners.BatchPartners;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.service.BatchService;
import io.ifpp.orchestration.service.BatchServiceException;
import io.ifpp.orchestration.service.BatchServiceException.Kind;
import io.ifpp.orchestration.service.EngineSessions;
import io.ifpp.orchestration.service.LocalBatchService;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The workspace's own batches: an embedded H2 database in the workspace's state folder
 * ({@code <workspace>/.metadata/.plugins/io.ifpp.orchestration.ui/ifpp.mv.db}), run by an engine in the workbench
 * with the simulated partners of the one partner registry ({@link ConnectorRegistry}): the workbench runs simulated
 * batches only, having no vendor trust of its own. The simulated vendor line lives in the workbench's memory, so its keys and
 * IFPP Studio's order-signing keys are made for each workbench session and never written anywhere: orders sealed in
 * an earlier session cannot be opened by this session's line.
 */
public final class EmbeddedBatchSource implements BatchSource {

    /** This engine's name in claims: one workbench per workspace, so it takes back its own claims at once. */
    static final String ENGINE_ID = "ifpp-studio-workbench";
    private static EmbeddedBatchSource workspace;

    private final Path folder;
    private final BatchStore store;
    private final LocalBatchService service;
    private final PartyKeyStore.Party vendorKeys = new PartyKeyStore.Party("simulated-vendor", KemKeyPair.generate(),
            SignatureKeyPair.generate());
    private final SignatureKeyPair orderer = SignatureKeyPair.generate();
    /** The one clock of the workbench's engine, its store and its simulated line (which the engine verifies). */
    private final Clock clock = Clock.systemUTC();
    /** One simulated line per batch for the session, so a resumed run reaches the line that holds its orders. */
    private final Map<String, BatchPartners> partners = new ConcurrentHashMap<>();
    private ServiceTracker<ConnectorRegistry, ConnectorRegistry> registry;

    private EmbeddedBatchSource(Path folder) throws SQLException {
        this.folder = folder;
        Database database = Database.embedded(folder);
        Migrations.apply(database);
        this.store = new BatchStore(database, clock);
        this.service = new LocalBatchService(store, this::session, System.getProperty("user.name", "workbench"));
    }

    /** The workspace's database, opened (and migrated) on first use. */
    public static synchronized EmbeddedBatchSource workspace() throws BatchServiceException {
        if (workspace == null) {
            Path folder = Platform.getStateLocation(FrameworkUtil.getBundle(EmbeddedBatchSource.class)).toPath();
            try {
                workspace = new EmbeddedBatchSource(folder);
            } catch (SQLException e) {
                throw new BatchServiceException(Kind.UNAVAILABLE, "the workspace's batch database in " + folder
                        + " cannot be opened: " + e.getMessage(), e);
            }
        }
        return workspace;
    }

    /** The folder of the database file. */
    public Path folder() {
        return folder;
    }

    /** The store behind the service, for tests that make batches directly. */
    public BatchStore store() {
        return store;
    }

    @Override
    public String description() {
        return "Embedded database in " + folder;
    }

    @Override
    public BatchService service() {
        return service;
    }

    @Override
    public void create(String batchId, BatchSpec spec) throws BatchServiceException {
        try {
            store.create(batchId, spec, System.getProperty("user.name", "workbench"));
        } catch (SQLException e) {
            throw new BatchServiceException(Kind.UNAVAILABLE, e.getMessage(), e);
        }
    }

    private EngineSessions.Session session(BatchStore.BatchInfo batch) throws BatchServiceException,
            InterruptedException {
        if (!batch.spec().simulated()) {
            throw new BatchServiceException(Kind.UNAVAILABLE, "batch " + batch.id() + " is not simulated, and the "
                    + "workbench runs simulated batches only: run it on a server that has its partners' connectors");
        }
        ConnectorRegistry connectors = registry();
        BatchPartners simulated = partners.computeIfAbsent(batch.id(), id -> new BatchPartners(connectors,
                batch.spec(), EmbeddedBatchSource::noVendorTrust, BatchPartners.simulation(batch.spec(), vendorKeys,
                        orderer.publicKeys(), 0, "", clock)));
        Engine engine = new Engine(store.database(), simulated, orderer, clock, Engine.Settings.defaults(ENGINE_ID));
        // The simulated partners stay for the session, not the run: they hold the batch's orders.
        return EngineSessions.Session.of(engine);
    }

    private static List<byte[]> noVendorTrust(String vendorId) throws ConnectorException {
        throw new ConnectorException(ConnectorException.Reason.UNAVAILABLE, "the workbench trusts no real vendor's "
                + "EUM ('" + vendorId + "')");
    }

    /** The partner registry (a Declarative Services component of io.ifpp.orchestration), waited for a while. */
    private synchronized ConnectorRegistry registry() throws BatchServiceException, InterruptedException {
        if (registry == null) {
            registry = new ServiceTracker<>(FrameworkUtil.getBundle(EmbeddedBatchSource.class).getBundleContext(),
                    ConnectorRegistry.class, null);
            registry.open();
        }
        ConnectorRegistry found = registry.waitForService(10_000);
        if (found == null) {
            throw new BatchServiceException(Kind.UNAVAILABLE, "the partner registry did not start: is Declarative "
                    + "Services (org.apache.felix.scr) running in this workbench?");
        }
        return found;
    }
}
