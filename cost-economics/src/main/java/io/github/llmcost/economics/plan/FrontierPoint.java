package io.github.llmcost.economics.plan;

import io.github.llmcost.core.Formats;
import io.github.llmcost.economics.Money;
import java.util.Objects;

/**
 * One point of a plan's Pareto frontier: a deployment at saturation under one batch cap, where no other point searched
 * gives both more tokens per second to each user and more output tokens per second per device.
 *
 * @param hardware the chip's name
 * @param tensorParallel devices per replica
 * @param formats the numeric formats
 * @param maxBatch the batch cap
 * @param tokensPerSecondPerUser output tokens per second each sequence sees, 1 / time per output token
 * @param outputTokensPerSecondPerGpu output tokens per second over every device of the replica
 * @param costPerMillionOutputTokens what a million output tokens cost at that point
 */
public record FrontierPoint(
        String hardware,
        int tensorParallel,
        Formats formats,
        int maxBatch,
        double tokensPerSecondPerUser,
        double outputTokensPerSecondPerGpu,
        Money costPerMillionOutputTokens) {
    /**
     * Checks every field is present.
     *
     * @param hardware the chip's name
     * @param tensorParallel devices per replica
     * @param formats the numeric formats
     * @param maxBatch the batch cap
     * @param tokensPerSecondPerUser output tokens per second each sequence sees
     * @param outputTokensPerSecondPerGpu output tokens per second per device
     * @param costPerMillionOutputTokens what a million output tokens cost
     */
    public FrontierPoint {
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(formats, "formats");
        Objects.requireNonNull(costPerMillionOutputTokens, "costPerMillionOutputTokens");
    }
}
