package io.ifpp.connector.filedrop.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
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
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.connector.filedrop.FileDropPersonalizationConnector;
import io.ifpp.trust.PartyKeyStore;

/**
 * The file exchange with one vendor as an OSGi service, configured through Config Admin (PID {@value #PID},
 * described by the bundle's metatype): the two folders and two public key bundles. It holds no private key, so no
 * password is configured: the vendor opens what is sealed for it, and IFPP Studio signs orders before they come here.
 */
@Component(service = PersonalizationConnector.class, configurationPid = FileDropComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FileDropComponent.Config.class, factory = true)
public final class FileDropComponent implements PersonalizationConnector, ConnectorCheck {

    public static final String PID = "io.ifpp.connector.filedrop";

    /** The configuration; the build writes its metatype (OSGI-INF/metatype) from these annotations. */
    @ObjectClassDefinition(id = PID, name = "IFPP file-drop personalization connector",
            description = "An eUICC vendor reached through folders: sealed orders to an outbox, signed .out answers "
                    + "from an inbox.")
    public @interface Config {
        @AttributeDefinition(name = "Connector id",
                description = "How plans and agreements name this vendor connection.")
        String id() default "filedrop";

        /** Folder the vendor collects orders and cancellations from. */
        @AttributeDefinition(name = "Outbox folder",
                description = "Folder the vendor collects orders (.order) and cancellations (.cancel) from.")
        String outbox();

        /** Folder the vendor drops its answers ({@code .out} and {@code .out.sig}) into. */
        @AttributeDefinition(name = "Inbox folder",
                description = "Folder the vendor drops answers into: ORDER.out with its signature ORDER.out.sig.")
        String inbox();

        /** File with the vendor's public key bundle: orders are sealed for it, answers verified with it. */
        @AttributeDefinition(name = "Vendor public keys",
                description = "File with the vendor's public key bundle: orders are sealed for it and answers "
                        + "verified with it.")
        String vendorPublicKeys();

        /** File with the public key bundle of the IFPP Studio whose signed orders may be sent. */
        @AttributeDefinition(name = "Orderer public keys",
                description = "File with the public key bundle of the IFPP Studio whose signed orders may be sent "
                        + "(ifpp keys export-public).")
        String ordererPublicKeys();

        @AttributeDefinition(name = "Quiet period (ms)", min = "0",
                description = "How long a file in the inbox must be left unmodified before it is read.")
        long quietPeriodMillis() default 2000;

        @AttributeDefinition(name = "Signature wait (s)", min = "0",
                description = "How long an answer may wait for its .sig before it is quarantined as unsigned.")
        long signatureWaitSeconds() default 300;
    }

    private FileDropPersonalizationConnector connector;
    private Path outbox;
    private Path inbox;

    @Activate
    void activate(Config config) throws IOException, GeneralSecurityException {
        PartyKeyStore.PublicParty vendor = PartyKeyStore
                .readPublicBundle(Files.readString(Path.of(config.vendorPublicKeys())));
        PartyKeyStore.PublicParty orderer = PartyKeyStore
                .readPublicBundle(Files.readString(Path.of(config.ordererPublicKeys())));
        outbox = Path.of(config.outbox());
        inbox = Path.of(config.inbox());
        connector = new FileDropPersonalizationConnector(config.id(), outbox, inbox,
                new VendorKeys(vendor.kem(), vendor.signing()), orderer.signing(),
                Duration.ofMillis(config.quietPeriodMillis()), Duration.ofSeconds(config.signatureWaitSeconds()));
    }

    /** The key bundles were read at activation; the two folders must exist, and IFPP Studio must write to both. */
    @Override
    public List<Step> check() {
        List<Step> steps = new ArrayList<>();
        steps.add(Step.ok("keys", "the vendor's and the orderer's public key bundles were read"));
        steps.add(writable("outbox (orders for the vendor)", outbox));
        steps.add(writable("inbox (the vendor's answers)", inbox));
        return steps;
    }

    private static Step writable(String what, Path folder) {
        if (!Files.isDirectory(folder)) {
            return Step.failed(what, folder + " is not a folder");
        }
        try {
            Path probe = Files.createTempFile(folder, ".ifpp-check-", ".tmp");
            Files.delete(probe);
            return Step.ok(what, folder + " is writable");
        } catch (IOException e) {
            return Step.failed(what, folder + " is not writable: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    @Override
    public String id() {
        return connector.id();
    }

    @Override
    public VendorKeys vendorKeys() {
        return connector.vendorKeys();
    }

    @Override
    public PersonalizationReport.Reader reportReader() {
        return connector.reportReader();
    }

    @Override
    public SubmitReceipt submit(PersonalizationOrder order) throws ConnectorException {
        return connector.submit(order);
    }

    @Override
    public OrderProgress progress(String orderId) throws ConnectorException {
        return connector.progress(orderId);
    }

    @Override
    public Optional<SignedReport> report(String orderId) throws ConnectorException {
        return connector.report(orderId);
    }

    @Override
    public void cancel(String orderId) throws ConnectorException {
        connector.cancel(orderId);
    }
}
