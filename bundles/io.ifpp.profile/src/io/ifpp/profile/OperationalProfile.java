package io.ifpp.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Plmn;
import io.ifpp.core.Secret;
import io.ifpp.profile.asn1.Asn1Paths;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.profile.asn1.Asn1Value.ChoiceValue;
import io.ifpp.profile.asn1.Asn1Value.OctetStringValue;
import io.ifpp.profile.asn1.Asn1Value.SequenceOfValue;
import io.ifpp.profile.asn1.Asn1Value.SequenceValue;

/**
 * What a provisioning architect edits in an operational profile, typed and immutable over a
 * {@link ProfilePackage}: identity (ICCID, IMSI, MNC length, SPN, ACC, PLMN lists), AKA parameters and PIN/PUK/ADM
 * codes (as {@link Secret}s), security domains and applications. Every {@code with…} returns a new profile whose
 * package re-encodes correctly; everything it does not touch stays byte for byte.
 */
public final class OperationalProfile {

    /** Access technologies of a PLMN-with-AcT entry (TS 31.102 4.2.5), by bit. */
    public enum AccessTechnology {
        UTRAN(0x8000), E_UTRAN(0x4000), E_UTRAN_WB_S1(0x6000), E_UTRAN_NB_S1(0x5000), NG_RAN(0x0800), GSM(0x0080),
        GSM_COMPACT(0x0040), CDMA2000_HRPD(0x0020), CDMA2000_1XRTT(0x0010);

        final int bits;

        AccessTechnology(int bits) {
            this.bits = bits;
        }

        /** The access technology identifier bits of an entry (TS 31.102 4.2.5), as two bytes big-endian. */
        public int bits() {
            return bits;
        }
    }

    public record PlmnWithAct(Plmn plmn, int accessTechnologyBits) {

        /** The 5-byte entry: the PLMN's 3-byte coding, then the access technology identifier. */
        public byte[] toBytes() {
            byte[] plmnBytes = plmn.toBytes();
            return new byte[] { plmnBytes[0], plmnBytes[1], plmnBytes[2], (byte) (accessTechnologyBits >> 8),
                    (byte) accessTechnologyBits };
        }

        public boolean supports(AccessTechnology technology) {
            return (accessTechnologyBits & technology.bits) == technology.bits;
        }
    }

    /** One akaParameter element: the algorithm, its key and OPc (TOPc for TUAK). */
    public record AkaParameters(int elementIndex, String algorithm, Secret key, Secret opc) {

        /** The Ki a device needs for these parameters: TUAK's as long as the design's key (16 or 32 bytes), else 16. */
        public int keyBytes() {
            return algorithm.equals("tuak") ? key.length() : 16;
        }

        /** The OPc (TUAK: TOPc) a device needs: 32 bytes for TUAK, else 16. */
        public int opcBytes() {
            return algorithm.equals("tuak") ? 32 : 16;
        }
    }

    /** A PIN, PUK or ADM code by its key reference name (pinAppl1, adm1, pukAppl1, ...). */
    public record Code(int elementIndex, String reference, Secret value) {
    }

    public record SecurityDomain(int elementIndex, byte[] instanceAid, int keyCount) {
    }

    public record Application(int elementIndex, Optional<byte[]> loadPackageAid, List<byte[]> instanceAids) {
    }

    public record Spn(int displayCondition, String name) {
    }

    private final ProfilePackage profile;

    private OperationalProfile(ProfilePackage profile) {
        this.profile = profile;
    }

    public static OperationalProfile of(ProfilePackage profile) {
        return new OperationalProfile(profile);
    }

    public ProfilePackage toPackage() {
        return profile;
    }

    public Optional<ProfileHeader> header() {
        return profile.typedHeader();
    }

    // ---- ICCID: header (plain BCD) and EF.ICCID (nibble-swapped) together

    public Optional<Iccid> iccid() {
        return header().flatMap(ProfileHeader::iccid);
    }

    public OperationalProfile withIccid(Iccid iccid) {
        ProfilePackage changed = change(profile, "header", v -> new OctetStringValue(iccid.toBcd()), "iccid");
        if (find(changed, "mf") >= 0 && Asn1Paths.get(changed.elements().get(find(changed, "mf")), "mf", "ef-iccid").isPresent()) {
            changed = change(changed, "mf", file -> ElementFile.withContent(file, iccid.toSwappedBcd()), "ef-iccid");
        }
        return new OperationalProfile(changed);
    }

    // ---- USIM identity files

    public OptionalInt mncLength() {
        return usimFile("ef-ad").filter(c -> c.length >= 4).map(c -> OptionalInt.of(c[3] & 0x0F)).orElse(OptionalInt.empty());
    }

