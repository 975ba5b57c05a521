package io.ifpp.propertytests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Edits of valid inputs, as a hostile or broken peer would make them: bytes replaced, bit flips, bytes inserted,
 * deleted or repeated (a few, or rarely a hundred thousand), a cut, a range copied over another; and for text
 * formats, lines duplicated, deleted, swapped or repeated many times, and tokens of the format inserted. Positions
 * are taken modulo the input's length, so a recipe applies to any input and shrinks towards the start; a recipe's
 * text names the edits, never the content.
 */
final class Mutations {

    /** One edit; {@link #apply} never changes its argument. */
    sealed interface Mutation {
        byte[] apply(byte[] in);
    }

    /**
     * No edit makes an input larger than this: enough to show a parser that is quadratic in its input, small enough
     * that the edits themselves never exhaust the heap.
     */
    static final int MAX_BYTES = 2 << 20;

    /** Bytes a large edit adds by default: a parser quadratic in it takes seconds, a linear one milliseconds. */
    private static final int LARGEST = 100_000;

    /** Byte values that sit on boundaries of DER lengths and tags, ASCII classes and UTF-8. */
    private static final int[] INTERESTING = { 0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x30, 0x3A, 0x3B, 0x7F, 0x80,
            0x81, 0x82, 0x83, 0x84, 0x85, 0xA0, 0xBF, 0xC0, 0xE0, 0xEF, 0xF0, 0xFE, 0xFF };

