package io.ifpp.server.internal.cli.profile;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.ifpp.core.AtomicFiles;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp profile compile TEXT -o FILE.der}: value notation back to DER; nothing is written on an error. */
@Command(name = "compile", description = "Compile ASN.1 value notation to a profile package (DER).")
final class CompileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT", description = "Value notation, as 'ifpp profile dump' prints it.")
    Path text;

    @Option(names = { "-o", "--output" }, paramLabel = "FILE.der", required = true, description = "The package to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        ProfilePackage profile = ProfileCommand.compileText(text);
        byte[] der = ProfileCodec.encode(profile);
        AtomicFiles.write(output, der);
        spec.commandLine().getOut().printf("%s: %d elements, %d bytes%n", output, profile.elements().size(), der.length);
        return 0;
    }
}
