package com.example.vendorline.connector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import com.example.vendorline.connector.internal.VendorLineComponent;

import io.ifpp.connector.api.ConnectorCheck;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.connector.simulator.http.PersonalizationHttpService;
import io.ifpp.trust.SignatureKeyPair;

/**
 * The connector as its Declarative Services component: each configuration of factory PID
 * {@value VendorLineComponent#PID} is one line, a {@link PersonalizationConnector} service named by its id, whose
 * check reads the line's keys; a line that is down fails the check, saying where.
 */
class VendorLineComponentTest {

    @Test
    void aConfigurationIsALineServiceWhoseCheckReachesTheLine() throws Exception {
        VendorSimulator line = new VendorSimulator(SimulatorSettings.DEFAULT, SignatureKeyPair.generate().publicKeys(),
                Clock.systemUTC());
        try (PersonalizationHttpService service = PersonalizationHttpService.start(line, "127.0.0.1", 0,
                Duration.ZERO)) {
            List<ConnectorCheck.Step> up = configured("line-up", service.uri().toString(), connector -> {
                assertEquals("line-up", connector.id());
                assertEquals(line.vendorKeys().signing().ecdsa(), connector.vendorKeys().signing().ecdsa(),
                        "the keys are the line's");
            });
            assertTrue(up.get(0).ok(), up.toString());
        }
    }

    @Test
    void aLineThatIsDownFailsTheCheckNamingItsAddress() throws Exception {
        String address;
        try (PersonalizationHttpService service = PersonalizationHttpService.start(new VendorSimulator(
                SimulatorSettings.DEFAULT, SignatureKeyPair.generate().publicKeys(), Clock.systemUTC()), "127.0.0.1", 0,
                Duration.ZERO)) {
            address = service.uri().toString();
        }
        List<ConnectorCheck.Step> down = configured("line-down", address, connector -> {
        });
        assertFalse(down.get(0).ok());
        assertTrue(down.get(0).what().contains(address), down.toString());
    }

    private interface Use {
        void accept(PersonalizationConnector connector) throws Exception;
    }

    /** Configures a line through Config Admin, uses its service, checks it, and removes the configuration. */
    private static List<ConnectorCheck.Step> configured(String id, String endpoint, Use use) throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(VendorLineComponent.class);
        bundle.start();
        BundleContext context = bundle.getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admin = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        admin.open();
        ServiceTracker<PersonalizationConnector, PersonalizationConnector> connectors = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + PersonalizationConnector.class.getName() + ")(id=" + id
                        + "))"), null);
        connectors.open();
        Configuration configuration = null;
        try {
            ConfigurationAdmin configurations = admin.waitForService(10_000);
            assertNotNull(configurations, "Config Admin runs");
            configuration = configurations.getFactoryConfiguration(VendorLineComponent.PID, id, "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("id", id);
            properties.put("endpoint", endpoint);
            properties.put("timeoutSeconds", 5L);
            configuration.update(properties);
            PersonalizationConnector connector = connectors.waitForService(10_000);
            assertNotNull(connector, "the configured line is a service");
            use.accept(connector);
            return ((ConnectorCheck) connector).check();
        } finally {
            if (configuration != null) {
                configuration.delete();
            }
            connectors.close();
            admin.close();
        }
    }
}
