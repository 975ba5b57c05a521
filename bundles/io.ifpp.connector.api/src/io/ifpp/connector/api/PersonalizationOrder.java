package io.ifpp.connector.api;

import java.util.List;
import java.util.Objects;

import io.ifpp.core.Eid;
import io.ifpp.trust.Envelope;

/**
 * An order to personalize {@code deviceCount} eUICCs with the same profile set: each device gets one profile of each
 * kind in {@code profileSet}, with the ICCID, IMSI and keys of {@code sealedDeviceSecrets} (an {@link OrderPayload}
 * sealed for the vendor and signed by IFPP Studio under {@code context}).
 *
 * @param orderId unique per order; submitting the same order again is answered as before
 * @param profileSet the profile designs loaded on each eUICC, in the order of each device's profiles
 * @param firstEid the first of the consecutive EIDs the devices must get (an EID range reserved by the OEM), or
 *        null to let the vendor allocate them in its EUM's range
 */
public record PersonalizationOrder(String orderId, int deviceCount, List<String> profileSet,
        byte[] sealedDeviceSecrets, Envelope.Context context, Eid firstEid) {

    /** An order whose EIDs the vendor allocates. */
    public PersonalizationOrder(String orderId, int deviceCount, List<String> profileSet, byte[] sealedDeviceSecrets,
            Envelope.Context context) {
        this(orderId, deviceCount, profileSet, sealedDeviceSecrets, context, null);
    }

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
        if (firstEid != null && !firstEid.hasValidCheckDigits()) {
            throw new IllegalArgumentException("order " + orderId + ": the first EID " + firstEid
                    + " has wrong check digits");
        }
    }

    /** The EID of device {@code index} when the order gives an EID range. */
    public Eid eidOf(int index) {
        if (firstEid == null) {
            throw new IllegalStateException("order " + orderId + " gives no EID range");
        }
        return firstEid.plus(index);
    }

    @Override
    public byte[] sealedDeviceSecrets() {
        return sealedDeviceSecrets.clone();
    }

    /** True when both orders carry the same content (the sealed bytes compared, not their identity). */
    public boolean sameContent(PersonalizationOrder other) {
        return orderId.equals(other.orderId) && deviceCount == other.deviceCount && profileSet.equals(other.profileSet)
                && java.util.Arrays.equals(sealedDeviceSecrets, other.sealedDeviceSecrets)
                && context.equals(other.context) && Objects.equals(firstEid, other.firstEid);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PersonalizationOrder order && sameContent(order);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, deviceCount, profileSet, java.util.Arrays.hashCode(sealedDeviceSecrets), context,
                firstEid);
    }

    @Override
    public String toString() {
        return "PersonalizationOrder[" + orderId + ", " + deviceCount + " devices, " + profileSet + ", "
                + sealedDeviceSecrets.length + " sealed bytes, " + context
                + (firstEid == null ? "" : ", EIDs from " + firstEid) + "]";
    }
}
