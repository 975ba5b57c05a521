package io.ifpp.orchestration.pipeline;

/**
 * Where a device of a batch stands, from plan to activation schedule; failures are explicit stages, never silent.
 */
public enum Stage {
    PLANNED, PROFILES_RESERVED, ORDER_SENT, REPORT_RECEIVED, RECONCILED, BOUND, SHIPPED, ACTIVATION_SCHEDULED,
    /** A step failed and will be tried again. */
    RETRY,
    /** Personalization failed: the device goes through the vendor again. */
    REPERSONALIZE,
    /** Given up: the device leaves the batch (its profiles are released). */
    VOID
}
