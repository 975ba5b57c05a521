package io.ifpp.connector.es2plus.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ifpp.connector.api.ConnectorException.StatusCode;

/**
 * The functionExecutionStatus of an ES2+ response (SGP.22 5.2.6 / 6.5.1.4): its status and, for a failure, the
 * statusCodeData.
 */
public record Es2PlusStatus(String status, StatusCode code, String message) {

    public static final String SUCCESS = "Executed-Success";
    public static final String WARNING = "Executed-WithWarning";
    public static final String FAILED = "Failed";
    public static final String EXPIRED = "Expired";

    public static Es2PlusStatus success() {
        return new Es2PlusStatus(SUCCESS, null, null);
    }

    public static Es2PlusStatus failed(StatusCode code, String message) {
        return new Es2PlusStatus(FAILED, code, message);
    }

    public boolean succeeded() {
        return SUCCESS.equals(status) || WARNING.equals(status);
    }

    /** True when {@code response} says the function was executed (with or without warning). */
    public static boolean succeeded(JsonNode response) {
        JsonNode status = response.path("header").path("functionExecutionStatus").path("status");
        return SUCCESS.equals(status.asText()) || WARNING.equals(status.asText());
    }

    /** Reads the status of a response; null when the response has none. */
    public static Es2PlusStatus read(JsonNode response) {
        JsonNode execution = response.path("header").path("functionExecutionStatus");
        if (!execution.path("status").isTextual()) {
            return null;
        }
        JsonNode data = execution.get("statusCodeData");
        StatusCode code = data == null ? null
                : new StatusCode(Json.text(data, "subjectCode"), Json.text(data, "reasonCode"),
                        Json.text(data, "subjectIdentifier"));
        return new Es2PlusStatus(execution.get("status").asText(), code,
                data == null ? null : Json.text(data, "message"));
    }

    /** A response object whose header carries this status. */
    public ObjectNode toResponse() {
        ObjectNode response = Json.object();
        ObjectNode execution = response.putObject("header").putObject("functionExecutionStatus");
        writeTo(execution);
        return response;
    }

    /** Writes {@code status} and {@code statusCodeData} into an ExecutionStatus object. */
    public void writeTo(ObjectNode execution) {
        execution.put("status", status);
        if (code != null) {
            ObjectNode data = execution.putObject("statusCodeData");
            data.put("subjectCode", code.subjectCode());
            data.put("reasonCode", code.reasonCode());
            if (code.subjectIdentifier() != null) {
                data.put("subjectIdentifier", code.subjectIdentifier());
            }
            if (message != null) {
                data.put("message", message);
            }
        }
    }
}
