package io.ifpp.connector.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.OrderPersonalization;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.core.Iccid;
import io.ifpp.core.Secret;
import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfileTemplate;

class OrderPayloadTest {

    private static final String KI = "000102030405060708090A0B0C0D0E0F";
    private static final String OPC = "F0E0D0C0B0A090807060504030201000";
    /** "1234" padded with 'FF' to the 8 bytes of a pinValue. */
    private static final String PIN = "31323334FFFFFFFF";

    private static final byte[] DESIGN = ProfileCodec.encode(BuiltInTemplates.ALL.get(0).load());
    private static final List<OrderPayload.Template> TEMPLATES = List.of(new OrderPayload.Template("nordlicht-eu",
            DESIGN), new OrderPayload.Template("andes-latam", DESIGN));
    private static final String HEAD = OrderPayload.FORMAT + "\n" + "template;0;a;" + Base64.getEncoder()
            .encodeToString(DESIGN) + "\n";

    @Test
    void templatesDevicesAndTheirCodesSurviveEncodingAndDecoding() {
        byte[] eim = { (byte) 0xBF, 0x57, 0x02, (byte) 0xA0, 0x00 };
        List<OrderPayload.Device> devices = List.of(
                new OrderPayload.Device(0, List.of(profile("89490000000000000017"), profile("89490000000000000025")),
                        eim),
                new OrderPayload.Device(1, List.of(profile("89490000000000000033"), profile("89490000000000000041"))));

        OrderPayload.Contents decoded = OrderPayload.decode(OrderPayload.encode(TEMPLATES, devices));
        assertArrayEquals(eim, decoded.devices().get(0).eimRequest(), "the eUICC's eIM request, after its lines");
        assertEquals(null, decoded.devices().get(1).eimRequest());
        byte[] misplaced = (HEAD + "eim;0;v1cCoAA=\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals("line 3, device: the eim line of device 0 does not follow that device's lines", assertThrows(
                IllegalArgumentException.class, () -> OrderPayload.decode(misplaced)).getMessage());

