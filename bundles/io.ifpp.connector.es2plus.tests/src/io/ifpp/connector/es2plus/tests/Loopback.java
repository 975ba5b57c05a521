package io.ifpp.connector.es2plus.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

import io.ifpp.connector.es2plus.Es2PlusSchemas;
import io.ifpp.connector.es2plus.TlsIdentity;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.trust.GsmaRole;
import io.ifpp.trust.TestPki;

/**
 * The TLS material of the tests, from one test PKI: the SM-DP+ presents its DP_TLS certificate; IFPP Studio presents
 * a client certificate from the same CI (TestPki issues no operator role, so a TLS certificate with clientAuth);
 * each trusts the CI. Both name {@code localhost}, where everything listens.
 */
final class Loopback {

    static final String HOST = "localhost";
    static final TestPki PKI = TestPki.create("secp256r1", java.time.Clock.systemUTC()) /* JSSE checks validity at the system clock */;
    static final TlsIdentity SMDP = identity(PKI.smdp(GsmaRole.DP_TLS, HOST));
    static final TlsIdentity IFPP = identity(PKI.smdp(GsmaRole.DP_TLS, HOST));
    /** The shared fixtures' copy of the schemas, independent of the one the bundle ships. */
    static final Es2PlusSchemas FIXTURE_SCHEMAS = Es2PlusSchemas
            .from(name -> Fixtures.read("es2plus-schemas/" + name));

    private Loopback() {
    }

    static TlsIdentity identity(TestPki.Issued issued) {
        return new TlsIdentity(issued.keys().getPrivate(), List.of(TlsIdentity.certificate(issued.der())),
                List.of(TlsIdentity.certificate(PKI.ci().der())));
    }

    /** A port nothing listens on (for an SM-DP+ that is down). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
