package com.example.vendorline.connector.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.ifpp.connector.api.ConnectorCheck;
import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.connector.api.VendorKeys;

/**
 * One configured Example Vendor line as a {@link PersonalizationConnector} service: one configuration of factory
 * PID {@value #PID} (described by {@code OSGI-INF/metatype}) per line. The API needs no credential of ours here: the
 * orders are sealed for the line and signed by IFPP Studio before they reach the connector.
 */
@Component(service = PersonalizationConnector.class, configurationPid = VendorLineComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = VendorLineComponent.Config.class, factory = true)
public final class VendorLineComponent implements PersonalizationConnector, ConnectorCheck {

    public static final String PID = "com.example.vendorline";

    /** The configuration; the build writes its metatype from these annotations. */
    @ObjectClassDefinition(id = PID, name = "Example Vendor personalization line",
            description = "An Example Vendor eUICC personalization line reached over its HTTP API. One configuration "
                    + "per line.")
    public @interface Config {
        @AttributeDefinition(name = "Connector id", description = "How batches, plans and agreements name this line.")
        String id();

        @AttributeDefinition(name = "API address",
                description = "The line's API base address, e.g. https://line.example.com/vendor/.")
        String endpoint();

        @AttributeDefinition(name = "Timeout (s)", min = "1",
                description = "How long one call may take before it is a timeout (retried).")
        long timeoutSeconds() default 30;
    }

    private HttpVendorLine line;
    private URI endpoint;

    @Activate
    void activate(Config config) throws URISyntaxException {
        endpoint = new URI(config.endpoint());
        if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("endpoint '" + config.endpoint() + "' is not an http(s) address");
        }
        line = new HttpVendorLine(config.id(), endpoint, Duration.ofSeconds(config.timeoutSeconds()));
    }

    /** Reads the line's public keys: the address answers, and with a key bundle orders can be sealed for. */
    @Override
    public List<Step> check() {
        try {
            line.vendorKeys();
            return List.of(Step.ok("keys from " + endpoint, "the line's signing and sealing keys were read"));
        } catch (IllegalStateException e) {
            return List.of(Step.failed("keys from " + endpoint, e.getMessage()));
        }
    }

    @Override
    public String id() {
        return line.id();
    }

    @Override
    public VendorKeys vendorKeys() {
        return line.vendorKeys();
    }

    @Override
    public SubmitReceipt submit(PersonalizationOrder order) throws ConnectorException {
        return line.submit(order);
    }

    @Override
    public OrderProgress progress(String orderId) throws ConnectorException {
        return line.progress(orderId);
    }

    @Override
    public Optional<SignedReport> report(String orderId) throws ConnectorException {
        return line.report(orderId);
    }

    @Override
    public void cancel(String orderId) throws ConnectorException {
        line.cancel(orderId);
    }
}
