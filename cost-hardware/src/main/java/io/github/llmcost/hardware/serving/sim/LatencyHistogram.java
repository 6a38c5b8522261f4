package io.github.llmcost.hardware.serving.sim;

/**
 * Percentiles of a stream of durations in bounded memory: a fixed array of logarithmic buckets from {@value #MIN}
 * seconds up, each {@value #GROWTH} times the one below, so a percentile is reported at its bucket's geometric middle,
 * within {@value #RELATIVE_ACCURACY} of the value it stands for. Zero is counted apart; values beyond the last bucket
 * land in it. The mean is exact.
 *
 * <p>Not thread-safe.
 */
final class LatencyHistogram {
    /** The smallest duration resolved, in seconds: {@value}. */
    static final double MIN = 1e-7;

    /** The ratio of a bucket's upper bound to its lower: {@value}. */
    static final double GROWTH = 1.02;

    /** The most a reported percentile differs from the value it stands for, relatively: {@value}. */
    static final double RELATIVE_ACCURACY = 0.01;

    private static final int BUCKETS = 1700;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private final long[] counts = new long[BUCKETS];
    private long zeros;
    private long total;
    private double sum;

    /**
     * Counts one duration.
     *
     * @param seconds the duration, finite and {@code >= 0}
     */
    void add(double seconds) {
        if (!(seconds >= 0 && seconds < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("seconds (" + seconds + ") must be finite and >= 0");
        }
        total++;
        sum += seconds;
        if (seconds < MIN) {
            zeros++;
            return;
        }
        counts[bucket(seconds)]++;
    }

    static int bucket(double seconds) {
        int b = (int) Math.floor(Math.log(seconds / MIN) / LOG_GROWTH);
        return Math.max(0, Math.min(BUCKETS - 1, b));
    }

    /** {@return the durations counted} */
    long count() {
        return total;
    }

    /** {@return the exact mean, 0 when empty} */
    double mean() {
        return total == 0 ? 0 : sum / total;
    }

    /** {@return the exact sum} */
    double sum() {
        return sum;
    }

    /**
     * The duration below which a fraction of those counted lie (the nearest-rank percentile).
     *
     * @param q the fraction, in (0, 1]
     * @return the bucket's geometric middle, 0 for zeros or an empty histogram
     */
    double quantile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q (" + q + ") must be in (0, 1]");
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = zeros;
        if (seen >= rank) {
            return 0;
        }
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return MIN * Math.pow(GROWTH, b + 0.5);
            }
        }
        return MIN * Math.pow(GROWTH, BUCKETS - 0.5);
    }
}
