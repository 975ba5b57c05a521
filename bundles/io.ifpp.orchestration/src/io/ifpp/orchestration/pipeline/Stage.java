package io.ifpp.orchestration.pipeline;

/**
 * Where a device of a batch stands, from plan to activation schedule; failures are explicit stages, never silent.
 */
public enum Stage {
    PLANNED, PROFILES_RESERVED, ORDER_SENT, REPORT_RECEIVED, RECONCILED, BOUND, SHIPPED, ACTIVATION_SCHEDULED,
    /** A step failed and waits for {@code batch resume} (the failure says which step and why). */
    RETRY,
    /** Personalization failed or its result did not reconcile: the device goes through the vendor again. */
    REPERSONALIZE,
    /**
     * The vendor installed the ordered ICCIDs but not the ordered content (a package's SHA-256 differs from the one
     * ordered, or none was reported): the eUICC is held under its EID, never shipped, until a person decides
     * ({@code batch resume} sends the device to personalization again, on another eUICC).
     */
    CONTENT_MISMATCH,
    /** Given up (too many failed personalizations, or the batch was cancelled): the device leaves the batch. */
    VOID;

    /** True for the stages a device leaves only by someone's decision, or never. */
    public boolean settled() {
        return this == ACTIVATION_SCHEDULED || this == RETRY || this == CONTENT_MISMATCH || this == VOID;
    }
}
