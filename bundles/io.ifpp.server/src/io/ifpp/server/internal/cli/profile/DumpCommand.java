package io.ifpp.server.internal.cli.profile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.ifpp.core.AtomicFiles;
import io.ifpp.profile.ProfileCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp profile dump FILE [-o TEXT]}: the package as ASN.1 value notation, for review and diffs in git. */
@Command(name = "dump", description = "Print a profile package as ASN.1 value notation (keys included: it is the profile).")
final class DumpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The profile package (DER).")
    Path file;

    @Option(names = { "-o", "--output" }, paramLabel = "TEXT", description = "Write to this file instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        String text = ProfileCodec.dump(ProfileCommand.readPackage(file));
        if (output == null) {
            spec.commandLine().getOut().print(text);
        } else {
            AtomicFiles.write(output, text.getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }
}
