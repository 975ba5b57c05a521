package io.ifpp.connector.es2plus;

import java.util.Optional;

/**
 * The ES2+ functions (GSMA SGP.22 5.3), with the path they are POSTed to and the schemas of their messages.
 */
public enum Es2PlusFunction {

    DOWNLOAD_ORDER("downloadOrder", "ES2+DownloadOrder-def.json", "ES2+DownloadOrder-response.json"),
    CONFIRM_ORDER("confirmOrder", "ES2+ConfirmOrder-def.json", "ES2+ConfirmOrder-response.json"),
    CANCEL_ORDER("cancelOrder", "ES2+CancelOrder-def.json", "ES2+HeaderOnly-response.json"),
    RELEASE_PROFILE("releaseProfile", "ES2+ReleaseProfile-def.json", "ES2+HeaderOnly-response.json"),
    /** Sent by the SM-DP+ to the operator, not by the operator. */
    HANDLE_DOWNLOAD_PROGRESS_INFO("handleDownloadProgressInfo", "ES2+HandleDownloadProgressInfo-def.json",
            "ES2+HeaderOnly-response.json");

    /** The prefix of every ES2+ function path (SGP.22 6.5.1). */
    public static final String PATH_PREFIX = "/gsma/rsp2/es2plus/";

    /** The schema a failed function's answer is checked with: only the header is certain then. */
    public static final String FAILURE_RESPONSE_SCHEMA = "ES2+HeaderOnly-response.json";

    private final String functionName;
    private final String requestSchema;
    private final String responseSchema;

    Es2PlusFunction(String functionName, String requestSchema, String responseSchema) {
        this.functionName = functionName;
        this.requestSchema = requestSchema;
        this.responseSchema = responseSchema;
    }

    public String functionName() {
        return functionName;
    }

    public String path() {
        return PATH_PREFIX + functionName;
    }

    public String requestSchema() {
        return requestSchema;
    }

    /**
     * The schema of the answer: the function's own for a success; the header-only one for a failure, since the
     * response schemas require fields (the DownloadOrder ICCID) that SGP.22 only returns on success.
     */
    public String responseSchema(boolean succeeded) {
        return succeeded ? responseSchema : FAILURE_RESPONSE_SCHEMA;
    }

    public static Optional<Es2PlusFunction> ofPath(String path) {
        for (Es2PlusFunction function : values()) {
            if (function.path().equals(path)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }
}
