package io.ifpp.connector.filedrop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.core.Luhn;
import io.ifpp.core.Secret;

/**
 * The vendor output file, field by field and fault by fault. Random mutations of the fixture (a quarter of a million,
 * each read whole or refused with the typed error, never quoting a Ki) are a jqwik property in releng/property-tests.
 */
class VendorOutputFileTest {

    @Test
    void parsesTheSharedFixtureWithEveryFieldFromTheFile() throws Exception {
        VendorOutputFile file = VendorOutputFile.parse(SampleFile.bytes());

        assertEquals("Footel", file.header().customer());
        assertEquals("BAR_FOOTEL_STD", file.header().profileType());
        assertEquals("2019092901", file.header().orderDate());
        assertEquals("2019092901", file.header().batchNumber());
        assertEquals(3, file.header().quantity());
        assertEquals(Map.of("ICCID", "8947000000000012141", "IMSI", "242017100011213"), file.inputVariables());
        assertEquals(List.of(VendorOutputColumn.ICCID, VendorOutputColumn.IMSI, VendorOutputColumn.KI),
                file.columns());
        List<Integer> lines = SampleFile.recordLines();
        assertEquals(lines.size(), file.records().size());
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = SampleFile.recordFields(lines.get(i));
            VendorOutputFile.Record record = file.records().get(i);
            assertEquals(lines.get(i), record.lineNumber());
            assertEquals(fields[0].substring(0, 19), record.iccid().digits(), "F padding dropped");
            assertTrue(record.iccid().hasValidCheckDigit());
            assertEquals(fields[1], record.imsiDigits().orElseThrow());
            assertEquals(fields[1].substring(0, 5), record.imsi(2).orElseThrow().plmn().mcc()
                    + record.imsi(2).orElseThrow().plmn().mnc());
            Secret ki = record.secret(VendorOutputColumn.KI).orElseThrow();
            assertEquals(16, ki.length());
            assertEquals(Secret.ofHex(fields[2]), ki);
            assertTrue(record.secret(VendorOutputColumn.OPC).isEmpty());
        }
    }

    @Test
    void readsTheFixtureFromDiskAndZeroizesOnRequest(@TempDir Path directory) throws Exception {
        Path copy = io.ifpp.fixtures.Fixtures.copyTo(io.ifpp.fixtures.Fixtures.VENDOR_OUTPUT_FILE, directory);
        VendorOutputFile file = VendorOutputFile.read(copy);
        Secret ki = file.records().getFirst().secret(VendorOutputColumn.KI).orElseThrow();
        file.destroySecrets();
        assertTrue(ki.isDestroyed());
    }

    @Test
    void neitherToStringNorRecordsShowAKi() throws Exception {
        VendorOutputFile file = VendorOutputFile.parse(SampleFile.bytes());
        StringBuilder shown = new StringBuilder(file.toString());
        file.records().forEach(r -> shown.append(r));
        shown.append(file.header()).append(file.records());
        assertNoKi(shown.toString());
        assertTrue(file.records().getFirst().toString().contains("KI Secret[16 bytes]"), file.records().getFirst()::toString);
    }

    @Test
    void takesWhateverColumnsVarOutDeclaresInTheirOrder() throws Exception {
        Random random = new Random(7);
        StringBuilder records = new StringBuilder();
        String[] expectedIccids = new String[4];
        Secret[] expectedAdm = new Secret[4];
        for (int i = 0; i < 4; i++) {
            String adm = i % 2 == 0 ? "87654321" : hex(random, 8);
            expectedAdm[i] = i % 2 == 0 ? Secret.of(adm.getBytes(StandardCharsets.US_ASCII)) : Secret.ofHex(adm);
            String payload = "8988247" + String.format("%012d", 1000 + i);
            String iccid = payload + Luhn.checkDigit(payload); // 20 digits, no padding
            expectedIccids[i] = iccid;
            records.append(String.format("310260%09d\t%s  %s %s %04d %08d %s%n", 500 + i, iccid, hex(random, 16),
                    hex(random, 16), 1234, 12345678, adm));
        }
        String text = SampleFile.text().replace("Quantity        : 3", "Quantity        : 4")
                .replaceFirst("var_Out: ICCID/IMSI/KI[\\s\\S]*", "var_Out: IMSI/ICCID/OPC/KI/PIN1/PUK1/adm1\n"
                        + records);
        VendorOutputFile file = VendorOutputFile.parse(text.getBytes(StandardCharsets.US_ASCII));

        assertEquals(List.of(VendorOutputColumn.IMSI, VendorOutputColumn.ICCID, VendorOutputColumn.OPC,
                VendorOutputColumn.KI, VendorOutputColumn.PIN1, VendorOutputColumn.PUK1, VendorOutputColumn.ADM1),
                file.columns());
        assertEquals(4, file.records().size());
        for (int i = 0; i < 4; i++) {
            VendorOutputFile.Record record = file.records().get(i);
            assertEquals(new Iccid(expectedIccids[i]), record.iccid());
            assertEquals(16, record.secret(VendorOutputColumn.OPC).orElseThrow().length());
            assertEquals(4, record.secret(VendorOutputColumn.PIN1).orElseThrow().length());
            assertEquals(8, record.secret(VendorOutputColumn.PUK1).orElseThrow().length());
            assertEquals(expectedAdm[i], record.secret(VendorOutputColumn.ADM1).orElseThrow(),
                    "8 digits kept as ASCII, 16 hex digits as 8 bytes");
        }
    }

    /** A personalization line's answer: each profile's ICCID with the EID it went onto, the result, the certificate. */
    private static String answer(String eid, String result, String certificate) {
        StringBuilder records = new StringBuilder();
        for (int line : SampleFile.recordLines()) {
            records.append(SampleFile.recordFields(line)[0]).append(' ').append(eid).append(' ').append(result)
                    .append(' ').append(certificate).append('\n');
        }
        return SampleFile.text().replaceFirst("var_Out: ICCID/IMSI/KI[\\s\\S]*",
                "var_Out: ICCID/EID/RESULT/EUICC_CERT\n" + records);
    }

    @Test
    void readsTheEidResultAndCertificateColumnsOfAPersonalizationAnswer() throws Exception {
        String eid = Eid.withCheckDigits("890490320000000000000000000001").digits();
        VendorOutputFile file = VendorOutputFile.parse(answer(eid, "INSTALLED", "MIIBAA==")
                .getBytes(StandardCharsets.US_ASCII));

        VendorOutputFile.Record record = file.records().getFirst();
        assertEquals(eid, record.value(VendorOutputColumn.EID).orElseThrow());
        assertEquals("INSTALLED", record.value(VendorOutputColumn.RESULT).orElseThrow());
        assertEquals("MIIBAA==", record.value(VendorOutputColumn.EUICC_CERT).orElseThrow());
        assertTrue(record.secret(VendorOutputColumn.KI).isEmpty());

        String badEid = eid.substring(0, 31) + (char) ('0' + (eid.charAt(31) - '0' + 1) % 10);
        VendorOutputFileException checkDigits = assertThrows(VendorOutputFileException.class,
                () -> VendorOutputFile.parse(answer(badEid, "INSTALLED", "MIIBAA==").getBytes(StandardCharsets.US_ASCII)));
        assertEquals("EID", checkDigits.field());
        VendorOutputFileException result = assertThrows(VendorOutputFileException.class,
                () -> VendorOutputFile.parse(answer(eid, "DONE", "MIIBAA==").getBytes(StandardCharsets.US_ASCII)));
        assertEquals("RESULT", result.field());
        assertTrue(result.found().contains("'DONE'"), result.getMessage());
        VendorOutputFileException certificate = assertThrows(VendorOutputFileException.class,
                () -> VendorOutputFile.parse(answer(eid, "FAILED", "MIIB*A==").getBytes(StandardCharsets.US_ASCII)));
        assertEquals("EUICC_CERT", certificate.field());
    }

    @Test
    void acceptsCrLfLineEndingsAndAMissingFinalNewlineAfterACompleteRecord() throws Exception {
        String text = SampleFile.text();
        assertEquals(3, VendorOutputFile.parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII))
                .records().size());
        assertEquals(3, VendorOutputFile.parse(text.strip().getBytes(StandardCharsets.US_ASCII)).records().size());
    }

    /** Every kind of fault, the line it is reported at, the field, and a word of what was found. */
    static Stream<Arguments> faults() {
        List<Integer> records = SampleFile.recordLines();
        int first = records.get(0);
        int second = records.get(1);
        int last = records.get(2);
        int quantity = SampleFile.lineStarting("Quantity");
        int inputSection = SampleFile.lineStarting("*INPUT VARIABLES");
        int outputSection = SampleFile.lineStarting("*OUTPUT VARIABLES");
        int varOut = SampleFile.lineStarting("var_Out:");
        String[] f1 = SampleFile.recordFields(first);
        String[] f2 = SampleFile.recordFields(second);
        String[] f3 = SampleFile.recordFields(last);
        List<String> lines = SampleFile.lines();
        String untilInput = String.join("\n", lines.subList(0, outputSection - 2)) + "\n";
        String text = SampleFile.text();
        String cutInLastKi = text.substring(0, text.indexOf(f3[2]) + 20);
        return Stream.of(
                Arguments.of("missing section", SampleFile.withLine(inputSection, ""), outputSection, "section",
                        "*OUTPUT VARIABLES"),
                Arguments.of("missing last section", untilInput.getBytes(StandardCharsets.US_ASCII),
                        outputSection - 2, "section", "end of the file"),
                Arguments.of("unknown column", SampleFile.withLine(varOut, "var_Out: ICCID/IMSI/KX"), varOut,
                        "var_Out", "'KX'"),
                Arguments.of("wrong column count", SampleFile.withLine(second, f2[0] + " " + f2[1]), second, "record",
                        "2 columns"),
                Arguments.of("bad hex", SampleFile.withLine(last, f3[0] + " " + f3[1] + " G" + f3[2].substring(1)),
                        last, "KI", "not all hex digits"),
                Arguments.of("short key", SampleFile.withLine(last, f3[0] + " " + f3[1] + " " + f3[2].substring(2)),
                        last, "KI", "30 characters"),
                Arguments.of("bad Luhn", SampleFile.withLine(second, bumpDigit18(f2[0]) + " " + f2[1] + " " + f2[2]),
                        second, "ICCID", "check digit"),
                Arguments.of("duplicate ICCID", SampleFile.withLine(last, f1[0] + " " + f3[1] + " " + f3[2]), last,
                        "ICCID", "first at line " + first),
                Arguments.of("duplicate IMSI", SampleFile.withLine(second, f2[0] + " " + f1[1] + " " + f2[2]), second,
                        "IMSI", "first at line " + first),
                Arguments.of("fewer records than Quantity", SampleFile.withLine(quantity, "Quantity : 4"), quantity,
                        "Quantity", "3 records"),
                Arguments.of("more records than Quantity", SampleFile.withLine(quantity, "Quantity : 2"), last,
                        "Quantity", "record 3"),
                Arguments.of("Quantity not a number", SampleFile.withLine(quantity, "Quantity : three"), quantity,
                        "Quantity", "'three'"),
                Arguments.of("missing header field", SampleFile.withLine(SampleFile.lineStarting("Batch No"), ""),
                        inputSection, "Batch No", "no such field"),
                Arguments.of("trailing garbage", (text + "\nend of batch\n").getBytes(StandardCharsets.US_ASCII),
                        lines.size() + 1, "end of file", "blank line " + (last + 1)),
                Arguments.of("garbage right after the records",
                        (text.stripTrailing() + "\nEND\n").getBytes(StandardCharsets.US_ASCII), last + 1, "Quantity",
                        "record 4"),
                Arguments.of("empty file", new byte[0], 1, "file", "an empty file"),
                Arguments.of("only blank lines", "\n \n\t\n".getBytes(StandardCharsets.US_ASCII), 1, "file",
                        "only blank lines"),
                Arguments.of("truncated mid-line", cutInLastKi.getBytes(StandardCharsets.US_ASCII), last, "KI",
                        "truncated"),
                Arguments.of("not ASCII", SampleFile.withLine(3, "Customer : Fo\u00f6tel"), 3, "text", "0xC3"),
                Arguments.of("text before the header", ("hello\n" + text).getBytes(StandardCharsets.US_ASCII), 1,
                        "section", "other text first"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void reportsEachFaultAtItsLine(String fault, byte[] content, int line, String field, String found) {
        VendorOutputFileException e = assertThrows(VendorOutputFileException.class,
                () -> VendorOutputFile.parse(content));
        assertEquals(line, e.lineNumber(), e::getMessage);
        assertEquals(field, e.field(), e::getMessage);
        assertTrue(e.found().contains(found), e::getMessage);
        assertTrue(e.getMessage().startsWith("line " + line + ", " + field + ": expected "), e::getMessage);
        assertNoKi(e.getMessage());
    }

    @Test
    void refusesAFileAboveTheSizeLimitBeforeParsingIt(@TempDir Path directory) throws Exception {
        byte[] content = SampleFile.bytes();
        VendorOutputFileException inMemory = assertThrows(VendorOutputFileException.class,
                () -> VendorOutputFile.parse(content, content.length - 1));
        assertEquals(0, inMemory.lineNumber());
        assertEquals("size", inMemory.field());
        Path big = directory.resolve("big.out");
        Files.write(big, new byte[4096]);
        VendorOutputFileException onDisk = assertThrows(VendorOutputFileException.class,
                () -> VendorOutputFile.read(big, 1024));
        assertTrue(onDisk.getMessage().contains("at most 1024 bytes"), onDisk::getMessage);
        assertEquals(3, VendorOutputFile.parse(content, content.length).records().size(), "the limit is inclusive");
    }

    @Test
    void rejectsUnknownAndRepeatedColumnsAndADeclarationWithoutIccid() {
        int varOut = SampleFile.lineStarting("var_Out:");
        for (String declaration : List.of("var_Out: ICCID/IMSI/KI/KI", "var_Out: IMSI/KI/OPC", "var_Out: ICCID//KI",
                "var_Out ICCID/IMSI/KI")) {
            VendorOutputFileException e = assertThrows(VendorOutputFileException.class,
                    () -> VendorOutputFile.parse(SampleFile.withLine(varOut, declaration)), declaration);
            assertEquals(varOut, e.lineNumber(), e::getMessage);
            assertEquals("var_Out", e.field(), e::getMessage);
        }
    }

    /**
     * Found by the hostile-input suite: splitting 'Name : value' with one backtracking pattern took time quadratic
     * in the blanks inside a name (a megabyte of them: half an hour). Now linear: well within the generous bound.
     */
    @Test
    void aMegabyteOfBlanksInAHeaderLineIsReadOrRefusedAtOnce() throws Exception {
        String blanks = " ".repeat(1 << 20);
        int orderDate = SampleFile.lineStarting("Order Date");
        VendorOutputFile file = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> VendorOutputFile.parse(SampleFile.withLine(orderDate, "Order" + blanks + "Date : 2019092901")));
        assertEquals("2019092901", file.header().orderDate(), "blanks inside a name count as one");
        VendorOutputFileException e = assertThrows(VendorOutputFileException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> VendorOutputFile
                        .parse(SampleFile.withLine(orderDate, "Order" + blanks + "Date 2019092901"))));
        assertEquals(orderDate, e.lineNumber(), e::getMessage);
        assertEquals("header", e.field(), e::getMessage);
    }

    static void assertNoKi(String text) {
        for (String ki : SampleFile.kiValues()) {
            assertFalse(text.contains(ki), "a Ki of the fixture appears in: a text of " + text.length() + " characters");
        }
    }

    /** The ICCID with its last payload digit changed, so that the check digit no longer fits. */
    private static String bumpDigit18(String paddedIccid) {
        char digit = paddedIccid.charAt(17);
        return paddedIccid.substring(0, 17) + (char) ('0' + (digit - '0' + 1) % 10) + paddedIccid.substring(18);
    }

    private static String hex(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().withUpperCase().formatHex(value);
    }
}
