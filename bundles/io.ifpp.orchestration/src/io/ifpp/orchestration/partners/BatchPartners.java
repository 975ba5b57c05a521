package io.ifpp.orchestration.partners;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.PartnerSimulator;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.Partners;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The partners of one batch, found by id in the {@link ConnectorRegistry} each time the engine asks: a connector
 * installed or configured while the engine runs is used at once, and while one is missing the engine's calls fail as
 * UNAVAILABLE, so its devices wait and go on when it is back. A batch that is not simulated gets installed connectors
 * only. A simulated batch gets simulated partners only ({@link PartnerSimulator}), made for it when first asked for
 * and kept until {@link #close}, since they hold its orders.
 */
public final class BatchPartners implements Partners, AutoCloseable {

    /** Where the EUM chain of a real vendor's eUICC certificates is read (a server's trust folder). */
    @FunctionalInterface
    public interface VendorTrust {
        List<byte[]> eumChain(String vendorId) throws ConnectorException;
    }

    private final ConnectorRegistry registry;
    private final BatchSpec spec;
    private final VendorTrust trust;
    private final PartnerSimulator.Setup simulation;
    private final Map<PartnerSimulator, PartnerSimulator.Session> sessions = new IdentityHashMap<>();

    /**
     * @param trust the EUM chains of real vendors
     * @param simulation what a simulated batch's partners are made with; null for a batch that is not simulated
     */
    public BatchPartners(ConnectorRegistry registry, BatchSpec spec, VendorTrust trust,
            PartnerSimulator.Setup simulation) {
        this.registry = registry;
        this.spec = spec;
        this.trust = trust;
        this.simulation = simulation;
    }

    /** The setup of a simulated batch's partners: its ICCID ranges and EUM range, the keys and behaviour given. */
    public static PartnerSimulator.Setup simulation(BatchSpec spec, PartyKeyStore.Party vendorKeys,
            SignatureKeyPair.PublicKeys orderer, double failureRate, String faults, Clock clock) {
        return new PartnerSimulator.Setup(spec.profiles().stream()
                .map(p -> new PartnerSimulator.ProfileRange(p.iccidPrefix(), p.profileType())).toList(),
                spec.eidPrefix(), vendorKeys, orderer, failureRate, faults, clock);
    }

    @Override
    public synchronized PersonalizationConnector vendor(String id) throws ConnectorException {
        if (spec.simulated()) {
            Optional<PersonalizationConnector> vendor = session(id, "vendor line").vendor(id);
            return vendor.orElseThrow(() -> notSimulated("vendor line", id));
        }
        return registry.personalization(id).orElseThrow(() -> notInstalled("vendor", id));
    }

    @Override
    public synchronized ProfileOrderingConnector smdp(String id) throws ConnectorException {
        if (spec.simulated()) {
            Optional<ProfileOrderingConnector> smdp = session(id, "SM-DP+").smdp(id);
            return smdp.orElseThrow(() -> notSimulated("SM-DP+", id));
        }
        return registry.profileOrdering(id).orElseThrow(() -> notInstalled("SM-DP+", id));
    }

    @Override
    public synchronized List<byte[]> eumChain(String vendorId) throws ConnectorException {
        if (spec.simulated()) {
            return session(vendorId, "vendor line").eumChain(vendorId);
        }
        return trust.eumChain(vendorId);
    }

    private PartnerSimulator.Session session(String id, String kind) throws ConnectorException {
        if (simulation == null) {
            throw new ConnectorException(Reason.UNAVAILABLE, "this engine makes no simulated partners, which "
                    + "simulated batch '" + spec.plan() + "' needs");
        }
        PartnerSimulator simulator = registry.simulator(id).orElseThrow(() -> notSimulated(kind, id));
        PartnerSimulator.Session session = sessions.get(simulator);
        if (session == null) {
            session = simulator.open(simulation);
            sessions.put(simulator, session);
        }
        return session;
    }

    private static ConnectorException notInstalled(String kind, String id) {
        return new ConnectorException(Reason.UNAVAILABLE, "no " + kind + " connector '" + id
                + "' is installed and configured ('ifpp connectors' lists them); the batch waits for it");
    }

    private static ConnectorException notSimulated(String kind, String id) {
        return new ConnectorException(Reason.UNAVAILABLE, "a simulated batch runs on simulated partners only, and "
                + "no simulator of the " + kind + " '" + id + "' is installed");
    }

    @Override
    public synchronized void close() {
        sessions.values().forEach(PartnerSimulator.Session::close);
        sessions.clear();
    }
}
