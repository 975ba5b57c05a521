package io.ifpp.connector.filedrop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Secret;

/**
 * A SIM vendor's personalization output file ({@code .out}), parsed whole and checked: a {@code *HEADER DESCRIPTION}
 * of {@code Name : value} lines (Customer, ProfileType, Order Date, Batch No, Quantity), {@code *INPUT VARIABLES}
 * after a {@code var_In:} line, and {@code *OUTPUT VARIABLES} whose {@code var_Out: ICCID/IMSI/KI} line declares the
 * columns of the records that follow, one per line. Any fault is a {@link VendorOutputFileException}; a file is
 * never half understood. Immutable, except that {@link #destroySecrets()} zeroizes the key material once consumed.
 */
public final class VendorOutputFile {

    /** Large enough for about a million records; bounds what a hostile file can make us hold in memory. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    static final String HEADER_SECTION = "HEADER DESCRIPTION";
    static final String INPUT_SECTION = "INPUT VARIABLES";
    static final String OUTPUT_SECTION = "OUTPUT VARIABLES";

    private final Header header;
    private final Map<String, String> inputVariables;
    private final List<VendorOutputColumn> columns;
    private final List<Record> records;

    private VendorOutputFile(Header header, Map<String, String> inputVariables, List<VendorOutputColumn> columns,
            List<Record> records) {
        this.header = header;
        this.inputVariables = Collections.unmodifiableMap(new LinkedHashMap<>(inputVariables));
        this.columns = List.copyOf(columns);
        this.records = List.copyOf(records);
    }

    /** The header fields; {@code fields} holds every one in file order, the named ones included. */
    public record Header(String customer, String profileType, String orderDate, String batchNumber, int quantity,
            Map<String, String> fields) {
        public Header {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(profileType, "profileType");
            Objects.requireNonNull(orderDate, "orderDate");
            Objects.requireNonNull(batchNumber, "batchNumber");
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** One output line: the ICCID always, the other declared columns as present. */
    public static final class Record {
        private final int lineNumber;
        private final Iccid iccid;
        private final String imsiDigits;
        private final Map<VendorOutputColumn, String> values;
        private final Map<VendorOutputColumn, Secret> secrets;

        private Record(int lineNumber, Iccid iccid, String imsiDigits, Map<VendorOutputColumn, String> values,
                Map<VendorOutputColumn, Secret> secrets) {
            this.lineNumber = lineNumber;
            this.iccid = iccid;
            this.imsiDigits = imsiDigits;
            this.values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
            this.secrets = secrets.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(secrets));
        }

        public int lineNumber() {
            return lineNumber;
        }

        /** The ICCID without its F padding, check digit verified. */
        public Iccid iccid() {
            return iccid;
        }

        /** The IMSI's digits when the file declares an IMSI column. */
        public Optional<String> imsiDigits() {
            return Optional.ofNullable(imsiDigits);
        }

        /** The IMSI; the MNC length is not in the file, so the caller, who knows the operator, says it. */
        public Optional<Imsi> imsi(int mncLength) {
            return imsiDigits().map(digits -> new Imsi(digits, mncLength));
        }

        /** A plain column's value (EID, RESULT, EUICC_CERT, PACKAGE_SHA256) as checked, when the file declares that column. */
        public Optional<String> value(VendorOutputColumn column) {
            return Optional.ofNullable(values.get(column));
        }

        /** A secret column's value (KI, OPC, PIN1, …) when the file declares that column. */
        public Optional<Secret> secret(VendorOutputColumn column) {
            return Optional.ofNullable(secrets.get(column));
        }

        /** Masked: secrets show as {@code Secret[16 bytes]}. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("Record[line ").append(lineNumber).append(", ICCID ").append(iccid);
            if (imsiDigits != null) {
                text.append(", IMSI ").append(imsiDigits);
            }
            values.forEach((column, value) -> text.append(", ").append(column).append(' ')
                    .append(column == VendorOutputColumn.EUICC_CERT ? value.length() + " characters" : value));
            secrets.forEach((column, secret) -> text.append(", ").append(column).append(' ').append(secret));
            return text.append(']').toString();
        }
    }

    public Header header() {
        return header;
    }

    /** The {@code var_In} block in file order: what the vendor was asked for (e.g. the first ICCID and IMSI). */
    public Map<String, String> inputVariables() {
        return inputVariables;
    }

    /** The columns of {@code var_Out}, in declared order. */
    public List<VendorOutputColumn> columns() {
        return columns;
    }

    public List<Record> records() {
        return records;
    }

    /** Zeroizes every secret of every record, once the records have been handed on. */
    public void destroySecrets() {
        records.forEach(r -> r.secrets.values().forEach(Secret::destroy));
    }

    @Override
    public String toString() {
        return "VendorOutputFile[batch " + header.batchNumber() + ", customer " + header.customer() + ", "
                + records.size() + " records of " + columns.stream().map(Enum::name).collect(Collectors.joining("/"))
                + "]";
    }

    /** Parses a file of at most {@link #DEFAULT_MAX_BYTES}. */
    public static VendorOutputFile parse(byte[] content) throws VendorOutputFileException {
        return parse(content, DEFAULT_MAX_BYTES);
    }

    public static VendorOutputFile parse(byte[] content, long maxBytes) throws VendorOutputFileException {
        if (content.length > maxBytes) {
            throw tooLarge(content.length, maxBytes);
        }
        Parser parser = new Parser(content);
        try {
            return parser.parse();
        } catch (VendorOutputFileException | RuntimeException e) {
            parser.destroySecrets();
            throw e;
        }
    }

    /** Reads and parses {@code file}, refusing before reading it whole if it is larger than {@code maxBytes}. */
    public static VendorOutputFile read(Path file, long maxBytes) throws IOException, VendorOutputFileException {
        return parse(readBounded(file, maxBytes), maxBytes);
    }

    public static VendorOutputFile read(Path file) throws IOException, VendorOutputFileException {
        return read(file, DEFAULT_MAX_BYTES);
    }

    /** At most {@code maxBytes} of {@code file}; a file that is (or grows) larger is refused, not truncated. */
    static byte[] readBounded(Path file, long maxBytes) throws IOException, VendorOutputFileException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw tooLarge(size, maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw tooLarge(content.length, maxBytes);
            }
            return content;
        }
    }

