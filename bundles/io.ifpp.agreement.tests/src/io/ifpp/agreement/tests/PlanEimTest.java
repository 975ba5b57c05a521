package io.ifpp.agreement.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.core.Diagnostic;

/** The plan's eIM (SGP.32): the example's is one SGP.32 can carry; a setting it cannot is an error naming it. */
class PlanEimTest {

    private static final AgreementValidator VALIDATOR = new AgreementValidator(LocalDate.of(2027, 1, 4));

    @Test
    void theExamplesEimIsValidAndABrokenOneIsAnErrorNamingTheSetting() throws Exception {
        ProductPlan plan = DesignFiles.readPlan(Examples.ROOT.resolve("plans/smart-water-meter.yaml"));
        assertEquals("eim.example.com", plan.eim().id());
        assertEquals(List.of(), VALIDATOR.validate(plan).stream().filter(d -> d.rule().equals("eim")).toList());

        ProductPlan.Eim eim = plan.eim();
        ProductPlan broken = new ProductPlan(plan.name(), plan.example(), plan.currency(), plan.markets(),
                plan.shipWindow(), plan.serviceMonths(), plan.requiredRats(), plan.euicc(), plan.environments(),
                plan.risk(), new ProductPlan.Eim(eim.id(), eim.fqdn(), eim.idType(), eim.publicKey(), eim.publicKey(),
                        null, null, List.of("eimRetrieveCarrierPigeon"), null));
        List<Diagnostic> found = VALIDATOR.validate(broken).stream().filter(d -> d.rule().equals("eim")).toList();
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("publicKey or certificate"), found.get(0).message());
    }
}
