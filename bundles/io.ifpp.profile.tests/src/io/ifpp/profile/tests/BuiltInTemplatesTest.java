package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Secret;
import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.DeviceValues;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileTemplate;
import io.ifpp.profile.ProfileValidator;

class BuiltInTemplatesTest {

    @Test
    void everyBuiltInTemplateIsAValidPackageThatRoundTrips() throws Exception {
        assertFalse(BuiltInTemplates.ALL.isEmpty());
        for (BuiltInTemplates.Template template : BuiltInTemplates.ALL) {
            ProfilePackage profile = template.load();
            assertEquals(List.of(), ProfileValidator.validate(profile), template.id());
            byte[] der = ProfileCodec.encode(profile);
            assertArrayEquals(der, ProfileCodec.encode(ProfileCodec.compile(ProfileCodec.dump(ProfileCodec.decode(der)))));
        }
    }

    @Test
    void theUsimTemplatePersonalizes() throws Exception {
        ProfileTemplate template = ProfileTemplate.of(BuiltInTemplates.ALL.get(0).load());
        DeviceValues device = new DeviceValues(Iccid.of("8949000000000000018"), new Imsi("262019876543210", 2),
                Secret.ofHex("0123456789ABCDEF0123456789ABCDEF"), Secret.ofHex("FEDCBA9876543210FEDCBA9876543210"),
                Map.of("adm1", Secret.ofHex("3837363534333231")));
        OperationalProfile profile = OperationalProfile.of(ProfileCodec.decode(template.personalize(device)));
        assertEquals("8949000000000000018", profile.iccid().orElseThrow().digits());
        assertEquals("IFPP", profile.spn().orElseThrow().name());
        assertEquals("milenage", profile.akaParameters().get(0).algorithm());
        assertEquals(List.of(), ProfileValidator.validate(profile.toPackage()));
    }
}