    private static VendorOutputFileException tooLarge(long size, long maxBytes) {
        return new VendorOutputFileException(0, "size", "at most " + maxBytes + " bytes", size + " bytes or more");
    }

    /** One pass over the lines; sections must come in order, each once. */
    private static final class Parser {

        /** A header field's or input variable's name, the part of a 'Name : value' line before the colon. */
        private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 _./-]*");
        private static final Pattern VAR_OUT = Pattern.compile("var_Out\\s*:\\s*(.*)", Pattern.CASE_INSENSITIVE);
        private static final Pattern VAR_IN = Pattern.compile("var_In\\s*:\\s*(.*)", Pattern.CASE_INSENSITIVE);
        private static final Pattern KEY_LIKE = Pattern.compile("[0-9A-Fa-f]{16,}");
        private static final List<String> REQUIRED_HEADER = List.of("Customer", "ProfileType", "Order Date",
                "Batch No", "Quantity");
        private static final List<String> SECTIONS = List.of(HEADER_SECTION, INPUT_SECTION, OUTPUT_SECTION);

        private final byte[] content;
        private int sectionIndex = -1; // index into SECTIONS of the section we are in
        private final Map<String, String> headerFields = new LinkedHashMap<>();
        private final Map<String, Integer> headerLines = new HashMap<>();
        private int quantity = -1;
        private boolean varInSeen;
        private final Map<String, String> inputVariables = new LinkedHashMap<>();
        private List<VendorOutputColumn> columns;
        private String declaration;
        private final List<Record> records = new ArrayList<>();
        private final Map<String, Integer> iccidLines = new HashMap<>();
        private final Map<String, Integer> imsiLines = new HashMap<>();
        private int blankAfterRecords; // line of the first blank line after the records, 0 if none yet
        private int lastLine;

