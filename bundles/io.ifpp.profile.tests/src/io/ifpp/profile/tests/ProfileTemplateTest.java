package io.ifpp.profile.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Luhn;
import io.ifpp.core.Secret;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.profile.DeviceValues;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfileTemplate;
import io.ifpp.profile.ProfileValidator;

class ProfileTemplateTest {

    private static ProfileTemplate template() throws Exception {
        return ProfileTemplate.of(ProfileCodec.decode(Fixtures.saipDer(Fixtures.SAIP_PROFILES.get(2))));
    }

    private static DeviceValues device(int n) {
        String payload = String.format("894900000000%06d", n);
        Iccid iccid = Iccid.of(payload + Luhn.checkDigit(payload));
        return new DeviceValues(iccid, new Imsi(String.format("26201%010d", n), 2),
                Secret.ofHex(String.format("%032X", n + 1)), Secret.ofHex(String.format("%032X", n + 2)),
                Map.of("pinAppl1", Secret.ofHex("31323334FFFFFFFF"), "pukAppl1", Secret.ofHex("3132333435363738")));
    }

    @Test
    void eachDeviceGetsItsValuesInAValidPackage() throws Exception {
        ProfileTemplate template = template();
        List<String> seen = new ArrayList<>();
        Iterator<DeviceValues> devices = new Iterator<>() {
            int next = 1;

            @Override
            public boolean hasNext() {
                return next <= 3;
            }

            @Override
            public DeviceValues next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return device(next++);
            }
        };
        long count = template.personalizeAll(devices, (device, der) -> {
            try {
                OperationalProfile profile = OperationalProfile.of(ProfileCodec.decode(der));
                assertEquals(device.iccid(), profile.iccid().orElseThrow());
                assertEquals(device.imsi(), profile.imsi().orElseThrow());
                assertEquals(device.ki(), profile.akaParameters().get(0).key());
                assertEquals(device.opc(), profile.akaParameters().get(0).opc());
                assertEquals(List.of(), ProfileValidator.validate(profile.toPackage()));
                seen.add(device.iccid().digits());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(3, count);
        assertEquals(3, seen.stream().distinct().count());
    }

    @Test
    void theSecretsOfADeviceAreZeroizedOnceItsPackageIsHandedOver() throws Exception {
        DeviceValues device = device(7);
        template().personalizeAll(List.of(device).iterator(), (d, der) -> assertTrue(der.length > 10_000));
        assertTrue(device.ki().isDestroyed());
        assertTrue(device.codes().get("pinAppl1").isDestroyed());
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedByDeviceWithoutShowingIt() throws Exception {
        DeviceValues device = new DeviceValues(Iccid.of("89490000000000000018"), new Imsi("262010000000001", 2),
                Secret.ofHex("0011223344556677"), Secret.ofHex("00112233445566778899AABBCCDDEEFF"), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> template().personalize(device));
        assertTrue(e.getMessage().contains("16-byte Ki"), e.getMessage());
        assertTrue(e.getMessage().contains("89490000000000000018"), e.getMessage());
        assertTrue(!e.getMessage().contains("0011223344"), e.getMessage());
    }
}
