package io.ifpp.agreement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.ifpp.core.AtomicFiles;

/**
 * Reads and writes agreement books and product plans: YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}),
 * chosen by the file name. Unknown fields are refused (a typo must not silently drop a term of an agreement).
 */
public final class DesignFiles {

    private static final ObjectMapper YAML = configure(YAMLMapper.builder().build());
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

    private DesignFiles() {
    }

    public static AgreementBook readAgreements(Path file) throws DesignFileException {
        return read(file, AgreementBook.class);
    }

    /** Reads files and folders (every .yaml/.yml/.json directly inside) into one book, in name order. */
    public static AgreementBook readAgreements(List<Path> filesOrFolders) throws DesignFileException {
        AgreementBook book = AgreementBook.EMPTY;
        for (Path file : expand(filesOrFolders)) {
            book = book.merge(readAgreements(file));
        }
        return book;
    }

    public static ProductPlan readPlan(Path file) throws DesignFileException {
        return read(file, ProductPlan.class);
    }

    public static void write(Path file, Object design) throws IOException {
        AtomicFiles.write(file, mapperFor(file).writeValueAsBytes(design));
    }

    /** JSON text of any design or report object, as the command line prints it. */
    public static String toJson(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static boolean isDesignFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    static List<Path> expand(List<Path> filesOrFolders) throws DesignFileException {
        List<Path> files = new ArrayList<>();
        for (Path path : filesOrFolders) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.filter(Files::isRegularFile).filter(DesignFiles::isDesignFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new DesignFileException(path, 0, 0, "cannot list the folder: " + e.getMessage(), e);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private static <T> T read(Path file, Class<T> type) throws DesignFileException {
        try (InputStream in = Files.newInputStream(file)) {
            T value = mapperFor(file).readValue(in, type);
            if (value == null) {
                throw new DesignFileException(file, 0, 0, "the file is empty", null);
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new DesignFileException(file, 0, 0, "no such file", e);
        } catch (UnrecognizedPropertyException e) {
            JsonLocation where = e.getLocation();
            throw new DesignFileException(file, where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(),
                    "unknown field '" + e.getPropertyName() + "' at " + path(e) + "; known fields: "
                            + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new DesignFileException(file, where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(),
                    reason(e), e);
        } catch (IOException e) {
            throw new DesignFileException(file, 0, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Jackson's message without its source excerpt and location, which the exception carries on its own. */
    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            message = cause.getMessage();
        }
        String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
        return message + (path.isEmpty() ? "" : " (at " + path + ")");
    }

    /** Where in the document, as people write it: {@code agreements[3].coverage[0].rats} (empty: the root). */
    public static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ObjectMapper mapperFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") ? JSON : YAML;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL));
    }
}
