package io.ifpp.orchestration.pipeline;

/** A work order as an engine holds it between steps: where it stands and what it stored before sending. */
record WorkOrder(String id, String batchId, int seq, Stage stage, int deviceCount, String firstEid, byte[] sealed,
        int attempts) {

    /** The claim on an order ran out and another engine took it: this engine's step is dropped, not committed. */
    static final class ClaimLost extends Exception {
        private static final long serialVersionUID = 1L;

        ClaimLost(String orderId) {
            super("the claim on order " + orderId + " ran out", null, false, false);
        }
    }

    /** The order cannot be made from what the batch holds (its designs): it waits in RETRY for a person. */
    static final class Unformable extends Exception {
        private static final long serialVersionUID = 1L;

        Unformable(String orderId, String reason) {
            super("order " + orderId + ": " + reason, null, false, false);
        }
    }
}