    public Optional<Imsi> imsi() {
        return usimFile("ef-imsi").map(file -> Imsi.fromEfImsi(file, mncLength().orElse(2)));
    }

    /** Writes EF.IMSI and the MNC length in EF.AD, which must agree. */
    public OperationalProfile withImsi(Imsi imsi) {
        ProfilePackage changed = changeUsim(profile, "ef-imsi", imsi.toEfImsi());
        Optional<byte[]> ad = usimFile(changed, "ef-ad");
        if (ad.isPresent()) {
            byte[] content = java.util.Arrays.copyOf(ad.get(), Math.max(4, ad.get().length));
            content[3] = (byte) ((content[3] & 0xF0) | imsi.mncLength());
            changed = changeUsim(changed, "ef-ad", content);
        }
        return new OperationalProfile(changed);
    }

    public Optional<Spn> spn() {
        return usimFile("ef-spn").filter(c -> c.length >= 1)
                .map(c -> new Spn(c[0] & 0xFF, SimText.decode(c, 1, c.length - 1)));
    }

    /** Sets the service provider name (16 bytes: GSM alphabet, or UCS2 when needed); the display condition stays. */
    public OperationalProfile withSpn(String name) {
        int condition = spn().map(Spn::displayCondition).orElse(0x01);
        byte[] content = new byte[17];
        content[0] = (byte) condition;
        System.arraycopy(SimText.encode(name, 16), 0, content, 1, 16);
        return new OperationalProfile(changeUsim(profile, "ef-spn", content));
    }

    /** EF.ACC: the access control classes (bit n = class n). */
    public OptionalInt accessControlClasses() {
        return usimFile("ef-acc").filter(c -> c.length >= 2)
                .map(c -> OptionalInt.of(((c[0] & 0xFF) << 8) | (c[1] & 0xFF))).orElse(OptionalInt.empty());
    }

    public List<Plmn> forbiddenPlmns() {
        List<Plmn> plmns = new ArrayList<>();
        usimFile("ef-fplmn").ifPresent(c -> {
            for (int i = 0; i + 3 <= c.length; i += 3) {
                Plmn.fromBytes(c, i).ifPresent(plmns::add);
            }
        });
        return plmns;
    }

    /** EF.OPLMNwACT of the optional USIM element: operator-preferred networks and their access technologies. */
    public List<PlmnWithAct> operatorPlmns() {
        return plmnsWithAct("ef-oplmnwact");
    }

    public List<PlmnWithAct> homePlmns() {
        return plmnsWithAct("ef-hplmnwact");
    }

    /** Writes EF.OPLMNwACT (in the optional USIM element), unused entries after the list; see {@link #withPlmns}. */
    public OperationalProfile withOperatorPlmns(List<PlmnWithAct> entries) {
        return withPlmns("ef-oplmnwact", entries, OptionalInt.empty());
    }

    /** As {@link #withOperatorPlmns(List)}, the file declared {@code capacity} entries long (5 bytes each). */
    public OperationalProfile withOperatorPlmns(List<PlmnWithAct> entries, int capacity) {
        return withPlmns("ef-oplmnwact", entries, OptionalInt.of(capacity));
    }

    /** Writes EF.HPLMNwAcT (in the optional USIM element), unused entries after the list; see {@link #withPlmns}. */
    public OperationalProfile withHomePlmns(List<PlmnWithAct> entries) {
        return withPlmns("ef-hplmnwact", entries, OptionalInt.empty());
    }

