package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Secret;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileValidator;

/** The typed view reads the TS.48 profile as a person would, and its edits re-encode into a valid package. */
class OperationalProfileTest {

    private static OperationalProfile ts48() throws Exception {
        return OperationalProfile.of(ProfileCodec.decode(Fixtures.saipDer(Fixtures.SAIP_PROFILES.get(2))));
    }

    /** Decode what the view's package encodes to: edits must survive the trip through DER. */
    private static OperationalProfile reread(OperationalProfile profile) throws Exception {
        return OperationalProfile.of(ProfileCodec.decode(ProfileCodec.encode(profile.toPackage())));
    }

    @Test
    void readsIdentityCodesAndKeysOfTheTestProfile() throws Exception {
        OperationalProfile profile = ts48();
        assertEquals("89000123456789012341", profile.iccid().orElseThrow().digits());
        assertEquals("001010123456789", profile.imsi().orElseThrow().digits());
        assertEquals(OptionalInt.of(2), profile.mncLength());
        assertEquals(new OperationalProfile.Spn(1, "GSMA_TEST"), profile.spn().orElseThrow());
        assertEquals(OptionalInt.of(0x0001), profile.accessControlClasses());
        assertEquals(List.of(), profile.operatorPlmns(), "TS.48 leaves OPLMNwACT empty");
        assertTrue(profile.pins().stream().anyMatch(p -> p.reference().equals("pinAppl1") && p.value().length() == 8));
        assertTrue(profile.pins().stream().anyMatch(p -> p.reference().equals("adm1")));
        assertTrue(profile.puks().stream().anyMatch(p -> p.reference().equals("pukAppl1")));
        OperationalProfile.AkaParameters aka = profile.akaParameters().get(0);
        assertEquals("usim-test-algorithm", aka.algorithm());
        assertEquals(Secret.ofHex("000102030405060708090A0B0C0D0E0F"), aka.key());
        assertEquals("AkaParameters[elementIndex=" + aka.elementIndex() + ", algorithm=usim-test-algorithm, key=Secret[16 bytes], "
                + "opc=Secret[16 bytes]]", aka.toString(), "keys print masked");
        assertArrayEquals(HexFormat.of().parseHex("A000000151000000"), profile.securityDomains().get(0).instanceAid());
    }

    @Test
    void newIccidGoesToTheHeaderAndEfIccidAndNothingElseChanges() throws Exception {
        OperationalProfile original = ts48();
        Iccid iccid = Iccid.of("8949000000000000018");
        assertTrue(iccid.hasValidCheckDigit());
        OperationalProfile changed = reread(original.withIccid(iccid));
        assertEquals(iccid, changed.iccid().orElseThrow());
        assertEquals(List.of(), ProfileValidator.validate(changed.toPackage()), "header and EF.ICCID agree");
        ProfilePackage before = original.toPackage();
        ProfilePackage after = changed.toPackage();
        for (int i = 2; i < before.elements().size(); i++) {
            assertEquals(before.elements().get(i), after.elements().get(i), "element " + (i + 1) + " untouched");
        }
    }

    @Test
    void newImsiSetsEfImsiAndTheMncLengthInEfAd() throws Exception {
        OperationalProfile changed = reread(ts48().withImsi(new Imsi("310410123456789", 3)));
        assertEquals("310410123456789", changed.imsi().orElseThrow().digits());
        assertEquals(OptionalInt.of(3), changed.mncLength());
        assertEquals("310-410", changed.imsi().orElseThrow().plmn().toString());
        assertEquals(List.of(), ProfileValidator.validate(changed.toPackage()));
    }

    @Test
    void spnInTheGsmAlphabetOrUcs2() throws Exception {
        assertEquals("IFPP Test", reread(ts48().withSpn("IFPP Test")).spn().orElseThrow().name());
        assertEquals("Ünï €", reread(ts48().withSpn("Ünï €")).spn().orElseThrow().name(), "€ is not in the GSM alphabet: UCS2");
        assertThrows(IllegalArgumentException.class, () -> ts48().withSpn("A name far too long for EF.SPN"));
    }

    @Test
    void keysAndCodesAreSetAsSecrets() throws Exception {
        OperationalProfile profile = ts48();
        int element = profile.akaParameters().get(0).elementIndex();
        Secret ki = Secret.ofHex("11111111111111111111111111111111");
        Secret opc = Secret.ofHex("22222222222222222222222222222222");
        OperationalProfile changed = reread(profile.withAkaKeys(element, ki, opc)
                .withPin("pinAppl1", Secret.ofHex("31323334FFFFFFFF")).withPuk("pukAppl1", Secret.ofHex("3837363534333231")));
        assertEquals(ki, changed.akaParameters().get(0).key());
        assertEquals(opc, changed.akaParameters().get(0).opc());
        assertEquals(Secret.ofHex("31323334FFFFFFFF"),
                changed.pins().stream().filter(p -> p.reference().equals("pinAppl1")).findFirst().orElseThrow().value());
        assertEquals(List.of(), ProfileValidator.validate(changed.toPackage()));
        assertThrows(IllegalArgumentException.class, () -> profile.withPin("pinAppl7", Secret.ofHex("31323334FFFFFFFF")));
    }
}
