package io.ifpp.agreement;

import java.util.Collection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.ifpp.profile.OperationalProfile.AccessTechnology;

/** Radio access technology, written as operators and module datasheets name it. */
public enum Rat {
    GSM("2G"), UMTS("3G"), LTE("4G"), LTE_M("LTE-M"), NB_IOT("NB-IoT"), NR("5G");

    private final String label;

    Rat(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static Rat ofLabel(String text) {
        for (Rat rat : values()) {
            if (rat.label.equalsIgnoreCase(text) || rat.name().equalsIgnoreCase(text)) {
                return rat;
            }
        }
        throw new IllegalArgumentException("unknown radio access technology '" + text
                + "'; one of 2G, 3G, 4G, LTE-M, NB-IoT, 5G");
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * The access technology identifier of a PLMN-with-AcT entry (TS 31.102 4.2.5) that allows exactly these
     * technologies: LTE and LTE-M are E-UTRAN in WB-S1 mode, NB-IoT E-UTRAN in NB-S1 mode.
     */
    public static int accessTechnologyBits(Collection<Rat> rats) {
        boolean wb = rats.contains(LTE) || rats.contains(LTE_M);
        boolean nb = rats.contains(NB_IOT);
        int bits = wb && nb ? AccessTechnology.E_UTRAN.bits() : wb ? AccessTechnology.E_UTRAN_WB_S1.bits()
                : nb ? AccessTechnology.E_UTRAN_NB_S1.bits() : 0;
        bits |= rats.contains(GSM) ? AccessTechnology.GSM.bits() : 0;
        bits |= rats.contains(UMTS) ? AccessTechnology.UTRAN.bits() : 0;
        bits |= rats.contains(NR) ? AccessTechnology.NG_RAN.bits() : 0;
        return bits;
    }

    /** True if an entry with access technology identifier {@code bits} lets a device attach over this technology. */
    public boolean allowedBy(int bits) {
        // E-UTRAN's bit, then its modes: both unless the entry is WB-S1 only or NB-S1 only.
        boolean eutran = (bits & AccessTechnology.E_UTRAN.bits()) != 0;
        int mode = bits & (AccessTechnology.E_UTRAN_WB_S1.bits() | AccessTechnology.E_UTRAN_NB_S1.bits());
        return switch (this) {
            case GSM -> (bits & AccessTechnology.GSM.bits()) != 0;
            case UMTS -> (bits & AccessTechnology.UTRAN.bits()) != 0;
            case LTE, LTE_M -> eutran && mode != AccessTechnology.E_UTRAN_NB_S1.bits();
            case NB_IOT -> eutran && mode != AccessTechnology.E_UTRAN_WB_S1.bits();
            case NR -> (bits & AccessTechnology.NG_RAN.bits()) != 0;
        };
    }
}
