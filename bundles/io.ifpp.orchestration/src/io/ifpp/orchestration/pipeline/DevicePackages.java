package io.ifpp.orchestration.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Secret;
import io.ifpp.profile.DeviceValues;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.ProfileTemplate;
import io.ifpp.trust.SecretGenerator;

/**
 * The SAIP packages a batch loads, from one profile design: per device, the design personalized with the device's
 * own values — its ICCID and IMSI, a fresh Ki and OPc, and a fresh value for every PIN, PUK and ADM code the design
 * defines (PINs of 4 digits, PUKs and ADM codes of 8) — each package with its SHA-256, which the vendor's report echoes
 * for the profile it installed. The values are drawn here and never written into the design; the caller destroys
 * them once the device's packages are made and its order sealed.
 */
public final class DevicePackages {

    private static final int PIN_DIGITS = 4;
    private static final int PUK_DIGITS = 8;
    private static final int ADM_DIGITS = 8;

    private final ProfileTemplate template;
    /** The design's PINs and ADM codes, then its PUKs; and the digits of a fresh value for each. */
    private final List<String> codeReferences;
    private final int[] codeDigits;
    private final int kiBytes;
    private final int opcBytes;
    private final int mncLength;

    /** The packages of {@code design}; refused when it cannot be personalized (no ICCID, IMSI or AKA parameters). */
    public DevicePackages(ProfilePackage design) {
        this.template = ProfileTemplate.of(design);
        OperationalProfile profile = template.template();
        List<String> pins = profile.pins().stream().map(OperationalProfile.Code::reference).distinct().toList();
        List<String> puks = profile.puks().stream().map(OperationalProfile.Code::reference).distinct().toList();
        this.codeReferences = java.util.stream.Stream.concat(pins.stream(), puks.stream()).toList();
        this.codeDigits = java.util.stream.Stream.concat(pins.stream().map(reference -> reference.toLowerCase(
                Locale.ROOT).startsWith("adm") ? ADM_DIGITS : PIN_DIGITS), puks.stream().map(reference -> PUK_DIGITS))
                .mapToInt(Integer::intValue).toArray();
        OperationalProfile.AkaParameters aka = profile.akaParameters().get(0);
        this.kiBytes = aka.keyBytes();
        this.opcBytes = aka.opcBytes();
        this.mncLength = profile.imsi().orElseThrow().mncLength();
    }

    /** The IMSI of {@code digits} with the design's MNC length. */
    public Imsi imsi(String digits) {
        return new Imsi(digits, mncLength);
    }

    /**
     * Fresh values for one device of this design, in two draws of the DRBG (the keys, then every code); its secrets
     * are the caller's to destroy.
     */
    public DeviceValues draw(Iccid iccid, Imsi imsi) {
        List<Secret> keys = kiBytes == opcBytes ? SecretGenerator.random(2, kiBytes)
                : List.of(SecretGenerator.random(kiBytes), SecretGenerator.random(opcBytes));
        List<Secret> drawn = SecretGenerator.digitCodes(codeDigits);
        Map<String, Secret> codes = new LinkedHashMap<>();
        for (int i = 0; i < codeReferences.size(); i++) {
            codes.put(codeReferences.get(i), drawn.get(i));
        }
        return new DeviceValues(iccid, imsi, keys.get(0), keys.get(1), codes);
    }

    /** The design personalized with {@code values}, with its SHA-256. */
    public ProfileTemplate.Personalized make(DeviceValues values) {
        return template.personalizeWithDigest(values);
    }
}
