package io.ifpp.agreement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.agreement.Rat;
import io.ifpp.core.Diagnostic;
import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Luhn;
import io.ifpp.core.Plmn;
import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.OperationalProfile.AccessTechnology;
import io.ifpp.profile.OperationalProfile.PlmnWithAct;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileValidator;

/**
 * Agreements bound to their SAIP designs: every example design decodes, validates and fits its agreement (home
 * network, ICCID range, HPLMN and OPLMN lists with the coverage's radio technologies); a design that does not is
 * refused naming the agreement, the file or element and what differs; the planner counts the measured size.
 */
class ProfileDesignsTest {

    private static final AgreementValidator VALIDATOR = new AgreementValidator(Examples.WRITTEN);

    @TempDir
    Path folder;

    @Test
    void everyExampleDesignDecodesValidatesAndFitsItsAgreement() throws Exception {
        AgreementBook book = Examples.agreements();
        ProfileDesigns designs = ProfileDesigns.beside(Examples.ROOT.resolve("agreements"));
        assertEquals(Examples.ROOT, designs.root());
        assertEquals(List.of(), VALIDATOR.designs(book, designs));
        ProductPlan plan = Examples.plan();
        for (Agreement agreement : book.agreements()) {
            ProfileDesigns.Design design = designs.read(agreement.profile().design());
            assertEquals(List.of(), ProfileValidator.validate(design.profile()), agreement.id());
            assertTrue(design.installedBytes() >= design.encodedBytes(), agreement.id());
            assertTrue(design.installedKb() <= plan.euicc().freeMemoryKb(), agreement.id() + " fits the eUICC");
        }
    }

    @Test
    void thePlannerCountsTheMeasuredSizeOfEachDesign() throws Exception {
        AgreementBook book = Examples.agreements();
        ProfileDesigns designs = ProfileDesigns.under(Examples.ROOT);
        AgreementBook measured = designs.measured(book);
        for (Agreement agreement : measured.agreements()) {
            assertEquals(designs.read(agreement.profile().design()).installedKb(), agreement.profile().sizeKb(),
                    agreement.id());
        }
    }

    @Test
    void aDesignMadeForAnAgreementFitsIt() throws Exception {
        AgreementBook book = Examples.agreements();
        for (Agreement agreement : book.agreements()) {
            ProfilePackage made = ProfileDesigns.designFor(agreement, book.operator(agreement.operator()),
                    BuiltInTemplates.ALL.get(0).load());
            Path written = folder.resolve("profiles").resolve(agreement.id() + ".der");
            Files.createDirectories(written.getParent());
            Files.write(written, ProfileCodec.encode(made));
            AgreementBook one = new AgreementBook(book.operators(), List.of(agreement.withProfile(
                    new Agreement.ProfileSupply(agreement.profile().homePlmn(), 0, "profiles/" + agreement.id()
                            + ".der", agreement.profile().iccidPrefix()))), List.of());
            assertEquals(List.of(), VALIDATOR.designs(one, ProfileDesigns.under(folder)), agreement.id());
            OperationalProfile profile = OperationalProfile.of(made);
            assertTrue(profile.iccid().orElseThrow().digits().startsWith(agreement.profile().iccidPrefix()));
        }
    }

    @Test
    void aDesignOfAnotherNetworkOrRangeIsRefusedSayingWhatDiffers() throws Exception {
        List<Diagnostic> found = findings(profile -> profile
                .withImsi(new Imsi("262010000000000", 2))
                .withIccid(Iccid.of("894901000000000000" + Luhn.checkDigit("894901000000000000"))));
        assertEquals(List.of("design-home-plmn", "design-iccid"), found.stream().map(Diagnostic::rule).toList());
        assertEquals("agreement 'nordlicht-eu-iot' > profile > design > USIM EF.IMSI", found.get(0).location());
        assertEquals("an IMSI of 262-91", found.get(0).expected());
        assertEquals("262010000000000", found.get(0).found());
        assertEquals("8949910…", found.get(1).expected());
    }