    record Replace(int at, int value) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[at % in.length] = (byte) value;
            return out;
        }
    }

    record FlipBit(int at, int bit) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[at % in.length] ^= (byte) (1 << bit);
            return out;
        }
    }

    /** {@code count} copies of one byte, at {@code at}. */
    record Insert(int at, int value, int count) implements Mutation {
        public byte[] apply(byte[] in) {
            byte[] filler = new byte[count];
            Arrays.fill(filler, (byte) value);
            return splice(in, at % (in.length + 1), 0, filler);
        }
    }

    record Delete(int at, int count) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int from = at % in.length;
            return splice(in, from, Math.min(count, in.length - from), new byte[0]);
        }
    }

    /** The range at {@code at} written again right after itself, {@code times} times. */
    record Repeat(int at, int length, int times) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int from = at % in.length;
            byte[] range = Arrays.copyOfRange(in, from, Math.min(in.length, from + length));
            int n = Math.min(times, Math.max(0, MAX_BYTES - in.length) / range.length);
            byte[] copies = new byte[range.length * n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(range, 0, copies, i * range.length, range.length);
            }
            return splice(in, from, 0, copies);
        }
    }

    /**
     * A short range written again thousands of times: where a parser is quadratic in a line's length (backtracking
     * patterns, repeated scans), this is what makes it show.
     */
    record Inflate(int at, int length, int times) implements Mutation {
        public byte[] apply(byte[] in) {
            return new Repeat(at, length, times).apply(in);
        }
    }

    /** The input ends at {@code at}: a transfer cut short. */
    record Truncate(int at) implements Mutation {
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, at % (in.length + 1));
        }
    }

    /** The bytes at {@code from} copied over those at {@code to}: a length or tag of one element lands in another. */
    record CopyOver(int from, int to, int length) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int source = from % in.length;
            int target = to % in.length;
            int n = Math.min(length, Math.min(in.length - source, in.length - target));
            byte[] out = in.clone();
            System.arraycopy(in, source, out, target, n);
            return out;
        }
    }

    /** Line edits: {@code kind} 0 duplicates the line, 1 deletes it, 2 swaps it with {@code other}. */
    record LineEdit(int kind, int line, int other) implements Mutation {
        public byte[] apply(byte[] in) {
            List<byte[]> lines = lines(in);
            int at = line % lines.size();
            switch (kind) {
            case 0 -> lines.add(at, lines.get(at));
            case 1 -> lines.remove(at);
            default -> {
                int with = other % lines.size();
                byte[] swapped = lines.get(at);
                lines.set(at, lines.get(with));
                lines.set(with, swapped);
            }
            }
            return join(lines);
        }
    }

    /** One line written {@code times} times more: a record area or a list that is far too long. */
    record RepeatLine(int line, int times) implements Mutation {
        public byte[] apply(byte[] in) {
            List<byte[]> lines = lines(in);
            int at = line % lines.size();
            int n = Math.min(times, Math.max(0, MAX_BYTES - in.length) / (lines.get(at).length + 1));
            for (int i = 0; i < n; i++) {
                lines.add(at, lines.get(at));
            }
            return join(lines);
        }
    }

    /** A token of the format (a keyword, a separator, an edge-case number) inserted or written over text. */
    record Token(int at, String token, boolean over) implements Mutation {
        public byte[] apply(byte[] in) {
            byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
            int from = at % (in.length + 1);
            return splice(in, from, over ? Math.min(bytes.length, in.length - from) : 0, bytes);
        }
    }

    private Mutations() {
    }

    /** One to four byte-level edits: for binary formats. */
    static Arbitrary<List<Mutation>> binary() {
        return Arbitraries.<Mutation>frequencyOf(weighted(100, byteEdit()), weighted(2, large(LARGEST)))
                .list().ofMinSize(1).ofMaxSize(4);
    }

    /** One to four edits of bytes, lines and {@code tokens}: for text formats. */
    static Arbitrary<List<Mutation>> text(List<String> tokens) {
        return text(tokens, 1, 4, LARGEST);
    }

    /** @param largest bytes a large edit adds at most: what a parser's speed allows for (they are rare anyway) */
    static Arbitrary<List<Mutation>> text(List<String> tokens, int minEdits, int maxEdits, int largest) {
        Arbitrary<Mutation> lineEdit = Combinators.combine(Arbitraries.integers().between(0, 2), position(), position())
                .as(LineEdit::new);
        // Mostly a few copies, now and then thousands: enough to pass any count in the file, cheap on average.
        Arbitrary<Mutation> repeatLine = Combinators.combine(position(),
                Arbitraries.integers().between(1, 2000).withDistribution(RandomDistribution.biased()))
                .as(RepeatLine::new);
        Arbitrary<Mutation> token = Combinators.combine(position(), Arbitraries.of(tokens), Arbitraries.of(false, true))
                .as(Token::new);
        return Arbitraries.<Mutation>frequencyOf(weighted(40, byteEdit()), weighted(30, lineEdit),
                weighted(10, repeatLine), weighted(40, token), weighted(1, large(largest))).list()
                .ofMinSize(minEdits).ofMaxSize(maxEdits);
    }

    /** Lines of {@code input} as the line-based parsers count them: one more than its LF bytes. */
    static long lineCount(byte[] input) {
        long lines = 1;
        for (byte b : input) {
            lines += b == '\n' ? 1 : 0;
        }
        return lines;
    }

    static byte[] apply(byte[] input, List<Mutation> mutations) {
        byte[] bytes = input;
        for (Mutation mutation : mutations) {
            bytes = mutation.apply(bytes);
        }
        return bytes;
    }

    private static Arbitrary<Integer> value() {
        return Arbitraries.<Integer>frequencyOf(weighted(1, Arbitraries.integers().between(0, 255)),
                weighted(1, Arbitraries.of(Arrays.stream(INTERESTING).boxed().toList())));
    }

    private static Arbitrary<Mutation> byteEdit() {
        Arbitrary<Mutation> replace = Combinators.combine(position(), value()).as(Replace::new);
        Arbitrary<Mutation> flip = Combinators.combine(position(), Arbitraries.integers().between(0, 7))
                .as(FlipBit::new);
        Arbitrary<Mutation> insert = Combinators.combine(position(), value(), Arbitraries.integers().between(1, 64))
                .as(Insert::new);
        Arbitrary<Mutation> delete = Combinators.combine(position(), Arbitraries.integers().between(1, 64))
                .as(Delete::new);
        Arbitrary<Mutation> repeat = Combinators.combine(position(), Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(1, 100)).as(Repeat::new);
        Arbitrary<Mutation> truncate = position().map(Truncate::new);
        Arbitrary<Mutation> copyOver = Combinators.combine(position(), position(),
                Arbitraries.integers().between(1, 16)).as(CopyOver::new);
        return Arbitraries.<Mutation>frequencyOf(weighted(6, replace), weighted(3, flip), weighted(2, insert),
                weighted(2, delete), weighted(1, repeat), weighted(2, truncate), weighted(2, copyOver));
    }

    /**
     * A run of one byte value, or a short range repeated, of a tenth of {@code largest} up to all of it: blanks
     * inside a name, digits in a number, brackets, newlines by the ten thousand.
     */
    private static Arbitrary<Mutation> large(int largest) {
        Arbitrary<Mutation> flood = Combinators.combine(position(), value(),
                Arbitraries.integers().between(largest / 10, largest)).as(Insert::new);
        Arbitrary<Mutation> inflate = Combinators.combine(position(), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(largest / 40, largest / 4)).as(Inflate::new);
        return Arbitraries.oneOf(flood, inflate);
    }

    private static Arbitrary<Integer> position() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE - 1);
    }

    private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        byte[] out = new byte[in.length - remove + insert.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
        return out;
    }

    /** The lines of {@code in} without their '\n'; a last line without one stays the last element. */
    private static List<byte[]> lines(byte[] in) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= in.length; i++) {
            if (i == in.length || in[i] == '\n') {
                lines.add(Arrays.copyOfRange(in, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static byte[] join(List<byte[]> lines) {
        int size = lines.size() - 1;
        for (byte[] line : lines) {
            size += line.length;
        }
        byte[] out = new byte[Math.max(size, 0)];
        int p = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out[p++] = '\n';
            }
            System.arraycopy(lines.get(i), 0, out, p, lines.get(i).length);
            p += lines.get(i).length;
        }
        return out;
    }
}
