package io.ifpp.server.internal.cli.profile;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import io.ifpp.core.AtomicFiles;
import io.ifpp.profile.ProfileCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp profile roundtrip IN -o OUT}: decode and encode again; says whether the bytes are identical. */
@Command(name = "roundtrip", description = "Decode and re-encode a profile package; exit 1 if the bytes differ.")
final class RoundtripCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "The profile package (DER).")
    Path input;

    @Option(names = { "-o", "--output" }, paramLabel = "OUT", required = true, description = "Where to write the re-encoded package.")
    Path output;

    @Override
    public Integer call() throws Exception {
        byte[] original = ProfileCommand.readBytes(input);
        byte[] again = ProfileCodec.encode(ProfileCommand.readPackage(input));
        AtomicFiles.write(output, again);
        boolean identical = Arrays.equals(original, again);
        spec.commandLine().getOut().printf("%s: %d bytes, %s%n", output, again.length,
                identical ? "identical to " + input : "DIFFERS from " + input + " (" + original.length + " bytes)");
        return identical ? 0 : 1;
    }
}
