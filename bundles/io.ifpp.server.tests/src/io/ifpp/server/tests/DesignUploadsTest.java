package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.core.Diagnostic;
import io.ifpp.server.internal.rest.Role;

/**
 * Design uploads as the security review found them: two writers at once, and a crash between the steps of one.
 * Writes are serialised, a format replaces the other whole, and the stored set never becomes invalid.
 */
class DesignUploadsTest {

    private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

    @TempDir
    Path data;

    private static <T> List<T> together(List<Callable<T>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> running = new ArrayList<>();
            calls.forEach(call -> running.add(threads.submit(call)));
            List<T> results = new ArrayList<>();
            for (Future<T> future : running) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The example plan in JSON, as the design files write it. */
    private String planAsJson() throws Exception {
        Path file = Files.createTempDirectory(data, "json").resolve("plan.json");
        DesignFiles.write(file, DesignFiles.readPlan(EXAMPLES.resolve("plans/smart-water-meter.yaml")));
        return Files.readString(file);
    }

    @Test
    void twoFormatsOfOneNameUploadedAtOnceLeaveOneFileNeverBothNorNone() throws Exception {
        byte[] yaml = Files.readAllBytes(EXAMPLES.resolve("plans/smart-water-meter.yaml"));
        try (RestServerFixture rest = new RestServerFixture(data)) {
            rest.storeExampleDesigns();
            String json = planAsJson();
            for (int round = 0; round < 15; round++) {
                List<HttpResponse<String>> answers = together(List.of(
                        () -> rest.send(Role.ARCHITECT, "PUT", "/plans/twice", "application/yaml", yaml),
                        () -> rest.send(Role.ARCHITECT, "PUT", "/plans/twice", "application/json",
                                json.getBytes(StandardCharsets.UTF_8))));
                answers.forEach(answer -> assertTrue(answer.statusCode() == 200 || answer.statusCode() == 201,
                        answer.body()));
                boolean asYaml = Files.exists(data.resolve("designs/plans/twice.yaml"));
                boolean asJson = Files.exists(data.resolve("designs/plans/twice.json"));
                assertTrue(asYaml ^ asJson, "round " + round + ": exactly one format stays (yaml " + asYaml + ", json "
                        + asJson + ")");
                assertFalse(Files.exists(data.resolve("designs/plans/twice.replacing")));
                assertEquals(200, rest.get(Role.OPERATOR, "/plans/twice").statusCode());
            }
        }
    }

    @Test
    void aReplacementACrashInterruptedIsFinishedAtTheNextStart() throws Exception {
        Path plans = Files.createDirectories(data.resolve("designs/plans"));
        Files.copy(EXAMPLES.resolve("plans/smart-water-meter.yaml"), plans.resolve("water.yaml"));
        Files.writeString(plans.resolve("water.json"), planAsJson());
        Files.writeString(plans.resolve("water.replacing"), ".json"); // the crash came before the old one went

        try (RestServerFixture rest = new RestServerFixture(data)) {
            assertFalse(Files.exists(plans.resolve("water.yaml")), "the replaced format is gone");
            assertTrue(Files.exists(plans.resolve("water.json")));
            assertFalse(Files.exists(plans.resolve("water.replacing")));
            HttpResponse<String> stored = rest.get(Role.OPERATOR, "/plans/water");
            assertTrue(stored.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
    }

    /** Two agreement files, each valid with the stored set, that together name one agreement twice. */
    @Test
    void twoUploadsValidAloneButNotTogetherNeverBothLand() throws Exception {
        String agreements = Files.readString(EXAMPLES.resolve("agreements/agreements.yaml"));
        int start = agreements.indexOf("- id: ");
        int end = agreements.indexOf("\n- id: ", start + 1);
        String first = agreements.substring(start, end + 1);
        String id = first.substring("- id: ".length(), first.indexOf('\n'));
        String copy = "agreements:\n" + first.replace("- id: " + id, "- id: twin-agreement")
                .replaceFirst("provider: [^\n]*", "provider: Twin Provider (example)");
        try (RestServerFixture rest = new RestServerFixture(data)) {
            rest.storeExampleDesigns();
            for (int round = 0; round < 10; round++) {
                String a = "twin-a-" + round;
                String b = "twin-b-" + round;
                List<HttpResponse<String>> answers = together(List.of(
                        () -> rest.send(Role.ARCHITECT, "PUT", "/agreements/" + a, "application/yaml",
                                copy.getBytes(StandardCharsets.UTF_8)),
                        () -> rest.send(Role.ARCHITECT, "PUT", "/agreements/" + b, "application/yaml",
                                copy.getBytes(StandardCharsets.UTF_8))));
                long stored = answers.stream().filter(answer -> answer.statusCode() == 201).count();
                assertEquals(round == 0 ? 1 : 0, stored, "round " + round + ": " + answers.stream()
                        .map(HttpResponse::body).toList());
                var book = DesignFiles.readAgreements(List.of(data.resolve("designs/agreements")));
                List<Diagnostic> errors = new AgreementValidator(LocalDate.of(2026, 11, 24)).validate(book).stream()
                        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
                assertEquals(List.of(), errors, "the stored set stays valid");
            }
        }
    }
}
