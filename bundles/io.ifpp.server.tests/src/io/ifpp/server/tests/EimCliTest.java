package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.ifpp.profile.InitialEim;
import io.ifpp.profile.asn1.Asn1Value;

/** {@code ifpp eim config}: what each device of the example plan is given of its eIM (SGP.32 AddInitialEimRequest). */
class EimCliTest {

    private static final Path PLAN = Path.of("../../examples/plans/smart-water-meter.yaml").toAbsolutePath()
            .normalize();

    @TempDir
    Path folder;

    @Test
    void theExamplePlansEimIsShownAsTheRequestEachDeviceReceives() throws Exception {
        CliRun text = CliRun.withDataDirectoryPassword();
        assertEquals(0, text.run("eim", "config", "--plan", PLAN.toString()), text.err());
        assertTrue(text.out().startsWith("value1 AddInitialEimRequest ::= "), text.out());
        assertTrue(text.out().contains("\"eim.example.com\""), text.out());
        assertTrue(text.out().contains("-- DER ("), text.out());

        CliRun json = CliRun.withDataDirectoryPassword();
        assertEquals(0, json.run("eim", "config", "--plan", PLAN.toString(), "--json"), json.err());
        JsonNode fields = JsonMapper.builder().build().readTree(json.out());
        byte[] der = HexFormat.of().parseHex(fields.get("der").asText());
        assertEquals("bf57", HexFormat.of().formatHex(der, 0, 2));
        Asn1Value.SequenceValue request = (Asn1Value.SequenceValue) InitialEim.decode(der);
        Asn1Value.SequenceValue data = (Asn1Value.SequenceValue) ((Asn1Value.SequenceOfValue) request
                .get("eimConfigurationDataList").orElseThrow()).elements().get(0);
        assertEquals(new Asn1Value.StringValue("eim.example.com"), data.get("eimId").orElseThrow());
        assertTrue(data.get("associationToken").isEmpty(), "each eUICC's own token is given at personalization");
        assertEquals("eimPublicKey", ((Asn1Value.ChoiceValue) data.get("eimPublicKeyData").orElseThrow()).alternative());

        Path file = folder.resolve("eim.der");
        CliRun written = CliRun.withDataDirectoryPassword();
        assertEquals(0, written.run("eim", "config", "--plan", PLAN.toString(), "--der", file.toString()),
                written.err());
        assertArrayEquals(der, Files.readAllBytes(file));
    }

    @Test
    void aPlanWithoutAnEimOrWithABrokenOneIsRefusedSayingWhy() throws Exception {
        String written = Files.readString(PLAN);
        Path none = folder.resolve("none.yaml");
        Files.writeString(none, written.substring(0, written.indexOf("eim:")));
        CliRun missing = CliRun.withDataDirectoryPassword();
        assertEquals(2, missing.run("eim", "config", "--plan", none.toString()));
        assertTrue(missing.err().contains("the plan has no eim section"), missing.err());

        Path broken = folder.resolve("broken.yaml");
        Files.writeString(broken, written.replace("idType: eimIdTypeFqdn", "idType: url"));
        CliRun refused = CliRun.withDataDirectoryPassword();
        assertEquals(2, refused.run("eim", "config", "--plan", broken.toString()));
        assertTrue(refused.err().contains("eim > idType: one of [eimIdTypeOid, eimIdTypeFqdn, eimIdTypeProprietary]"),
                refused.err());
    }
}
