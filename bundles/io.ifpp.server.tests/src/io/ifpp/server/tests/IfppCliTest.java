package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.ifpp.core.ProductInfo;
import io.ifpp.server.internal.cli.IfppCli;
import io.ifpp.trust.TlsServerKeys;

class IfppCliTest {

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        String help = cli.out();
        assertTrue(help.contains("Usage: ifpp"), help);
        assertTrue(help.matches("(?s).*\\n\\s+version\\s+Print the IFPP Studio version.*"), help);
        assertTrue(help.matches("(?s).*\\n\\s+server\\s+Run the headless server.*"), help);
    }

    @Test
    void everySubcommandAnswersHelpEvenWithoutItsRequiredOptions() {
        assertEquals(0, run("simulate", "vendor", "--help"));
        assertTrue(cli.out().contains("--orderer-keys=FILE"), cli.out());
        assertEquals(0, run("plan", "--help"));
    }

    /** The server names no connector's classes: the simulator and ES2+ bundles add 'simulate vendor' and 'smdp'. */
    @Test
    void simulateListsTheCommandsTheInstalledConnectorsAdd() {
        assertEquals(0, run("simulate"));
        assertTrue(cli.out().matches("(?s).*\\n\\s+vendor\\s+Serve a simulated eUICC personalization line.*"), cli.out());
        assertTrue(cli.out().matches("(?s).*\\n\\s+smdp\\s+Serve a simulated SM-DP\\+.*"), cli.out());
    }

    @Test
    void versionCommandAndOptionPrintTheSuiteVersion() {
        assertEquals(0, run("version"));
        assertEquals(ProductInfo.describe(), cli.out().strip());
        cli.out.getBuffer().setLength(0);
        assertEquals(0, run("--version"));
        assertEquals(ProductInfo.describe(), cli.out().strip());
    }

    @Test
    void unknownCommandIsAUsageErrorNamingIt() {
        assertEquals(2, run("frobnicate"));
        assertTrue(cli.err().contains("frobnicate"), cli.err());
        assertFalse(cli.err().contains("Exception"), cli.err());
    }

    @Test
    void portOutOfRangeIsAUsageError() {
        assertEquals(2, run("server", "--port", "70000"));
        assertTrue(cli.err().contains("70000 is not a TCP port (0-65535)"), cli.err());
    }

    @Test
    void aBadPortInTheConfigurationFileIsAUsageErrorNamingIt() throws IOException {
        java.nio.file.Path config = java.nio.file.Files.createTempFile("server", ".properties");
        java.nio.file.Files.writeString(config, "port = eighty\n");
        CliRun server = CliRun.withDataDirectoryPassword();
        assertEquals(2, server.run("server", "--config", config.toString()));
        assertTrue(server.err().contains("eighty is not a TCP port (0-65535)"), server.err());
        assertEquals(IfppCli.EXIT_FAILURE, server.run("server", "--config", config + ".missing"));
        assertTrue(server.err().contains("cannot be read"), server.err());
    }

    @Test
    void busyPortIsOneSentenceNotAStackTrace() throws IOException {
        CliRun server = CliRun.withDataDirectoryPassword();
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(IfppCli.EXIT_FAILURE, server.run("server", "--port", Integer.toString(taken.getLocalPort())));
        }
        String message = server.err();
        assertTrue(message.contains("already in use"), message);
        assertFalse(message.contains("\tat "), message);
        assertEquals(1, message.strip().lines().count(), message);
    }

    @Test
    void serverCommandServesHealthAndTheApiOverHttpsUntilStopped() throws Exception {
        PipedReader pipe = new PipedReader();
        PrintWriter serverOut = new PrintWriter(new PipedWriter(pipe), true);
        IfppCli serverCli = new IfppCli(serverOut, new PrintWriter(new StringWriter(), true),
                prompt -> "batch-cli-test-password".toCharArray(), java.time.Clock.systemUTC());
        // Settings from a configuration file: any free port instead of the default 8470.
        java.nio.file.Path config = java.nio.file.Files.createTempFile("server", ".properties");
        java.nio.file.Files.writeString(config, "host = 127.0.0.1\nport = 0\n");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> serverCli.run("server", "--config",
                config.toString()));

        java.io.BufferedReader lines = new java.io.BufferedReader(pipe);
        String banner = lines.readLine();
        Matcher url = Pattern.compile("listening on (https://127\\.0\\.0\\.1:\\d+/)").matcher(banner);
        assertTrue(url.find(), banner);
        Matcher fingerprint = Pattern.compile("SHA-256 ([0-9A-F:]{95})").matcher(lines.readLine());
        assertTrue(fingerprint.find());
        HttpClient client = HttpClient.newBuilder().sslContext(TlsServerKeys.pinned(fingerprint.group(1))).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url.group(1)).resolve("/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        HttpResponse<String> batches = client.send(HttpRequest.newBuilder(URI.create(url.group(1)).resolve("/batches"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, batches.statusCode(), "the API needs a token");

        serverCli.stop();
        Integer code = exit.get(60, TimeUnit.SECONDS);
        assertNotNull(code);
        assertEquals(0, code.intValue());
    }
}
