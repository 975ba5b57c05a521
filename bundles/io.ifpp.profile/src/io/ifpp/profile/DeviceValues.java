package io.ifpp.profile;

import java.util.Map;
import java.util.Objects;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Secret;

/**
 * The per-device values a template is personalized with: ICCID, IMSI, Ki and OPc, and codes by key reference
 * (pinAppl1, pukAppl1, adm1, ...). {@link #close()} zeroizes the secrets once the package is written.
 */
public record DeviceValues(Iccid iccid, Imsi imsi, Secret ki, Secret opc, Map<String, Secret> codes) implements AutoCloseable {

    public DeviceValues {
        Objects.requireNonNull(iccid, "iccid");
        Objects.requireNonNull(imsi, "imsi");
        Objects.requireNonNull(ki, "ki");
        Objects.requireNonNull(opc, "opc");
        codes = Map.copyOf(codes);
    }

    @Override
    public void close() {
        ki.destroy();
        opc.destroy();
        codes.values().forEach(Secret::destroy);
    }
}
