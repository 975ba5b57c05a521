package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.ifpp.connector.simulator.SimulatorSettings;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.store.Database;
import io.ifpp.orchestration.store.Migrations;
import io.ifpp.trust.SignatureKeyPair;

/**
 * An engine whose PostgreSQL goes away in the middle of a batch (the connections dropped, new ones refused, as in a
 * database restart or a network cut) waits for it and finishes the batch, rather than ending the run with the batch
 * left open and nobody working on it. The outage is made by a TCP proxy between the engine and the database.
 */
class PostgresOutageTest {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("outage_test");

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();

    @Test
    void anEngineWaitsOutADatabaseOutageAndFinishesTheBatch() throws Exception {
        String url = POSTGRES.freshUrl();
        String user = System.getenv("IFPP_TEST_DB_USER");
        String password = System.getenv("IFPP_TEST_DB_PASSWORD");
        Database direct = Database.of(url, user, password);
        Migrations.apply(direct);
        BatchStore store = new BatchStore(direct, Clock.systemUTC());
        store.create("outage", TestBatches.spec(1_200, VendorSimulator.ID), "alice");
        URI target = URI.create(url.replace("postgresql://", "http://"));
        List<String> notes = new CopyOnWriteArrayList<>();
        try (CuttableProxy proxy = new CuttableProxy(target.getHost(), target.getPort())) {
            Database throughProxy = Database.of(url.replace(target.getHost() + ":" + target.getPort(),
                    "127.0.0.1:" + proxy.port()), user, password);
            Engine engine = new Engine(throughProxy, new TestBatches.SimulatedPartners(
                    new VendorSimulator(SimulatorSettings.DEFAULT, ORDERER.publicKeys(), java.time.Clock.systemUTC()), TestBatches.smdp()),
                    ORDERER, Clock.systemUTC(), Engine.Settings.defaults("engine-1").withOrderSize(200));
            ExecutorService runner = Executors.newSingleThreadExecutor();
            try {
                Future<Engine.Summary> run = runner.submit(() -> engine.run("outage", new Engine.Listener() {
                    @Override
                    public void note(String message) {
                        notes.add(message);
                    }
                }));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (store.counts("outage").getOrDefault(Stage.ACTIVATION_SCHEDULED, 0L) == 0) {
                    assertTrue(System.nanoTime() < deadline, "no device was scheduled within 60 s");
                    Thread.sleep(20);
                }
                proxy.cut(Duration.ofSeconds(3));

                Engine.Summary summary = run.get(120, TimeUnit.SECONDS);

                assertEquals("COMPLETED", summary.state());
                assertEquals(Map.of(Stage.ACTIVATION_SCHEDULED, 1_200L), summary.counts());
            } finally {
                runner.shutdownNow();
            }
        }
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("the database is unreachable")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("the database is reachable again")), notes.toString());
    }

    @Test
    void anOutageLongerThanTheBoundEndsTheRun() throws Exception {
        String url = POSTGRES.freshUrl();
        String user = System.getenv("IFPP_TEST_DB_USER");
        String password = System.getenv("IFPP_TEST_DB_PASSWORD");
        Migrations.apply(Database.of(url, user, password));
        new BatchStore(Database.of(url, user, password), Clock.systemUTC()).create("gone",
                TestBatches.spec(400, VendorSimulator.ID), "alice");
        URI target = URI.create(url.replace("postgresql://", "http://"));
        try (CuttableProxy proxy = new CuttableProxy(target.getHost(), target.getPort())) {
            Database throughProxy = Database.of(url.replace(target.getHost() + ":" + target.getPort(),
                    "127.0.0.1:" + proxy.port()), user, password);
            Engine engine = new Engine(throughProxy, new TestBatches.SimulatedPartners(
                    new VendorSimulator(SimulatorSettings.DEFAULT.withPaused(true), ORDERER.publicKeys(), java.time.Clock.systemUTC()),
                    TestBatches.smdp()), ORDERER, Clock.systemUTC(),
                    Engine.Settings.defaults("engine-1").withDatabaseOutage(Duration.ofSeconds(2)));
            ExecutorService runner = Executors.newSingleThreadExecutor();
            try {
                Future<Engine.Summary> run = runner.submit(() -> engine.run("gone", new Engine.Listener() {
                }));
                Thread.sleep(1_000); // the paused line keeps the run polling for its report
                proxy.cut(Duration.ofSeconds(30));
                long start = System.nanoTime();
                Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(
                        java.util.concurrent.ExecutionException.class, () -> run.get(20, TimeUnit.SECONDS)).getCause();
                assertTrue(failure instanceof SQLException && failure.getMessage()
                        .contains("the database was unreachable for more than 2 s"), String.valueOf(failure));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "given up after about 2 s");
            } finally {
                runner.shutdownNow();
            }
        }
    }

    /**
     * Forwards loopback connections to the database; {@link #cut} closes every connection and refuses new ones for a
     * while, as a database restart does to its clients.
     */
    static final class CuttableProxy implements AutoCloseable {

        private final ServerSocket listener;
        private final String host;
        private final int targetPort;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private final ExecutorService pumps = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "outage-proxy");
            thread.setDaemon(true);
            return thread;
        });
        private volatile long refusedUntil;

        CuttableProxy(String host, int targetPort) throws IOException {
            this.host = host;
            this.targetPort = targetPort;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            pumps.execute(this::accept);
        }

        int port() {
            return listener.getLocalPort();
        }

        void cut(Duration refuseFor) {
            refusedUntil = System.nanoTime() + refuseFor.toNanos();
            for (Socket socket : open) {
                close(socket);
            }
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    if (System.nanoTime() < refusedUntil) {
                        close(client);
                        continue;
                    }
                    Socket server = new Socket(host, targetPort);
                    open.add(client);
                    open.add(server);
                    pumps.execute(() -> pump(client, server));
                    pumps.execute(() -> pump(server, client));
                } catch (IOException e) {
                    // Closed: the test is over.
                }
            }
        }

        private void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // One side closed or was cut: close both.
            } finally {
                close(from);
                close(to);
            }
        }

        private void close(Socket socket) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            open.forEach(this::close);
            pumps.shutdownNow();
        }
    }
}