        assertEquals(TEMPLATES, decoded.templates());
        assertEquals(2, decoded.devices().size());
        OrderPayload.ProfileSecrets last = decoded.devices().get(1).profiles().get(1);
        assertEquals(Iccid.of("89490000000000000041"), last.iccid());
        assertEquals(Secret.ofHex(KI), decoded.devices().get(0).profiles().get(0).ki());
        assertEquals(Secret.ofHex(OPC), decoded.devices().get(1).profiles().get(0).opc());
        assertEquals(List.of("adm1", "pinAppl1"), List.copyOf(last.codes().keySet()), "codes in reference order");
        assertEquals(Secret.ofHex(PIN), last.codes().get("pinAppl1"));
    }

    /**
     * What a line makes of an order: each template personalized with the device's values, which our decoder reads
     * back with those values; the packages of two devices differ, and so do their hashes.
     */
    @Test
    void aVendorLinePersonalizesEachTemplateWithTheDevicesValues() throws Exception {
        OrderPayload.Device device = new OrderPayload.Device(0, List.of(profile("89490000000000000017"),
                profile("89490000000000000025")));
        OrderPersonalization line = new OrderPersonalization(TEMPLATES);

        List<ProfileTemplate.Personalized> packages = line.packagesOf(device);

        assertEquals(2, packages.size());
        OperationalProfile installed = OperationalProfile.of(ProfileCodec.decode(packages.get(1).der()));
        assertEquals(Iccid.of("89490000000000000025"), installed.iccid().orElseThrow());
        assertEquals("262911234567890", installed.imsi().orElseThrow().digits());
        assertEquals(Secret.ofHex(KI), installed.akaParameters().get(0).key());
        assertEquals(Secret.ofHex(PIN), installed.pins().stream().filter(c -> c.reference().equals("pinAppl1"))
                .findFirst().orElseThrow().value());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(packages.get(1).der())),
                packages.get(1).sha256Hex());
        assertFalse(packages.get(0).sha256Hex().equals(packages.get(1).sha256Hex()), "another ICCID, another package");

        IllegalArgumentException short1 = assertThrows(IllegalArgumentException.class,
                () -> line.packagesOf(new OrderPayload.Device(3, List.of(profile("89490000000000000017")))));
        assertEquals("device 3 has 1 profiles' values for 2 templates", short1.getMessage());
        IllegalArgumentException notSaip = assertThrows(IllegalArgumentException.class, () -> new OrderPersonalization(
                List.of(new OrderPayload.Template("broken", new byte[] { 0x30, 0x03, 0x01 }))));
        assertTrue(notSaip.getMessage().startsWith("template 0 (broken) cannot be personalized: "), notSaip.getMessage());
    }

    /**
     * From the security review: the growing buffer left copies of the keys in the arrays it outgrew, and decoding
     * made Strings of them. The buffer is sized exactly now (encoding refuses to let it grow) and keys are read from
     * the bytes in place: every length of index, ICCID and IMSI round-trips, keys in either case of hex.
     */
    @Test
    void payloadsOfEveryFieldLengthAreSizedExactlyAndReadBack() {
        List<OrderPayload.Device> devices = new java.util.ArrayList<>();
        String[] iccids = { "894900000000000001", "8949000000000000017", "89490000000000000017" };
        for (int i = 0; i < 300; i++) {
            String imsi = "262911234567890".substring(0, 6 + i % 10);
            devices.add(new OrderPayload.Device(i * 3_347, List.of(new OrderPayload.ProfileSecrets(
                    Iccid.of(iccids[i % 3]), imsi, Secret.ofHex(KI), Secret.ofHex(OPC),
                    i % 2 == 0 ? Map.of() : Map.of("pinAppl1", Secret.ofHex(PIN))))));
        }
        List<OrderPayload.Template> one = TEMPLATES.subList(0, 1);
        byte[] payload = OrderPayload.encode(one, devices);
        String head = OrderPayload.FORMAT + "\n" + "template;0;nordlicht-eu;" + Base64.getEncoder().encodeToString(DESIGN)
                + "\n";
        assertEquals(head.length() + devices.stream().mapToInt(d -> (d.index() + ";" + d.profiles().get(0).iccid()
                .digits() + ";" + d.profiles().get(0).imsi() + ";").length() + 67
                + (d.profiles().get(0).codes().isEmpty() ? 0 : "pinAppl1=".length() + 16)).sum(), payload.length);
        List<OrderPayload.Device> decoded = OrderPayload.decode(payload).devices();
        assertEquals(devices.size(), decoded.size());
        for (int i = 0; i < devices.size(); i++) {
            assertEquals(devices.get(i).index(), decoded.get(i).index());
            assertEquals(devices.get(i).profiles().get(0).imsi(), decoded.get(i).profiles().get(0).imsi());
            assertEquals(Secret.ofHex(KI), decoded.get(i).profiles().get(0).ki());
            assertEquals(devices.get(i).profiles().get(0).codes(), decoded.get(i).profiles().get(0).codes());
        }
        byte[] lowerCase = (HEAD + "0;89490000000000000017;262911234567890;" + KI.toLowerCase(java.util.Locale.ROOT)
                + ";" + OPC + ";\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(Secret.ofHex(KI), OrderPayload.decode(lowerCase).devices().get(0).profiles().get(0).ki());
        byte[] sevenFields = (HEAD + "0;89490000000000000017;262911234567890;" + KI + ";" + OPC + ";;x\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OrderPayload.decode(sevenFields)).getMessage()
                .startsWith("line 3: 6 fields expected (device;iccid;imsi;ki;opc;codes), found 7 or more"));
        byte[] noValue = (HEAD + "0;89490000000000000017;262911234567890;" + KI + ";" + OPC + ";x\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OrderPayload.decode(noValue)).getMessage()
                .startsWith("line 3, codes: reference=value expected"));
        byte[] fiveFields = (HEAD + "0;89490000000000000017;262911234567890;" + KI + ";" + OPC + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OrderPayload.decode(fiveFields)).getMessage()
                .startsWith("line 3: 6 fields expected"));
    }

    @Test
    void aPayloadOfAnotherFormatOrWithoutTemplatesIsRefusedByLine() {
        byte[] first = ("0;89490000000000000017;262911234567890;" + KI + ";" + OPC + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OrderPayload.decode(first)).getMessage()
                .startsWith("line 1: not an order payload of format 'ifpp-order-payload 2'"));
        byte[] noTemplate = (OrderPayload.FORMAT + "\n0;89490000000000000017;262911234567890;" + KI + ";" + OPC
                + ";\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals("line 2: a device's line before any template", assertThrows(IllegalArgumentException.class,
                () -> OrderPayload.decode(noTemplate)).getMessage());
        byte[] badBase64 = (OrderPayload.FORMAT + "\ntemplate;0;a;%%%\n").getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OrderPayload.decode(badBase64)).getMessage()
                .startsWith("line 2, der: not base64"));
        byte[] twoTemplatesOneLine = (HEAD + "template;1;b;" + Base64.getEncoder().encodeToString(DESIGN) + "\n"
                + "0;89490000000000000017;262911234567890;" + KI + ";" + OPC + ";\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals("line 4: device 0 ends with 1 profile lines, the order has 2 templates", assertThrows(
                IllegalArgumentException.class, () -> OrderPayload.decode(twoTemplatesOneLine)).getMessage());
    }

    @Test
    void aMalformedKeyOrCodeNamesTheLineAndFieldButNotTheValue() {
        byte[] payload = (HEAD + "0;89490000000000000017;262911234567890;" + KI + ";" + OPC + ";\n"
                + "1;89490000000000000025;262911234567891;" + KI.substring(2) + "ZZ;" + OPC + ";\n")
                .getBytes(StandardCharsets.US_ASCII);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> OrderPayload.decode(payload));
        assertTrue(error.getMessage().startsWith("line 4, ki: hex digits expected"), error.getMessage());
        assertFalse(error.getMessage().contains(KI.substring(2)), "the key's digits are not in the message");
        byte[] code = (HEAD + "0;89490000000000000017;262911234567890;" + KI + ";" + OPC + ";pinAppl1=31323334FFFFFF\n")
                .getBytes(StandardCharsets.US_ASCII);
        IllegalArgumentException codeError = assertThrows(IllegalArgumentException.class, () -> OrderPayload.decode(code));
        assertEquals("line 3, code pinAppl1: 16 hex digits (the 8 bytes of its value) expected, found 14 characters",
                codeError.getMessage());
    }

    @Test
    void aRetryPolicyRepeatsRetryableFailuresOnly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), 2.0);
        assertEquals("done", policy.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConnectorException(ConnectorException.Reason.TIMEOUT, "slow");
            }
            return "done";
        }));
        assertEquals(3, calls.get());
        calls.set(0);
        assertThrows(ConnectorException.class, () -> policy.call(() -> {
            calls.incrementAndGet();
            throw new ConnectorException(ConnectorException.Reason.BAD_SIGNATURE, "forged");
        }));
        assertEquals(1, calls.get(), "a bad signature is not retried");
    }

    private static OrderPayload.ProfileSecrets profile(String iccid) {
        return new OrderPayload.ProfileSecrets(Iccid.of(iccid), "262911234567890", Secret.ofHex(KI), Secret.ofHex(OPC),
                Map.of("pinAppl1", Secret.ofHex(PIN), "adm1", Secret.ofHex("3837363534333231")));
    }
}
