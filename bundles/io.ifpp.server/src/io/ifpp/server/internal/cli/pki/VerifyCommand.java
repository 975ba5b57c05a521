package io.ifpp.server.internal.cli.pki;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.ifpp.server.internal.cli.NeedsClock;
import io.ifpp.trust.GsmaChainVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp pki verify CI [EUM] LEAF [--at INSTANT]}: exit 0 when valid, 1 with the reason. */
@Command(name = "verify", description = "Verify a chain, from the CI (the trust anchor) down to the leaf; DER or PEM.")
final class VerifyCommand extends NeedsClock.Command implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..3", paramLabel = "CERT", description = "CI.der [EUM.der] LEAF.der")
    List<Path> chain;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Check validity at this instant (ISO-8601), not now.")
    Instant at;

    @Override
    public Integer call() throws Exception {
        List<byte[]> certificates = new ArrayList<>();
        for (Path file : chain) {
            certificates.add(PkiCommand.certificate(file));
        }
        GsmaChainVerifier.Verdict verdict = GsmaChainVerifier.verify(certificates, at == null ? clock.instant() : at);
        (verdict.valid() ? spec.commandLine().getOut() : spec.commandLine().getErr())
                .println((verdict.valid() ? "valid: " : "INVALID: ") + verdict.reason());
        return verdict.valid() ? 0 : 1;
    }
}
