package io.ifpp.connector.filedrop.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OperatorConnector;
import io.ifpp.connector.filedrop.FileDropOperatorConnector;
import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.PartyKeyStore;

/**
 * The file exchange with one operator's HSS import as an OSGi service: one factory configuration (factory PID
 * {@value #PID}) per operator, naming its folders and public key bundle. No private key, so no password.
 */
@Component(service = OperatorConnector.class, configurationPid = FileDropOperatorComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FileDropOperatorComponent.Config.class, factory = true)
public final class FileDropOperatorComponent implements OperatorConnector {

    public static final String PID = "io.ifpp.connector.filedrop.operator";

    /** The configuration; the build writes its metatype (OSGI-INF/metatype) from these annotations. */
    @ObjectClassDefinition(id = PID, name = "IFPP file-drop operator connector",
            description = "An operator's HSS/AuC import reached through folders: sealed subscription files to an "
                    + "outbox, acknowledgements from an inbox. One configuration per operator.")
    public @interface Config {
        @AttributeDefinition(name = "Connector id",
                description = "How plans and agreements name this operator connection.")
        String id();

        /** Folder the operator collects deliveries ({@code .delivery}) from. */
        @AttributeDefinition(name = "Outbox folder",
                description = "Folder the operator collects deliveries (.delivery) from.")
        String outbox();

        /** Folder the operator drops acknowledgements ({@code .ack}) into. */
        @AttributeDefinition(name = "Inbox folder",
                description = "Folder the operator drops acknowledgements (DELIVERY.ack) into.")
        String inbox();

        /** File with the operator's public key bundle: deliveries are sealed for it. */
        @AttributeDefinition(name = "Operator public keys",
                description = "File with the operator's public key bundle: deliveries are sealed for it.")
        String operatorPublicKeys();

        /** File with the public key bundle of the IFPP Studio whose signed deliveries may be sent. */
        @AttributeDefinition(name = "Orderer public keys",
                description = "File with the public key bundle of the IFPP Studio whose signed deliveries may be "
                        + "sent (ifpp keys export-public).")
        String ordererPublicKeys();

        @AttributeDefinition(name = "Quiet period (ms)", min = "0",
                description = "How long an acknowledgement must be left unmodified before it is read.")
        long quietPeriodMillis() default 2000;
    }

    private FileDropOperatorConnector connector;

    @Activate
    void activate(Config config) throws IOException, GeneralSecurityException {
        PartyKeyStore.PublicParty operator = PartyKeyStore
                .readPublicBundle(Files.readString(Path.of(config.operatorPublicKeys())));
        PartyKeyStore.PublicParty orderer = PartyKeyStore
                .readPublicBundle(Files.readString(Path.of(config.ordererPublicKeys())));
        connector = new FileDropOperatorConnector(config.id(), Path.of(config.outbox()), Path.of(config.inbox()),
                operator.kem(), orderer.signing(), Duration.ofMillis(config.quietPeriodMillis()));
    }

    @Override
    public String id() {
        return connector.id();
    }

    @Override
    public KemKeyPair.PublicKeys sealingKeys() {
        return connector.sealingKeys();
    }

    @Override
    public DeliveryReceipt deliver(Delivery delivery) throws ConnectorException {
        return connector.deliver(delivery);
    }

    @Override
    public Optional<Acknowledgement> acknowledgement(String deliveryId) throws ConnectorException {
        return connector.acknowledgement(deliveryId);
    }
}
