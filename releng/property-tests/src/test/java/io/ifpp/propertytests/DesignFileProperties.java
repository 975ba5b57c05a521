package io.ifpp.propertytests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.propertytests.Mutations.Mutation;
import io.ifpp.propertytests.YamlMutations.Edit;

/**
 * Hostile-input suite (issue 9): the agreement and plan readers, fed the example files with edits of their
 * structure ({@link YamlMutations}) and of their text ({@link Mutations}). A file is read, or refused with a
 * {@link DesignFileException} that names it and a line within it. What reads is validated as the command line
 * does (an agreement file together with the other example files), and the validator must not fail on it either: a
 * file that reads is its input, however odd.
 */
class DesignFileProperties {

    private static final Path EXAMPLES = Path.of(System.getProperty("ifpp.examples", "../../examples"));
    private static final String PLAN = "plans/smart-water-meter.yaml";
    private static final List<String> AGREEMENT_FILES = List.of("agreements/agreements.yaml",
            "agreements/operators.yaml", "agreements/country-rules.yaml");
    private static final Map<String, byte[]> BYTES = files(name -> {
        try {
            return Files.readAllBytes(EXAMPLES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });
    private static final Map<String, JsonNode> TREES = files(name -> YamlMutations.parse(BYTES.get(name)));
    /** Per agreement file, the book of the other two: a mutated file is validated as part of the whole set. */
    private static final Map<String, AgreementBook> OTHERS = AGREEMENT_FILES.stream().collect(Collectors.toMap(
            name -> name, name -> books(AGREEMENT_FILES.stream().filter(other -> !other.equals(name)).toList())));
    private static final AgreementBook EXAMPLE_BOOK = books(AGREEMENT_FILES);
    private static final AgreementValidator VALIDATOR = new AgreementValidator(LocalDate.of(2026, 11, 24));

    /** The slowest parser of the suite (about 0.3 ms an input): fewer tries, smaller large edits. */
    static final int AGREEMENT_TRIES = 75_000;
    static final int PLAN_TRIES = 75_000;
    private static final int LARGEST = 20_000;
    private static final HostileInput<DesignFileException> AGREEMENTS = new HostileInput<>(
            "agreement files (DesignFiles.readAgreements, then AgreementValidator), mutated examples",
            DesignFileException.class, AGREEMENT_TRIES);
    private static final HostileInput<DesignFileException> PLANS = new HostileInput<>(
            "plan files (DesignFiles.readPlan, then AgreementValidator), mutated example", DesignFileException.class,
            PLAN_TRIES);

    private static final List<String> TOKENS = List.of(": ", "- ", "  ", "\t", "#", "&a ", "*a", "!!", "<<: *a",
            "[", "]", "{", "}", "'", "\"", "|", ">", "%", "@", "`", "---\n", "...\n", "\n", "\r", "\u00a0",
            "\ufeff", "\u2028", "~", "null", "1e999999999", "-1e999999999", "99999999999999999999", ".nan",
            "2026-02-30", "? ", ",", "\\", "\u0000", "id: x\n", "country: ", "quantity: -1");

    /**
     * The mutated file is written here under its own name (the reader picks YAML by the name); in memory where Linux
     * offers it, since rewriting a file on disk cost more than parsing it (0.3-1.5 ms against 0.3 ms).
     */
    private static final Path WORK;

    static {
        Path shm = Path.of("/dev/shm");
        try {
            WORK = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "ifpp-hostile-yaml")
                    : Files.createTempDirectory("ifpp-hostile-yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file, the edits of its structure, then of its text; at least one edit in all. */
    record Recipe(String file, List<Edit> structure, List<Mutation> text) {
    }

    @AfterContainer
    static void removeWorkFolder() throws IOException {
        try (var files = Files.list(WORK)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(WORK);
    }

    @Provide
    Arbitrary<Recipe> agreementRecipes() {
        return recipes(Arbitraries.of(AGREEMENT_FILES));
    }

    @Provide
    Arbitrary<Recipe> planRecipes() {
        return recipes(Arbitraries.just(PLAN));
    }

    private static Arbitrary<Recipe> recipes(Arbitrary<String> files) {
        return Combinators.combine(files, YamlMutations.edits(), Mutations.text(TOKENS, 0, 3, LARGEST)).as(Recipe::new)
                .filter(recipe -> !recipe.structure().isEmpty() || !recipe.text().isEmpty());
    }

    @Property(tries = AGREEMENT_TRIES, seed = "20261202", generation = GenerationMode.RANDOMIZED)
    void mutatedAgreementFilesReadAndValidateOrAreRefusedWithWhere(@ForAll("agreementRecipes") Recipe recipe)
            throws IOException {
        byte[] content = mutate(recipe);
        Path file = write(recipe.file(), content);
        AgreementBook others = OTHERS.get(recipe.file());
        AGREEMENTS.feed(() -> {
            AgreementBook book = DesignFiles.readAgreements(file);
            VALIDATOR.validate(book.merge(others));
            return book;
        }, error -> checkWhere(error, file, content));
    }

    @Property(tries = PLAN_TRIES, seed = "20261203", generation = GenerationMode.RANDOMIZED)
    void mutatedPlanFilesReadAndValidateOrAreRefusedWithWhere(@ForAll("planRecipes") Recipe recipe)
            throws IOException {
        byte[] content = mutate(recipe);
        Path file = write(recipe.file(), content);
        PLANS.feed(() -> {
            ProductPlan plan = DesignFiles.readPlan(file);
            VALIDATOR.validate(plan, EXAMPLE_BOOK);
            return plan;
        }, error -> checkWhere(error, file, content));
    }

    private static byte[] mutate(Recipe recipe) {
        byte[] structured = YamlMutations.apply(BYTES.get(recipe.file()), TREES.get(recipe.file()), recipe.structure());
        return Mutations.apply(structured, recipe.text());
    }

    /** The error names the file read, and a line within it when it names one. */
    private static void checkWhere(DesignFileException error, Path file, byte[] content) {
        Check.that(file.equals(error.file()), "the error names " + error.file() + ", not " + file);
        // As YAML counts lines: CR, NEL, LS and PS break them too (CR LF counts twice here: an upper bound).
        long lines = 1 + new String(content, StandardCharsets.UTF_8).chars()
                .filter(c -> c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029').count();
        Check.that(error.line() >= 0 && error.line() <= lines,
                "line " + error.line() + " of a file of " + lines + " lines");
        Check.that(error.getMessage().startsWith(file.toString()), "the message does not start with the file");
    }

    private static Path write(String name, byte[] content) throws IOException {
        Path file = WORK.resolve(Path.of(name).getFileName().toString());
        Files.write(file, content);
        return file;
    }

    private static <T> Map<String, T> files(Function<String, T> load) {
        return Stream.concat(AGREEMENT_FILES.stream(), Stream.of(PLAN))
                .collect(Collectors.toUnmodifiableMap(name -> name, load));
    }

    private static AgreementBook books(List<String> names) {
        AgreementBook book = AgreementBook.EMPTY;
        for (String name : names) {
            try {
                book = book.merge(DesignFiles.readAgreements(EXAMPLES.resolve(name)));
            } catch (DesignFileException e) {
                throw new IllegalStateException("the example " + name + " does not read", e);
            }
        }
        return book;
    }
}
