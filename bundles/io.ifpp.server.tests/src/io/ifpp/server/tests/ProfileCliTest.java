package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ifpp.fixtures.Fixtures;
import io.ifpp.server.internal.cli.IfppCli;

/** {@code ifpp profile ...} on the TS.48 test profiles, through the real command line. */
class ProfileCliTest {

    private static final String PROFILE = Fixtures.SAIP_PROFILES.get(0);

    @TempDir
    Path temp;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private Path der() {
        return Fixtures.copyTo("saip-ts48-v7/" + PROFILE + ".der", temp);
    }

    @Test
    void infoSummarizesTheHeaderAndElementsWithoutSecrets() {
        assertEquals(0, run("profile", "info", der().toString()));
        String info = cli.out();
        assertTrue(info.contains("Version:       2.3"), info);
        assertTrue(info.contains("Profile type:  GSMA Generic eUICC Test Profile"), info);
        assertTrue(info.contains("ICCID:         89000123456789012341 (check digit valid)"), info);
        assertTrue(info.contains("Elements:      30: header, mf, pukCodes, pinCodes \u00d75, telecom"), info);
        // The test profile's Ki and PIN must not be shown.
        assertFalse(info.contains("000102030405060708090A0B0C0D0E0F"), info);
        assertFalse(info.contains("30303030"), info);
    }

    @Test
    void infoAsJson() throws Exception {
        assertEquals(0, run("profile", "info", der().toString(), "--json"));
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertEquals("2.3", json.path("version").asText());
        assertEquals("89000123456789012341", json.path("iccid").asText());
        assertTrue(json.path("iccidCheckDigitValid").asBoolean());
        assertEquals(30, json.path("elementCount").asInt());
        assertEquals("end", json.path("elements").get(29).asText());
    }

    @Test
    void dumpThenCompileGivesTheSameBytes() throws Exception {
        Path text = temp.resolve("profile.asn1");
        Path compiled = temp.resolve("again.der");
        assertEquals(0, run("profile", "dump", der().toString(), "-o", text.toString()));
        assertEquals(Fixtures.tokens(Fixtures.saipText(PROFILE)), Fixtures.tokens(Files.readString(text)));
        assertEquals(0, run("profile", "compile", text.toString(), "-o", compiled.toString()));
        assertArrayEquals(Fixtures.saipDer(PROFILE), Files.readAllBytes(compiled));
        assertTrue(cli.out().contains("30 elements, 12385 bytes"), cli.out());
    }

    @Test
    void roundtripReportsIdenticalBytes() throws Exception {
        Path again = temp.resolve("roundtrip.der");
        assertEquals(0, run("profile", "roundtrip", der().toString(), "-o", again.toString()));
        assertTrue(cli.out().contains("identical to"), cli.out());
        assertArrayEquals(Fixtures.saipDer(PROFILE), Files.readAllBytes(again));
    }

    @Test
    void aBrokenTextNamesLineAndColumnAndWritesNothing() throws Exception {
        String text = Fixtures.saipText(PROFILE).replaceFirst("minor-version 3", "minor-versoin 3");
        Path broken = Files.writeString(temp.resolve("broken.asn1"), text, StandardCharsets.UTF_8);
        Path target = temp.resolve("never.der");
        assertEquals(IfppCli.EXIT_FAILURE, run("profile", "compile", broken.toString(), "-o", target.toString()));
        assertTrue(cli.err().contains("broken.asn1: line 3, column 3: 'minor-versoin' is not a component here"),
                cli.err());
        assertFalse(Files.exists(target));
    }

    @Test
    void aTruncatedPackageIsOneSentenceWithTheOffset() throws Exception {
        byte[] der = Fixtures.saipDer(PROFILE);
        Path cut = Files.write(temp.resolve("cut.der"), java.util.Arrays.copyOf(der, 100));
        assertEquals(IfppCli.EXIT_FAILURE, run("profile", "info", cut.toString()));
        String message = cli.err().strip();
        assertTrue(message.startsWith("ifpp profile info: " + cut + ": not a valid profile package: offset "), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void missingFileIsNamed() {
        assertEquals(IfppCli.EXIT_FAILURE, run("profile", "dump", temp.resolve("nope.der").toString()));
        assertTrue(cli.err().contains("nope.der: no such file"), cli.err());
    }

    @Test
    void validateExitsZeroForAValidPackageAndOneWithDiagnostics() throws Exception {
        assertEquals(0, run("profile", "validate", der().toString()));
        assertTrue(cli.out().strip().endsWith(": valid, 0 errors, 0 warnings"), cli.out());

        // The same package with a wrong ICCID check digit in the header.
        String text = Fixtures.saipText(PROFILE).replace("iccid '89000123456789012341'H", "iccid '89000123456789012342'H");
        Path source = Files.writeString(temp.resolve("wrong-iccid.asn1"), text);
        Path wrong = temp.resolve("wrong-iccid.der");
        assertEquals(0, run("profile", "compile", source.toString(), "-o", wrong.toString()));
        cli.out.getBuffer().setLength(0);
        assertEquals(1, run("profile", "validate", wrong.toString()));
        String report = cli.out();
        assertTrue(report.contains("ERROR [iccid-luhn] value1 header > iccid"), report);
        assertTrue(report.contains("ERROR [iccid-agreement] value2 mf > ef-iccid"), report);
        assertTrue(report.strip().endsWith(": INVALID, 2 errors, 0 warnings"), report);
    }
}
