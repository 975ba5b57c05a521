package io.ifpp.connector.es2plus.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import io.ifpp.core.Iccid;

/**
 * ES2+ values as SGP.22 writes them on the wire, where the shared JSON Schemas are narrower than the standard
 * (docs/es2plus.md lists each place): an ICCID of 18 to 20 digits or 19 digits padded with {@code F}, and a W3C
 * date-time whose zone designator is {@code Z} or an offset. Read values are normalised (digits only, UTC); what an
 * answer echoes keeps the caller's form.
 */
public final class Es2PlusValues {

    /** SGP.22: "19 or 20 digits, the 20th MAY be the padding character F"; E.118 also allows 18. */
    public static final String ICCID_PATTERN = "^([0-9]{18,20}|[0-9]{19}[Ff])$";

    /** W3C date-time, YYYY-MM-DDThh:mm:ss[.s]TZD, TZD being Z or +hh:mm / -hh:mm. */
    public static final String TIMESTAMP_PATTERN =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

    private Es2PlusValues() {
    }

    /** The ICCID an ES2+ message carries, without its padding. */
    public static Iccid iccid(String wire) {
        if (wire == null || !wire.matches(ICCID_PATTERN)) {
            throw new IllegalArgumentException("an ES2+ ICCID is 18 to 20 digits, or 19 digits and the padding F; found '"
                    + (wire == null ? "nothing" : wire.length() > 24 ? wire.substring(0, 24) + "..." : wire) + "'");
        }
        return Iccid.of(wire.endsWith("F") || wire.endsWith("f") ? wire.substring(0, wire.length() - 1) : wire);
    }

    /** The instant of a W3C date-time with any zone designator. */
    public static Instant timestamp(String wire) {
        if (wire == null || !wire.matches(TIMESTAMP_PATTERN)) {
            throw new IllegalArgumentException("an ES2+ timestamp is YYYY-MM-DDThh:mm:ssTZD (W3C), found '"
                    + (wire == null ? "nothing" : wire.length() > 40 ? wire.substring(0, 40) + "..." : wire) + "'");
        }
        try {
            return OffsetDateTime.parse(wire).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the ES2+ timestamp '" + wire + "' is not a date and time: "
                    + e.getMessage(), e);
        }
    }
}
