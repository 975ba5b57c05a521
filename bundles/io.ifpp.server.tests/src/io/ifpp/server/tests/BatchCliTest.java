package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.ifpp.core.Diagnostic;
import io.ifpp.profile.InitialEim;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileValidator;
import io.ifpp.profile.asn1.Asn1Value;

/** {@code ifpp batch ...} and {@code ifpp demo} in-process, on an H2 file of the test's own. */
class BatchCliTest {

    private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();
    private static final String PLAN = EXAMPLES.resolve("plans/smart-water-meter.yaml").toString();
    private static final String AGREEMENTS = EXAMPLES.resolve("agreements").toString();

    @TempDir
    Path folder;

    private CliRun cli() {
        return CliRun.withDataDirectoryPassword();
    }

    private String db() {
        return "h2:" + folder.resolve("db");
    }

    @Test
    void aBatchIsCreatedRunAndItsManifestAndScheduleArePrinted() throws Exception {
        CliRun create = cli();
        assertEquals(0, create.run("batch", "create", "--plan", PLAN, "--agreements", AGREEMENTS, "--quantity", "150",
                "--id", "cli-1", "--time-limit", "2", "--simulated", "--json", "--db", db()), create.err());
        JsonNode created = JsonMapper.builder().build().readTree(create.out());
        assertEquals("cli-1", created.get("id").asText());
        assertTrue(created.get("simulated").asBoolean(), create.out());
        int profiles = created.get("profiles").size();
        assertTrue(profiles >= 2, create.out());

        CliRun run = cli();
        assertEquals(0, run.run("batch", "run", "cli-1", "--json", "--db", db()), run.err());
        JsonNode summary = JsonMapper.builder().build().readTree(run.out());
        assertEquals("COMPLETED", summary.get("state").asText());
        assertTrue(summary.get("simulated").asBoolean(), run.out());
        assertEquals(150, summary.get("stages").get("ACTIVATION_SCHEDULED").asInt());
        assertEquals(150 * 7, summary.get("transitions").asInt(), "seven stage changes per device");

        CliRun status = cli();
        assertEquals(0, status.run("batch", "status", "cli-1", "--json", "--db", db()));
        assertTrue(status.out().contains("\"state\":\"COMPLETED\""), status.out());
        assertTrue(status.out().contains("\"simulated\":true"), status.out());

        CliRun manifest = cli();
        assertEquals(0, manifest.run("batch", "manifest", "cli-1", "--json", "--db", db()));
        JsonNode manifestJson = JsonMapper.builder().build().readTree(manifest.out());
        assertTrue(manifestJson.get("simulated").asBoolean(), "a simulated batch's manifest says so");
        JsonNode devices = manifestJson.get("devices");
        assertEquals(150, devices.size());
        Set<String> iccids = new HashSet<>();
        for (JsonNode device : devices) {
            assertEquals(profiles, device.get("iccids").size());
            device.get("iccids").forEach(iccid -> assertTrue(iccids.add(iccid.asText()), "ICCID once"));
            device.get("iccids").forEach(iccid -> assertTrue(iccid.asText().startsWith("89999"),
                    "ICCIDs from the range reserved for simulation, not the agreements' MNO ranges: " + iccid));
            assertTrue(device.get("eid").asText().startsWith("89049032"), "EIDs of the GSMA test EUM");
            assertTrue(device.get("serial").asText().startsWith("cli-1-"), device.toString());
        }

        // A device's packages for an independent check: owner-only files, each the SAIP package of one of its ICCIDs,
        // with the SHA-256 recorded when its order was sealed; never written over.
        JsonNode first = devices.get(0);
        Path exported = folder.resolve("packages");
        CliRun packages = cli();
        assertEquals(0, packages.run("batch", "packages", "cli-1", "--device", first.get("eid").asText(), "-o",
                exported.toString(), "--db", db()), packages.err());
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(exported));
        List<Path> files;
        try (var listed = Files.list(exported)) {
            files = listed.filter(f -> !f.getFileName().toString().endsWith("-eim.der")).sorted().toList();
        }
        // The example plan names an eIM: the eUICC's AddInitialEimRequest, with its own association token.
        Path eim = exported.resolve(first.get("eid").asText() + "-eim.der");
        Asn1Value.SequenceValue request = (Asn1Value.SequenceValue) InitialEim.decode(Files.readAllBytes(eim));
        Asn1Value.SequenceValue eimData = (Asn1Value.SequenceValue) ((Asn1Value.SequenceOfValue) request
                .get("eimConfigurationDataList").orElseThrow()).elements().get(0);
        String token = ((Asn1Value.IntegerValue) eimData.get("associationToken").orElseThrow()).value().toString();
        assertTrue(packages.out().contains(eim + "  AddInitialEimRequest (SGP.32), association token " + token),
                packages.out());
        assertEquals(profiles, files.size(), packages.out());
        for (int p = 0; p < files.size(); p++) {
            Path file = files.get(p);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
            assertTrue(file.getFileName().toString().startsWith(first.get("eid").asText() + "-" + (p + 1) + "-"),
                    file.toString());
            byte[] der = Files.readAllBytes(file);
            ProfilePackage profile = ProfileCodec.decode(der);
            assertEquals(List.of(), ProfileValidator.validate(profile).stream()
                    .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList());
            assertEquals(first.get("iccids").get(p).asText(), OperationalProfile.of(profile).iccid().orElseThrow()
                    .digits());
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            assertTrue(packages.out().contains(file + "  ICCID " + first.get("iccids").get(p).asText() + "  SHA-256 "
                    + sha256), packages.out());
        }
        CliRun again = cli();
        assertEquals(1, again.run("batch", "packages", "cli-1", "--device", first.get("serial").asText(), "-o",
                exported.toString(), "--db", db()));
        assertTrue(again.err().contains("exists: a device's packages are not written over other files"), again.err());
        CliRun auditList = cli();
        assertEquals(0, auditList.run("audit", "list", "--db", db()));
        assertTrue(auditList.out().contains("device.packages"), "the hand-out is audited: " + auditList.out());

