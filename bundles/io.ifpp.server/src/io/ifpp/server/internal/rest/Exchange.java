package io.ifpp.server.internal.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.jetty.util.Fields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.ifpp.agreement.DesignFiles;

/** One request as a route sees it: who calls, the path's parameters, the query, the body. */
public record Exchange(ApiTokens.Caller caller, Map<String, String> path, Fields query, String contentType,
        byte[] body) {

    /** Strict on input (unknown fields, nulls for numbers, trailing text are errors); instants as ISO-8601 text. */
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    public String path(String name) {
        return path.get(name);
    }

    /** A query parameter, or {@code otherwise} when absent. */
    public String query(String name, String otherwise) {
        Fields.Field field = query.get(name);
        return field == null ? otherwise : field.getValue();
    }

    public List<String> queryValues(String name) {
        Fields.Field field = query.get(name);
        return field == null ? List.of() : field.getValues();
    }

    /** A numeric query parameter within bounds; a 400 naming it otherwise. */
    public long queryLong(String name, long otherwise, long min, long max) throws ApiException {
        String text = query(name, null);
        if (text == null) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw ApiException.badRequest(name, "must be between " + min + " and " + max + ", found " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "must be a whole number, found '" + text + "'");
        }
    }

    /**
     * The body as JSON of type {@code type}; a 400 naming the field and the reason when it is not (unknown fields,
     * wrong types and broken syntax included).
     */
    public <T> T json(Class<T> type) throws ApiException {
        if (body.length == 0) {
            throw ApiException.badRequest(null, "the request needs a JSON body");
        }
        try {
            return JSON.readValue(body, type);
        } catch (JsonMappingException e) {
            throw ApiException.badRequest(field(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? null
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest(where, "the body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest(null, "the body cannot be read: " + e.getMessage());
        }
    }

    private static String field(JsonMappingException e) {
        String path = DesignFiles.path(e);
        return path.isEmpty() ? null : path;
    }
}
