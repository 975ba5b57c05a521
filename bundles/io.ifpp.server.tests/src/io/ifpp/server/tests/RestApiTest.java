package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.ifpp.fixtures.Fixtures;
import io.ifpp.server.internal.rest.RestApi;
import io.ifpp.server.internal.rest.Role;

/** The REST API over real HTTPS on loopback: every route's success, 401, 403 and 400 paths. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest {

    private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path folder;

    private RestServerFixture rest;

    @BeforeAll
    void start() throws Exception {
        rest = new RestServerFixture(folder);
        rest.storeExampleDesigns();
    }

    @AfterAll
    void stop() throws Exception {
        rest.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[a-z]+\\}", "x");
    }

    @Test
    void everyRouteButHealthRefusesMissingOrWrongCredentialsWith401() throws Exception {
        for (RestApi.Route route : rest.api.routes()) {
            String path = concrete(route.template());
            HttpResponse<String> none = rest.send((String) null, route.method(), path, null, null);
            assertEquals(401, none.statusCode(), route + ": " + none.body());
            assertEquals("Bearer realm=\"ifpp\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
            HttpResponse<String> forged = rest.send("ifpp_not-a-token-of-ours", route.method(), path, null, null);
            assertEquals(401, forged.statusCode(), route + ": " + forged.body());
            assertTrue(json(forged).get("error").asText().contains("not valid"), forged.body());
        }
        HttpResponse<String> basic = rest.send((String) null, "GET", "/batches", null, null);
        assertEquals(401, basic.statusCode());
        assertEquals(200, rest.send((String) null, "GET", "/health", null, null).statusCode());
    }

    @Test
    void everyRouteRefusesTheRolesItDoesNotAdmitWith403() throws Exception {
        int refused = 0;
        for (RestApi.Route route : rest.api.routes()) {
            for (Role role : Role.values()) {
                if (route.roles().contains(role)) {
                    continue;
                }
                HttpResponse<String> response = rest.send(role, route.method(), concrete(route.template()),
                        "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                assertEquals(403, response.statusCode(), role + " " + route.method() + " " + route.template());
                assertTrue(json(response).get("error").asText().contains(role.id()), response.body());
                refused++;
            }
        }
        assertTrue(refused >= 20, "the roles divide the routes: " + refused + " refusals");
        // An SM-DP+'s token sends notifications and nothing else (from the security review: it held the operator's).
        for (RestApi.Route route : rest.api.routes()) {
            assertEquals(route.template().startsWith("/gsma/"), route.roles().contains(Role.SMDP), route.template());
            assertEquals(route.template().startsWith("/gsma/"), route.roles().equals(java.util.EnumSet.of(Role.SMDP)),
                    route.template());
        }
        assertEquals(403, rest.get(Role.OPERATOR, "/audit").statusCode(), "the audit log is the auditor's");
        assertEquals(403, rest.postJson(Role.AUDITOR, "/batches", "{}").statusCode(), "an auditor only reads");
    }

    @Test
    void theOpenApiDescriptionNamesExactlyTheRoutesWithTheirRoles() throws Exception {
        HttpResponse<String> response = rest.get(Role.AUDITOR, "/openapi.json");
        assertEquals(200, response.statusCode());
        JsonNode paths = json(response).get("paths");
        Set<String> described = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> path = paths.fields(); path.hasNext();) {
            Map.Entry<String, JsonNode> entry = path.next();
            for (Iterator<Map.Entry<String, JsonNode>> operation = entry.getValue().fields(); operation.hasNext();) {
                Map.Entry<String, JsonNode> op = operation.next();
                Set<String> roles = new TreeSet<>();
                op.getValue().get("x-roles").forEach(r -> roles.add(r.asText()));
                described.add(op.getKey().toUpperCase() + " " + entry.getKey() + " " + roles);
                assertTrue(op.getValue().path("responses").size() > 0, entry.getKey());
                if (!roles.isEmpty()) {
                    assertTrue(op.getValue().path("responses").has("401"), entry.getKey() + " documents 401");
                    assertTrue(op.getValue().path("responses").has("403"), entry.getKey() + " documents 403");
                }
            }
        }
        Set<String> served = new TreeSet<>();
        served.add("GET /health []");
        for (RestApi.Route route : rest.api.routes()) {
            Set<String> roles = new TreeSet<>();
            route.roles().forEach(r -> roles.add(r.id()));
            served.add(route.method() + " " + route.template() + " " + roles);
        }
        assertEquals(served, described);
    }

    @Test
    void agreementsAndPlansAreStoredOnlyWhenTheyValidate() throws Exception {
        HttpResponse<String> list = rest.get(Role.AUDITOR, "/agreements");
        assertEquals(200, list.statusCode());
        assertEquals(3, json(list).size(), list.body());

        HttpResponse<String> broken = rest.send(Role.ARCHITECT, "PUT", "/agreements/agreements", "application/yaml",
                "agreements:\n  - id: [unclosed\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, broken.statusCode(), broken.body());
        assertTrue(json(broken).get("field").asText().startsWith("line "), broken.body());
        HttpResponse<String> kept = rest.get(Role.ARCHITECT, "/agreements/agreements");
        assertEquals(200, kept.statusCode());
        assertEquals(Files.readString(EXAMPLES.resolve("agreements/agreements.yaml")), kept.body(),
                "a refused upload leaves the stored file as it was");

        // The same agreements again under another name: every id twice, which the validator refuses as a whole.
        HttpResponse<String> duplicate = rest.send(Role.ARCHITECT, "PUT", "/agreements/again", "application/yaml",
                Files.readAllBytes(EXAMPLES.resolve("agreements/agreements.yaml")));
        assertEquals(400, duplicate.statusCode(), duplicate.body());
        assertTrue(json(duplicate).get("details").size() > 0, duplicate.body());
        assertEquals(404, rest.get(Role.ARCHITECT, "/agreements/again").statusCode());
        HttpResponse<String> validated = rest.send(Role.ARCHITECT, "POST", "/agreements/validate",
                "application/yaml", Files.readAllBytes(EXAMPLES.resolve("agreements/agreements.yaml")));
        assertEquals(200, validated.statusCode(), validated.body());
        assertTrue(validated.body().contains("ERROR"), "duplicates reported, not stored: " + validated.body());

        HttpResponse<String> wrongType = rest.send(Role.ARCHITECT, "PUT", "/plans/p2", "text/plain",
                "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, wrongType.statusCode());
        assertEquals("Content-Type", json(wrongType).get("field").asText());
        HttpResponse<String> badName = rest.send(Role.ARCHITECT, "PUT", "/plans/.hidden", "application/yaml",
                "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, badName.statusCode(), badName.body());
        assertEquals("name", json(badName).get("field").asText());
        HttpResponse<String> escape = rest.send(Role.ARCHITECT, "PUT", "/plans/..%2Fescape", "application/yaml",
                "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, escape.statusCode(), "an encoded slash is refused before any route sees it");
        assertFalse(Files.exists(folder.resolve("designs/escape.yaml")));
    }

    @Test
    void aStoredPlanIsSolvedAndItsReadinessReported() throws Exception {
        HttpResponse<String> result = rest.get(Role.AUDITOR, "/plans/water/result?timeLimit=5");
        assertEquals(200, result.statusCode(), result.body());
        JsonNode plan = json(result);
        assertTrue(plan.get("fullCover").asBoolean(), result.body());
        assertTrue(plan.get("profiles").size() >= 2, result.body());
        HttpResponse<String> readiness = rest.get(Role.ARCHITECT, "/plans/water/readiness?timeLimit=5");
        assertEquals(200, readiness.statusCode(), readiness.body());
        assertTrue(json(readiness).has("verdict"), readiness.body());
        assertEquals(404, rest.get(Role.ARCHITECT, "/plans/none/result").statusCode());
        HttpResponse<String> badLimit = rest.get(Role.ARCHITECT, "/plans/water/result?timeLimit=soon");
        assertEquals(400, badLimit.statusCode());
        assertEquals("timeLimit", json(badLimit).get("field").asText());
    }

    @Test
    void profilePackagesAreStoredByteExactAndBrokenOnesRefused() throws Exception {
        String name = Fixtures.SAIP_PROFILES.get(0);
        byte[] der = Fixtures.saipDer(name);
        HttpResponse<String> stored = rest.send(Role.ARCHITECT, "PUT", "/profiles/ts48", "application/octet-stream",
                der);
        assertEquals(201, stored.statusCode(), stored.body());
        // The package holds the profile's keys and codes: the architect's alone, and each download audited.
        for (Role other : List.of(Role.AUDITOR, Role.OPERATOR)) {
            assertEquals(403, rest.get(other, "/profiles/ts48/package").statusCode(), other + " may not read keys");
        }
        HttpResponse<byte[]> back = rest.client.send(java.net.http.HttpRequest.newBuilder(rest.uri("/profiles/ts48/package"))
                .header("Authorization", "Bearer " + rest.tokens.get(Role.ARCHITECT)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, back.statusCode());
        assertArrayEquals(der, back.body(), "byte for byte as uploaded");
        assertTrue(new io.ifpp.orchestration.audit.AuditLog(rest.database, java.time.Clock.systemUTC()).page(1, 1_000)
                .stream().anyMatch(entry -> entry.action().equals("profile.package.download")
                        && entry.subject().equals("profile ts48") && entry.actor().equals("architect-test")),
                "the download is audited with who took it");
        HttpResponse<String> info = rest.get(Role.OPERATOR, "/profiles/ts48");
        assertEquals(200, info.statusCode(), info.body());
        assertTrue(json(info).get("elementCount").asInt() > 10, info.body());

        byte[] truncated = java.util.Arrays.copyOf(der, der.length / 2);
        HttpResponse<String> refused = rest.send(Role.ARCHITECT, "PUT", "/profiles/ts48", "application/octet-stream",
                truncated);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(json(refused).get("field").asText().startsWith("offset "), refused.body());
        HttpResponse<byte[]> unchanged = rest.client.send(java.net.http.HttpRequest.newBuilder(
                rest.uri("/profiles/ts48/package")).header("Authorization", "Bearer " + rest.tokens.get(Role.ARCHITECT))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(der, unchanged.body(), "a refused upload replaces nothing");
        HttpResponse<String> validated = rest.send(Role.ARCHITECT, "POST", "/profiles/validate",
                "application/octet-stream", der);
        assertEquals(200, validated.statusCode(), validated.body());
        assertTrue(json(validated).isArray());

        // Decodes, but breaks a SAIP rule: refused with the findings, nothing stored.
        String text = Fixtures.saipText(name).replace("iccid '89000123456789012341'H", "iccid '89000123456789012342'H");
        byte[] wrongIccid = io.ifpp.profile.ProfileCodec.encode(io.ifpp.profile.ProfileCodec.compile(text));
        HttpResponse<String> invalid = rest.send(Role.ARCHITECT, "PUT", "/profiles/wrong", "application/octet-stream",
                wrongIccid);
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertTrue(invalid.body().contains("iccid-luhn"), invalid.body());
        assertEquals(404, rest.get(Role.ARCHITECT, "/profiles/wrong").statusCode());
    }

    @Test
    void malformedBatchRequestsAre400WithTheFieldAndNothingIsCreated() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": ", "line 1, column ",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": \"many\"}", "quantity",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 10, \"colour\": \"red\"}", "colour",
                "{\"quantity\": 10}", "plan",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 0}", "quantity",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 10, \"eidPrefix\": \"8904\"}", "eidPrefix",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 10, \"activationLeadDays\": -1}",
                "activationLeadDays",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 10, \"id\": \"no spaces allowed\"}", "");
        int before = json(rest.get(Role.OPERATOR, "/batches")).size();
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            HttpResponse<String> response = rest.postJson(Role.OPERATOR, "/batches", bad.getKey());
            assertEquals(400, response.statusCode(), bad.getKey() + " -> " + response.body());
            JsonNode error = json(response);
            if (!bad.getValue().isEmpty()) {
                assertTrue(error.path("field").asText().startsWith(bad.getValue()), bad.getKey() + " -> "
                        + response.body());
            }
            assertFalse(error.get("error").asText().isBlank());
        }
        assertEquals(before, json(rest.get(Role.OPERATOR, "/batches")).size(), "no batch half-made");
        assertEquals(404, rest.postJson(Role.OPERATOR, "/batches", "{\"plan\": \"none\", \"quantity\": 5}")
                .statusCode());
    }

    /**
     * Without "simulated", a batch needs real partners: named, or from the plan and the agreements; the example plan
     * names the simulated line, so it is refused naming the field, as is a missing EUM range or a simulated batch
     * that names a real partner.
     */
    @Test
    void aBatchRequestWithoutRealPartnersIsRefusedUnlessSimulated() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"plan\": \"water\", \"quantity\": 10}", "vendor",
                "{\"plan\": \"water\", \"quantity\": 10, \"vendor\": \"acme-line\"}", "eidPrefix",
                "{\"plan\": \"water\", \"quantity\": 10, \"vendor\": \"acme-line\", \"eidPrefix\": \"89033023\", "
                        + "\"smdp\": \"es2plus-loopback\"}", "smdp",
                "{\"plan\": \"water\", \"quantity\": 10, \"simulated\": true, \"smdp\": \"es2plus\"}", "smdp");
        int before = json(rest.get(Role.OPERATOR, "/batches")).size();
        for (Map.Entry<String, String> refused : cases.entrySet()) {
            HttpResponse<String> response = rest.postJson(Role.OPERATOR, "/batches", refused.getKey());
            assertEquals(400, response.statusCode(), refused.getKey() + " -> " + response.body());
            assertEquals(refused.getValue(), json(response).path("field").asText(), response.body());
        }
        assertEquals(before, json(rest.get(Role.OPERATOR, "/batches")).size(), "no batch made");

        HttpResponse<String> real = rest.postJson(Role.OPERATOR, "/batches", "{\"plan\": \"water\", \"quantity\": 10, "
                + "\"id\": \"rest-real\", \"vendor\": \"acme-line\", \"eidPrefix\": \"89033023\"}");
        assertEquals(201, real.statusCode(), real.body());
        assertFalse(json(real).get("simulated").asBoolean(), real.body());
        assertFalse(json(rest.get(Role.OPERATOR, "/batches/rest-real")).get("simulated").asBoolean());
    }

    @Test
    void aBatchIsCreatedRunLookedUpAndItsOutputsStreamed() throws Exception {
        HttpResponse<String> created = rest.postJson(Role.OPERATOR, "/batches",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 60, \"id\": \"rest-1\"}");
        assertEquals(201, created.statusCode(), created.body());
        int profiles = json(created).get("profiles").size();
        assertTrue(json(created).get("simulated").asBoolean(), created.body());
        assertEquals(409, rest.postJson(Role.OPERATOR, "/batches",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 60, \"id\": \"rest-1\"}").statusCode(),
                "ids are unique");

        HttpResponse<String> run = rest.postJson(Role.OPERATOR, "/batches/rest-1/run", "");
        assertEquals(202, run.statusCode(), run.body());
        JsonNode status = waitUntilSettled("rest-1");
        assertEquals("COMPLETED", status.get("state").asText(), status.toString());
        assertEquals(60, status.get("stages").get("ACTIVATION_SCHEDULED").asInt(), status.toString());
        assertEquals("COMPLETED", status.get("lastRun").get("state").asText());

        HttpResponse<String> page = rest.get(Role.AUDITOR,
                "/batches/rest-1/devices?stage=ACTIVATION_SCHEDULED&offset=50&limit=20");
        assertEquals(200, page.statusCode(), page.body());
        JsonNode devices = json(page).get("devices");
        assertEquals(10, devices.size(), "devices 50-59 of 60");
        assertEquals(60, json(page).get("total").asInt());
        JsonNode device = devices.get(0);
        assertEquals(50, device.get("index").asInt());
        assertEquals(profiles, device.get("iccids").size());
        for (String key : new String[] { device.get("eid").asText(), device.get("iccids").get(0).asText(),
                device.get("serial").asText() }) {
            HttpResponse<String> found = rest.get(Role.OPERATOR, "/devices/" + key);
            assertEquals(200, found.statusCode(), key);
            assertEquals(50, json(found).get("index").asInt(), key);
        }
        assertEquals(404, rest.get(Role.OPERATOR, "/devices/89049032000000000000000000000000").statusCode());
        HttpResponse<String> badStage = rest.get(Role.OPERATOR, "/batches/rest-1/devices?stage=LOST");
        assertEquals(400, badStage.statusCode());
        assertEquals("stage", json(badStage).get("field").asText());

        // The device's packages, keys included: the architect's alone, each as recorded with the order, audited.
        HttpResponse<String> kept = rest.get(Role.ARCHITECT, "/devices/" + device.get("serial").asText() + "/packages");
        assertEquals(200, kept.statusCode(), kept.body());
        JsonNode packages = json(kept).get("packages");
        assertEquals(profiles, packages.size());
        for (int p = 0; p < profiles; p++) {
            byte[] der = java.util.Base64.getDecoder().decode(packages.get(p).get("der").asText());
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(der)), packages.get(p).get("sha256").asText());
            assertEquals(device.get("iccids").get(p).asText(), io.ifpp.profile.OperationalProfile.of(
                    io.ifpp.profile.ProfileCodec.decode(der)).iccid().orElseThrow().digits());
        }
        assertEquals(403, rest.get(Role.OPERATOR, "/devices/" + device.get("eid").asText() + "/packages")
                .statusCode(), "an operator may not read keys");

        HttpResponse<String> history = rest.get(Role.ARCHITECT, "/batches/rest-1/devices/50/history");
        assertEquals(200, history.statusCode(), history.body());
        Set<String> actions = new HashSet<>();
        json(history).forEach(entry -> actions.add(entry.get("action").asText()));
        assertTrue(actions.containsAll(Set.of("batch.create", "order.form", "batch.complete", "device.packages")),
                actions.toString());
        assertEquals(404, rest.get(Role.ARCHITECT, "/batches/rest-1/devices/60/history").statusCode());

        HttpResponse<String> manifest = rest.get(Role.OPERATOR, "/batches/rest-1/manifest");
        assertEquals(200, manifest.statusCode());
        assertEquals(60, json(manifest).get("devices").size());
        HttpResponse<String> csv = rest.get(Role.OPERATOR, "/batches/rest-1/schedule?format=csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals(1 + 60 * profiles, csv.body().strip().lines().count());
        assertEquals(400, rest.get(Role.OPERATOR, "/batches/rest-1/manifest?format=xml").statusCode());
        HttpResponse<String> mismatches = rest.get(Role.OPERATOR, "/batches/rest-1/mismatches?limit=5");
        assertEquals(200, mismatches.statusCode());
        assertEquals(0, json(mismatches).get("total").asLong(), "paged, with the total: " + mismatches.body());
        assertTrue(json(mismatches).get("mismatches").isArray(), mismatches.body());
        assertEquals(400, rest.get(Role.OPERATOR, "/batches/rest-1/mismatches?limit=10001").statusCode(),
                "a page has a bound");

        assertEquals(409, rest.postJson(Role.OPERATOR, "/batches/rest-1/cancel", "").statusCode(),
                "a completed batch is not open");
        assertEquals(409, rest.postJson(Role.OPERATOR, "/batches/rest-1/run", "").statusCode());
        assertEquals(404, rest.postJson(Role.OPERATOR, "/batches/none/run", "").statusCode());
        assertEquals(404, rest.get(Role.OPERATOR, "/batches/none").statusCode());
    }

    @Test
    void aBatchIsCancelledAndTheAuditorSeesWhoDidItInAVerifiedLog() throws Exception {
        assertEquals(201, rest.postJson(Role.OPERATOR, "/batches",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 20, \"id\": \"rest-cancel\"}").statusCode());
        HttpResponse<String> cancelled = rest.postJson(Role.OPERATOR, "/batches/rest-cancel/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals(20, json(cancelled).get("voided").asInt());
        assertEquals("CANCELLED", json(rest.get(Role.AUDITOR, "/batches/rest-cancel")).get("state").asText());
        assertEquals(409, rest.postJson(Role.OPERATOR, "/batches/rest-cancel/resume", "").statusCode());

        HttpResponse<String> verify = rest.get(Role.AUDITOR, "/audit/verify");
        assertEquals(200, verify.statusCode());
        assertTrue(json(verify).get("valid").asBoolean(), verify.body());
        HttpResponse<String> page = rest.get(Role.AUDITOR, "/audit?from=1&limit=10000");
        assertEquals(200, page.statusCode());
        boolean found = false;
        for (JsonNode entry : json(page)) {
            if (entry.get("action").asText().equals("batch.cancel") && entry.get("subject").asText()
                    .equals("batch rest-cancel")) {
                assertEquals("operator-test", entry.get("actor").asText(), "the token's name is the actor");
                found = true;
            }
        }
        assertTrue(found, page.body());
        assertEquals(400, rest.get(Role.AUDITOR, "/audit?limit=0").statusCode());
    }

    @Test
    void downloadProgressNotificationsFromTheSmdpAreRecorded() throws Exception {
        String notification = "{\"header\": {\"functionRequesterIdentifier\": \"smdp.example\", "
                + "\"functionCallIdentifier\": \"n-1\"}, \"iccid\": \"8988247000000000019\", \"profileType\": "
                + "\"water-eu\", \"timestamp\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\", "
                + "\"notificationPointId\": 3, \"notificationPointStatus\": {\"status\": \"Executed-Success\"}}";
        HttpResponse<String> answer = rest.postJson(Role.SMDP, "/gsma/rsp2/es2plus/handleDownloadProgressInfo",
                notification);
        // SGP.22's HTTP binding: a function without output data answers 204 No Content, with X-Admin-Protocol.
        assertEquals(204, answer.statusCode(), answer.body());
        assertEquals("", answer.body());
        assertEquals("gsma/rsp/v2.5.0", answer.headers().firstValue("X-Admin-Protocol").orElseThrow());
        HttpResponse<String> malformed = rest.postJson(Role.SMDP, "/gsma/rsp2/es2plus/handleDownloadProgressInfo",
                "{\"iccid\": 5}");
        assertEquals(400, malformed.statusCode(), "not an ES2+ message: no function result, a transport refusal");
        assertTrue(json(malformed).get("error").asText().contains("does not match its schema"), malformed.body());
        // From the security review: a field past the audit log's column stalled the callback at 503 for good.
        HttpResponse<String> oversized = rest.postJson(Role.SMDP, "/gsma/rsp2/es2plus/handleDownloadProgressInfo",
                notification.replace("\"water-eu\"", "\"" + "w".repeat(5_000) + "\""));
        assertEquals(400, oversized.statusCode(), oversized.body());
        assertTrue(json(oversized).get("error").asText().startsWith("profileType has 5000 characters"),
                oversized.body());
        assertEquals(403, rest.postJson(Role.OPERATOR, "/gsma/rsp2/es2plus/handleDownloadProgressInfo", notification)
                .statusCode(), "the callback is the SM-DP+'s role alone");
        boolean recorded = false;
        for (JsonNode entry : json(rest.get(Role.AUDITOR, "/audit?limit=10000"))) {
            recorded |= entry.get("action").asText().equals("es2plus.download-progress")
                    && entry.get("subject").asText().equals("iccid 8988247000000000019");
        }
        assertTrue(recorded);
    }

    @Test
    void everyRouteHasASuccessPath() throws Exception {
        Set<String> succeeded = new TreeSet<>();
        RestServerFixture.expect(201, rest.postJson(Role.OPERATOR, "/batches",
                "{\"plan\": \"water\", \"simulated\": true, \"quantity\": 12, \"id\": \"rest-every\"}"));
        RestServerFixture.expect(201, rest.send(Role.ARCHITECT, "PUT", "/profiles/every", "application/octet-stream",
                Fixtures.saipDer(Fixtures.SAIP_PROFILES.get(1))));
        RestServerFixture.expect(202, rest.postJson(Role.OPERATOR, "/batches/rest-every/resume", ""));
        succeeded.add("POST /batches/{id}/resume");
        JsonNode settled = waitUntilSettled("rest-every");
        assertEquals(12, settled.get("stages").get("ACTIVATION_SCHEDULED").asInt(), settled.toString());
        String eid = json(rest.get(Role.OPERATOR, "/batches/rest-every/devices?limit=1")).get("devices").get(0)
                .get("eid").asText();
        Map<String, String> concrete = Map.of("{name}", "water", "{id}", "rest-every", "{index}", "3", "{key}", eid);
        for (RestApi.Route route : rest.api.routes()) {
            if (!route.method().equals("GET")) {
                continue;
            }
            String path = route.template().startsWith("/profiles/") ? route.template().replace("{name}", "every")
                    : route.template().startsWith("/agreements/") ? route.template().replace("{name}", "agreements")
                    : route.template();
            for (Map.Entry<String, String> parameter : concrete.entrySet()) {
                path = path.replace(parameter.getKey(), parameter.getValue());
            }
            Role role = route.roles().contains(Role.AUDITOR) ? Role.AUDITOR : route.roles().iterator().next();
            HttpResponse<String> response = rest.get(role, path + (path.contains("/plans/water/") ? "?timeLimit=2"
                    : ""));
            assertEquals(200, response.statusCode(), route.template() + " -> " + path + ": " + response.body());
            assertFalse(response.body().isEmpty(), path);
            succeeded.add("GET " + route.template());
        }
        // The writes' success paths are the other tests' (PUT and POST above and in the tests before).
        assertTrue(succeeded.size() >= 20, succeeded.toString());
    }

    private JsonNode waitUntilSettled(String batchId) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode status = json(rest.get(Role.OPERATOR, "/batches/" + batchId));
            if (!status.get("running").asBoolean() && status.has("lastRun")) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("batch " + batchId + " did not settle within 2 minutes");
    }
}
