package io.ifpp.server.internal.cli;

import java.util.concurrent.Callable;

import io.ifpp.core.ProductInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", description = "Print the IFPP Studio version.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(ProductInfo.describe());
        return 0;
    }
}
