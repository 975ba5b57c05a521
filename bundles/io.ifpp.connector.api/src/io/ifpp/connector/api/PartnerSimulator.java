package io.ifpp.connector.api;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;

/**
 * Simulated partners, for demonstrations and tests: a service of a simulator bundle that makes the partners of one
 * simulated batch, by id. Only a batch that asks to be simulated is given these; nothing falls back to them, and a
 * batch that is not simulated never sees them.
 */
public interface PartnerSimulator {

    /** The ids of the vendor lines this simulates (may be empty). */
    Set<String> vendorIds();

    /** The ids of the SM-DP+s this simulates (may be empty). */
    Set<String> smdpIds();

    /**
     * Checks a fault list before a run is given it, so that a mistyped fault is refused when a server starts, not at
     * its first batch: an {@link IllegalArgumentException} naming the entry. Faults this simulator does not know of
     * are another simulator's, and accepted.
     */
    default void checkFaults(String faults) {
    }

    /** The simulated partners of one batch; the caller closes them when the batch's engine is done with them. */
    Session open(Setup setup) throws ConnectorException;

    /**
     * What one batch's simulated partners are made for.
     *
     * @param ranges the batch's ICCID ranges, which a simulated SM-DP+ holds
     * @param eidPrefix the EUM range a simulated line takes its EIDs from
     * @param vendorKeys a simulated line's sealing and report-signing keys: the same keys again reach a line that
     *        opens the orders sealed for the one before (a restarted engine)
     * @param orderer the IFPP Studio whose signed orders a simulated line accepts
     * @param failureRate share of eUICCs whose personalization fails
     * @param faults the simulator's fault list ({@link #checkFaults}), empty for none
     * @param clock issues the simulated eUICCs' certificates: the clock of the engine that verifies them
     */
    record Setup(List<ProfileRange> ranges, String eidPrefix, PartyKeyStore.Party vendorKeys,
            SignatureKeyPair.PublicKeys orderer, double failureRate, String faults, Clock clock) {

        public Setup {
            ranges = List.copyOf(ranges);
            Objects.requireNonNull(eidPrefix, "eidPrefix");
            Objects.requireNonNull(vendorKeys, "vendorKeys");
            Objects.requireNonNull(orderer, "orderer");
            faults = faults == null ? "" : faults;
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** An ICCID range of a batch and the SM-DP+ profile type of its profiles. */
    record ProfileRange(String iccidPrefix, String profileType) {
    }

    /** One batch's simulated partners; closing stops what they run (servers, threads). */
    interface Session extends AutoCloseable {

        /** The simulated vendor line with this id; empty when this simulator has none of that id. */
        Optional<PersonalizationConnector> vendor(String id) throws ConnectorException;

        /** The simulated SM-DP+ with this id; empty when this simulator has none of that id. */
        Optional<ProfileOrderingConnector> smdp(String id) throws ConnectorException;

        /** The test CI and EUM certificates (DER) a simulated line's eUICC certificates chain to, CI first. */
        List<byte[]> eumChain(String vendorId) throws ConnectorException;

        @Override
        void close();
    }
}
