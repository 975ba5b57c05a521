package io.ifpp.propertytests;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.ifpp.connector.filedrop.VendorOutputFile;
import io.ifpp.connector.filedrop.VendorOutputFileException;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.propertytests.Mutations.Mutation;

/**
 * Hostile-input suite (issue 9): the vendor's {@code .out} answer file, mutated from the real sample. It is read
 * whole and consistent, or refused with a {@link VendorOutputFileException} that names a line of the file; neither
 * ever shows a key.
 */
class VendorOutputFileProperties {

    private static final byte[] SAMPLE = Fixtures.read(Fixtures.VENDOR_OUTPUT_FILE);
    /** The sample's KI values: no error message may carry one, however the file was mangled. */
    private static final List<String> KEYS = keys(SAMPLE);

    static final int TRIES = 250_000;
    private static final HostileInput<VendorOutputFileException> PARSER = new HostileInput<>(
            "vendor output file (VendorOutputFile.parse), mutated sample .out", VendorOutputFileException.class, TRIES);

    /** The format's own words and edge values, so that mutations reach past the first check. */
    private static final List<String> TOKENS = List.of("*HEADER DESCRIPTION", "*INPUT VARIABLES", "*OUTPUT VARIABLES",
            "***************************************", "var_In:", "var_Out: ICCID/IMSI/KI",
            "var_Out: ICCID/IMSI/KI/OPC/PIN1/PIN2/PUK1/PUK2/ADM1/EID/RESULT/EUICC_CERT", "/ICCID", "/KI", "/OPC",
            "/EID", "/RESULT", "/EUICC_CERT", "Quantity : ", "Quantity : 0", "Quantity : 999999999",
            "Quantity : 2147483648", "Batch No : ", " : ", ":", " ", "\t", "\r", "\r\n", "\n", "\n\n", "*", "F", "f",
            "8947000000000012140F", "89470000000000121400", "8947000000000012140", "242017100011213", "24201710001",
            "00112233445566778899AABBCCDDEEFF", "00112233445566778899AABBCCDDEEF", "0000", "12345678", "INSTALLED",
            "FAILED", "89049032123451234512345678901235", "MIIBrzCCAVagAwIBAgIB", "==", "\u00e9", "\u0000");

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutations.text(TOKENS);
    }

    @Property(tries = TRIES, seed = "20261201", generation = GenerationMode.RANDOMIZED)
    void mutatedOutputFilesAreReadWholeOrRefusedWithWhereAndWhy(@ForAll("mutations") List<Mutation> mutations) {
        byte[] file = Mutations.apply(SAMPLE, mutations);
        PARSER.feed(() -> VendorOutputFile.parse(file), error -> {
            long lines = Mutations.lineCount(file);
            Check.that(error.lineNumber() >= 0 && error.lineNumber() <= lines,
                    "line " + error.lineNumber() + " of a file of " + lines + " lines");
            checkNoKey(error.getMessage(), "the error");
        }).ifPresent(VendorOutputFileProperties::checkConsistent);
    }

    /** A file that reads holds what its header promises, each ICCID once and valid, and shows no key. */
    private static void checkConsistent(VendorOutputFile read) {
        Check.that(read.header().quantity() == read.records().size(), "records other than the header's quantity");
        Check.that(read.records().stream().map(r -> r.iccid().digits()).distinct().count() == read.records().size(),
                "an ICCID twice");
        Check.that(read.records().stream().allMatch(r -> r.iccid().hasValidCheckDigit()), "an ICCID failing Luhn");
        checkNoKey(read.toString() + read.records(), "the file's text");
        read.destroySecrets();
    }

    private static void checkNoKey(String text, String what) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (String key : KEYS) {
            Check.that(!upper.contains(key), what + " quotes a KI of the sample");
        }
    }

    private static List<String> keys(byte[] sample) {
        Matcher key = Pattern.compile("\\b[0-9A-F]{32}\\b").matcher(new String(sample, StandardCharsets.US_ASCII));
        List<String> keys = key.results().map(MatchResult::group).toList();
        Check.that(keys.size() == 3, "the sample has three KI values, found " + keys.size());
        return keys;
    }

}
