package io.ifpp.server.internal.batch;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.es2plus.Es2PlusClient;
import io.ifpp.connector.es2plus.Es2PlusSchemas;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.connector.es2plus.Es2PlusTestServer;
import io.ifpp.connector.es2plus.TlsIdentity;
import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.Partners;
import io.ifpp.orchestration.pipeline.Simulation;
import io.ifpp.orchestration.simulated.SimulatedPartners;
import io.ifpp.server.internal.connectors.ConnectorRegistry;
import io.ifpp.trust.GsmaRole;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.SignatureKeyPair;
import io.ifpp.trust.TestPki;

/**
 * The partners a batch names, as this server finds them. A batch that is not simulated gets the installed and
 * configured connectors, by id, and nothing else. A simulated batch gets the simulated partners built in, in this
 * process, and nothing else: those of {@link SimulatedPartners} (the vendor line, with keys kept in the data
 * directory so a restarted server reaches the same line, and an SM-DP+ without a protocol, for load) and
 * {@value Simulation#ES2PLUS_LOOPBACK} (the ES2+ test SM-DP+ over mutual TLS on loopback, through the real ES2+
 * client). A vendor connector's EUM chain is read from {@code <data>/trust/<vendor>/ci.pem} and {@code eum.pem}.
 */
public final class ServerPartners implements Partners, AutoCloseable {

    private final ConnectorRegistry registry;
    private final BatchSpec spec;
    private final Path dataDirectory;
    private final SimulatedPartners simulated;
    private ProfileOrderingConnector es2plus;
    private Es2PlusTestServer es2plusServer;
    private Es2PlusClient es2plusClient;

    /**
     * @param registry the installed connectors (null: none)
     * @param simulatedVendorKeys the simulated vendor line's keys
     * @param orderer the IFPP Studio whose orders the simulated line accepts
     * @param clock the engine's clock, on which the simulated line issues its eUICC certificates
     */
    public ServerPartners(ConnectorRegistry registry, BatchSpec spec, Path dataDirectory,
            PartyKeyStore.Party simulatedVendorKeys, SignatureKeyPair.PublicKeys orderer,
            SimulatorSettings vendorSettings, Clock clock) {
        this.registry = registry;
        this.spec = spec;
        this.dataDirectory = dataDirectory;
        this.simulated = new SimulatedPartners(spec, simulatedVendorKeys, orderer, vendorSettings, clock);
    }

    @Override
    public synchronized PersonalizationConnector vendor(String id) throws ConnectorException {
        if (spec.simulated()) {
            return simulated.vendor(id);
        }
        return installed(registry == null ? Optional.empty() : registry.personalization(id), "vendor", id);
    }

    @Override
    public synchronized ProfileOrderingConnector smdp(String id) throws ConnectorException {
        if (!spec.simulated()) {
            return installed(registry == null ? Optional.empty() : registry.profileOrdering(id), "SM-DP+", id);
        }
        if (!id.equals(Simulation.ES2PLUS_LOOPBACK)) {
            return simulated.smdp(id);
        }
        if (es2plus == null) {
            try {
                es2plus = es2plusLoopback();
            } catch (NoClassDefFoundError e) {
                throw new ConnectorException(Reason.UNAVAILABLE, "the ES2+ connector, which runs '" + id
                        + "', is not installed in this product");
            }
        }
        return es2plus;
    }

    private static <C> C installed(Optional<C> connector, String kind, String id) throws ConnectorException {
        return connector.orElseThrow(() -> new ConnectorException(Reason.UNAVAILABLE, "no " + kind + " connector '"
                + id + "' is installed and configured ('ifpp connectors' lists them)"));
    }

    /** The ES2+ test SM-DP+ on a free loopback port, both sides' TLS certificates from one fresh test PKI. */
    private ProfileOrderingConnector es2plusLoopback() throws ConnectorException {
        try {
            // Both TLS peers check these certificates with JSSE, which reads the system clock.
            TestPki pki = TestPki.create("secp256r1", Clock.systemUTC());
            X509Certificate ci = TlsIdentity.certificate(pki.ci().der());
            TestPki.Issued smdpTls = pki.smdp(GsmaRole.DP_TLS, "localhost");
            TestPki.Issued operator = pki.smdp(GsmaRole.DP_TLS, "ifpp-operator");
            es2plusServer = new Es2PlusTestServer(new TlsIdentity(smdpTls.keys().getPrivate(),
                    List.of(TlsIdentity.certificate(smdpTls.der())), List.of(ci)), "localhost", 0,
                    Es2PlusSchemas.bundled(), "smdp.ifpp.invalid");
            spec.profiles().forEach(p -> es2plusServer.addRange(p.iccidPrefix(), p.profileType()));
            es2plusClient = new Es2PlusClient(Es2PlusSettings.of(es2plusServer.uri(), "ifpp-studio"),
                    new TlsIdentity(operator.keys().getPrivate(), List.of(TlsIdentity.certificate(operator.der())),
                            List.of(ci)));
            return es2plusClient;
        } catch (RuntimeException e) {
            throw new ConnectorException(Reason.UNAVAILABLE, "the loopback ES2+ SM-DP+ did not start: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<byte[]> eumChain(String vendorId) throws ConnectorException {
        if (spec.simulated()) {
            return simulated.eumChain(vendorId);
        }
        return VendorTrust.eumChain(dataDirectory, vendorId);
    }

    @Override
    public synchronized void close() {
        if (es2plusClient != null) {
            es2plusClient.close();
        }
        if (es2plusServer != null) {
            es2plusServer.close();
        }
    }
}
