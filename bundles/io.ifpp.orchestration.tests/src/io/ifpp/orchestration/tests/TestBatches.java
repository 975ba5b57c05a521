package io.ifpp.orchestration.tests;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.ifpp.agreement.ProductPlan;
import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.simulator.SmdpSimulator;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.Partners;
import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.ProfileCodec;

/** Batch specs, partners and clocks the orchestration tests share. */
final class TestBatches {

    /** The design both profiles load: the built-in USIM template (each device's ICCID, IMSI and keys replace its). */
    static final byte[] DESIGN = ProfileCodec.encode(BuiltInTemplates.ALL.get(0).load());
    static final BatchSpec.ProfileSpec EU = new BatchSpec.ProfileSpec("eu-iot", "nordlicht", "262-91", "eu-iot-v1",
            "894991", DESIGN);
    static final BatchSpec.ProfileSpec AMERICAS = new BatchSpec.ProfileSpec("americas-iot", "prairie", "310-910",
            "americas-iot-v1", "8901910", DESIGN);

    private TestBatches() {
    }

    /** {@code quantity} devices for DE, FR (served by the EU profile) and US (the Americas profile). */
    static BatchSpec spec(int quantity, String vendor) {
        return new BatchSpec("test plan", quantity, vendor, SmdpSimulator.ID, "89049032", "SN", 3,
                List.of(EU, AMERICAS), List.of(new BatchSpec.MarketSpec("DE", 5, "eu-iot"),
                        new BatchSpec.MarketSpec("FR", 3, "eu-iot"), new BatchSpec.MarketSpec("US", 2, "americas-iot")),
                false);
    }

    /** The same devices as a simulated batch, on the simulated line and SM-DP+. */
    static BatchSpec simulatedSpec(int quantity) {
        BatchSpec spec = spec(quantity, VendorSimulator.ID);
        return new BatchSpec(spec.plan(), quantity, VendorSimulator.ID, SmdpSimulator.ID, spec.eidPrefix(),
                spec.serialPrefix(), spec.activationLeadDays(), spec.profiles(), spec.markets(), true);
    }

    /** {@code spec} whose devices are given the eIM {@code eim} (SGP.32). */
    static BatchSpec withEim(BatchSpec spec, ProductPlan.Eim eim) {
        return new BatchSpec(spec.plan(), spec.quantity(), spec.vendor(), spec.smdp(), spec.eidPrefix(),
                spec.serialPrefix(), spec.activationLeadDays(), spec.profiles(), spec.markets(), spec.simulated(), eim);
    }

    static SmdpSimulator smdp() {
        return new SmdpSimulator().range(EU.iccidPrefix(), EU.profileType()).range(AMERICAS.iccidPrefix(),
                AMERICAS.profileType());
    }

    /** The simulated vendor and SM-DP+ as a batch finds them; the vendor can be swapped (a restarted line). */
    static final class SimulatedPartners implements Partners {

        final AtomicReference<VendorSimulator> vendor;
        final SmdpSimulator smdp;

        SimulatedPartners(VendorSimulator vendor, SmdpSimulator smdp) {
            this.vendor = new AtomicReference<>(vendor);
            this.smdp = smdp;
        }

        @Override
        public PersonalizationConnector vendor(String id) throws ConnectorException {
            if (!id.equals(vendor.get().id())) {
                throw new ConnectorException(ConnectorException.Reason.UNAVAILABLE, "no vendor connector " + id);
            }
            return vendor.get();
        }

        @Override
        public ProfileOrderingConnector smdp(String id) throws ConnectorException {
            if (!id.equals(smdp.id())) {
                throw new ConnectorException(ConnectorException.Reason.UNAVAILABLE, "no SM-DP+ connector " + id);
            }
            return smdp;
        }

        @Override
        public List<byte[]> eumChain(String vendorId) {
            return List.of(vendor.get().certificateIssuer().der(), vendor.get().eum().der());
        }
    }

    /** A clock the tests move forward, to let leases run out without waiting. */
    static final class MovableClock extends Clock {

        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2027-03-01T08:00:00Z"));

        void advance(java.time.Duration by) {
            now.set(now.get().plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
