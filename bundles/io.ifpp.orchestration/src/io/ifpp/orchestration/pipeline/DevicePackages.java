package io.ifpp.orchestration.pipeline;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private final ProfileTemplate template;
    private final List<String> pinReferences;
    private final List<String> pukReferences;
    private final int kiBytes;
    private final int opcBytes;

    /** The packages of {@code design}; refused when it cannot be personalized (no ICCID, IMSI or AKA parameters). */
    public DevicePackages(ProfilePackage design) {
        this.template = ProfileTemplate.of(design);
        OperationalProfile profile = template.template();
        this.pinReferences = profile.pins().stream().map(OperationalProfile.Code::reference).distinct().toList();
        this.pukReferences = profile.puks().stream().map(OperationalProfile.Code::reference).distinct().toList();
        OperationalProfile.AkaParameters aka = profile.akaParameters().get(0);
        boolean tuak = aka.algorithm().equals("tuak");
        this.kiBytes = tuak ? aka.key().length() : 16;
        this.opcBytes = tuak ? 32 : 16;
    }

    /** One device's package: its DER and the SHA-256 of the DER. */
    public record Made(Iccid iccid, byte[] der, byte[] sha256) {

        @Override
        public String toString() {
            return "Made[" + iccid + ", " + der.length + " bytes, sha256 " + java.util.HexFormat.of().formatHex(sha256)
                    + "]";
        }
    }

    /** Fresh values for one device of this design; its secrets are the caller's to destroy. */
    public DeviceValues draw(Iccid iccid, Imsi imsi) {
        Map<String, Secret> codes = new LinkedHashMap<>();
        for (String reference : pinReferences) {
            codes.put(reference, reference.toLowerCase(Locale.ROOT).startsWith("adm") ? SecretGenerator.adm()
                    : SecretGenerator.pin(PIN_DIGITS));
        }
        for (String reference : pukReferences) {
            codes.put(reference, SecretGenerator.puk());
        }
        return new DeviceValues(iccid, imsi, SecretGenerator.random(kiBytes), SecretGenerator.random(opcBytes), codes);
    }

    /** The design personalized with {@code values}, with its SHA-256. */
    public Made make(DeviceValues values) {
        byte[] der = template.personalize(values);
        return new Made(values.iccid(), der, sha256(der));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
