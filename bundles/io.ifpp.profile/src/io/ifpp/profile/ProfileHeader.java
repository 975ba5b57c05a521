package io.ifpp.profile;

import java.util.List;
import java.util.Optional;

import io.ifpp.core.Iccid;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.SequenceValue;

/**
 * The ProfileHeader of a package, typed: what {@code ifpp profile info} shows and validation checks. The ICCID
 * stays raw BCD here ({@link #iccid()} reads it) so that a malformed one can still be shown and reported.
 */
public record ProfileHeader(int majorVersion, int minorVersion, Optional<String> profileType, byte[] iccidBcd,
        List<String> mandatoryServices, List<String> mandatoryGfstes) {

    public ProfileHeader {
        iccidBcd = iccidBcd.clone();
        mandatoryServices = List.copyOf(mandatoryServices);
        mandatoryGfstes = List.copyOf(mandatoryGfstes);
    }

    /** Reads the header element's value (the ProfileHeader SEQUENCE). */
    public static ProfileHeader of(SequenceValue header) {
        return new ProfileHeader(integer(header, "major-version"), integer(header, "minor-version"),
                header.get("profileType").map(v -> ((Asn1Value.StringValue) v).value()),
                header.get("iccid").map(v -> ((Asn1Value.OctetStringValue) v).bytes()).orElse(new byte[0]),
                header.get("eUICC-Mandatory-services").map(v -> ((SequenceValue) v).fields().stream()
                        .filter(f -> f.name() != null).map(Asn1Value.Field::name).toList()).orElse(List.of()),
                header.get("eUICC-Mandatory-GFSTEList").map(v -> ((Asn1Value.SequenceOfValue) v).elements().stream()
                        .map(oid -> ((Asn1Value.ObjectIdentifierValue) oid).dotted()).toList()).orElse(List.of()));
    }

    /** The component as an int; -1 when it does not fit one (validation reports the range). */
    private static int integer(SequenceValue sequence, String name) {
        return sequence.get(name).map(v -> ((Asn1Value.IntegerValue) v).value())
                .map(n -> n.bitLength() < 31 ? n.intValue() : -1).orElse(0);
    }

    @Override
    public byte[] iccidBcd() {
        return iccidBcd.clone();
    }

    /** The ICCID, or empty when the header's bytes are not BCD digits. */
    public Optional<Iccid> iccid() {
        try {
            return Optional.of(Iccid.fromBcd(iccidBcd));
        } catch (IllegalArgumentException notAnIccid) {
            return Optional.empty();
        }
    }

    public String version() {
        return majorVersion + "." + minorVersion;
    }
}