        CliRun handoff = cli();
        assertEquals(0, handoff.run("batch", "eim-handoff", "cli-1", "--json", "--db", db()), handoff.err());
        JsonNode handed = JsonMapper.builder().build().readTree(handoff.out());
        assertEquals("eim.example.com", handed.get("eimId").asText());
        assertEquals(150, handed.get("devices").size());
        JsonNode firstHanded = handed.get("devices").get(0);
        assertEquals(first.get("eid").asText(), firstHanded.get("eid").asText());
        assertEquals(token, firstHanded.get("associationToken").asText(), "the token the eUICC was given");
        assertTrue(firstHanded.get("profiles").get(0).get("enabled").asBoolean());
        assertEquals(profiles, firstHanded.get("profiles").size());

        Path schedule = folder.resolve("schedule.csv");
        CliRun written = cli();
        assertEquals(0, written.run("batch", "schedule", "cli-1", "-o", schedule.toString(), "--db", db()));
        List<String> lines = Files.readAllLines(schedule);
        assertEquals(1 + 150 * profiles, lines.size());
        assertTrue(lines.get(0).endsWith(",role,simulated"), lines.get(0));
        assertEquals(150, lines.stream().filter(l -> l.endsWith(",primary,true")).count(),
                "one primary profile per device, each line saying the batch is simulated");

