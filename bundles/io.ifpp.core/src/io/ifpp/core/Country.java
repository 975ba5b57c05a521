package io.ifpp.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An ISO 3166-1 alpha-2 country, checked against the JDK's list of assigned codes, with the mobile country codes
 * (ITU-T E.212) assigned to it. Market plans and agreements name countries this way.
 */
public record Country(String code) implements Comparable<Country> {

    private static final Set<String> ISO_CODES = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    private static final Map<String, String> COUNTRY_BY_MCC = readMccTable();

    public Country {
        Objects.requireNonNull(code, "code");
        if (!ISO_CODES.contains(code)) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 3166-1 alpha-2 country code (two capital "
                    + "letters such as DE or BR)");
        }
    }

    /** Parses a code, accepting lower case; the error names the code and why it is refused. */
    public static Country of(String code) {
        Objects.requireNonNull(code, "code");
        return new Country(code.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean isKnown(String code) {
        return code != null && ISO_CODES.contains(code);
    }

    /** The country an MCC is assigned to, empty for an unassigned or non-geographic MCC (e.g. 901). */
    public static Optional<Country> ofMcc(String mcc) {
        return Optional.ofNullable(COUNTRY_BY_MCC.get(mcc)).map(Country::new);
    }

    /** The MCCs assigned to this country, ascending; empty when E.212 assigns none. */
    public List<String> mccs() {
        return COUNTRY_BY_MCC.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey)
                .toList();
    }

    /** The English short name, e.g. "Germany". */
    public String displayName() {
        return Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
    }

    @Override
    public int compareTo(Country other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }

    private static Map<String, String> readMccTable() {
        Map<String, String> table = new TreeMap<>();
        try (InputStream in = Country.class.getResourceAsStream("mcc-countries.txt")) {
            if (in == null) {
                throw new IllegalStateException("mcc-countries.txt is missing from io.ifpp.core");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] fields = line.strip().split(" ");
                    table.put(fields[0], fields[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(table);
    }
}
