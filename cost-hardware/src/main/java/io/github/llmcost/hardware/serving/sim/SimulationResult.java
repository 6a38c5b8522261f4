package io.github.llmcost.hardware.serving.sim;

import java.util.List;
import java.util.Locale;

/**
 * What a simulation measured. Latency percentiles come from a logarithmic histogram and are within 1% of the exact
 * ones; means and counts are exact. Latency statistics and goodput count requests arriving after the warm-up;
 * throughput and utilisation the whole run, from the start to the last completion (or the source's horizon, if
 * later).
 *
 * <p>Immutable and thread-safe.
 */
public final class SimulationResult {
    private final long completed;
    private final long rejected;
    private final long measured;
    private final long good;
    private final long outputTokens;
    private final long inputTokens;
    private final long preemptions;
    private final long lookups;
    private final long hits;
    private final long cachedTokens;
    private final long steps;
    private final int replicas;
    private final long kvBlocks;
    private final double seconds;
    private final double busy;
    private final double steadyRequestsPerSecond;
    private final double meanInSystem;
    private final double meanWaiting;
    private final long maxWaiting;
    private final double queueInterval;
    private final List<QueuePoint> queue;
    private final double[] ttft;
    private final double[] tpot;
    private final double[] e2e;

    SimulationResult(Metrics m, double seconds, double busy, int replicas, long kvBlocks, double warmup, long steps) {
        this.completed = m.completed;
        this.rejected = m.rejected;
        this.measured = m.measured;
        this.good = m.good;
        this.outputTokens = m.outputTokens;
        this.inputTokens = m.inputTokens;
        this.preemptions = m.preemptions;
        this.lookups = m.lookups;
        this.hits = m.hits;
        this.cachedTokens = m.cachedTokens;
        this.steps = steps;
        this.replicas = replicas;
        this.kvBlocks = kvBlocks;
        this.seconds = seconds;
        this.busy = busy;
        double window = Math.min(m.windowEnd, seconds) - warmup;
        this.steadyRequestsPerSecond = window > 0 ? m.windowCompleted / window : 0;
        this.meanInSystem = m.meanInSystem(seconds);
        this.meanWaiting = m.meanWaiting(seconds);
        this.maxWaiting = m.maxWaiting;
        this.queueInterval = m.queue.intervalSeconds();
        this.queue = m.queue.points();
        this.ttft = summary(m.ttft);
        this.tpot = summary(m.tpot);
        this.e2e = summary(m.e2e);
    }

    private static double[] summary(LatencyHistogram h) {
        return new double[] {h.quantile(0.5), h.quantile(0.9), h.quantile(0.99), h.mean()};
    }

    /** {@return requests completed} */
    public long completedRequests() {
        return completed;
    }

    /** {@return requests refused because their whole sequence exceeds a replica's KV cache} */
    public long rejectedRequests() {
        return rejected;
    }

    /** {@return seconds simulated: from 0 to the last completion, or the source's horizon if later} */
    public double simulatedSeconds() {
        return seconds;
    }

    /** {@return requests completed per simulated second} */
    public double requestsPerSecond() {
        return seconds > 0 ? completed / seconds : 0;
    }

    /** {@return output tokens of completed requests per simulated second} */
    public double outputTokensPerSecond() {
        return seconds > 0 ? outputTokens / seconds : 0;
    }

    /** {@return prompt tokens of completed requests per simulated second (cached ones included)} */
    public double inputTokensPerSecond() {
        return seconds > 0 ? inputTokens / seconds : 0;
    }

    /** {@return output tokens of completed requests} */
    public long outputTokens() {
        return outputTokens;
    }

    /**
     * {@return requests completed per second between the warm-up and the last arrival: the steady throughput, free of
     * the ramp up and the drain (at saturation, what {@link io.github.llmcost.hardware.serving.ServingModel#saturated}
     * models)}
     */
    public double steadyRequestsPerSecond() {
        return steadyRequestsPerSecond;
    }

    /** {@return requests per simulated second that arrived after the warm-up and met both latency targets} */
    public double goodputRequestsPerSecond() {
        // the measured requests' share within the targets, at the steady rate: both after the warm-up
        return sloAttainment() * steadyRequestsPerSecond;
    }