        CliRun audit = cli();
        assertEquals(0, audit.run("audit", "verify", "--db", db()), audit.out());
    }

    @Test
    void aPlanWhoseAgreementGivesNoIccidRangeMakesNoBatch() throws Exception {
        Path agreements = folder.resolve("agreements");
        Files.createDirectories(agreements);
        for (Path file : Files.list(Path.of(AGREEMENTS)).toList()) {
            Files.writeString(agreements.resolve(file.getFileName()),
                    Files.readString(file).replaceAll(", iccidPrefix: '[0-9]+'", ""));
        }
        // The designs the agreements name, beside them as in examples/.
        Path designs = Files.createDirectories(folder.resolve("profiles"));
        for (Path design : Files.list(Path.of(AGREEMENTS).resolveSibling("profiles")).toList()) {
            Files.copy(design, designs.resolve(design.getFileName()));
        }
        CliRun create = cli();
        assertEquals(1, create.run("batch", "create", "--plan", PLAN, "--agreements", agreements.toString(),
                "--quantity", "10", "--id", "cli-2", "--time-limit", "2", "--vendor", "acme-line", "--eid-prefix",
                "89033023", "--db", db()));
        assertTrue(create.err().contains("gives no ICCID range (profile > iccidPrefix)"), create.err());
        CliRun status = cli();
        assertEquals(1, status.run("batch", "status", "cli-2", "--db", db()));
        assertTrue(status.err().contains("no batch cli-2"), status.err());
    }

    @Test
    void aCancelledBatchVoidsItsDevicesAndCannotBeCancelledTwice() {
        CliRun create = cli();
        // Without --agreements: the folder beside the plan's, as examples/ has it.
        assertEquals(0, create.run("batch", "create", "--plan", PLAN, "--quantity", "40", "--id", "cli-3",
                "--time-limit", "2", "--simulated", "--db", db()), create.err());
        CliRun cancel = cli();
        assertEquals(0, cancel.run("batch", "cancel", "cli-3", "--db", db()), cancel.err());
        assertTrue(cancel.out().contains("batch cli-3 cancelled: 40 devices voided"), cancel.out());
        CliRun again = cli();
        assertEquals(1, again.run("batch", "cancel", "cli-3", "--db", db()));
        assertTrue(again.err().contains("batch cli-3 is cancelled, not open"), again.err());
        CliRun status = cli();
        assertEquals(0, status.run("batch", "status", "--db", db()));
        assertTrue(status.out().startsWith("cli-3\tcancelled\t40 devices"), status.out());
        assertTrue(status.out().strip().endsWith("\tsimulated"), status.out());
    }

    /**
     * A batch runs on simulators only when asked to: without --simulated it takes its partners from the options, the
     * plan (euicc.connector) and the agreements (smdpPlus.connector), refuses simulated ones and needs the EUM range.
     */
    @Test
    void aBatchThatIsNotSimulatedNamesRealPartnersAndItsEumRange() throws Exception {
        CliRun planSaysSimulator = cli();
        assertEquals(2, planSaysSimulator.run("batch", "create", "--plan", PLAN, "--quantity", "10", "--id", "real-1",
                "--time-limit", "2", "--db", db()));
        assertTrue(planSaysSimulator.err().contains("--vendor: 'simulator' is a simulated eUICC vendor"),
                planSaysSimulator.err());
        CliRun noEidRange = cli();
        assertEquals(2, noEidRange.run("batch", "create", "--plan", PLAN, "--quantity", "10", "--id", "real-1",
                "--time-limit", "2", "--vendor", "acme-line", "--db", db()));
        assertTrue(noEidRange.err().contains("--eid-prefix: the batch needs the EID prefix of the EUM range"),
                noEidRange.err());
        CliRun simulatedSmdp = cli();
        assertEquals(2, simulatedSmdp.run("batch", "create", "--plan", PLAN, "--quantity", "10", "--id", "real-1",
                "--time-limit", "2", "--vendor", "acme-line", "--smdp", "smdp-simulator", "--eid-prefix", "89033023",
                "--db", db()));
        assertTrue(simulatedSmdp.err().contains("--smdp: 'smdp-simulator' is a simulated SM-DP+"),
                simulatedSmdp.err());

        CliRun real = cli();
        assertEquals(0, real.run("batch", "create", "--plan", PLAN, "--quantity", "10", "--id", "real-1",
                "--time-limit", "2", "--vendor", "acme-line", "--eid-prefix", "89033023", "--json", "--db", db()),
                real.err());
        JsonNode created = JsonMapper.builder().build().readTree(real.out());
        assertFalse(created.get("simulated").asBoolean());
        for (JsonNode profile : created.get("profiles")) {
            assertFalse(profile.get("iccidPrefix").asText().startsWith("89999"), "the agreements' MNO ranges");
        }
        CliRun audit = cli();
        assertEquals(0, audit.run("audit", "list", "--db", db()), audit.err());
        assertTrue(audit.out().contains("vendor acme-line, SM-DP+ es2plus"),
                "the SM-DP+ is the agreements' connector: " + audit.out());
        CliRun simulated = cli();
        assertEquals(2, simulated.run("batch", "create", "--plan", PLAN, "--quantity", "10", "--id", "sim-1",
                "--time-limit", "2", "--simulated", "--vendor", "acme-line", "--db", db()));
        assertTrue(simulated.err().contains("a simulated batch runs on simulated partners only"), simulated.err());
    }

    @Test
    void theDemoRunsThePlanEndToEndAndWritesItsOutputs() throws Exception {
        Path outputs = folder.resolve("outputs");
        CliRun demo = cli();
        assertEquals(0, demo.run("demo", "--plan", PLAN, "--agreements", AGREEMENTS, "--quantity", "60",
                "--output", outputs.toString(), "--db", db()), demo.err());
        assertTrue(demo.out().contains("60 scheduled for activation"), demo.out());
        assertTrue(demo.out().contains("readiness   in-factory provisioning, simulated partners"), demo.out());
        assertTrue(demo.out().contains("content checked"), demo.out());
        assertTrue(java.util.regex.Pattern.compile(": 60 packages of [a-z0-9-]+ \\(design profiles/[a-z0-9-]+\\.der, "
                + "SHA-256 [0-9a-f]{16}\\.\\.\\.\\)").matcher(demo.out()).find(), demo.out());
        assertTrue(demo.out().contains("content     0 eUICCs held with other content than ordered"), demo.out());
        for (String file : List.of("manifest.csv", "manifest.json", "activation-schedule.csv",
                "activation-schedule.json", "readiness.html", "readiness.json")) {
            assertTrue(Files.size(outputs.resolve(file)) > 0, file);
        }
        assertEquals(61, Files.readAllLines(outputs.resolve("manifest.csv")).size());
        assertTrue(demo.err().contains("scheduled"), "progress goes to stderr");
    }

    /**
     * Three years on, the example's ship window (2027) has passed and one of its agreements has ended: the demo moves
     * every date of the example so that the window starts tomorrow, says so, and still runs to the end.
     */
    @Test
    void theDemoOnADayAfterTheExamplesShipWindowMovesItToTomorrowAndSaysSo() throws Exception {
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(3 * 365 + 1));
        LocalDate tomorrow = LocalDate.now(later).plusDays(1);
        CliRun demo = cli().on(later);
        assertEquals(0, demo.run("demo", "--plan", PLAN, "--agreements", AGREEMENTS, "--quantity", "30",
                "--output", folder.resolve("later").toString(), "--db", db()), demo.err());
        assertTrue(demo.out().contains("30 scheduled for activation"), demo.out());
        assertTrue(demo.out().contains("dates       ship window moved to start tomorrow for the demonstration: "
                + tomorrow + " to "), demo.out());
        assertTrue(demo.out().contains("(written 2027-03-01 to 2027-12-31)"), demo.out());
        assertTrue(demo.out().contains("readiness   in-factory provisioning"), demo.out());

        CliRun plan = cli().on(later);
        assertEquals(1, plan.run("readiness", "--plan", PLAN, "--agreements", AGREEMENTS, "--time-limit", "2"),
                "not ready: the example's SM-DP+ connector is not configured here; " + plan.err());
        assertTrue(plan.out().contains("the ship window ended on 2027-12-31, before today (" + LocalDate.now(later)
                + ")"), "the files as written are reported with the date they passed: " + plan.out());
    }
}
