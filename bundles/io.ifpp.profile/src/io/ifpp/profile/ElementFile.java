package io.ifpp.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.ChoiceValue;
import io.ifpp.profile.asn1.Asn1Value.SequenceOfValue;
import io.ifpp.profile.asn1.Asn1Value.SequenceValue;

/**
 * A file of a profile element (a SAIP {@code File}: its FCP, then fill offsets and contents), read into what the
 * card will hold: the bytes written from offset 0 (gaps as 'FF'), the declared size when the FCP gives one.
 */
public record ElementFile(Optional<SequenceValue> fcp, OptionalInt declaredSize, byte[] content) {

    /** Far above any EF; fills beyond it are not followed (validation reports the offset), so memory stays bounded. */
    static final int MAX_CONTENT = 1 << 20;

    public ElementFile {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Reads a {@code File} value (SEQUENCE OF CHOICE { doNotCreate, fileDescriptor, fillFileOffset, fillFileContent }). */
    public static ElementFile of(Asn1Value file) {
        SequenceValue fcp = null;
        byte[] content = new byte[0];
        int position = 0;
        int written = 0;
        List<Asn1Value> steps = file instanceof SequenceOfValue list ? list.elements() : List.of();
        for (Asn1Value step : steps) {
            if (!(step instanceof ChoiceValue choice)) {
                continue;
            }
            switch (choice.alternative()) {
                case "fileDescriptor" -> fcp = (SequenceValue) choice.value();
                case "fillFileOffset" -> {
                    java.math.BigInteger offset = ((Asn1Value.IntegerValue) choice.value()).value();
                    position = offset.signum() < 0 || offset.bitLength() > 20 ? MAX_CONTENT : Math.min(MAX_CONTENT,
                            position + offset.intValue());
                }
                case "fillFileContent" -> {
                    Asn1Value.OctetStringValue bytes = (Asn1Value.OctetStringValue) choice.value();
                    int end = position + bytes.length();
                    if (end > MAX_CONTENT) {
                        continue;
                    }
                    if (end > content.length) {
                        int old = content.length;
                        content = Arrays.copyOf(content, end);
                        Arrays.fill(content, old, end, (byte) 0xFF);
                    }
                    System.arraycopy(bytes.bytes(), 0, content, position, bytes.length());
                    position = end;
                    written = Math.max(written, end);
                }
                default -> {
                    // doNotCreate: nothing to hold
                }
            }
        }
        return new ElementFile(Optional.ofNullable(fcp), declaredSize(fcp), Arrays.copyOf(content, written));
    }

    private static OptionalInt declaredSize(SequenceValue fcp) {
        if (fcp == null) {
            return OptionalInt.empty();
        }
        return fcp.get("efFileSize").map(v -> {
            int size = 0;
            for (byte b : ((Asn1Value.OctetStringValue) v).bytes()) {
                size = (size << 8) | (b & 0xFF);
            }
            return OptionalInt.of(size);
        }).orElse(OptionalInt.empty());
    }
}
