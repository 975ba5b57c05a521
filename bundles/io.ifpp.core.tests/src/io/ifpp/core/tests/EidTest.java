package io.ifpp.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.ifpp.core.Eid;

class EidTest {

    @Test
    void theSgp26TestEidIsValid() {
        Eid eid = Eid.of("89049032123451234512345678901235");
        assertTrue(eid.hasValidCheckDigits());
        assertTrue(eid.startsWith("89049032"));
        assertEquals(eid, Eid.withCheckDigits("890490321234512345123456789012"));
    }

    @Test
    void theNextEidsOfARangeCarryOverAndHaveTheirCheckDigits() {
        Eid first = Eid.withCheckDigits("890490320000000000000000000099");
        Eid third = first.plus(2);
        assertEquals("890490320000000000000000000101", third.digits().substring(0, 30), "a carry into the next digit");
        assertTrue(third.hasValidCheckDigits());
        assertEquals(first, first.plus(0));
        assertThrows(IllegalArgumentException.class, () -> Eid.withCheckDigits("9".repeat(30)).plus(1));
    }

    @Test
    void aChangedDigitBreaksTheCheck() {
        assertFalse(Eid.of("89049032123451234512345678901234").hasValidCheckDigits());
        assertFalse(Eid.of("89049032123451234512345678911235").hasValidCheckDigits());
        assertThrows(IllegalArgumentException.class, () -> Eid.of("8904"));
    }
}
