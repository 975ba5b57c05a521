package io.ifpp.profile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.ifpp.core.Iccid;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.internal.asn1.BerEncoder;

/**
 * An operational profile used as a template: per device, ICCID, IMSI, Ki/OPc and codes are set and the package is
 * encoded. Ki/OPc go into every akaParameter element with its own algorithm parameters (the USIM's, and the ISIM's
 * when it does not map to the USIM's), as one subscription. The elements a device does not change are encoded once, here, and reused, so personalizing a batch
 * costs the changed elements only and holds one device at a time: {@link #personalizeAll} streams.
 */
public final class ProfileTemplate {

    private final OperationalProfile template;
    private final List<OperationalProfile.AkaParameters> aka;

    private ProfileTemplate(OperationalProfile template) {
        this.template = template;
        this.aka = template.akaParameters();
    }

    /** A template from a package that has a header, an MF with EF.ICCID, a USIM with EF.IMSI and one akaParameter. */
    public static ProfileTemplate of(ProfilePackage profile) {
        List<Asn1Value.OctetStringValue> encoded = new ArrayList<>();
        for (Asn1Value element : profile.elements()) {
            encoded.add(new Asn1Value.OctetStringValue(BerEncoder.encodeAll(SaipSchema.module(),
                    SaipSchema.module().type(SaipSchema.PROFILE_ELEMENT), List.of(element), List.of())));
        }
        OperationalProfile template = OperationalProfile.of(new ProfilePackage(profile.elements(), encoded));
        if (template.iccid().isEmpty() || template.imsi().isEmpty()) {
            throw new IllegalArgumentException("a template needs a header ICCID and a USIM EF.IMSI to personalize");
        }
        if (template.akaParameters().isEmpty()) {
            throw new IllegalArgumentException("a template needs an akaParameter element with algorithm parameters to "
                    + "personalize Ki/OPc; it has none");
        }
        return new ProfileTemplate(template);
    }

    public OperationalProfile template() {
        return template;
    }

    /**
     * One device's package and the SHA-256 of its DER: what the eUICC vendor's report gives back for the profile it
     * installed, and what reconciliation compares.
     */
    public record Personalized(Iccid iccid, byte[] der, byte[] sha256) {

        public String sha256Hex() {
            return HexFormat.of().formatHex(sha256);
        }

        @Override
        public String toString() {
            return "Personalized[" + iccid + ", " + der.length + " bytes, sha256 " + sha256Hex() + "]";
        }
    }

    /** {@link #personalize} with the package's SHA-256. */
    public Personalized personalizeWithDigest(DeviceValues device) {
        byte[] der = personalize(device);
        return new Personalized(device.iccid(), der, sha256(der));
    }

    /** The SHA-256 of a package's DER, as reports carry it. */
    public static byte[] sha256(byte[] der) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The package for one device, as DER. The device's secrets are left to the caller to close. */
    public byte[] personalize(DeviceValues device) {
        OperationalProfile profile = template.withIccid(device.iccid()).withImsi(device.imsi());
        for (OperationalProfile.AkaParameters parameters : aka) {
            int expectedKey = parameters.keyBytes();
            int expectedOpc = parameters.opcBytes();
            if (device.ki().length() != expectedKey || device.opc().length() != expectedOpc) {
                throw new IllegalArgumentException("device " + device.iccid() + ": the " + parameters.algorithm()
                        + " parameters of element " + (parameters.elementIndex() + 1) + " need a " + expectedKey
                        + "-byte Ki and a " + expectedOpc + "-byte OPc, got " + device.ki().length() + " and "
                        + device.opc().length() + " bytes");
            }
            profile = profile.withAkaKeys(parameters.elementIndex(), device.ki(), device.opc());
        }
        for (Map.Entry<String, io.ifpp.core.Secret> code : device.codes().entrySet()) {
            boolean isPuk = code.getKey().toLowerCase().contains("puk");
            profile = isPuk ? profile.withPuk(code.getKey(), code.getValue()) : profile.withPin(code.getKey(), code.getValue());
        }
        return ProfileCodec.encode(profile.toPackage());
    }

    /**
     * Personalizes every device in turn and hands each package to {@code sink} with its device; closes each
     * device's secrets after its package is handed over. Returns the number of packages.
     */
    public long personalizeAll(Iterator<DeviceValues> devices, BiConsumer<DeviceValues, byte[]> sink) {
        long count = 0;
        while (devices.hasNext()) {
            try (DeviceValues device = devices.next()) {
                sink.accept(device, personalize(device));
                count++;
            }
        }
        return count;
    }
}
