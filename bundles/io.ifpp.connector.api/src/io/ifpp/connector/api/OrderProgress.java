package io.ifpp.connector.api;

/** Where an order stands at the vendor. */
public record OrderProgress(String orderId, State state, int devicesDone, int devicesTotal) {

    public enum State {
        ACCEPTED, IN_PROGRESS, COMPLETED, CANCELLED
    }
}
