package io.ifpp.connector.es2plus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.ifpp.connector.es2plus.internal.Es2PlusStatus;
import io.ifpp.connector.es2plus.internal.Es2PlusValues;
import io.ifpp.connector.es2plus.internal.Json;

/**
 * Checks ES2+ messages against their JSON Schemas (draft-04, as the schemas declare no dialect). The schemas come
 * from this bundle ({@link #bundled()}: the Apache-2.0 files of ostelco-core, see schemas/README.md) or from a
 * folder ({@link #fromFolder}), e.g. a newer set from an SM-DP+ vendor.
 */
public final class Es2PlusSchemas {

    private final Function<String, byte[]> source;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private Es2PlusSchemas(Function<String, byte[]> source) {
        this.source = source;
    }

    /** The schemas shipped in this bundle. */
    public static Es2PlusSchemas bundled() {
        return new Es2PlusSchemas(name -> {
            try (InputStream in = Es2PlusSchemas.class.getResourceAsStream("/schemas/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("no ES2+ schema " + name + " in io.ifpp.connector.es2plus");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The schemas of a folder, under the file names of {@link Es2PlusFunction}. */
    public static Es2PlusSchemas fromFolder(Path folder) {
        return new Es2PlusSchemas(name -> {
            try {
                return Files.readAllBytes(folder.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException("ES2+ schema " + name + " cannot be read from " + folder, e);
            }
        });
    }

    /** Schemas from any source of bytes by file name (tests read the shared fixtures this way). */
    public static Es2PlusSchemas from(Function<String, byte[]> source) {
        return new Es2PlusSchemas(source);
    }

    /**
     * What is wrong with {@code message} against the schema file {@code schemaName}; empty when it is valid. Where
     * the schemas are narrower than SGP.22 the standard's reading applies ({@link #asSgp22Reads}).
     */
    public List<String> problems(String schemaName, JsonNode message) {
        JsonSchema schema = schemas.computeIfAbsent(schemaName,
                name -> factory.getSchema(asSgp22Reads(Json.parse(source.apply(name)))));
        return schema.validate(message).stream().sorted(Comparator.comparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage).toList();
    }

    /**
     * A schema with SGP.22's definitions where the shared schemas are narrower: every {@code iccid} property takes
     * the standard's ICCID ({@link Es2PlusValues#ICCID_PATTERN}: 18-20 digits or 19 and the padding F) and every
     * {@code timestamp} the W3C date-time with any zone designator ({@link Es2PlusValues#TIMESTAMP_PATTERN}). The
     * rest of the schema applies as written.
     */
    static JsonNode asSgp22Reads(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            object.properties().forEach(field -> {
                if (field.getValue() instanceof ObjectNode property && property.has("pattern")) {
                    if (field.getKey().equals("iccid")) {
                        property.put("pattern", Es2PlusValues.ICCID_PATTERN);
                    } else if (field.getKey().equals("timestamp")) {
                        property.put("pattern", Es2PlusValues.TIMESTAMP_PATTERN);
                    }
                }
                asSgp22Reads(field.getValue());
            });
        } else if (schema != null && schema.isArray()) {
            schema.forEach(Es2PlusSchemas::asSgp22Reads);
        }
        return schema;
    }

    public List<String> requestProblems(Es2PlusFunction function, JsonNode request) {
        return problems(function.requestSchema(), request);
    }

    public List<String> responseProblems(Es2PlusFunction function, JsonNode response) {
        return problems(function.responseSchema(Es2PlusStatus.succeeded(response)), response);
    }
}