    @Test
    void aRoamingNetworkMissingFromTheListOrWithoutACoveredTechnologyIsRefused() throws Exception {
        List<Diagnostic> found = findings(profile -> {
            List<PlmnWithAct> listed = new ArrayList<>(profile.operatorPlmns());
            PlmnWithAct dropped = listed.remove(0);
            // The next one (Italy, covered over 4G and LTE-M) allows E-UTRAN in NB-S1 mode only.
            listed.set(0, new PlmnWithAct(listed.get(0).plmn(), AccessTechnology.E_UTRAN_NB_S1.bits()));
            assertEquals(Plmn.parse("208-91"), dropped.plmn());
            return profile.withOperatorPlmns(listed);
        });
        Diagnostic missing = found.stream().filter(d -> d.rule().equals("design-coverage")).findFirst().orElseThrow();
        assertTrue(missing.message().contains("does not list the roaming network 208-91"), missing.message());
        assertEquals("agreement 'nordlicht-eu-iot' > profile > design > EF.OPLMNwACT", missing.location());
        Diagnostic rat = found.stream().filter(d -> d.rule().equals("design-rat")).findFirst().orElseThrow();
        assertEquals("the design does not allow [4G, LTE-M] on 222-91, which the coverage lists", rat.message());
        assertEquals("5000", rat.found());
    }

    @Test
    void aMissingBrokenOrEscapingDesignIsRefusedNamingTheFile() throws Exception {
        Agreement agreement = Examples.agreements().agreement("hexagone-fr").orElseThrow();
        Files.createDirectories(folder.resolve("profiles"));
        Files.write(folder.resolve("profiles/broken.der"), new byte[] { 0x30, 0x03, 0x01 });
        Map<String, String> expected = Map.of(
                "profiles/none.der", "no such profile design",
                "profiles/broken.der", "not a SAIP profile package",
                "../outside.der", "lies outside the designs folder");
        for (Map.Entry<String, String> design : expected.entrySet()) {
            AgreementBook book = new AgreementBook(List.of(), List.of(agreement.withProfile(new Agreement.ProfileSupply(
                    "208-91", 64, design.getKey(), "8933910"))), List.of());
            List<Diagnostic> found = VALIDATOR.designs(book, ProfileDesigns.under(folder));
            assertEquals(1, found.size(), found.toString());
            assertEquals("design-unreadable", found.get(0).rule());
            assertEquals(Diagnostic.Severity.ERROR, found.get(0).severity());
            assertTrue(found.get(0).message().contains(design.getValue()), found.get(0).message());
            assertTrue(found.get(0).message().contains(design.getKey().replace("../", "")), found.get(0).message());
        }
    }

    @Test
    void accessTechnologyIdentifiersFollowTs31102() {
        assertEquals(0x4000, Rat.accessTechnologyBits(List.of(Rat.LTE_M, Rat.NB_IOT)));
        assertEquals(0x6000, Rat.accessTechnologyBits(List.of(Rat.LTE, Rat.LTE_M)));
        assertEquals(0x5080, Rat.accessTechnologyBits(List.of(Rat.NB_IOT, Rat.GSM)));
        assertEquals(0x8800, Rat.accessTechnologyBits(List.of(Rat.UMTS, Rat.NR)));
        assertTrue(Rat.NB_IOT.allowedBy(0x4000));
        assertFalse(Rat.NB_IOT.allowedBy(0x6000));
        assertFalse(Rat.LTE_M.allowedBy(0x5000));
        assertFalse(Rat.LTE.allowedBy(0x2000), "the WB-S1 bit alone is no E-UTRAN");
        assertTrue(Rat.GSM.allowedBy(0x4080));
    }

    /** The validator's findings for the nordlicht example with its design changed by {@code change}. */
    private List<Diagnostic> findings(UnaryOperator<OperationalProfile> change) throws Exception {
        AgreementBook book = Examples.agreements();
        Agreement agreement = book.agreement("nordlicht-eu-iot").orElseThrow();
        ProfilePackage design = ProfileDesigns.under(Examples.ROOT).read(agreement.profile().design()).profile();
        Path changed = folder.resolve(agreement.profile().design());
        Files.createDirectories(changed.getParent());
        Files.write(changed, ProfileCodec.encode(change.apply(OperationalProfile.of(design)).toPackage()));
        return VALIDATOR.designs(new AgreementBook(book.operators(), List.of(agreement), List.of()),
                ProfileDesigns.under(folder));
    }
}
