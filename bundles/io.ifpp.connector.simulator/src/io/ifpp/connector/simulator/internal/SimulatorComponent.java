package io.ifpp.connector.simulator.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.trust.PartyKeyStore;

/**
 * The simulator as an OSGi service, configured through Config Admin (PID {@value #PID}, described by the bundle's
 * metatype). It needs the public key bundle of the IFPP Studio whose orders it accepts; no password is configured:
 * the simulator's own keys are made at activation.
 */
@Component(service = PersonalizationConnector.class, configurationPid = SimulatorComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatorComponent.Config.class)
public final class SimulatorComponent implements PersonalizationConnector {

    public static final String PID = "io.ifpp.connector.simulator";

    /** The configuration; the build writes its metatype (OSGI-INF/metatype) from these annotations. */
    @ObjectClassDefinition(id = PID, name = "IFPP personalization-line simulator",
            description = "A simulated eUICC vendor line for tests and demonstrations.")
    public @interface Config {
        /** File with the public key bundle of the orderer (written by {@code ifpp keys export-public}). */
        @AttributeDefinition(name = "Orderer public keys",
                description = "File with the public key bundle of the IFPP Studio whose orders it accepts (ifpp "
                        + "keys export-public).")
        String ordererPublicKeys();

        @AttributeDefinition(name = "EID prefix",
                description = "The EUM's 8-digit EID prefix; every EID allocated starts with it.")
        String eidPrefix() default "89049032";

        @AttributeDefinition(name = "Failure rate", min = "0", max = "1",
                description = "Share of devices whose personalization fails.")
        double failureRate() default 0;

        @AttributeDefinition(name = "Seed", description = "Seed of the simulated failures.")
        long seed() default 1;

        /** Fault injection: the line crashes once after this many devices of an order (-1: never). */
        @AttributeDefinition(name = "Crash after devices",
                description = "Fault injection: the line crashes once after this many devices of an order (-1: never).")
        int crashAfterDevices() default -1;

        /** Fault injection: resumed orders complete in reverse submission order. */
        @AttributeDefinition(name = "Complete out of order",
                description = "Fault injection: resumed orders complete in reverse submission order.")
        boolean completeOutOfOrder() default false;

        /** Fault injection: reports are signed with a damaged signature. */
        @AttributeDefinition(name = "Corrupt report signature",
                description = "Fault injection: reports carry a damaged signature.")
        boolean corruptReportSignature() default false;
    }

    private VendorSimulator simulator;

    @Activate
    void activate(Config config) throws IOException, GeneralSecurityException {
        PartyKeyStore.PublicParty orderer = PartyKeyStore
                .readPublicBundle(Files.readString(Path.of(config.ordererPublicKeys())));
        simulator = new VendorSimulator(SimulatorSettings.of(config.eidPrefix(), config.failureRate(), config.seed())
                .withCorruptReportSignature(config.corruptReportSignature())
                .withCrashAfterDevices(config.crashAfterDevices()).withCompleteOutOfOrder(config.completeOutOfOrder()),
                orderer.signing(), java.time.Clock.systemUTC() /* the wall clock, as the engines verifying its reports */);
    }

    @Override
    public String id() {
        return simulator.id();
    }

    @Override
    public VendorKeys vendorKeys() {
        return simulator.vendorKeys();
    }

    @Override
    public SubmitReceipt submit(PersonalizationOrder order) throws ConnectorException {
        return simulator.submit(order);
    }

    @Override
    public OrderProgress progress(String orderId) throws ConnectorException {
        return simulator.progress(orderId);
    }

    @Override
    public Optional<SignedReport> report(String orderId) throws ConnectorException {
        return simulator.report(orderId);
    }

    @Override
    public void cancel(String orderId) throws ConnectorException {
        simulator.cancel(orderId);
    }
}
