package io.ifpp.agreement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.core.Diagnostic;

class AgreementValidatorTest {

    private static final AgreementValidator VALIDATOR = new AgreementValidator(Examples.WRITTEN);

    private static final String OPERATORS = """
            operators:
            - {id: home, name: Home, homeCountry: DE, plmns: [262-91], radio: [{country: DE, rat: LTE-M}]}
            - {id: partner, name: Partner, homeCountry: BR, plmns: [724-91], radio: [{country: BR, rat: LTE-M}]}
            countryRules:
            - {country: BR, permanentRoamingForbidden: true, source: test}
            """;

    @TempDir
    Path folder;

    @Test
    void theExamplesAreValid() throws Exception {
        List<Diagnostic> errors = VALIDATOR.validate(Examples.agreements()).stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        assertEquals(List.of(), errors);
        assertEquals(List.of(), VALIDATOR.validate(Examples.plan()));
    }

    @Test
    void aShipWindowAndSignedAgreementsThatTheCalendarOvertookAreWarningsWithTheirDates() throws Exception {
        LocalDate later = LocalDate.of(2028, 1, 11);
        AgreementValidator onALaterDay = new AgreementValidator(later);
        Diagnostic ended = only(onALaterDay.validate(Examples.plan()), "ship-window-ended");
        assertEquals(Diagnostic.Severity.WARNING, ended.severity());
        assertEquals("plan > shipWindow > until", ended.location());
        assertTrue(ended.message().contains("ended on 2027-12-31, before today (2028-01-11)"), ended.message());
        assertEquals(List.of(), onALaterDay.errors(Examples.plan(), Examples.agreements()), "dates alone refuse nothing");

        List<Diagnostic> overtaken = onALaterDay.overtaken(Examples.plan(), Examples.agreements());
        Diagnostic expired = overtaken.stream().filter(d -> d.rule().equals("validity")).findFirst().orElseThrow();
        assertTrue(expired.message().contains("validity ended on 2027-06-30, before today (2028-01-11)"),
                expired.message());
        assertEquals(List.of(), VALIDATOR.overtaken(Examples.plan(), Examples.agreements()),
                "nothing is overtaken on the day the examples were written");
    }

    /** From the security review: nested ranges passed, and the second then failed order formation on every run. */
    @Test
    void nestedIccidRangesAreRefusedNamingBothAgreements() throws Exception {
        String coverage = "coverage: [{country: DE, network: 262-91, rats: [LTE-M]}]";
        String first = agreement("a1", "262-91", coverage).replace("sizeKb: 80}", "sizeKb: 80, iccidPrefix: '894900'}");
        String nested = agreement("a2", "724-91", "coverage: [{country: BR, network: 724-91, rats: [LTE-M]}]")
                .replace("operator: home", "operator: partner").replace("provider: Home", "provider: Partner")
                .replace("sizeKb: 80}", "sizeKb: 80, iccidPrefix: '8949001'}").replace("agreements:\n", "");
        Diagnostic overlap = only(validate(first + nested), "iccid-range-overlap");
        assertEquals(Diagnostic.Severity.ERROR, overlap.severity());
        assertEquals("agreement 'a2' > profile > iccidPrefix", overlap.location());
        assertTrue(overlap.message().contains("agreement 'a1' (894900)"), overlap.message());
        assertEquals("8949001", overlap.found());

        String sameOtherNetwork = nested.replace("iccidPrefix: '8949001'", "iccidPrefix: '894900'");
        assertTrue(only(validate(first + sameOtherNetwork), "iccid-range-overlap").message()
                .contains("the same ICCID range as agreement 'a1' (894900, another home network)"));
        String renewal = agreement("a3", "262-91", coverage).replace("sizeKb: 80}", "sizeKb: 80, iccidPrefix: '894900'}")
                .replace("validFrom: 2025-01-01", "validFrom: 2032-01-01").replace("validUntil: 2031-12-31",
                        "validUntil: 2035-12-31").replace("agreements:\n", "");
        assertTrue(validate(first + renewal).stream().noneMatch(d -> d.rule().equals("iccid-range-overlap")),
                "a renewal for the same network keeps its range");
        String apart = nested.replace("iccidPrefix: '8949001'", "iccidPrefix: '8955101'");
        assertTrue(validate(first + apart).stream().noneMatch(d -> d.rule().equals("iccid-range-overlap")));
    }