    /** {@return the share of measured requests that met both latency targets, 0 if none was measured} */
    public double sloAttainment() {
        return measured > 0 ? (double) good / measured : 0;
    }

    /** {@return time to first token: median, seconds} */
    public double ttftSecondsP50() {
        return ttft[0];
    }

    /** {@return time to first token: 90th percentile, seconds} */
    public double ttftSecondsP90() {
        return ttft[1];
    }

    /** {@return time to first token: 99th percentile, seconds} */
    public double ttftSecondsP99() {
        return ttft[2];
    }

    /** {@return time to first token: mean, seconds} */
    public double ttftSecondsMean() {
        return ttft[3];
    }

    /** {@return time per output token after the first (per request): median, seconds} */
    public double tpotSecondsP50() {
        return tpot[0];
    }

    /** {@return time per output token: 90th percentile, seconds} */
    public double tpotSecondsP90() {
        return tpot[1];
    }

    /** {@return time per output token: 99th percentile, seconds} */
    public double tpotSecondsP99() {
        return tpot[2];
    }

    /** {@return time per output token: mean over requests, seconds} */
    public double tpotSecondsMean() {
        return tpot[3];
    }

    /** {@return end-to-end latency: median, seconds} */
    public double e2eSecondsP50() {
        return e2e[0];
    }

    /** {@return end-to-end latency: 90th percentile, seconds} */
    public double e2eSecondsP90() {
        return e2e[1];
    }

    /** {@return end-to-end latency: 99th percentile, seconds} */
    public double e2eSecondsP99() {
        return e2e[2];
    }

    /** {@return end-to-end latency: mean, seconds} */
    public double e2eSecondsMean() {
        return e2e[3];
    }

    /** {@return the time-averaged number of requests in the system (arrived, not finished)} */
    public double meanRequestsInSystem() {
        return meanInSystem;
    }

    /**
     * {@return the requests waiting (queued at a replica, not yet admitted) and running over the simulated time: at most
     * a few hundred points, each averaged over {@link #queueIntervalSeconds()} (the last over what remains), so memory
     * stays bounded whatever the duration; immutable}
     */
    public List<QueuePoint> queueLength() {
        return queue;
    }

    /** {@return the simulated seconds each point of {@link #queueLength()} averages over} */
    public double queueIntervalSeconds() {
        return queueInterval;
    }

    /** {@return the most requests waiting at once (over all replicas) for a positive time} */
    public long maxQueueLength() {
        return maxWaiting;
    }

    /** {@return the time-averaged number of requests waiting (queued at a replica, not yet admitted)} */
    public double meanQueueLength() {
        return meanWaiting;
    }

    /** {@return the share of replica-seconds spent running a step} */
    public double utilization() {
        return seconds > 0 ? busy / (replicas * seconds) : 0;
    }

    /** {@return sequences preempted (their work dropped and recomputed)} */
    public long preemptions() {
        return preemptions;
    }

    /** {@return admissions of requests with a prefix that found it cached, over all such admissions; 0 if none} */
    public double prefixCacheHitRate() {
        return lookups > 0 ? (double) hits / lookups : 0;
    }

    /** {@return prompt tokens read from the prefix cache instead of computed} */
    public long cachedPromptTokens() {
        return cachedTokens;
    }

    /** {@return engine steps timed, over all replicas} */
    public long steps() {
        return steps;
    }

    /** {@return the replicas simulated} */
    public int replicas() {
        return replicas;
    }

    /** {@return the KV-cache blocks of each replica ({@link Simulation#kvBlocks})} */
    public long kvBlocksPerReplica() {
        return kvBlocks;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%d requests in %.1f s (%.3g/s, %.0f output tokens/s); TTFT p50 %.3g s p99 %.3g s; TPOT p50 %.3g s"
                        + " p99 %.3g s; utilisation %.0f%%; prefix hits %.0f%%; %d preempted",
                completed,
                seconds,
                requestsPerSecond(),
                outputTokensPerSecond(),
                ttft[0],
                ttft[2],
                tpot[0],
                tpot[2],
                100 * utilization(),
                100 * prefixCacheHitRate(),
                preemptions);
    }
}
