package io.ifpp.connector.filedrop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ifpp.fixtures.Fixtures;

/** The shared vendor output file fixture, and edits of it by line (line numbers are 1-based, as in errors). */
final class SampleFile {

    private SampleFile() {
    }

    static byte[] bytes() {
        return Fixtures.read(Fixtures.VENDOR_OUTPUT_FILE);
    }

    static String text() {
        return new String(bytes(), StandardCharsets.US_ASCII);
    }

    static List<String> lines() {
        return new ArrayList<>(List.of(text().split("\n", -1)));
    }

    /** The line number of the first line that starts with {@code prefix} once stripped. */
    static int lineStarting(String prefix) {
        List<String> lines = lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("the fixture has no line starting with " + prefix);
    }

    /** Line numbers of the records: the lines after {@code var_Out:} that are not blank. */
    static List<Integer> recordLines() {
        List<String> lines = lines();
        List<Integer> records = new ArrayList<>();
        for (int i = lineStarting("var_Out:"); i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                records.add(i + 1);
            }
        }
        return records;
    }

    static String[] recordFields(int lineNumber) {
        return lines().get(lineNumber - 1).strip().split("\\s+");
    }

    /** The Ki values of the fixture, upper and lower case, as they must never appear in a message. */
    static List<String> kiValues() {
        List<String> values = new ArrayList<>();
        for (int line : recordLines()) {
            String ki = recordFields(line)[2];
            values.add(ki.toUpperCase(Locale.ROOT));
            values.add(ki.toLowerCase(Locale.ROOT));
        }
        return values;
    }

    static byte[] withLine(int lineNumber, String replacement) {
        List<String> lines = lines();
        lines.set(lineNumber - 1, replacement);
        return join(lines);
    }

    static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
}