    /**
     * Fills a PLMN-with-AcT file with {@code entries} and unused entries ('FFFFFF0000') up to its declared size (or
     * just the entries when the template gives the size); with a {@code capacity}, its FCP's efFileSize is set to
     * that many entries first. Refused when the list does not fit.
     */
    private OperationalProfile withPlmns(String file, List<PlmnWithAct> entries, OptionalInt capacity) {
        String name = file.toUpperCase(java.util.Locale.ROOT).replace('-', '.');
        int index = find(profile, "opt-usim");
        Optional<Asn1Value> existing = index < 0 ? Optional.empty()
                : Asn1Paths.get(profile.elements().get(index), "opt-usim", file);
        if (existing.isEmpty()) {
            throw new IllegalArgumentException("the profile has no " + name + " in an optional USIM element "
                    + "(opt-usim) to write " + entries.size() + " networks into");
        }
        Asn1Value sized = capacity.isPresent() ? ElementFile.withDeclaredSize(existing.get(), capacity.getAsInt() * 5)
                : existing.get();
        OptionalInt declared = ElementFile.of(sized).declaredSize();
        int size = declared.orElse(entries.size() * 5);
        if (entries.size() * 5 > size) {
            throw new IllegalArgumentException(name + " holds " + size / 5 + " entries of 5 bytes (" + size
                    + " bytes declared); " + entries.size() + " networks do not fit");
        }
        byte[] content = new byte[size - size % 5];
        for (int i = 0; i < content.length / 5; i++) {
            byte[] entry = i < entries.size() ? entries.get(i).toBytes()
                    : new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0 };
            System.arraycopy(entry, 0, content, i * 5, 5);
        }
        return new OperationalProfile(change(profile, "opt-usim", f -> ElementFile.withContent(sized, content), file));
    }

    private List<PlmnWithAct> plmnsWithAct(String file) {
        List<PlmnWithAct> entries = new ArrayList<>();
        int index = find(profile, "opt-usim");
        if (index < 0) {
            return entries;
        }
        Asn1Paths.get(profile.elements().get(index), "opt-usim", file).map(f -> ElementFile.of(f).content()).ifPresent(c -> {
            for (int i = 0; i + 5 <= c.length; i += 5) {
                int offset = i;
                Plmn.fromBytes(c, i).ifPresent(p -> entries.add(new PlmnWithAct(p, ((c[offset + 3] & 0xFF) << 8) | (c[offset + 4] & 0xFF))));
            }
        });
        return entries;
    }

    // ---- secrets

    public List<AkaParameters> akaParameters() {
        List<AkaParameters> result = new ArrayList<>();
        for (int i = 0; i < profile.elements().size(); i++) {
            int index = i;
            Asn1Paths.get(profile.elements().get(i), "akaParameter", "algoConfiguration", "algoParameter").ifPresent(algo -> {
                SequenceValue parameters = (SequenceValue) algo;
                long id = parameters.get("algorithmID").map(v -> ((Asn1Value.IntegerValue) v).value().longValue()).orElse(0L);
                result.add(new AkaParameters(index, id == 1 ? "milenage" : id == 2 ? "tuak" : id == 3 ? "usim-test-algorithm" : "algorithm " + id,
                        secretAt(parameters, "key"), secretAt(parameters, "opc")));
            });
        }
        return result;
    }

    /** Sets K and OPc of the akaParameter element at {@code elementIndex}. */
    public OperationalProfile withAkaKeys(int elementIndex, Secret key, Secret opc) {
        String[] base = { "akaParameter", "algoConfiguration", "algoParameter" };
        Asn1Value element = profile.elements().get(elementIndex);
        element = Asn1Paths.with(element, v -> new OctetStringValue(key.copy()), append(base, "key"));
        element = Asn1Paths.with(element, v -> new OctetStringValue(opc.copy()), append(base, "opc"));
        return new OperationalProfile(profile.withElement(elementIndex, element));
    }

    public List<Code> pins() {
        return codes("pinCodes", "PINKeyReferenceValue", "pinValue");
    }

    public List<Code> puks() {
        return codes("pukCodes", "PUKKeyReferenceValue", "pukValue");
    }

    /** Sets the value of the PIN or ADM code with that reference (first element that defines it). */
    public OperationalProfile withPin(String reference, Secret value) {
        return withCode(pins(), "pinValue", reference, value);
    }

    public OperationalProfile withPuk(String reference, Secret value) {
        return withCode(puks(), "pukValue", reference, value);
    }

    private OperationalProfile withCode(List<Code> codes, String component, String reference, Secret value) {
        if (value.length() != 8) {
            throw new IllegalArgumentException("a " + component + " is 8 bytes (digits padded with FF), not " + value.length());
        }
        for (Code code : codes) {
            if (code.reference().equals(reference)) {
                Asn1Value element = profile.elements().get(code.elementIndex());
                ChoiceValue pe = (ChoiceValue) element;
                String[] list = pe.alternative().equals("pinCodes") ? new String[] { "pinCodes", "pinCodes", "pinconfig" }
                        : new String[] { "pukCodes", "pukCodes" };
                SequenceOfValue configs = (SequenceOfValue) Asn1Paths.get(element, list).orElseThrow();
                for (int i = 0; i < configs.elements().size(); i++) {
                    if (reference.equals(referenceName((SequenceValue) configs.elements().get(i), pe.alternative()))) {
                        element = Asn1Paths.with(element, v -> new OctetStringValue(value.copy()), append(list, "[" + i + "]", component));
                        return new OperationalProfile(profile.withElement(code.elementIndex(), element));
                    }
                }
            }
        }
        throw new IllegalArgumentException("the profile defines no code " + reference);
    }

    private List<Code> codes(String kind, String referenceType, String component) {
        List<Code> result = new ArrayList<>();
        for (int i = 0; i < profile.elements().size(); i++) {
            Asn1Value element = profile.elements().get(i);
            Optional<Asn1Value> configs = kind.equals("pinCodes") ? Asn1Paths.get(element, "pinCodes", "pinCodes", "pinconfig")
                    : Asn1Paths.get(element, "pukCodes", "pukCodes");
            if (configs.isEmpty()) {
                continue;
            }
            for (Asn1Value config : ((SequenceOfValue) configs.get()).elements()) {
                SequenceValue values = (SequenceValue) config;
                result.add(new Code(i, referenceName(values, kind), secretAt(values, component)));
            }
        }
        return result;
    }

    private static String referenceName(SequenceValue config, String kind) {
        return SaipSchema.codeReference(config, kind.equals("pukCodes"));
    }

    // ---- security domains and applications

    public List<SecurityDomain> securityDomains() {
        List<SecurityDomain> result = new ArrayList<>();
        for (int i = 0; i < profile.elements().size(); i++) {
            int index = i;
            Asn1Paths.get(profile.elements().get(i), "securityDomain").ifPresent(sd -> {
                byte[] aid = Asn1Paths.get(sd, "instance", "instanceAID").map(v -> ((OctetStringValue) v).bytes()).orElse(new byte[0]);
                int keys = Asn1Paths.get(sd, "keyList").map(v -> ((SequenceOfValue) v).elements().size()).orElse(0);
                result.add(new SecurityDomain(index, aid, keys));
            });
        }
        return result;
    }

    public List<Application> applications() {
        List<Application> result = new ArrayList<>();
        for (int i = 0; i < profile.elements().size(); i++) {
            int index = i;
            Asn1Paths.get(profile.elements().get(i), "application").ifPresent(app -> {
                Optional<byte[]> load = Asn1Paths.get(app, "loadBlock", "loadPackageAID").map(v -> ((OctetStringValue) v).bytes());
                List<byte[]> instances = Asn1Paths.get(app, "instanceList").map(list -> ((SequenceOfValue) list).elements().stream()
                        .map(instance -> Asn1Paths.get(instance, "instanceAID").map(v -> ((OctetStringValue) v).bytes()).orElse(new byte[0]))
                        .toList()).orElse(List.of());
                result.add(new Application(index, load, instances));
            });
        }
        return result;
    }

    // ---- size on the eUICC

    /**
     * What installing the package takes on the eUICC, estimated from the package itself: its DER encoding (every
     * element, file content, key and application it carries) plus, for every file whose FCP declares a size larger
     * than the content the package writes into it, the space reserved beyond that content. The eUICC's own overhead
     * per file and application (its file system's, not the package's) is not counted.
     */
    public long installedBytes() {
        long bytes = ProfileCodec.encode(profile).length;
        for (Asn1Value element : profile.elements()) {
            for (ElementFile.Named named : ElementFile.filesOf(element)) {
                ElementFile file = named.file();
                if (file.declaredSize().isPresent()) {
                    bytes += Math.max(0, file.declaredSize().getAsInt() - file.content().length);
                }
            }
        }
        return bytes;
    }

    // ---- helpers

    private static Secret secretAt(SequenceValue sequence, String component) {
        return Secret.of(sequence.get(component).map(v -> ((OctetStringValue) v).bytes()).orElse(new byte[0]));
    }

    private Optional<byte[]> usimFile(String file) {
        return usimFile(profile, file);
    }

    /** The content of a file of the USIM element (or, for IoT minimal profiles, of the iot element). */
    private static Optional<byte[]> usimFile(ProfilePackage profile, String file) {
        for (String kind : List.of("usim", "iot", "opt-iot")) {
            int index = find(profile, kind);
            if (index >= 0) {
                Optional<Asn1Value> value = Asn1Paths.get(profile.elements().get(index), kind, file);
                if (value.isPresent()) {
                    return value.map(v -> ElementFile.of(v).content());
                }
            }
        }
        return Optional.empty();
    }

    private static ProfilePackage changeUsim(ProfilePackage profile, String file, byte[] content) {
        for (String kind : List.of("usim", "iot", "opt-iot")) {
            int index = find(profile, kind);
            if (index >= 0 && Asn1Paths.get(profile.elements().get(index), kind, file).isPresent()) {
                return change(profile, kind, f -> ElementFile.withContent(f, content), file);
            }
        }
        throw new IllegalArgumentException("the profile has no " + file.toUpperCase().replace('-', '.') + " in a USIM element");
    }

    private static ProfilePackage change(ProfilePackage profile, String kind, UnaryOperator<Asn1Value> change, String... path) {
        int index = find(profile, kind);
        if (index < 0) {
            throw new IllegalArgumentException("the profile has no " + kind + " element");
        }
        return profile.withElement(index, Asn1Paths.with(profile.elements().get(index), change, append(new String[] { kind }, path)));
    }

    private static int find(ProfilePackage profile, String kind) {
        return profile.elementKinds().indexOf(kind);
    }

    private static String[] append(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
