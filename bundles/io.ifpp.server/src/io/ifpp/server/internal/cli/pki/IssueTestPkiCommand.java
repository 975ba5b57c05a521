package io.ifpp.server.internal.cli.pki;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.ifpp.core.AtomicFiles;
import io.ifpp.core.Eid;
import io.ifpp.server.internal.cli.NeedsClock;
import io.ifpp.trust.GsmaRole;
import io.ifpp.trust.TestPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ifpp pki issue-test-pki --out DIR}: a GSMA-shaped test PKI's certificates, for demos. */
@Command(name = "issue-test-pki", description = "Write the certificates of a new test PKI: CI, EUM, one eUICC, SM-DP+ (auth, pb, tls).")
final class IssueTestPkiCommand extends NeedsClock.Command implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the .der files to.")
    Path out;

    @Option(names = "--curve", defaultValue = "secp256r1", description = "secp256r1 (NIST P-256) or brainpoolP256r1.")
    String curve;

    @Option(names = "--eid-prefix", defaultValue = "89049032", description = "The EUM's EID range (default: ${DEFAULT-VALUE}).")
    String eidPrefix;

    @Override
    public Integer call() throws Exception {
        if (!eidPrefix.matches("\\d{2,30}")) {
            throw new IllegalArgumentException("--eid-prefix is 2 to 30 digits, got '" + eidPrefix + "'");
        }
        TestPki pki = TestPki.create(curve, clock);
        TestPki.Issued eum = pki.eum("IFPP Test EUM", eidPrefix);
        Eid eid = Eid.withCheckDigits((eidPrefix + "0".repeat(30)).substring(0, 29) + "1");
        write("ci.der", pki.ci());
        write("eum.der", eum);
        write("euicc.der", pki.euicc(eum, eid));
        write("smdp-auth.der", pki.smdp(GsmaRole.DP_AUTH, "smdp.test.example"));
        write("smdp-pb.der", pki.smdp(GsmaRole.DP_PB, "smdp.test.example"));
        write("smdp-tls.der", pki.smdp(GsmaRole.DP_TLS, "smdp.test.example"));
        spec.commandLine().getOut().printf("Test PKI (%s) written to %s: ci.der, eum.der, euicc.der (EID %s), smdp-auth.der, "
                + "smdp-pb.der, smdp-tls.der. Its private keys stay in memory: for verification demos only.%n", curve, out, eid);
        return 0;
    }

    private void write(String name, TestPki.Issued issued) throws java.io.IOException {
        AtomicFiles.write(out.resolve(name), issued.der());
    }
}
