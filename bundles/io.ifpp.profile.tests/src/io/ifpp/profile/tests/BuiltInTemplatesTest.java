package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Plmn;
import io.ifpp.core.Secret;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.DeviceValues;
import io.ifpp.profile.ElementFile;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.OperationalProfile.AccessTechnology;
import io.ifpp.profile.OperationalProfile.PlmnWithAct;
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

    @Test
    void theUsimTemplatesNetworkListsHoldEightNetworksEach() throws Exception {
        OperationalProfile template = OperationalProfile.of(BuiltInTemplates.ALL.get(0).load());
        List<PlmnWithAct> home = List.of(new PlmnWithAct(Plmn.parse("262-91"), AccessTechnology.E_UTRAN.bits()));
        List<PlmnWithAct> roaming = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            roaming.add(new PlmnWithAct(Plmn.parse("208-9" + i), AccessTechnology.E_UTRAN_WB_S1.bits()
                    | AccessTechnology.GSM.bits()));
        }
        OperationalProfile listed = template.withHomePlmns(home).withOperatorPlmns(roaming);
        assertEquals(home, listed.homePlmns());
        assertEquals(roaming, listed.operatorPlmns());
        assertEquals(List.of(), ProfileValidator.validate(listed.toPackage()));
        assertEquals(roaming, OperationalProfile.of(ProfileCodec.compile(ProfileCodec.dump(listed.toPackage())))
                .operatorPlmns(), "read back from value notation");

        List<PlmnWithAct> nine = new ArrayList<>(roaming);
        nine.add(new PlmnWithAct(Plmn.parse("214-91"), AccessTechnology.E_UTRAN.bits()));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> template.withOperatorPlmns(nine));
        assertEquals("EF.OPLMNWACT holds 8 entries of 5 bytes (40 bytes declared); 9 networks do not fit",
                tooMany.getMessage());
    }

    @Test
    void theInstalledSizeIsTheEncodingPlusTheSpaceFilesReserveBeyondTheirContent() throws Exception {
        OperationalProfile template = OperationalProfile.of(BuiltInTemplates.ALL.get(0).load());
        // Every file of the template that declares a size is written to its end: nothing is reserved beyond.
        assertEquals(ProfileCodec.encode(template.toPackage()).length, template.installedBytes());

        ProfilePackage ts48 = ProfileCodec.decode(Fixtures.saipDer(Fixtures.SAIP_PROFILES.get(0)));
        long reserved = 0;
        for (var element : ts48.elements()) {
            for (ElementFile.Named named : ElementFile.filesOf(element)) {
                if (named.file().declaredSize().isPresent()) {
                    reserved += Math.max(0, named.file().declaredSize().getAsInt() - named.file().content().length);
                }
            }
        }
        assertTrue(reserved > 0, "the TS.48 test profile declares files larger than what it writes into them");
        assertEquals(ProfileCodec.encode(ts48).length + reserved, OperationalProfile.of(ts48).installedBytes());
    }
}
