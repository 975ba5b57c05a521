package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchServiceException;
import io.ifpp.orchestration.service.LocalBatchService;
import io.ifpp.orchestration.service.RemoteBatchService;
import io.ifpp.server.internal.rest.Role;
import io.ifpp.trust.TlsServerKeys;

/**
 * The orchestration service of a remote server (what the workbench uses in remote mode) answers as the local one over
 * the same database; and a server that stops mid-run leaves the batch resumable.
 */
class RemoteBatchServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path folder;

    private RemoteBatchService remote(RestServerFixture rest, Role role) throws Exception {
        return new RemoteBatchService(rest.server.baseUri(), rest.tokens.get(role).toCharArray(),
                TlsServerKeys.pinned(rest.tls.fingerprint()));
    }

    @Test
    void theRemoteServiceAnswersAsTheLocalOneAndEnforcesRoles() throws Exception {
        try (RestServerFixture rest = new RestServerFixture(folder)) {
            rest.storeExampleDesigns();
            RestServerFixture.expect(201, rest.postJson(Role.OPERATOR, "/batches",
                    "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 40, \"id\": \"remote-1\"}"));
            RemoteBatchService operator = remote(rest, Role.OPERATOR);
            AtomicInteger recounts = new AtomicInteger();
            Engine.Summary summary = operator.run("remote-1", false, new Engine.Listener() {
                @Override
                public void recounted(java.util.Map<Stage, Long> counts) {
                    recounts.incrementAndGet();
                }
            });
            assertEquals("COMPLETED", summary.state());
            assertEquals(40, summary.count(Stage.ACTIVATION_SCHEDULED));
            assertTrue(recounts.get() > 0);

            LocalBatchService local = new LocalBatchService(new BatchStore(rest.database, Clock.systemUTC()),
                    rest.engines, "test");
            assertEquals(local.status("remote-1"), operator.status("remote-1"));
            assertEquals(local.batches(), operator.batches());
            List<Stage> scheduled = List.of(Stage.ACTIVATION_SCHEDULED);
            List<BatchStore.DeviceInfo> page = operator.devices("remote-1", scheduled, 5, 10);
            assertEquals(10, page.size());
            assertEquals(local.devices("remote-1", scheduled, 5, 10), page);
            BatchStore.DeviceInfo device = page.get(3);
            assertEquals(device, operator.device(device.iccids().get(1)).orElseThrow());
            assertTrue(operator.device("no-such-serial").isEmpty());
            assertEquals(local.history("remote-1", device.index()), operator.history("remote-1", device.index()));

            RemoteBatchService auditor = remote(rest, Role.AUDITOR);
            assertEquals(40, auditor.status("remote-1").count(Stage.ACTIVATION_SCHEDULED), "an auditor watches");
            BatchServiceException denied = assertThrows(BatchServiceException.class, () -> auditor.cancel("remote-1"));
            assertEquals(BatchServiceException.Kind.DENIED, denied.kind());
            assertEquals(BatchServiceException.Kind.NOT_FOUND,
                    assertThrows(BatchServiceException.class, () -> operator.status("none")).kind());
            RemoteBatchService forged = new RemoteBatchService(rest.server.baseUri(), "ifpp_forged".toCharArray(),
                    TlsServerKeys.pinned(rest.tls.fingerprint()));
            assertEquals(BatchServiceException.Kind.DENIED,
                    assertThrows(BatchServiceException.class, forged::batches).kind());
            RemoteBatchService wrongPin = new RemoteBatchService(rest.server.baseUri(),
                    rest.tokens.get(Role.OPERATOR).toCharArray(), TlsServerKeys.pinned("00".repeat(31) + "00"));
            assertEquals(BatchServiceException.Kind.UNAVAILABLE,
                    assertThrows(BatchServiceException.class, wrongPin::batches).kind(), "another certificate");
        }
    }

    @Test
    void aServerStoppedMidRunLeavesTheBatchResumable() throws Exception {
        RestServerFixture rest = new RestServerFixture(folder);
        String batch = "graceful-1";
        try {
            rest.storeExampleDesigns();
            RestServerFixture.expect(201, rest.postJson(Role.OPERATOR, "/batches",
                    "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 4000, \"id\": \"" + batch + "\"}"));
            RestServerFixture.expect(202, rest.postJson(Role.OPERATOR, "/batches/" + batch + "/run", ""));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode stages = JSON.readTree(rest.get(Role.OPERATOR, "/batches/" + batch).body()).get("stages");
                if (stages.path("ACTIVATION_SCHEDULED").asInt() > 0) {
                    break;
                }
                Thread.sleep(50);
            }
        } finally {
            rest.close();
        }
        assertEquals("STOPPED", rest.runs.lastOutcome(batch).orElseThrow().state(),
                "stopping the server ended the run at a step boundary");
        LocalBatchService resumed = new LocalBatchService(new BatchStore(rest.database, Clock.systemUTC()),
                rest.engines, "test");
        assertTrue(resumed.status(batch).count(Stage.ACTIVATION_SCHEDULED) < 4000, "the run had not finished");
        Engine.Summary summary = resumed.run(batch, false, new Engine.Listener() {
        });
        assertEquals("COMPLETED", summary.state());
        assertEquals(4000, summary.count(Stage.ACTIVATION_SCHEDULED));
        Set<String> iccids = new java.util.HashSet<>();
        for (BatchStore.DeviceInfo device : resumed.devices(batch, List.of(), 0, 4000)) {
            device.iccids().forEach(iccid -> assertTrue(iccids.add(iccid), "ICCID " + iccid + " once"));
        }
    }
}
