package io.ifpp.connector.es2plus.internal;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.connector.api.PartnerSimulator;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.es2plus.Es2PlusClient;
import io.ifpp.connector.es2plus.Es2PlusSchemas;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.connector.es2plus.Es2PlusTestServer;
import io.ifpp.connector.es2plus.TlsIdentity;
import io.ifpp.trust.GsmaRole;
import io.ifpp.trust.TestPki;

/**
 * The simulated SM-DP+ {@value #ID}: the ES2+ test SM-DP+ on a free loopback port, holding one simulated batch's
 * ICCID ranges, reached through the real ES2+ client over mutual TLS, both sides' certificates from one fresh test
 * PKI. It exercises the protocol end to end where the in-process SM-DP+ simulator skips it.
 */
@Component(service = PartnerSimulator.class)
public final class Es2PlusLoopbackComponent implements PartnerSimulator {

    public static final String ID = "es2plus-loopback";

    @Override
    public Set<String> vendorIds() {
        return Set.of();
    }

    @Override
    public Set<String> smdpIds() {
        return Set.of(ID);
    }

    @Override
    public Session open(Setup setup) {
        return new Loopback(setup);
    }

    /** The test server and the client of one batch, started when first asked for. */
    private static final class Loopback implements Session {

        private final Setup setup;
        private Es2PlusTestServer server;
        private Es2PlusClient client;

        Loopback(Setup setup) {
            this.setup = setup;
        }

        @Override
        public Optional<PersonalizationConnector> vendor(String id) {
            return Optional.empty();
        }

        @Override
        public synchronized Optional<ProfileOrderingConnector> smdp(String id) throws ConnectorException {
            if (!ID.equals(id)) {
                return Optional.empty();
            }
            if (client == null) {
                start();
            }
            return Optional.of(client);
        }

        private void start() throws ConnectorException {
            try {
                // Both TLS peers check these certificates with JSSE, which reads the system clock.
                TestPki pki = TestPki.create("secp256r1", Clock.systemUTC());
                X509Certificate ci = TlsIdentity.certificate(pki.ci().der());
                TestPki.Issued smdpTls = pki.smdp(GsmaRole.DP_TLS, "localhost");
                TestPki.Issued operator = pki.smdp(GsmaRole.DP_TLS, "ifpp-operator");
                server = new Es2PlusTestServer(new TlsIdentity(smdpTls.keys().getPrivate(),
                        List.of(TlsIdentity.certificate(smdpTls.der())), List.of(ci)), "localhost", 0,
                        Es2PlusSchemas.bundled(), "smdp.ifpp.invalid");
                setup.ranges().forEach(r -> server.addRange(r.iccidPrefix(), r.profileType()));
                client = new Es2PlusClient(Es2PlusSettings.of(server.uri(), "ifpp-studio"),
                        new TlsIdentity(operator.keys().getPrivate(),
                                List.of(TlsIdentity.certificate(operator.der())), List.of(ci)));
            } catch (RuntimeException e) {
                close();
                throw new ConnectorException(Reason.UNAVAILABLE, "the loopback ES2+ SM-DP+ did not start: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public List<byte[]> eumChain(String vendorId) throws ConnectorException {
            throw new ConnectorException(Reason.UNAVAILABLE, "'" + ID + "' simulates an SM-DP+, not a vendor line");
        }

        @Override
        public synchronized void close() {
            if (client != null) {
                client.close();
                client = null;
            }
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }
}