        Parser(byte[] content) {
            this.content = content;
        }

        VendorOutputFile parse() throws VendorOutputFileException {
            boolean anyContent = false;
            int start = 0;
            int lineNumber = 0;
            while (start < content.length) {
                int end = start;
                while (end < content.length && content[end] != '\n') {
                    end++;
                }
                lineNumber++;
                boolean terminated = end < content.length;
                String line = decode(start, end, lineNumber);
                anyContent |= !line.isBlank();
                try {
                    accept(line, lineNumber);
                } catch (VendorOutputFileException e) {
                    if (terminated) {
                        throw e;
                    }
                    throw new VendorOutputFileException(e.lineNumber(), e.field(), e.expected(), e.found()
                            + ", and the file ends in the middle of this line without a final newline (truncated)");
                }
                start = end + 1;
            }
            lastLine = Math.max(lineNumber, 1);
            if (!anyContent) {
                throw new VendorOutputFileException(1, "file", "a vendor output file starting with *" + HEADER_SECTION,
                        content.length == 0 ? "an empty file" : "only blank lines");
            }
            return finish();
        }

        /** Printable ASCII and tabs only: anything else is corruption (or a different format). */
        private String decode(int start, int end, int lineNumber) throws VendorOutputFileException {
            int stop = end > start && content[end - 1] == '\r' ? end - 1 : end;
            for (int i = start; i < stop; i++) {
                int b = content[i] & 0xFF;
                if ((b < 0x20 && b != '\t') || b > 0x7E) {
                    throw new VendorOutputFileException(lineNumber, "text", "printable ASCII",
                            String.format(Locale.ROOT, "the byte 0x%02X at character %d", b, i - start + 1));
                }
            }
            return new String(content, start, stop - start, StandardCharsets.US_ASCII);
        }

        private void accept(String line, int lineNumber) throws VendorOutputFileException {
            String text = line.strip();
            if (columns != null) {
                acceptRecordArea(text, lineNumber);
                return;
            }
            if (text.isEmpty() || text.chars().allMatch(c -> c == '*')) {
                return; // blank lines and ***** rules frame the sections
            }
            if (text.startsWith("*")) {
                enterSection(text.substring(1).strip().toUpperCase(Locale.ROOT), lineNumber);
                return;
            }
            switch (sectionIndex) {
            case -1 -> throw new VendorOutputFileException(lineNumber, "section",
                    "the file to start with *" + HEADER_SECTION, "other text first");
            case 0 -> acceptHeader(text, lineNumber);
            case 1 -> acceptInput(text, lineNumber);
            default -> acceptDeclaration(text, lineNumber);
            }
        }

        private void enterSection(String name, int lineNumber) throws VendorOutputFileException {
            int next = sectionIndex + 1;
            if (next >= SECTIONS.size() || !SECTIONS.get(next).equals(name)) {
                String expected = next < SECTIONS.size() ? "the section *" + SECTIONS.get(next)
                        : "the column declaration 'var_Out: ICCID/…' of *" + OUTPUT_SECTION;
                throw new VendorOutputFileException(lineNumber, "section", expected,
                        SECTIONS.contains(name) ? "*" + name : "an unknown section " + quoted("*" + name));
            }
            if (sectionIndex == 0) {
                checkHeaderComplete(lineNumber);
            }
            sectionIndex = next;
        }

