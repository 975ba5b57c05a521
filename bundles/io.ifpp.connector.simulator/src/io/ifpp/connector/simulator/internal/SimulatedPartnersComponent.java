package io.ifpp.connector.simulator.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.PartnerSimulator;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.SmdpSimulator;
import io.ifpp.connector.simulator.VendorSimulator;

/**
 * The simulated line {@value VendorSimulator#ID} and the SM-DP+ without a protocol {@value SmdpSimulator#ID} (for
 * load), made for one simulated batch in the engine's process. The line is made on first use with the keys given,
 * so a line made again with the same keys opens the orders sealed for the one before; the SM-DP+ holds the batch's
 * ICCID ranges. Faults are {@link SimulatorSettings#withFaults}'s list.
 */
@Component(service = PartnerSimulator.class)
public final class SimulatedPartnersComponent implements PartnerSimulator {

    @Override
    public Set<String> vendorIds() {
        return Set.of(VendorSimulator.ID);
    }

    @Override
    public Set<String> smdpIds() {
        return Set.of(SmdpSimulator.ID);
    }

    @Override
    public void checkFaults(String faults) {
        SimulatorSettings.DEFAULT.withFaults(faults);
    }

    @Override
    public Session open(Setup setup) {
        SimulatorSettings settings = SimulatorSettings.of(setup.eidPrefix(), setup.failureRate(), 1)
                .withFaults(setup.faults());
        return new OneBatch(setup, settings);
    }

    /** One batch's simulated line and SM-DP+, each made when first asked for. */
    private static final class OneBatch implements Session {

        private final Setup setup;
        private final SimulatorSettings settings;
        private VendorSimulator vendor;
        private SmdpSimulator smdp;

        OneBatch(Setup setup, SimulatorSettings settings) {
            this.setup = setup;
            this.settings = settings;
        }

        @Override
        public synchronized Optional<PersonalizationConnector> vendor(String id) {
            if (!VendorSimulator.ID.equals(id)) {
                return Optional.empty();
            }
            if (vendor == null) {
                vendor = new VendorSimulator(settings, setup.orderer(), setup.vendorKeys().kem(),
                        setup.vendorKeys().signing(), setup.clock());
            }
            return Optional.of(vendor);
        }

        @Override
        public synchronized Optional<ProfileOrderingConnector> smdp(String id) {
            if (!SmdpSimulator.ID.equals(id)) {
                return Optional.empty();
            }
            if (smdp == null) {
                SmdpSimulator simulator = new SmdpSimulator().timeouts(settings.smdpTimeoutRate(), settings.stall(),
                        settings.seed());
                setup.ranges().forEach(r -> simulator.range(r.iccidPrefix(), r.profileType()));
                smdp = simulator;
            }
            return Optional.of(smdp);
        }

        @Override
        public synchronized List<byte[]> eumChain(String vendorId) throws ConnectorException {
            VendorSimulator line = (VendorSimulator) vendor(vendorId).orElseThrow(() -> new ConnectorException(
                    ConnectorException.Reason.UNAVAILABLE, "no simulated line '" + vendorId + "'"));
            return List.of(line.certificateIssuer().der(), line.eum().der());
        }

        @Override
        public void close() {
            // In-process simulators hold no resources beyond memory.
        }
    }
}
