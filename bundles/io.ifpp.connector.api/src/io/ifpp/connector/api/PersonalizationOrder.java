package io.ifpp.connector.api;

import java.util.List;
import java.util.Objects;

import io.ifpp.trust.Envelope;

/**
 * An order to personalize {@code deviceCount} eUICCs with the same profile set: each device gets one profile of each
 * kind in {@code profileSet}, with the ICCID, IMSI and keys of {@code sealedDeviceSecrets} (an {@link OrderPayload}
 * sealed for the vendor and signed by IFPP Studio under {@code context}).
 *
 * @param orderId unique per order; submitting the same order again is answered as before
 * @param profileSet the profile designs loaded on each eUICC, in the order of each device's profiles
 */
public record PersonalizationOrder(String orderId, int deviceCount, List<String> profileSet,
        byte[] sealedDeviceSecrets, Envelope.Context context) {

    public PersonalizationOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(sealedDeviceSecrets, "sealedDeviceSecrets");
        profileSet = List.copyOf(profileSet);
        if (deviceCount < 1) {
            throw new IllegalArgumentException("order " + orderId + " needs at least one device, found " + deviceCount);
        }
        if (profileSet.isEmpty()) {
            throw new IllegalArgumentException("order " + orderId + " needs at least one profile");
        }
        sealedDeviceSecrets = sealedDeviceSecrets.clone();
    }

    @Override
    public byte[] sealedDeviceSecrets() {
        return sealedDeviceSecrets.clone();
    }

    /** True when both orders carry the same content (the sealed bytes compared, not their identity). */
    public boolean sameContent(PersonalizationOrder other) {
        return orderId.equals(other.orderId) && deviceCount == other.deviceCount && profileSet.equals(other.profileSet)
                && java.util.Arrays.equals(sealedDeviceSecrets, other.sealedDeviceSecrets)
                && context.equals(other.context);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PersonalizationOrder order && sameContent(order);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, deviceCount, profileSet, java.util.Arrays.hashCode(sealedDeviceSecrets), context);
    }

    @Override
    public String toString() {
        return "PersonalizationOrder[" + orderId + ", " + deviceCount + " devices, " + profileSet + ", "
                + sealedDeviceSecrets.length + " sealed bytes, " + context + "]";
    }
}
