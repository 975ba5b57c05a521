package io.ifpp.server.internal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.health.HealthReport;
import io.ifpp.server.internal.http.IfppHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "server", description = "Run the headless server's HTTP endpoint (GET /health) until stopped.")
final class ServerCommand implements Callable<Integer> {

    static final int DEFAULT_PORT = 8470;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).",
            defaultValue = "127.0.0.1")
    String host;

    private int port = DEFAULT_PORT;

    private volatile IfppHttpServer running;

    @Option(names = "--port", description = "TCP port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + DEFAULT_PORT)
    void setPort(int value) {
        if (value < 0 || value > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--port': " + value + " is not a TCP port (0-65535).");
        }
        port = value;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        IfppHttpServer server = IfppHttpServer.start(host, port, Services.await(HealthReport.class, Duration.ofSeconds(10)));
        running = server;
        PrintWriter out = spec.commandLine().getOut();
        out.println("IFPP Server listening on " + server.baseUri() + " (health: " + server.baseUri().resolve("/health")
                + "). Stop with Ctrl+C.");
        out.flush();
        server.awaitStop();
        out.println("IFPP Server stopped.");
        return 0;
    }

    IfppHttpServer running() {
        return running;
    }
}
