package io.github.llmcost.economics.plan;

import io.github.llmcost.core.Seconds;
import java.util.Objects;

/**
 * A candidate confirmed by simulation ({@link Plan#verified(int)}): its replicas served the plan's Poisson arrivals one
 * request at a time ({@link io.github.llmcost.hardware.serving.sim.Simulation}), and these are the latencies measured
 * there, after a warm-up, in place of the steady-state model's.
 *
 * @param replicas the replicas simulated: the plan's, or more where the plan's missed a target in simulation
 * @param replicasAdded replicas added to the plan's to meet the targets in simulation
 * @param simulatedSeconds the seconds of traffic simulated
 * @param completedRequests requests served to completion
 * @param timeToFirstTokenP90 the 90th percentile of time to first token measured
 * @param timePerOutputTokenP90 the 90th percentile of time per output token measured
 * @param sloAttainment the share of requests within both targets (1 without targets)
 * @param meetsTargets whether both 90th percentiles are within the targets
 */
public record Verification(
        long replicas,
        long replicasAdded,
        double simulatedSeconds,
        long completedRequests,
        Seconds timeToFirstTokenP90,
        Seconds timePerOutputTokenP90,
        double sloAttainment,
        boolean meetsTargets) {
    /**
     * Checks every field is present.
     *
     * @param replicas the replicas simulated
     * @param replicasAdded replicas added to the plan's
     * @param simulatedSeconds the seconds simulated
     * @param completedRequests requests served
     * @param timeToFirstTokenP90 time to first token, 90th percentile
     * @param timePerOutputTokenP90 time per output token, 90th percentile
     * @param sloAttainment the share within both targets
     * @param meetsTargets whether the percentiles meet the targets
     */
    public Verification {
        Objects.requireNonNull(timeToFirstTokenP90, "timeToFirstTokenP90");
        Objects.requireNonNull(timePerOutputTokenP90, "timePerOutputTokenP90");
    }
}