        private void acceptHeader(String text, int lineNumber) throws VendorOutputFileException {
            String[] nameValue = nameValue(text);
            if (nameValue == null) {
                throw new VendorOutputFileException(lineNumber, "header", "a 'Name : value' line", shape(text));
            }
            String name = nameValue[0].replaceAll("\\s+", " ");
            String value = nameValue[1];
            String key = name.toLowerCase(Locale.ROOT);
            if (headerLines.containsKey(key)) {
                throw new VendorOutputFileException(lineNumber, name, "each header field once",
                        "it again (first at line " + headerLines.get(key) + ")");
            }
            if (key.equals("quantity")) {
                if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1) {
                    throw new VendorOutputFileException(lineNumber, "Quantity",
                            "a whole number of records from 1 to 999999999", quoted(value));
                }
                quantity = Integer.parseInt(value);
            }
            headerLines.put(key, lineNumber);
            headerFields.put(name, value);
        }

        private void checkHeaderComplete(int lineNumber) throws VendorOutputFileException {
            for (String required : REQUIRED_HEADER) {
                String value = headerValue(required);
                if (value == null || value.isEmpty()) {
                    throw new VendorOutputFileException(lineNumber, required,
                            "the header field '" + required + "' with a value before *" + INPUT_SECTION,
                            value == null ? "no such field" : "an empty value");
                }
            }
        }

        private String headerValue(String name) {
            Integer line = headerLines.get(name.toLowerCase(Locale.ROOT));
            if (line == null) {
                return null;
            }
            return headerFields.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        private void acceptInput(String text, int lineNumber) throws VendorOutputFileException {
            Matcher varIn = VAR_IN.matcher(text);
            if (!varInSeen) {
                if (!varIn.matches()) {
                    throw new VendorOutputFileException(lineNumber, "var_In",
                            "the line 'var_In:' opening the input variables", shape(text));
                }
                varInSeen = true;
                if (varIn.group(1).isBlank()) {
                    return;
                }
                text = varIn.group(1).strip(); // a first variable on the same line
            }
            String[] nameValue = nameValue(text);
            if (nameValue == null) {
                throw new VendorOutputFileException(lineNumber, "var_In", "a 'Name: value' input variable",
                        shape(text));
            }
            if (inputVariables.putIfAbsent(nameValue[0], nameValue[1]) != null) {
                throw new VendorOutputFileException(lineNumber, nameValue[0], "each input variable once",
                        "it a second time");
            }
        }

        /**
         * Name and value of a 'Name : value' line, split at the first colon (a name holds none); null when the text
         * before it is no name. Not one pattern with a lazy name and {@code \\s*:}: it backtracks quadratically in
         * the length of a line, and a name with 40,000 blanks inside already took 2.6 s (a file may hold 64 MB).
         */
        private static String[] nameValue(String text) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String name = text.substring(0, colon).stripTrailing();
            return NAME.matcher(name).matches() ? new String[] { name, text.substring(colon + 1).strip() } : null;
        }

        private void acceptDeclaration(String text, int lineNumber) throws VendorOutputFileException {
            Matcher m = VAR_OUT.matcher(text);
            if (!m.matches()) {
                throw new VendorOutputFileException(lineNumber, "var_Out",
                        "the column declaration 'var_Out: ICCID/IMSI/KI' (or other columns)", shape(text));
            }
            List<VendorOutputColumn> declared = new ArrayList<>();
            for (String name : m.group(1).split("/", -1)) {
                VendorOutputColumn column = VendorOutputColumn.named(name).orElseThrow(
                        () -> new VendorOutputFileException(lineNumber, "var_Out",
                                "columns among " + VendorOutputColumn.knownNames(),
                                "the unknown column " + quoted(name.strip())));
                if (declared.contains(column)) {
                    throw new VendorOutputFileException(lineNumber, "var_Out", "each column once",
                            column + " twice");
                }
                declared.add(column);
            }
            if (!declared.contains(VendorOutputColumn.ICCID)) {
                throw new VendorOutputFileException(lineNumber, "var_Out", "an ICCID column (it keys each record)",
                        "none");
            }
            columns = declared;
            declaration = declared.stream().map(Enum::name).collect(Collectors.joining("/"));
        }

        private void acceptRecordArea(String text, int lineNumber) throws VendorOutputFileException {
            if (text.isEmpty()) {
                if (!records.isEmpty() && blankAfterRecords == 0) {
                    blankAfterRecords = lineNumber;
                }
                return;
            }
            if (blankAfterRecords != 0) {
                throw new VendorOutputFileException(lineNumber, "end of file",
                        "nothing but blank lines after the last record (line " + records.getLast().lineNumber() + ")",
                        "more text after the blank line " + blankAfterRecords);
            }
            if (records.size() == quantity) {
                throw new VendorOutputFileException(lineNumber, "Quantity",
                        quantity + " records, as the header says at line " + headerLines.get("quantity"),
                        "record " + (quantity + 1));
            }
            records.add(record(text, lineNumber));
        }

        private Record record(String text, int lineNumber) throws VendorOutputFileException {
            String[] values = text.split("[ \\t]+");
            if (values.length != columns.size()) {
                throw new VendorOutputFileException(lineNumber, "record",
                        columns.size() + " columns (" + declaration + ")", values.length + " columns");
            }
            Iccid iccid = null;
            String imsi = null;
            Map<VendorOutputColumn, String> plain = new EnumMap<>(VendorOutputColumn.class);
            Map<VendorOutputColumn, Secret> secrets = new EnumMap<>(VendorOutputColumn.class);
            Record record = null;
            try {
                for (int i = 0; i < values.length; i++) {
                    VendorOutputColumn column = columns.get(i);
                    switch (column) {
                    case ICCID -> iccid = iccid(values[i], lineNumber);
                    case IMSI -> imsi = imsi(values[i], lineNumber);
                    case EID, RESULT, EUICC_CERT, PACKAGE_SHA256 -> plain.put(column, plain(column, values[i], lineNumber));
                    default -> secrets.put(column, secret(column, values[i], lineNumber));
                    }
                }
                record = new Record(lineNumber, iccid, imsi, plain, secrets);
                return record;
            } finally {
                if (record == null) {
                    secrets.values().forEach(Secret::destroy);
                }
            }
        }

        private Iccid iccid(String value, int lineNumber) throws VendorOutputFileException {
            String digits;
            if (value.matches("[0-9]{19}[Ff]")) {
                digits = value.substring(0, 19);
            } else if (value.matches("[0-9]{20}")) {
                digits = value;
            } else {
                throw new VendorOutputFileException(lineNumber, "ICCID", "19 digits padded with F, or 20 digits",
                        shape(value));
            }
            Iccid iccid = Iccid.of(digits);
            if (!iccid.hasValidCheckDigit()) {
                throw new VendorOutputFileException(lineNumber, "ICCID",
                        "the Luhn check digit " + iccid.expectedCheckDigit() + " (E.118) at the end",
                        "check digit " + digits.charAt(digits.length() - 1) + " in " + digits);
            }
            Integer first = iccidLines.putIfAbsent(digits, lineNumber);
            if (first != null) {
                throw new VendorOutputFileException(lineNumber, "ICCID", "each ICCID once in the file",
                        digits + " again (first at line " + first + ")");
            }
            return iccid;
        }

        private String imsi(String value, int lineNumber) throws VendorOutputFileException {
            try {
                new Imsi(value, 3); // checks the digits; the MNC length is the caller's to say
            } catch (IllegalArgumentException e) {
                throw new VendorOutputFileException(lineNumber, "IMSI", "6 to 15 digits", shape(value));
            }
            Integer first = imsiLines.putIfAbsent(value, lineNumber);
            if (first != null) {
                throw new VendorOutputFileException(lineNumber, "IMSI", "each IMSI once in the file",
                        value + " again (first at line " + first + ")");
            }
            return value;
        }

        private static String plain(VendorOutputColumn column, String value, int lineNumber)
                throws VendorOutputFileException {
            switch (column) {
            case EID -> requireShape(value.matches("[0-9]{32}") && Eid.of(value).hasValidCheckDigits(), column,
                    "32 digits with valid check digits (ISO 7064 mod 97-10)", value, lineNumber);
            case RESULT -> {
                if (!value.equals("INSTALLED") && !value.equals("FAILED")) {
                    throw new VendorOutputFileException(lineNumber, column.name(), "INSTALLED or FAILED",
                            quoted(value));
                }
            }
            case EUICC_CERT -> requireShape(value.length() >= 4 && value.length() % 4 == 0
                    && value.matches("[A-Za-z0-9+/]+={0,2}"), column, "a DER certificate in base64", value,
                    lineNumber);
            case PACKAGE_SHA256 -> requireShape(value.matches("[0-9A-Fa-f]{64}"), column,
                    "the package's SHA-256 in 64 hex digits", value, lineNumber);
            default -> throw new IllegalStateException(column + " is not a plain column");
            }
            return value;
        }

        private Secret secret(VendorOutputColumn column, String value, int lineNumber)
                throws VendorOutputFileException {
            return switch (column) {
            case KI, OPC -> {
                requireShape(value.matches("[0-9A-Fa-f]{32}"), column, "32 hex digits", value, lineNumber);
                yield Secret.ofHex(value);
            }
            case PIN1, PIN2 -> {
                requireShape(value.matches("[0-9]{4,8}"), column, "4 to 8 digits", value, lineNumber);
                yield Secret.of(value.getBytes(StandardCharsets.US_ASCII));
            }
            case PUK1, PUK2 -> {
                requireShape(value.matches("[0-9]{8}"), column, "8 digits", value, lineNumber);
                yield Secret.of(value.getBytes(StandardCharsets.US_ASCII));
            }
            case ADM1 -> {
                boolean digits = value.matches("[0-9]{8}");
                requireShape(digits || value.matches("[0-9A-Fa-f]{16}"), column, "8 digits or 16 hex digits",
                        value, lineNumber);
                yield digits ? Secret.of(value.getBytes(StandardCharsets.US_ASCII)) : Secret.ofHex(value);
            }
            default -> throw new IllegalStateException(column + " is not a secret column");
            };
        }

        private static void requireShape(boolean ok, VendorOutputColumn column, String expected, String value,
                int lineNumber) throws VendorOutputFileException {
            if (!ok) {
                throw new VendorOutputFileException(lineNumber, column.name(), expected, shape(value));
            }
        }

        private VendorOutputFile finish() throws VendorOutputFileException {
            if (sectionIndex < SECTIONS.size() - 1) {
                if (sectionIndex == 0) {
                    checkHeaderComplete(lastLine);
                }
                throw new VendorOutputFileException(lastLine, "section", "the section *" + SECTIONS.get(sectionIndex + 1),
                        "the end of the file");
            }
            if (columns == null) {
                throw new VendorOutputFileException(lastLine, "var_Out", "the column declaration 'var_Out: ICCID/…'",
                        "the end of the file");
            }
            if (records.size() != quantity) {
                throw new VendorOutputFileException(headerLines.get("quantity"), "Quantity",
                        quantity + " records", records.size() + " records"
                                + (records.isEmpty() ? "" : " (the last at line " + records.getLast().lineNumber() + ")"));
            }
            Header header = new Header(headerValue("Customer"), headerValue("ProfileType"), headerValue("Order Date"),
                    headerValue("Batch No"), quantity, headerFields);
            return new VendorOutputFile(header, inputVariables, columns, records);
        }

        void destroySecrets() {
            records.forEach(r -> r.secrets.values().forEach(Secret::destroy));
        }

        /** The kind of text found, never the text itself: it may be a key that landed in the wrong place. */
        private static String shape(String value) {
            boolean digits = !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
            boolean hex = !value.isEmpty() && value.chars().allMatch(c -> Character.digit(c, 16) >= 0);
            return value.length() + (value.length() == 1 ? " character" : " characters")
                    + (value.isEmpty() ? "" : digits ? " (all digits)" : hex ? " (hex digits)"
                            : " (not all hex digits)");
        }

        /** Quotes a header or name value unless it could be key material, which is described by its shape. */
        private static String quoted(String value) {
            return value.length() > 40 || KEY_LIKE.matcher(value).find() ? shape(value) : "'" + value + "'";
        }
    }
}
