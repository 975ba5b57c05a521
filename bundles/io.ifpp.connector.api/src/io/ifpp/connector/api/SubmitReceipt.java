package io.ifpp.connector.api;

import java.time.Instant;

/** @param duplicate true when the order had been submitted before with the same content (nothing was done again) */
public record SubmitReceipt(String orderId, Instant accepted, boolean duplicate) {
}
