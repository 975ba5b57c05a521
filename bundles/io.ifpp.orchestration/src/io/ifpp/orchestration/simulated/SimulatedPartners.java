package io.ifpp.orchestration.simulated;

import java.time.Clock;
import java.util.List;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.SmdpSimulator;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.Partners;
import io.ifpp.orchestration.pipeline.Simulation;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The simulated partners built in, in this process, for one batch: the vendor line {@value VendorSimulator#ID}
 * (made on first use with the keys given, so a line made again with the same keys opens the orders sealed for the
 * one before) and the SM-DP+ {@value SmdpSimulator#ID} (without a protocol, holding the batch's ICCID ranges). Any
 * other id is UNAVAILABLE. The simulator bundle is an optional import: without it every id is UNAVAILABLE, saying
 * so. Simulated batches only ({@link BatchSpec#simulated()}): the workbench's embedded engine and a server use these
 * for them.
 */
public final class SimulatedPartners implements Partners {

    private final BatchSpec spec;
    private final PartyKeyStore.Party vendorKeys;
    private final SignatureKeyPair.PublicKeys orderer;
    private final SimulatorSettings vendorSettings;
    private final Clock clock;
    private VendorSimulator vendor;
    private SmdpSimulator smdp;

    /**
     * @param spec the batch, whose profiles' ICCID ranges the simulated SM-DP+ serves
     * @param vendorKeys the simulated vendor line's keys (its sealing and report-signing keys)
     * @param orderer the IFPP Studio whose signed orders the simulated line accepts
     * @param vendorSettings how the simulated line behaves (its EID prefix, failure rate, faults), and the timeouts
     *        of the simulated SM-DP+ ({@link SimulatorSettings#smdpTimeoutRate()})
     * @param clock issues the simulated eUICCs' certificates: the engine's clock, which verifies them
     */
    public SimulatedPartners(BatchSpec spec, PartyKeyStore.Party vendorKeys, SignatureKeyPair.PublicKeys orderer,
            SimulatorSettings vendorSettings, Clock clock) {
        this.spec = spec;
        this.clock = clock;
        this.vendorKeys = vendorKeys;
        this.orderer = orderer;
        this.vendorSettings = vendorSettings;
    }

    @Override
    public synchronized PersonalizationConnector vendor(String id) throws ConnectorException {
        if (!Simulation.VENDOR.equals(id)) {
            throw new ConnectorException(Reason.UNAVAILABLE, "a simulated batch runs on simulated partners only, and "
                    + "'" + id + "' is none; the simulated line is '" + Simulation.VENDOR + "'");
        }
        return vendorLine();
    }

    private VendorSimulator vendorLine() throws ConnectorException {
        if (vendor == null) {
            try {
                vendor = new VendorSimulator(vendorSettings, orderer, vendorKeys.kem(), vendorKeys.signing(), clock);
            } catch (NoClassDefFoundError e) {
                throw notInstalled("the simulator connector (io.ifpp.connector.simulator)");
            }
        }
        return vendor;
    }

    @Override
    public synchronized ProfileOrderingConnector smdp(String id) throws ConnectorException {
        if (!Simulation.SMDP.equals(id)) {
            throw new ConnectorException(Reason.UNAVAILABLE, "a simulated batch runs on simulated partners only, and "
                    + "'" + id + "' is none of this kind; the simulated SM-DP+ is '" + Simulation.SMDP + "'");
        }
        if (smdp == null) {
            try {
                SmdpSimulator simulator = new SmdpSimulator().timeouts(vendorSettings.smdpTimeoutRate(),
                        vendorSettings.stall(), vendorSettings.seed());
                spec.profiles().forEach(p -> simulator.range(p.iccidPrefix(), p.profileType()));
                smdp = simulator;
            } catch (NoClassDefFoundError e) {
                throw notInstalled("the connector that simulates SM-DP+ '" + id + "'");
            }
        }
        return smdp;
    }

    /** The simulated line's own test CI and EUM, which its eUICC certificates chain to. */
    @Override
    public synchronized List<byte[]> eumChain(String vendorId) throws ConnectorException {
        VendorSimulator line = (VendorSimulator) vendor(vendorId);
        return List.of(line.certificateIssuer().der(), line.eum().der());
    }

    private static ConnectorException notInstalled(String what) {
        return new ConnectorException(Reason.UNAVAILABLE, what + " is not installed in this product");
    }
}
