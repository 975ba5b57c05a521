package io.ifpp.profile.ui.tests;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.asn1.Asn1Value;

/**
 * The secrets of a SAIP profile package, found by walking its decoded value for the components the SAIP schema
 * defines as key material or codes, and a detector of their renderings in any text: hex in either case and with any
 * separators (every 8-byte run of a longer key too, so a truncated key counts), Base64, and the digits of a PIN, PUK
 * or ADM code. The detector names the kind of secret it saw, never the value, so a failed assertion leaks nothing.
 */
final class KnownSecrets {

    /** SAIP components holding secrets, with the kind a finding names. */
    static final Map<String, String> COMPONENTS = Map.of("key", "AKA key K", "opc", "AKA OPc", "pinValue",
            "PIN or ADM code", "pukValue", "PUK", "keyData", "security domain or application key", "authenticationKey",
            "CDMA authentication key", "ssd", "CDMA SSD", "hrpdAccessAuthenticationData", "CDMA HRPD access data",
            "simpleIPAuthenticationData", "CDMA simple IP data", "mobileIPAuthenticationData", "CDMA mobile IP data");

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final int WINDOW = 8;

    /** One secret of the package: its kind (the component's), the element holding it, and the bytes. */
    record Known(String kind, int elementIndex, byte[] value) {

        boolean isCode() {
            return kind.equals(COMPONENTS.get("pinValue")) || kind.equals(COMPONENTS.get("pukValue"));
        }

        /** The hex runs a text must not contain: the whole value, and every 8-byte run of a longer one. */
        List<String> hexRuns() {
            List<String> runs = new ArrayList<>();
            runs.add(HEX.formatHex(value));
            for (int from = 0; value.length > WINDOW && from + WINDOW <= value.length; from++) {
                runs.add(HEX.formatHex(value, from, from + WINDOW));
            }
            return runs;
        }

        /** The digits of a code as typed (before the 'FF' padding), when there are enough to be told apart. */
        String digits() {
            int end = 0;
            while (end < value.length && value[end] >= '0' && value[end] <= '9') {
                end++;
            }
            return isCode() && end >= 6 ? new String(value, 0, end, java.nio.charset.StandardCharsets.US_ASCII) : null;
        }
    }

    private final List<Known> secrets;

    KnownSecrets(List<Known> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    static KnownSecrets of(ProfilePackage profile) {
        List<Known> found = new ArrayList<>();
        for (int i = 0; i < profile.elements().size(); i++) {
            int element = i;
            rewrite(profile.elements().get(i), null, (name, octets) -> {
                found.add(new Known(COMPONENTS.get(name), element, octets.bytes()));
                return octets;
            });
        }
        return new KnownSecrets(found);
    }

    List<Known> all() {
        return secrets;
    }

    Set<String> kinds() {
        Set<String> kinds = new LinkedHashSet<>();
        secrets.forEach(s -> kinds.add(s.kind()));
        return kinds;
    }

    Set<Integer> elementIndices() {
        Set<Integer> indices = new LinkedHashSet<>();
        secrets.forEach(s -> indices.add(s.elementIndex()));
        return indices;
    }

    /** The kinds of the secrets {@code text} shows in clear (empty when none). */
    Set<String> shownIn(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        // Separators and "0x" prefixes removed, so "0a 1b", "0A:1B" and "0x0a, 0x1b" all read as "0A1B".
        String hexOnly = upper.replaceAll("[^0-9A-F]", "");
        String hexWithoutPrefixes = upper.replace("0X", "").replaceAll("[^0-9A-F]", "");
        Set<String> kinds = new LinkedHashSet<>();
        for (Known secret : secrets) {
            boolean shown = secret.hexRuns().stream().anyMatch(run -> hexOnly.contains(run) || hexWithoutPrefixes.contains(run))
                    || text.contains(Base64.getEncoder().encodeToString(secret.value()))
                    || (secret.digits() != null && text.contains(secret.digits()));
            if (shown) {
                kinds.add(secret.kind());
            }
        }
        return kinds;
    }

    /**
     * {@code profile} with every secret replaced by a fresh random value of the same length (codes: ASCII digits), so
     * that the values looked for are distinctive: TS.48's own (an all-zero OPc, PIN "0000") also occur in data that
     * is no secret, such as the Milenage xoringConstants.
     */
    static ProfilePackage personalized(ProfilePackage profile, Random random) {
        List<Asn1Value> elements = new ArrayList<>();
        for (Asn1Value element : profile.elements()) {
            elements.add(rewrite(element, null, (name, octets) -> {
                byte[] fresh = new byte[octets.length()];
                if (name.equals("pinValue") || name.equals("pukValue")) {
                    for (int i = 0; i < fresh.length; i++) {
                        fresh[i] = (byte) ('0' + random.nextInt(10));
                    }
                } else {
                    random.nextBytes(fresh);
                }
                return new Asn1Value.OctetStringValue(fresh);
            }));
        }
        return new ProfilePackage(elements);
    }

    /** What is done with the octets of a secret component named {@code name}. */
    private interface SecretVisitor {
        Asn1Value.OctetStringValue visit(String name, Asn1Value.OctetStringValue octets);
    }

    /** {@code value} with each secret component's octets replaced by what {@code visitor} returns. */
    private static Asn1Value rewrite(Asn1Value value, String name, SecretVisitor visitor) {
        return switch (value) {
            case Asn1Value.OctetStringValue octets when name != null && COMPONENTS.containsKey(name) -> visitor.visit(name, octets);
            case Asn1Value.SequenceValue sequence -> new Asn1Value.SequenceValue(sequence.fields().stream()
                    .map(f -> new Asn1Value.Field(f.name(), rewrite(f.value(), f.name(), visitor))).toList());
            case Asn1Value.SequenceOfValue list -> new Asn1Value.SequenceOfValue(list.elements().stream()
                    .map(v -> rewrite(v, null, visitor)).toList());
            case Asn1Value.ChoiceValue choice -> new Asn1Value.ChoiceValue(choice.alternative(),
                    rewrite(choice.value(), choice.alternative(), visitor));
            default -> value;
        };
    }
}
