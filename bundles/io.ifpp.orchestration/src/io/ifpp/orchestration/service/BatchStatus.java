package io.ifpp.orchestration.service;

import java.time.Instant;
import java.util.Map;

import io.ifpp.orchestration.pipeline.Stage;

/**
 * Where a batch stands: its state (OPEN, COMPLETED, CANCELLED), devices per stage (stages without devices absent)
 * how many reconciliation mismatches were recorded, and whether it is a simulated batch (on simulated partners, with
 * numbers reserved for simulation).
 */
public record BatchStatus(String id, String plan, String state, int quantity, Instant createdAt, String createdBy,
        Map<Stage, Long> stages, long mismatches, boolean simulated) {

    public BatchStatus {
        stages = Map.copyOf(stages);
    }

    public long count(Stage stage) {
        return stages.getOrDefault(stage, 0L);
    }
}