    @Test
    void anUnknownCountryIsNamedWithItsPlace() throws Exception {
        Diagnostic finding = only(validate(agreement("a1", "262-91", "coverage: [{country: XY, network: 262-91, rats: [LTE-M]}]")),
                "country-unknown");
        assertEquals("agreement 'a1' > coverage[0] > country", finding.location());
        assertEquals("XY", finding.found());
    }

    /** Found by the hostile-input suite: the radio check compared the missing country and failed with an NPE. */
    @Test
    void aCoverageEntryWithoutACountryIsAFindingNotACrash() throws Exception {
        Diagnostic finding = only(validate(agreement("a1", "262-91", "coverage: [{network: 262-91, rats: [LTE-M]}]")),
                "country-unknown");
        assertEquals("agreement 'a1' > coverage[0] > country", finding.location());
        assertEquals("none", finding.found());
    }

    @Test
    void aPlmnNoOperatorRunsIsUnknown() throws Exception {
        Diagnostic finding = only(validate(agreement("a1", "262-92",
                "coverage: [{country: DE, network: 262-91, rats: [LTE-M]}]")), "plmn-unknown");
        assertTrue(finding.message().contains("not a network of operator 'home'"), finding.message());
        assertEquals("262-92", finding.found());
    }

    @Test
    void anUnassignedMccIsRefused() throws Exception {
        assertEquals("plmn-unknown", only(validate(agreement("a1", "262-91",
                "coverage: [{country: DE, network: 999-01, rats: [LTE-M]}]")), "plmn-unknown").rule());
    }

    @Test
    void overlappingValidityForTheSameProfileIsAnError() throws Exception {
        String first = agreement("a1", "262-91", "coverage: [{country: DE, rats: [LTE-M]}]");
        String second = agreement("a2", "262-91", "coverage: [{country: DE, rats: [LTE-M]}]")
                .replace("validFrom: 2025-01-01", "validFrom: 2030-06-01");
        Diagnostic finding = only(validate(first + second.replace("agreements:\n", "")), "validity-overlap");
        assertTrue(finding.message().contains("overlaps agreement 'a1'"), finding.message());
        assertEquals("2030-06-01", finding.found());
    }

    /**
     * Found by the hostile-input suite: overlaps were reported per pair, so an agreement file repeating one agreement
     * 2,000 times gave 2 million findings (seconds, and most of the heap). Now one per agreement, at its own index.
     */
    @Test
    void anAgreementRepeatedManyTimesGivesOneOverlapFindingPerCopy() throws Exception {
        Agreement agreement = read(agreement("a1", "262-91", "coverage: [{country: DE, rats: [LTE-M]}]")).agreements()
                .getFirst();
        AgreementBook book = read("").merge(new AgreementBook(List.of(), Collections.nCopies(2000, agreement), List.of()));
        List<Diagnostic> overlaps = VALIDATOR.validate(book).stream().filter(d -> d.rule().equals("validity-overlap"))
                .toList();
        assertEquals(1999, overlaps.size());
        assertEquals(IntStream.range(1, 2000).boxed().toList(), overlaps.stream().map(Diagnostic::index).toList());
    }

    /** Found by the hostile-input suite: the finding wrote the price out in full, a billion digits. */
    @Test
    void aNegativePriceWithAHugeExponentIsAFindingNotAnOutOfMemoryError() throws Exception {
        Diagnostic finding = only(validate(agreement("a1", "262-91", "coverage: [{country: DE, rats: [LTE-M]}]")
                .replace("perProfile: 0.5", "perProfile: -1e999999999")), "prices");
        assertEquals("agreement 'a1' > prices > perProfile", finding.location());
        assertEquals("-1E+999999999", finding.found());
    }

