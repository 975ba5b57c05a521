package io.ifpp.connector.es2plus.internal;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;

import io.ifpp.connector.api.ConnectorCommand;
import io.ifpp.connector.es2plus.Es2PlusSchemas;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.connector.es2plus.Es2PlusTestServer;
import io.ifpp.connector.es2plus.TlsIdentity;
import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;
import io.ifpp.trust.GsmaRole;
import io.ifpp.trust.TestPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ifpp simulate smdp}: an SM-DP+ test double speaking ES2+ over mutual TLS, standing in for an operator's. */
@Component(service = ConnectorCommand.class)
public final class SimulateSmdpCommand implements ConnectorCommand {

    @Override
    public String parent() {
        return "simulate";
    }

    @Override
    public String name() {
        return "smdp";
    }

    @Override
    public Object newCommand(Console console) {
        return new Smdp(console);
    }

    @Command(name = "smdp", description = "Serve a simulated SM-DP+ (GSMA SGP.22 ES2+ over mutual TLS) until stopped. "
            + "It makes a test PKI and writes to --pki-out the CI certificate both sides trust (ci.pem) and the "
            + "operator's client key store (operator.p12, alias 'operator', password from IFPP_KEYSTORE_PASSWORD "
            + "or a prompt), as the ES2+ connector's configuration names them.")
    static final class Smdp implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--host", defaultValue = "localhost",
                description = "Address and TLS certificate name (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "8490", description = "TCP port, 0 for any (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--pki-out", required = true, paramLabel = "DIR",
                description = "Folder for ci.pem, smdp-tls.pem and operator.p12 (created if needed).")
        Path pkiOut;

        @Option(names = "--profiles", defaultValue = "10", description = "Available profiles (default: ${DEFAULT-VALUE}).")
        int profiles;

        @Option(names = "--profile-type", defaultValue = "ifpp-test", description = "Their profile type.")
        String profileType;

        @Option(names = "--iccid-prefix", defaultValue = "8949001",
                description = "First digits of their ICCIDs (19 digits with the Luhn check digit).")
        String iccidPrefix;

        @Option(names = "--notify", paramLabel = "URL",
                description = "Operator's ES2+ base address for HandleDownloadProgressInfo (mutual TLS); its host is "
                        + "named in operator.p12's certificate.")
        URI notify;

        @Option(names = "--operator-names", paramLabel = "NAME", split = ",", defaultValue = "ifpp-operator,localhost",
                description = "Host names (or IP addresses) of the operator's certificate in operator.p12, which its "
                        + "notification endpoint presents (default: ${DEFAULT-VALUE}; the --notify host is added).")
        List<String> operatorNames;

        @Option(names = "--delay-ms", defaultValue = "0", description = "Delay of every answer (a slow SM-DP+).")
        long delayMillis;

        private final ConnectorCommand.Console console;

        Smdp(ConnectorCommand.Console console) {
            this.console = console;
        }

        @Override
        public Integer call() throws Exception {
            return serve(this);
        }
    }

    static int serve(Smdp options) throws Exception {
        if (!options.iccidPrefix.matches("89\\d{0,16}") || options.profiles < 0) {
            throw new IllegalArgumentException("--iccid-prefix is 89 and up to 16 more digits, --profiles >= 0");
        }
        // Both TLS peers check these certificates with JSSE, which reads the system clock.
        TestPki pki = TestPki.create("secp256r1", Clock.systemUTC());
        TestPki.Issued smdpTls = pki.smdp(GsmaRole.DP_TLS, options.host);
        // TestPki has no operator role: the operator's certificate is a TLS one (server and client) of the CI,
        // naming every host its notification endpoint may be reached at.
        List<String> operatorNames = new ArrayList<>(options.operatorNames);
        if (options.notify != null && options.notify.getHost() != null
                && !operatorNames.contains(options.notify.getHost())) {
            operatorNames.add(options.notify.getHost());
        }
        TestPki.Issued operator = pki.tls(operatorNames);
        X509Certificate ci = TlsIdentity.certificate(pki.ci().der());
        Files.createDirectories(options.pkiOut);
        Files.writeString(options.pkiOut.resolve("ci.pem"), pki.ci().pem());
        Files.writeString(options.pkiOut.resolve("smdp-tls.pem"), smdpTls.pem());
        char[] password = options.console.password("Password of the operator key store to write");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("operator", operator.keys().getPrivate(), password, new Certificate[] {
                    TlsIdentity.certificate(operator.der()) });
            try (OutputStream out = Files.newOutputStream(options.pkiOut.resolve("operator.p12"))) {
                store.store(out, password);
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        TlsIdentity identity = new TlsIdentity(
                smdpTls.keys().getPrivate(),
                List.of(TlsIdentity.certificate(smdpTls.der())),
                List.of(ci));
        try (Es2PlusTestServer smdp = new Es2PlusTestServer(
                identity, options.host, options.port, Es2PlusSchemas.bundled(),
                options.host)) {
            String first = null;
            String last = null;
            for (int i = 0; i < options.profiles; i++) {
                String body = options.iccidPrefix + String.format("%0" + (18 - options.iccidPrefix.length()) + "d", i);
                Iccid iccid = Iccid.of(body + Luhn.checkDigit(body));
                smdp.addProfile(iccid, options.profileType);
                first = first == null ? iccid.digits() : first;
                last = iccid.digits();
            }
            if (options.notify != null) {
                smdp.notifyTo(options.notify, Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL);
                PrintWriter err = options.spec.commandLine().getErr();
                smdp.onNotificationFailure(why -> {
                    err.println("ifpp simulate smdp: " + why);
                    err.flush();
                });
            }
            smdp.delayAnswers(Duration.ofMillis(options.delayMillis));
            PrintWriter out = options.spec.commandLine().getOut();
            out.println("SM-DP+ simulator (ES2+) at " + smdp.uri() + " with " + options.profiles
                    + " profiles of type '" + options.profileType + "'"
                    + (first == null ? "" : " (ICCIDs " + first + " to " + last + ")")
                    + "; operator client key store " + options.pkiOut.resolve("operator.p12")
                    + " (alias operator), trusted issuer " + options.pkiOut.resolve("ci.pem") + ". Stop with Ctrl+C.");
            out.flush();
            ConnectorCommand.awaitStop();
        }
        return 0;
    }
}
