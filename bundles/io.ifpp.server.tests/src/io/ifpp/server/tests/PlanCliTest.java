package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PlanCliTest {

    private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();
    private static final String PLAN = EXAMPLES.resolve("plans/smart-water-meter.yaml").toString();
    private static final String AGREEMENTS = EXAMPLES.resolve("agreements").toString();

    @TempDir
    Path folder;

    @Test
    void agreementsValidateAcceptsTheExamples() {
        CliRun cli = new CliRun();
        assertEquals(0, cli.run("agreements", "validate", AGREEMENTS), cli.err());
        assertTrue(cli.out().contains("18 operators, 16 agreements: valid"), cli.out());
    }

    @Test
    void agreementsValidateNamesTheBrokenFieldAndFails() throws Exception {
        Path broken = folder.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(EXAMPLES.resolve("agreements/agreements.yaml"))
                .replaceFirst("homePlmn: 262-91", "homePlmn: 262-9X"));
        CliRun cli = new CliRun();
        assertEquals(1, cli.run("agreements", "validate", EXAMPLES.resolve("agreements/operators.yaml").toString(),
                broken.toString()));
        assertTrue(cli.out().contains("ERROR [plmn-format] agreement 'nordlicht-eu-iot' > profile > homePlmn"), cli.out());
    }

    @Test
    void planJsonStatesTheOptimumAndTheChosenSet() throws Exception {
        CliRun cli = new CliRun();
        assertEquals(0, cli.run("plan", "--plan", PLAN, "--agreements", AGREEMENTS, "--json"), cli.err());
        JsonNode plan = new ObjectMapper().readTree(cli.out());
        assertEquals("optimal", plan.path("optimality").path("status").asText());
        assertEquals(0.0, plan.path("optimality").path("gap").asDouble());
        assertTrue(plan.path("fullCover").asBoolean());
        assertEquals(30, plan.path("markets").size());
        assertEquals(5, plan.path("alternatives").size());
    }

    @Test
    void readinessJsonCarriesTheVerdictAndHtmlIsWritten() throws Exception {
        Path html = folder.resolve("readiness.html");
        CliRun cli = new CliRun();
        int code = cli.run("readiness", "--plan", PLAN, "--agreements", AGREEMENTS, "--json", "--html", html.toString());
        // In-factory by design, but the example agreements' SM-DP+ connector (es2plus) is not configured here.
        assertEquals(1, code, cli.err());
        JsonNode report = new ObjectMapper().readTree(cli.out());
        assertEquals("in-factory provisioning, not ready", report.path("verdict").asText());
        assertTrue(report.path("verdictReasons").toString().contains("'s SM-DP+ connector 'es2plus' is not available "
                + "here (installed and configured)"), report.path("verdictReasons").toString());
        assertEquals(3, report.path("answers").size());
        assertTrue(Files.readString(html).contains("<svg"));
    }

    @Test
    void aPlanFileWithATypoIsRefusedWithItsLine() throws Exception {
        Path plan = folder.resolve("plan.yaml");
        Files.writeString(plan, Files.readString(Path.of(PLAN)).replace("serviceMonths:", "serviceMonth:"));
        CliRun cli = new CliRun();
        assertEquals(1, cli.run("plan", "--plan", plan.toString(), "--agreements", AGREEMENTS));
        assertTrue(cli.err().contains("plan.yaml:") && cli.err().contains("unknown field 'serviceMonth'"), cli.err());
    }
}