    @Test
    void permanentRoamingIntoACountryThatForbidsItIsAnError() throws Exception {
        Diagnostic finding = only(validate(agreement("a1", "262-91",
                "coverage: [{country: BR, network: 724-91, rats: [LTE-M], permanentRoaming: true}]")),
                "permanent-roaming-forbidden");
        assertTrue(finding.message().startsWith("BR forbids permanent roaming"), finding.message());
    }

    @Test
    void quotaAndShipWindowAreCheckedAgainstThePlan() throws Exception {
        AgreementBook book = read(agreement("a1", "262-91", "coverage: [{country: DE, rats: [LTE-M]}]")
                .replace("profileQuota: 1000000", "profileQuota: 1000").replace("validUntil: 2031-12-31",
                        "validUntil: 2026-12-31"));
        List<Diagnostic> findings = VALIDATOR.validate(Examples.plan(), book);
        Diagnostic quota = only(findings, "quota-exceeded");
        assertEquals("1000", quota.found());
        Diagnostic expiry = only(findings, "expires-before-ship-window");
        assertEquals(Diagnostic.Severity.ERROR, expiry.severity());
        assertEquals("2026-12-31", expiry.found());
    }

    @Test
    void anUnknownFieldIsRefusedWithItsPlace() throws Exception {
        Path file = folder.resolve("typo.yaml");
        Files.writeString(file, OPERATORS + "agreements:\n- id: a1\n  profileQuotta: 5\n");
        DesignFileException error = assertThrows(DesignFileException.class, () -> DesignFiles.readAgreements(file));
        assertTrue(error.line() > 0, "a line number");
        assertTrue(error.getMessage().contains("unknown field 'profileQuotta' at agreements[0]"), error.getMessage());
    }

    @Test
    void aBadRadioTechnologyNamesTheAcceptedOnes() throws Exception {
        Path file = folder.resolve("rat.yaml");
        Files.writeString(file, OPERATORS.replace("rat: LTE-M}]}\n- {id: partner", "rat: 6G}]}\n- {id: partner"));
        DesignFileException error = assertThrows(DesignFileException.class, () -> DesignFiles.readAgreements(file));
        assertTrue(error.getMessage().contains("unknown radio access technology '6G'"), error.getMessage());
        assertTrue(error.getMessage().contains("rat.yaml:2:"), error.getMessage());
    }

    @Test
    void aBookSurvivesWritingAndReadingBack() throws Exception {
        AgreementBook book = Examples.agreements();
        Path json = folder.resolve("book.json");
        DesignFiles.write(json, book);
        assertEquals(book, DesignFiles.readAgreements(json));
    }

    private static String agreement(String id, String homePlmn, String coverage) {
        return """
                agreements:
                - id: %s
                  provider: Home
                  operator: home
                  profile: {homePlmn: %s, sizeKb: 80}
                  %s
                  factoryProvisioning: true
                  profileQuota: 1000000
                  validFrom: 2025-01-01
                  validUntil: 2031-12-31
                  prices: {currency: EUR, perProfile: 0.5, perDeviceMonth: 0.3}
                  status: signed
                """.formatted(id, homePlmn, coverage);
    }

    private AgreementBook read(String agreements) throws IOException, DesignFileException {
        Path file = folder.resolve("book.yaml");
        Files.writeString(file, OPERATORS + agreements);
        return DesignFiles.readAgreements(file);
    }

    private List<Diagnostic> validate(String agreements) throws IOException, DesignFileException {
        return VALIDATOR.validate(read(agreements));
    }

    private static Diagnostic only(List<Diagnostic> findings, String rule) {
        List<Diagnostic> matching = findings.stream().filter(d -> d.rule().equals(rule)).toList();
        assertEquals(1, matching.size(), () -> "findings: " + findings);
        return matching.get(0);
    }
}
