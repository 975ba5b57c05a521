package io.ifpp.orchestration.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Luhn;
import io.ifpp.core.Secret;
import io.ifpp.orchestration.pipeline.DevicePackages;
import io.ifpp.profile.DeviceValues;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileTemplate;
import io.ifpp.profile.ProfileValidator;

/**
 * Per-device packages of an example design: each is a complete SAIP package our decoder reads back and our validator
 * accepts, that differs from its design only in the device's values, with the SHA-256 of its DER.
 */
class DevicePackagesTest {

    private static final Path DESIGN = Path.of("../../examples/profiles/nordlicht-eu-iot.der").toAbsolutePath()
            .normalize();

    @Test
    void aPerDevicePackageDiffersFromItsDesignOnlyInThePersonalizedValues() throws Exception {
        ProfilePackage design = ProfileCodec.decode(Files.readAllBytes(DESIGN));
        OperationalProfile template = OperationalProfile.of(design);
        DevicePackages packages = new DevicePackages(design);
        Iccid iccid = iccid("894991000000012345");
        Imsi imsi = new Imsi("262910000012345", 2);
        try (DeviceValues values = packages.draw(iccid, imsi)) {
            ProfileTemplate.Personalized made = packages.make(values);
            ProfilePackage decoded = ProfileCodec.decode(made.der());
            assertEquals(List.of(), ProfileValidator.validate(decoded), "a complete, valid SAIP package");
            OperationalProfile device = OperationalProfile.of(decoded);

            // The device's values are in it...
            assertEquals(iccid, device.iccid().orElseThrow());
            assertEquals(imsi, device.imsi().orElseThrow());
            assertEquals(values.ki(), device.akaParameters().get(0).key());
            assertEquals(values.opc(), device.akaParameters().get(0).opc());
            for (OperationalProfile.Code code : device.pins()) {
                assertEquals(values.codes().get(code.reference()), code.value(), code.reference());
            }
            for (OperationalProfile.Code code : device.puks()) {
                assertEquals(values.codes().get(code.reference()), code.value(), code.reference());
            }
            assertEquals(template.pins().size() + template.puks().size(), values.codes().size(),
                    "a fresh value for every code the design defines");
            assertNotEquals(template.akaParameters().get(0).key(), values.ki());

            // ...and nothing else differs: the design's values written back give the design, element by element.
            OperationalProfile back = device.withIccid(template.iccid().orElseThrow())
                    .withImsi(template.imsi().orElseThrow());
            for (OperationalProfile.AkaParameters aka : template.akaParameters()) {
                back = back.withAkaKeys(aka.elementIndex(), aka.key(), aka.opc());
            }
            for (OperationalProfile.Code pin : template.pins()) {
                back = back.withPin(pin.reference(), pin.value());
            }
            for (OperationalProfile.Code puk : template.puks()) {
                back = back.withPuk(puk.reference(), puk.value());
            }
            ProfilePackage restored = ProfileCodec.decode(ProfileCodec.encode(back.toPackage()));
            assertEquals(design.elements().size(), restored.elements().size());
            for (int i = 0; i < design.elements().size(); i++) {
                assertEquals(design.elements().get(i), restored.elements().get(i), "element " + (i + 1) + " "
                        + design.elementKinds().get(i));
            }

            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(made.der()), made.sha256());

            // In place, as docs/vendor-line.md tells a vendor: every value keeps its length, so the package is the
            // design's bytes with at most the values' octets changed.
            byte[] designDer = ProfileCodec.encode(design);
            assertEquals(designDer.length, made.der().length);
            int changed = 0;
            for (int i = 0; i < designDer.length; i++) {
                changed += designDer[i] != made.der()[i] ? 1 : 0;
            }
            int valueOctets = 10 + 10 + 9 + template.akaParameters().size() * (values.ki().length()
                    + values.opc().length()) + 8 * values.codes().size();
            assertTrue(changed > 0 && changed <= valueOctets, changed + " octets changed, values hold " + valueOctets);
        }
    }

    @Test
    void everyDeviceGetsItsOwnSecretsAndSoItsOwnHash() throws Exception {
        DevicePackages packages = new DevicePackages(ProfileCodec.decode(Files.readAllBytes(DESIGN)));
        Imsi imsi = new Imsi("262910000000001", 2);
        try (DeviceValues first = packages.draw(iccid("894991000000000001"), imsi);
                DeviceValues second = packages.draw(iccid("894991000000000001"), imsi)) {
            assertNotEquals(first.ki(), second.ki());
            assertFalse(Arrays.equals(packages.make(first).sha256(), packages.make(second).sha256()),
                    "same ICCID and IMSI, other secrets: another package");
            Secret adm = first.codes().get("adm1");
            assertTrue(adm.apply(bytes -> new String(bytes, java.nio.charset.StandardCharsets.US_ASCII))
                    .matches("\\d{8}"), "an ADM code of 8 digits");
        }
    }

    private static Iccid iccid(String payload) {
        return Iccid.of(payload + Luhn.checkDigit(payload));
    }
}
