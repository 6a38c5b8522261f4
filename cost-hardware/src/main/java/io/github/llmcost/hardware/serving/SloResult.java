package io.github.llmcost.hardware.serving;

import java.util.Locale;
import java.util.Optional;

/**
 * The highest request rate a deployment sustains within latency targets (90th percentiles of time to first token
 * and of time per output token), and the batch cap that achieves it; empty when not even a trickle of requests meets
 * the targets.
 *
 * <p>Immutable and thread-safe. Made by {@link ServingModel#maxRateWithinSlo}.
 */
public final class SloResult {
    private final double rate;
    private final int batchCap;
    private final Optional<LoadPoint> point;

    SloResult(double rate, int batchCap, Optional<LoadPoint> point) {
        this.rate = rate;
        this.batchCap = batchCap;
        this.point = point;
    }

    /** {@return whether any rate meets the targets} */
    public boolean met() {
        return point.isPresent();
    }

    /** {@return the highest rate within the targets, requests per second (0 when none)} */
    public double maxRequestsPerSecond() {
        return rate;
    }

    /** {@return the batch cap ({@link Scheduler#maxBatchSize()}) that achieves it} */
    public int batchCap() {
        return batchCap;
    }

    /** {@return the load at that rate, if any rate meets the targets} */
    public Optional<LoadPoint> point() {
        return point;
    }

    /** {@return the result in a line} */
    @Override
    public String toString() {
        return point.map(p -> String.format(
                        Locale.ROOT, "at most %.3g requests/s within the targets, batch cap %d: %s", rate, batchCap, p))
                .orElse("no rate meets the targets");
    }
}
