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

    /** A file of a profile element, by the component name that holds it ({@code ef-imsi}, {@code adf-usim}, ...). */
    public record Named(String name, ElementFile file) {
    }

    /** Every file an element creates or changes, in the element's order (an element not made of files: none). */
    public static List<Named> filesOf(Asn1Value element) {
        Asn1Value body = element instanceof ChoiceValue choice ? choice.value() : element;
        if (!(body instanceof SequenceValue pe)) {
            return List.of();
        }
        List<Named> files = new java.util.ArrayList<>();
        for (Asn1Value.Field field : pe.fields()) {
            if (field.name() != null && field.value() instanceof SequenceOfValue steps && steps.elements().stream()
                    .allMatch(step -> step instanceof ChoiceValue c && FILE_STEPS.contains(c.alternative()))) {
                files.add(new Named(field.name(), of(field.value())));
            }
        }
        return files;
    }

    private static final java.util.Set<String> FILE_STEPS = java.util.Set.of("doNotCreate", "fileDescriptor",
            "fillFileOffset", "fillFileContent");

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

    /** {@code file} with the efFileSize of its FCP set to {@code size} bytes; refused when its FCP declares none. */
    public static Asn1Value withDeclaredSize(Asn1Value file, int size) {
        if (size < 1 || size > 0xFFFF) {
            throw new IllegalArgumentException("an EF's size is 1 to 65535 bytes, not " + size);
        }
        List<Asn1Value> steps = new java.util.ArrayList<>();
        boolean sized = false;
        for (Asn1Value step : file instanceof SequenceOfValue list ? list.elements() : List.<Asn1Value>of()) {
            if (step instanceof ChoiceValue choice && choice.alternative().equals("fileDescriptor")
                    && choice.value() instanceof SequenceValue fcp && fcp.get("efFileSize").isPresent()) {
                byte[] bytes = size > 0xFF ? new byte[] { (byte) (size >> 8), (byte) size } : new byte[] { (byte) size };
                List<Asn1Value.Field> fields = fcp.fields().stream().map(f -> "efFileSize".equals(f.name())
                        ? new Asn1Value.Field(f.name(), new Asn1Value.OctetStringValue(bytes)) : f).toList();
                step = new ChoiceValue("fileDescriptor", new SequenceValue(fields));
                sized = true;
            }
            steps.add(step);
        }
        if (!sized) {
            throw new IllegalArgumentException("the file's FCP declares no efFileSize to change");
        }
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
