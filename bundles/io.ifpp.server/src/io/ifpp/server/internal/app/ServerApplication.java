package io.ifpp.server.internal.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

import io.ifpp.orchestration.partners.ConnectorConfigurations;
import io.ifpp.server.internal.DataDirectory;
import io.ifpp.server.internal.cli.IfppCli;

/** The headless product's entry point: hands the program arguments to the {@code ifpp} command line. */
public final class ServerApplication implements IApplication {

    private volatile IfppCli cli;

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        context.applicationRunning();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        cli = new IfppCli(out, err);
        watchConnectorConfigurations(err);
        return cli.run(args);
    }

    /** Every command of the product, the server first, has the connectors the data directory configures. */
    private static void watchConnectorConfigurations(PrintWriter err) {
        try {
            ConnectorConfigurations.of(DataDirectory.path()).watch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            err.println("ifpp: connectors' configuration files are not read: " + e.getMessage());
        }
    }

    @Override
    public void stop() {
        IfppCli running = cli;
        if (running != null) {
            running.stop();
        }
    }
}
