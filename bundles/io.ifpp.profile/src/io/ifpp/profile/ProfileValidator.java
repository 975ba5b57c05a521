package io.ifpp.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ifpp.core.Diagnostic;
import io.ifpp.core.Iccid;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.ChoiceValue;
import io.ifpp.profile.asn1.Asn1Value.SequenceOfValue;
import io.ifpp.profile.asn1.Asn1Value.SequenceValue;

/**
 * Checks a decoded package against the rules of the SAIP specification that its schema alone cannot express.
 * Each finding names the element (index and path), the rule, and what was expected and found; none quotes a key,
 * OPc, PIN or PUK.
 */
public final class ProfileValidator {

    /** NAA profile elements and the mandatory service that announces each. */
    private static final Map<String, String> NAA_SERVICES = Map.of("usim", "usim", "isim", "isim", "csim", "csim");
    private static final Set<String> PIN_REFERENCES_WITH_DIGITS = Set.of("pinAppl", "secondPINAppl");

    private final ProfilePackage profile;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private ProfileValidator(ProfilePackage profile) {
        this.profile = profile;
    }

    /** Every finding, in element order; an empty list means the package is valid by these rules. */
    public static List<Diagnostic> validate(ProfilePackage profile) {
        ProfileValidator validator = new ProfileValidator(profile);
        validator.run();
        return List.copyOf(validator.diagnostics);
    }

