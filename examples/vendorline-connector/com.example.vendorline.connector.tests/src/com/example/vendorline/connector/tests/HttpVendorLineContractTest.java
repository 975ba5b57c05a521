package com.example.vendorline.connector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.vendorline.connector.internal.HttpVendorLine;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.contract.PersonalizationConnectorContract;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.connector.simulator.http.PersonalizationHttpService;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The connector passes the SPI's contract suite against its test partner: IFPP Studio's simulated personalization
 * line served over HTTP on loopback, which speaks Example Vendor's API.
 */
class HttpVendorLineContractTest extends PersonalizationConnectorContract {

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();
    private final List<PersonalizationHttpService> services = new ArrayList<>();
    private final Map<PersonalizationConnector, VendorSimulator> lines = new IdentityHashMap<>();

    @AfterEach
    void stopServices() {
        services.forEach(PersonalizationHttpService::close);
    }

    @Override
    protected SignatureKeyPair orderer() {
        return ORDERER;
    }

    @Override
    protected PersonalizationConnector connector(Faults faults) {
        VendorSimulator line = new VendorSimulator(SimulatorSettings.DEFAULT.withPaused(faults.paused())
                .withTransientFailures(faults.transientFailures())
                .withCorruptReportSignature(faults.corruptReportSignature()).withLostAnswers(faults.lostAnswers()),
                ORDERER.publicKeys(), java.time.Clock.systemUTC());
        HttpVendorLine client = new HttpVendorLine("http-simulator", serve(line, Duration.ZERO),
                Duration.ofSeconds(10));
        lines.put(client, line);
        return client;
    }

    @Override
    protected void resume(PersonalizationConnector connector) {
        lines.get(connector).resume();
    }

    @Test
    void aLineSlowerThanTheTimeoutIsATimeout() {
        VendorSimulator line = new VendorSimulator(SimulatorSettings.DEFAULT, ORDERER.publicKeys(), java.time.Clock.systemUTC());
        HttpVendorLine client = new HttpVendorLine("slow", serve(line, Duration.ofMillis(800)),
                Duration.ofMillis(150));
        ConnectorException error = assertThrows(ConnectorException.class, () -> client.progress("any"));
        assertEquals(ConnectorException.Reason.TIMEOUT, error.reason());
    }

    @Test
    void aLineThatIsDownIsUnavailable() {
        VendorSimulator line = new VendorSimulator(SimulatorSettings.DEFAULT, ORDERER.publicKeys(), java.time.Clock.systemUTC());
        PersonalizationHttpService service = start(line, Duration.ZERO);
        URI address = service.uri();
        service.close();
        HttpVendorLine client = new HttpVendorLine("down", address, Duration.ofSeconds(2));
        ConnectorException error = assertThrows(ConnectorException.class, () -> client.progress("any"));
        assertEquals(ConnectorException.Reason.UNAVAILABLE, error.reason());
    }

    private URI serve(VendorSimulator line, Duration delay) {
        PersonalizationHttpService service = start(line, delay);
        services.add(service);
        return service.uri();
    }

    private static PersonalizationHttpService start(VendorSimulator line, Duration delay) {
        try {
            return PersonalizationHttpService.start(line, "127.0.0.1", 0, delay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
