package io.github.llmcost.hardware;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.internal.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * Decode's throughput-latency curve as the batch grows, and the limit that ends it: memory for the sessions' caches,
 * or the step turning compute-bound, or the largest batch asked for.
 *
 * <p>Immutable and thread-safe. Obtain one from {@link InferencePerformance#batchSweep(int)}.
 */
@Value.Immutable
public abstract class BatchSweep {
    BatchSweep() {}

    /** What ends a batch sweep. */
    public enum Limit {
        /** The next batch's KV caches do not fit. */
        MEMORY,
        /** The last point's decode step is compute-bound: more batch no longer comes for free. */
        COMPUTE,
        /** The sweep reached the largest batch asked for first. */
        MAX_BATCH
    }

    /** One batch size on the curve. */
    @Value.Immutable
    public abstract static class Point {
        Point() {}

        /** {@return the batch size} */
        public abstract int batchSize();

        /** {@return the time of one decode step at the midpoint of the generation} */
        public abstract Seconds timePerOutputToken();

        /** {@return tokens per second each user sees} */
        public double tokensPerSecondPerUser() {
            return 1 / timePerOutputToken().toSeconds();
        }

        /** {@return tokens per second over the whole batch} */
        public double tokensPerSecond() {
            return batchSize() / timePerOutputToken().toSeconds();
        }

        /** {@return the binding limit of the step} */
        public abstract Bound bound();

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "batch %d: %s per token, %.1f tokens/s per user, %.0f tokens/s, %s-bound",
                    batchSize(),
                    timePerOutputToken(),
                    tokensPerSecondPerUser(),
                    tokensPerSecond(),
                    bound());
        }
    }

    /** {@return the points, batch sizes doubling from 1} */
    public abstract List<Point> points();

    /** {@return what ended the sweep} */
    public abstract Limit limit();

    /** {@return sessions the memory holds at the workload's context} */
    public abstract long maxConcurrentSessions();

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(
                "batch sweep, ended by " + limit() + " (memory holds " + maxConcurrentSessions() + " sessions)");
        for (Point p : points()) {
            out.append(System.lineSeparator()).append("  ").append(p);
        }
        return out.toString();
    }

    /** The curve of a configuration: see {@link InferencePerformance#batchSweep(int)}. */
    static BatchSweep of(InferencePerformance performance, int maxBatch) {
        Check.positive("maxBatch", maxBatch);
        long sessions = performance.maxConcurrentSessions();
        long position = Step.meanDecodePosition(performance.workload());
        List<BatchSweep.Point> points = new ArrayList<>();
        BatchSweep.Limit limit = BatchSweep.Limit.MAX_BATCH;
        List<Integer> batches = new ArrayList<>();
        for (long b = 1; b <= maxBatch; b *= 2) {
            batches.add((int) b);
        }
        if (sessions < maxBatch && sessions > 0 && Long.bitCount(sessions) != 1) {
            batches.add((int) sessions);
            batches.sort(null);
        }
        for (int batch : batches) {
            if (batch > sessions) {
                limit = BatchSweep.Limit.MEMORY;
                break;
            }
            PassCosts step = performance.compiled().decodeStep(position, batch);
            points.add(ImmutablePoint.builder()
                    .batchSize(batch)
                    .timePerOutputToken(Seconds.of(step.seconds()))
                    .bound(step.bound())
                    .build());
            if (step.bound() == Bound.COMPUTE) {
                limit = BatchSweep.Limit.COMPUTE;
                break;
            }
        }
        return ImmutableBatchSweep.builder()
                .points(points)
                .limit(limit)
                .maxConcurrentSessions(sessions)
                .build();
    }
}