    /** True if no finding is an error. */
    public static boolean isValid(List<Diagnostic> diagnostics) {
        return diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    private void run() {
        List<Asn1Value> elements = profile.elements();
        if (elements.isEmpty()) {
            error("header-first", -1, "the package", "a profile package holds at least a header and an end element",
                    "header … end", "no element");
            return;
        }
        order(elements);
        identifications(elements);
        Optional<ProfileHeader> header = profile.typedHeader();
        header.ifPresent(h -> {
            services(h);
            iccid(h);
        });
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof ChoiceValue element) {
                switch (element.alternative()) {
                    case "usim", "iot" -> imsi(i, element);
                    case "akaParameter" -> aka(i, element);
                    case "pinCodes" -> pins(i, element);
                    case "pukCodes" -> puks(i, element);
                    default -> {
                    }
                }
                fileSizes(i, element);
            }
        }
    }

    // ---- structure

    private void order(List<Asn1Value> elements) {
        List<String> kinds = profile.elementKinds();
        if (!kinds.get(0).equals("header")) {
            error("header-first", 0, where(0), "a profile package starts with its ProfileHeader", "header", kinds.get(0));
        }
        int last = kinds.size() - 1;
        if (!kinds.get(last).equals("end")) {
            error("end-last", last, where(last), "a profile package ends with an end element", "end", kinds.get(last));
        }
        for (int i = 1; i < kinds.size(); i++) {
            if (kinds.get(i).equals("header")) {
                error("header-first", i, where(i), "only the first element may be a header", "one header", "another at element " + (i + 1));
            }
        }
        for (int i = 0; i < last; i++) {
            if (kinds.get(i).equals("end")) {
                error("end-last", i, where(i), "nothing may follow the end element", "end last", (last - i) + " elements after it");
            }
        }
    }

    private void identifications(List<Asn1Value> elements) {
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            final int index = i;
            peHeader(elements.get(i)).flatMap(h -> h.get("identification")).ifPresent(id -> {
                long identification = ((Asn1Value.IntegerValue) id).value().longValue();
                Integer first = seen.putIfAbsent(identification, index);
                if (first != null) {
                    error("unique-identification", index, where(index) + " > identification",
                            "each profile element has its own identification number", "a number no other element uses",
                            identification + ", as element " + (first + 1));
                }
            });
        }
    }

    /** The PEHeader of an element: its first component, a SEQUENCE holding {@code identification}. */
    private static Optional<SequenceValue> peHeader(Asn1Value element) {
        if (element instanceof ChoiceValue choice && choice.value() instanceof SequenceValue pe && !pe.fields().isEmpty()
                && pe.fields().get(0).value() instanceof SequenceValue first && first.get("identification").isPresent()) {
            return Optional.of(first);
        }
        return Optional.empty();
    }

    // ---- header

    private void services(ProfileHeader header) {
        List<String> kinds = profile.elementKinds();
        NAA_SERVICES.forEach((element, service) -> {
            boolean present = kinds.contains(element);
            boolean announced = header.mandatoryServices().contains(service);
            if (present && !announced) {
                error("mandatory-services", 0, where(0) + " > eUICC-Mandatory-services",
                        "the package has a " + element + " element, so the header must list the " + service + " service",
                        service, "not listed");
            } else if (announced && !present) {
                warning("mandatory-services", 0, where(0) + " > eUICC-Mandatory-services",
                        "the header lists the " + service + " service but the package has no " + element + " element",
                        element + " element", "none");
            }
        });
        for (String algorithm : List.of("milenage", "tuak128", "tuak256", "usim-test-algorithm")) {
            if (header.mandatoryServices().contains(algorithm) && !akaAlgorithms().contains(algorithm)) {
                warning("mandatory-services", 0, where(0) + " > eUICC-Mandatory-services",
                        "the header lists " + algorithm + " but no akaParameter uses it", "an akaParameter with " + algorithm,
                        "none");
            }
        }
    }

    /** The service names the package's akaParameter elements need, by algorithm and key length. */
    private List<String> akaAlgorithms() {
        List<String> needed = new ArrayList<>();
        for (Asn1Value element : profile.elements()) {
            algoParameter(element).ifPresent(algo -> needed.add(serviceOf(algo)));
        }
        return needed;
    }

    private static Optional<SequenceValue> algoParameter(Asn1Value element) {
        if (element instanceof ChoiceValue pe && pe.alternative().equals("akaParameter")
                && pe.value() instanceof SequenceValue aka && aka.get("algoConfiguration").orElse(null) instanceof ChoiceValue config
                && config.alternative().equals("algoParameter")) {
            return Optional.of((SequenceValue) config.value());
        }
        return Optional.empty();
    }

    private static String serviceOf(SequenceValue algo) {
        long id = algo.get("algorithmID").map(v -> ((Asn1Value.IntegerValue) v).value().longValue()).orElse(0L);
        int keyLength = algo.get("key").map(v -> ((Asn1Value.OctetStringValue) v).length()).orElse(0);
        return switch ((int) id) {
            case 1 -> "milenage";
            case 2 -> keyLength == 32 ? "tuak256" : "tuak128";
            case 3 -> "usim-test-algorithm";
            default -> "algorithm " + id;
        };
    }

    private void iccid(ProfileHeader header) {
        String location = where(0) + " > iccid";
        Optional<Iccid> iccid = header.iccid();
        if (iccid.isEmpty()) {
            error("iccid-format", 0, location, "the header ICCID is 10 bytes of BCD digits padded with F",
                    "18-20 BCD digits", header.iccidBcd().length + " bytes that are not");
            return;
        }
        if (!iccid.get().hasValidCheckDigit()) {
            error("iccid-luhn", 0, location, "the last ICCID digit is its Luhn check digit (E.118)",
                    "check digit " + iccid.get().expectedCheckDigit(), "check digit " + iccid.get().digits().charAt(iccid.get().digits().length() - 1));
        }
        int mf = profile.elementKinds().indexOf("mf");
        if (mf < 0) {
            return;
        }
        ((SequenceValue) ((ChoiceValue) profile.elements().get(mf)).value()).get("ef-iccid").ifPresent(file -> {
            byte[] content = ElementFile.of(file).content();
            try {
                Iccid inFile = Iccid.fromSwappedBcd(content);
                if (!inFile.equals(iccid.get())) {
                    error("iccid-agreement", mf, where(mf) + " > ef-iccid",
                            "EF.ICCID holds the header's ICCID, nibble-swapped", iccid.get().digits(), inFile.digits());
                }
            } catch (IllegalArgumentException notDigits) {
                error("iccid-agreement", mf, where(mf) + " > ef-iccid",
                        "EF.ICCID holds the header's ICCID, nibble-swapped", iccid.get().digits(), "content that is not BCD digits");
            }
        });
    }

    // ---- identity files

    private void imsi(int index, ChoiceValue element) {
        SequenceValue pe = (SequenceValue) element.value();
        Optional<Asn1Value> efImsi = pe.get("ef-imsi");
        if (efImsi.isEmpty()) {
            return;
        }
        String location = where(index) + " > ef-imsi";
        byte[] content = ElementFile.of(efImsi.get()).content();
        if (content.length < 2 || (content[0] & 0xFF) < 1 || (content[0] & 0xFF) > 8 || (content[0] & 0xFF) > content.length - 1) {
            error("imsi-format", index, location, "EF.IMSI starts with the number of IMSI bytes (1-8) that follow",
                    "1-8", content.length == 0 ? "an empty file" : Integer.toString(content[0] & 0xFF));
            return;
        }
        int bytes = content[0] & 0xFF;
        StringBuilder digits = new StringBuilder();
        int indicator = content[1] & 0x0F;
        for (int i = 1; i <= bytes; i++) {
            int low = content[i] & 0x0F;
            int high = (content[i] >> 4) & 0x0F;
            if (i > 1) {
                digits.append(nibble(low));
            }
            digits.append(nibble(high));
        }
        String imsi = digits.toString();
        boolean odd = (indicator & 0x08) != 0;
        if (!odd && imsi.endsWith("F")) {
            imsi = imsi.substring(0, imsi.length() - 1);
        }
        if ((indicator & 0x07) != 1) {
            error("imsi-format", index, location, "the first nibble of EF.IMSI says the identity is an IMSI (type 001)",
                    "type 1", "type " + (indicator & 0x07));
        }
        if (!imsi.matches("\\d{6,15}")) {
            error("imsi-format", index, location, "an IMSI has 6 to 15 decimal digits", "6-15 digits",
                    imsi.length() + " characters" + (imsi.chars().allMatch(Character::isDigit) ? "" : ", not all digits"));
            return;
        }
        if (odd != (imsi.length() % 2 == 1)) {
            error("imsi-format", index, location, "the parity bit of EF.IMSI matches the number of digits",
                    imsi.length() % 2 == 1 ? "odd" : "even", odd ? "odd" : "even");
        }
        OptionalMnc mnc = mncLength(pe);
        if (mnc.length < 0) {
            warning("mnc-length", index, where(index) + " > ef-ad",
                    "EF.AD's fourth byte gives the MNC length of the IMSI (2 or 3); without it the network guesses",
                    "2 or 3", mnc.found);
        } else if (mnc.length != 2 && mnc.length != 3) {
            error("mnc-length", index, where(index) + " > ef-ad", "the MNC of an IMSI has 2 or 3 digits", "2 or 3",
                    Integer.toString(mnc.length));
        } else if (imsi.length() < 3 + mnc.length + 1) {
            error("imsi-format", index, location, "an IMSI holds MCC, MNC and at least one MSIN digit",
                    (3 + mnc.length + 1) + "+ digits", imsi.length() + " digits");
        }
    }

    private static char nibble(int value) {
        return value <= 9 ? (char) ('0' + value) : (char) ('A' + value - 10);
    }

    private record OptionalMnc(int length, String found) {
    }

    private static OptionalMnc mncLength(SequenceValue pe) {
        Optional<Asn1Value> efAd = pe.get("ef-ad");
        if (efAd.isEmpty()) {
            return new OptionalMnc(-1, "no EF.AD");
        }
        byte[] content = ElementFile.of(efAd.get()).content();
        if (content.length < 4) {
            return new OptionalMnc(-1, content.length + " bytes");
        }
        return new OptionalMnc(content[3] & 0x0F, null);
    }

    // ---- secrets: lengths and formats only, never values

    private void aka(int index, ChoiceValue element) {
        algoParameter(element).ifPresent(algo -> {
            String base = where(index) + " > algoConfiguration > algoParameter";
            long id = algo.get("algorithmID").map(v -> ((Asn1Value.IntegerValue) v).value().longValue()).orElse(0L);
            int key = algo.get("key").map(v -> ((Asn1Value.OctetStringValue) v).length()).orElse(0);
            int opc = algo.get("opc").map(v -> ((Asn1Value.OctetStringValue) v).length()).orElse(0);
            switch ((int) id) {
                case 1 -> {
                    lengthIs(index, base + " > key", "aka-key-length", "a Milenage key (K) is 16 bytes", key, 16);
                    lengthIs(index, base + " > opc", "aka-opc-length", "a Milenage OPc is 16 bytes", opc, 16);
                }
                case 2 -> {
                    if (key != 16 && key != 32) {
                        error("aka-key-length", index, base + " > key", "a TUAK key is 16 or 32 bytes", "16 or 32 bytes", key + " bytes");
                    }
                    lengthIs(index, base + " > opc", "aka-opc-length", "a TUAK TOPc is 32 bytes", opc, 32);
                }
                case 3 -> lengthIs(index, base + " > key", "aka-key-length", "the USIM test algorithm's key is 16 bytes", key, 16);
                default -> error("aka-algorithm", index, base + " > algorithmID", "the algorithm is milenage(1), tuak(2) or usim-test-algorithm(3)",
                        "1, 2 or 3", Long.toString(id));
            }
            if (profile.typedHeader().isPresent() && !profile.typedHeader().get().mandatoryServices().contains(serviceOf(algo))) {
                error("mandatory-services", index, base + " > algorithmID",
                        "the header must list the service of every AKA algorithm the package uses", serviceOf(algo), "not listed");
            }
        });
    }

    private void lengthIs(int index, String location, String rule, String message, int found, int expected) {
        if (found != expected) {
            error(rule, index, location, message, expected + " bytes", found + " bytes");
        }
    }

    private void pins(int index, ChoiceValue element) {
        SequenceValue pe = (SequenceValue) element.value();
        if (!(pe.get("pinCodes").orElse(null) instanceof ChoiceValue codes) || !(codes.value() instanceof SequenceOfValue configs)) {
            return;
        }
        for (int i = 0; i < configs.elements().size(); i++) {
            SequenceValue config = (SequenceValue) configs.elements().get(i);
            String name = SaipSchema.codeReference(config, false);
            String location = where(index) + " > pinconfig[" + i + "] (" + name + ") > pinValue";
            byte[] value = config.get("pinValue").map(v -> ((Asn1Value.OctetStringValue) v).bytes()).orElse(new byte[0]);
            if (PIN_REFERENCES_WITH_DIGITS.stream().anyMatch(name::startsWith)) {
                int digits = digitsThenPadding(value);
                if (digits < 4 || digits > 8) {
                    error("pin-format", index, location, "a PIN is 4 to 8 ASCII digits padded with 'FF' to 8 bytes",
                            "4-8 digits, then FF", digits < 0 ? "bytes that are not digits and padding" : digits + " digits");
                }
            }
            java.util.Arrays.fill(value, (byte) 0);
        }
    }

    private void puks(int index, ChoiceValue element) {
        SequenceValue pe = (SequenceValue) element.value();
        if (!(pe.get("pukCodes").orElse(null) instanceof SequenceOfValue configs)) {
            return;
        }
        for (int i = 0; i < configs.elements().size(); i++) {
            SequenceValue config = (SequenceValue) configs.elements().get(i);
            byte[] value = config.get("pukValue").map(v -> ((Asn1Value.OctetStringValue) v).bytes()).orElse(new byte[0]);
            int digits = digitsThenPadding(value);
            if (digits != 8) {
                error("puk-format", index, where(index) + " > pukCodes[" + i + "] (" + SaipSchema.codeReference(config, true)
                        + ") > pukValue", "a PUK is 8 ASCII digits", "8 digits",
                        digits < 0 ? "bytes that are not digits and padding" : digits + " digits");
            }
            java.util.Arrays.fill(value, (byte) 0);
        }
    }

    /** The number of leading ASCII digits when only 'FF' follows them; -1 otherwise. */
    private static int digitsThenPadding(byte[] value) {
        int digits = 0;
        while (digits < value.length && value[digits] >= '0' && value[digits] <= '9') {
            digits++;
        }
        for (int i = digits; i < value.length; i++) {
            if (value[i] != (byte) 0xFF) {
                return -1;
            }
        }
        return digits;
    }


    // ---- files

    private void fileSizes(int index, ChoiceValue element) {
        for (ElementFile.Named named : ElementFile.filesOf(element)) {
            ElementFile file = named.file();
            if (file.declaredSize().isPresent() && file.content().length > file.declaredSize().getAsInt()) {
                error("file-size", index, where(index) + " > " + named.name(),
                        "the content written into a file fits the size its FCP declares",
                        "at most " + file.declaredSize().getAsInt() + " bytes", file.content().length + " bytes");
            }
        }
    }

    // ---- output

    private String where(int index) {
        return "value" + (index + 1) + " " + profile.elementKinds().get(index);
    }

    private void error(String rule, int index, String location, String message, String expected, String found) {
        diagnostics.add(Diagnostic.error(rule, index, location, message, expected, found));
    }

    private void warning(String rule, int index, String location, String message, String expected, String found) {
        diagnostics.add(Diagnostic.warning(rule, index, location, message, expected, found));
    }
}
