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

    /**
     * Reads a {@code File} value (SEQUENCE OF CHOICE { doNotCreate, fileDescriptor, fillFileOffset, fillFileContent }).
     * A fillPattern or repeatPattern of the FCP (TS 102 222) is laid down first: over the declared size, or once
     * when the template gives the size.
     */
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
                case "fileDescriptor" -> {
                    fcp = (SequenceValue) choice.value();
                    content = patterned(fcp);
                    written = content.length;
                }
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

    /** The file as its fill or repeat pattern leaves it: the last byte of a fill pattern repeats to the end. */
    private static byte[] patterned(SequenceValue fcp) {
        Optional<Asn1Value> info = fcp.get("proprietaryEFInfo");
        if (info.isEmpty() || !(info.get() instanceof SequenceValue proprietary)) {
            return new byte[0];
        }
        int size = Math.min(declaredSize(fcp).orElse(-1), MAX_CONTENT);
        Optional<byte[]> fill = proprietary.get("fillPattern").map(v -> ((Asn1Value.OctetStringValue) v).bytes());
        Optional<byte[]> repeat = proprietary.get("repeatPattern").map(v -> ((Asn1Value.OctetStringValue) v).bytes());
        byte[] pattern = fill.or(() -> repeat).orElse(new byte[0]);
        if (pattern.length == 0) {
            return new byte[0];
        }
        byte[] content = new byte[Math.max(size, pattern.length)];
        for (int i = 0; i < content.length; i++) {
            content[i] = i < pattern.length ? pattern[i] : fill.isPresent() ? pattern[pattern.length - 1] : pattern[i % pattern.length];
        }
        return content;
    }

    /**
     * {@code file} with its content replaced by {@code content} from offset 0: the FCP (or doNotCreate) stays, the
     * fill steps become one fillFileContent.
     */
    public static Asn1Value withContent(Asn1Value file, byte[] content) {
        List<Asn1Value> steps = new java.util.ArrayList<>();
        if (file instanceof SequenceOfValue list) {
            for (Asn1Value step : list.elements()) {
                if (step instanceof ChoiceValue choice && !choice.alternative().startsWith("fillFile")) {
                    steps.add(step);
                }
            }
        }
        steps.add(new ChoiceValue("fillFileContent", new Asn1Value.OctetStringValue(content)));
        return new SequenceOfValue(steps);
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
