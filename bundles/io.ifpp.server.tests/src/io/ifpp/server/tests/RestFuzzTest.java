package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.core.Diagnostic;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.server.internal.rest.Role;

/**
 * Hostile request bodies over real HTTPS: mutated batch requests, agreement and plan files, profile packages and
 * SM-DP+ notifications (seeded, so a failure repeats). Every answer is a typed one (no 5xx), every refusal a JSON
 * error, and afterwards what is stored still validates as a whole: nothing half-applied.
 */
class RestFuzzTest {

    private static final int PER_TARGET = 1_200;
    private static final Set<Integer> TYPED = Set.of(200, 201, 202, 204, 400, 404, 409, 413);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    private record Target(Role role, String method, String path, String contentType, byte[] seed) {
    }

    @Test
    void mutatedBodiesGetTypedAnswersAndLeaveTheStoredDesignsValid() throws Exception {
        try (RestServerFixture rest = new RestServerFixture(folder)) {
            rest.storeExampleDesigns();
            String notification = "{\"header\": {\"functionRequesterIdentifier\": \"smdp.example\", "
                    + "\"functionCallIdentifier\": \"n-1\"}, \"iccid\": \"8988247000000000019\", \"profileType\": "
                    + "\"water-eu\", \"timestamp\": \"2026-11-24T10:00:00Z\", \"notificationPointId\": 3, "
                    + "\"notificationPointStatus\": {\"status\": \"Executed-Success\"}}";
            List<Target> targets = List.of(
                    new Target(Role.OPERATOR, "POST", "/batches", "application/json",
                            ("{\"plan\": \"water\", \"simulated\": true, \"quantity\": 3, "
                                    + "\"eidPrefix\": \"89049032\", \"activationLeadDays\": 2}")
                                    .getBytes(StandardCharsets.UTF_8)),
                    new Target(Role.ARCHITECT, "PUT", "/agreements/agreements", "application/yaml",
                            Files.readAllBytes(EXAMPLES.resolve("agreements/agreements.yaml"))),
                    new Target(Role.ARCHITECT, "PUT", "/plans/water", "application/yaml",
                            Files.readAllBytes(EXAMPLES.resolve("plans/smart-water-meter.yaml"))),
                    new Target(Role.ARCHITECT, "PUT", "/profiles/fuzzed", "application/octet-stream",
                            Fixtures.saipDer(Fixtures.SAIP_PROFILES.get(0))),
                    new Target(Role.SMDP, "POST", "/gsma/rsp2/es2plus/handleDownloadProgressInfo",
                            "application/json", notification.getBytes(StandardCharsets.UTF_8)));
            Random random = new Random(20261124);
            int sent = 0;
            int created = 0;
            for (Target target : targets) {
                for (int i = 0; i < PER_TARGET; i++) {
                    byte[] body = mutate(target.seed(), random);
                    HttpResponse<String> response = rest.send(target.role(), target.method(), target.path(),
                            target.contentType(), body);
                    sent++;
                    int status = response.statusCode();
                    assertTrue(TYPED.contains(status), target.path() + " answered " + status + " to mutation " + i
                            + ": " + response.body());
                    if (status >= 400) {
                        JsonNode error = JSON.readTree(response.body());
                        assertEquals(status, error.get("status").asInt(), response.body());
                        assertTrue(!error.get("error").asText().isBlank(), response.body());
                    }
                    if (status == 201 && target.path().equals("/batches")) {
                        created++;
                    }
                }
            }
            assertEquals(targets.size() * PER_TARGET, sent);

            // What is stored is whole and valid: the agreements and plan read and validate together, the batches
            // made are exactly those acknowledged, and the audit log's chain holds.
            var book = DesignFiles.readAgreements(List.of(folder.resolve("designs/agreements")));
            try (var plans = Files.list(folder.resolve("designs/plans"))) {
                for (Path plan : plans.toList()) {
                    List<Diagnostic> errors = new AgreementValidator(LocalDate.now())
                            .errors(DesignFiles.readPlan(plan), book);
                    assertTrue(errors.isEmpty(), plan + ": " + errors);
                }
            }
            assertEquals(created, JSON.readTree(rest.get(Role.OPERATOR, "/batches").body()).size());
            assertTrue(JSON.readTree(rest.get(Role.AUDITOR, "/audit/verify").body()).get("valid").asBoolean());
            assertEquals(200, rest.send((String) null, "GET", "/health", null, null).statusCode());
            System.out.println("REST fuzz: " + sent + " mutated bodies, " + created + " batches made from them");
        }
    }

    /** One to three edits of the seed: a flipped byte, a cut, a repeated run, a structural character, a truncation. */
    private static byte[] mutate(byte[] seed, Random random) {
        byte[] body = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && body.length > 0; e++) {
            int at = random.nextInt(body.length);
            switch (random.nextInt(6)) {
                case 0 -> body[at] = (byte) random.nextInt(256);
                case 1 -> {
                    int end = Math.min(body.length, at + 1 + random.nextInt(40));
                    byte[] cut = new byte[body.length - (end - at)];
                    System.arraycopy(body, 0, cut, 0, at);
                    System.arraycopy(body, end, cut, at, body.length - end);
                    body = cut;
                }
                case 2 -> {
                    int length = Math.min(body.length - at, 1 + random.nextInt(60));
                    byte[] longer = new byte[body.length + length];
                    System.arraycopy(body, 0, longer, 0, at + length);
                    System.arraycopy(body, at, longer, at + length, body.length - at);
                    body = longer;
                }
                case 3 -> body[at] = (byte) "{}[],:\"-0123456789 \n\t#&*!|>".charAt(random.nextInt(27));
                case 4 -> body = Arrays.copyOf(body, at);
                default -> {
                    byte[] digits = "99999999999999999999".getBytes(StandardCharsets.US_ASCII);
                    byte[] longer = new byte[body.length + digits.length];
                    System.arraycopy(body, 0, longer, 0, at);
                    System.arraycopy(digits, 0, longer, at, digits.length);
                    System.arraycopy(body, at, longer, at + digits.length, body.length - at);
                    body = longer;
                }
            }
        }
        return body;
    }
}
