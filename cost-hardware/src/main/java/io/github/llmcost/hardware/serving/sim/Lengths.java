package io.github.llmcost.hardware.serving.sim;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How many tokens a request's prompt or output holds: fixed, uniform between two bounds, log-normal with a given mean
 * and log-space standard deviation (rounded, at least 1 and at most a cap), or empirical (drawn from given values).
 *
 * <p>Immutable and thread-safe (the generator is passed in).
 */
public final class Lengths {
    private enum Kind {
        FIXED,
        UNIFORM,
        LOG_NORMAL,
        EMPIRICAL
    }

    private final Kind kind;
    private final long low;
    private final long high;
    private final double mu;
    private final double sigma;
    private final double mean;
    private final long[] values;

    private Lengths(Kind kind, long low, long high, double mu, double sigma, double mean) {
        this(kind, low, high, mu, sigma, mean, new long[0]);
    }

    private Lengths(Kind kind, long low, long high, double mu, double sigma, double mean, long[] values) {
        this.values = values;
        this.kind = kind;
        this.low = low;
        this.high = high;
        this.mu = mu;
        this.sigma = sigma;
        this.mean = mean;
    }

    /**
     * Every request the same.
     *
     * @param tokens the length, {@code >= 1}
     * @return the lengths
     */
    public static Lengths fixed(long tokens) {
        positive("tokens", tokens);
        return new Lengths(Kind.FIXED, tokens, tokens, 0, 0, tokens);
    }

    /**
     * Uniform between two bounds, both included.
     *
     * @param low the shortest, {@code >= 1}
     * @param high the longest, {@code >= low}
     * @return the lengths
     */
    public static Lengths uniform(long low, long high) {
        positive("low", low);
        if (high < low) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ")");
        }
        return new Lengths(Kind.UNIFORM, low, high, 0, 0, (low + high) / 2.0);
    }

    /**
     * Log-normal: {@code exp(N(mu, sigma))} with {@code mu} chosen for the given mean, rounded and kept in {@code [1,
     * max]}.
     *
     * @param mean the mean before rounding and capping, {@code >= 1}
     * @param sigma the standard deviation of the logarithm, in {@code (0, 4]}
     * @param max the longest, {@code >= 1}
     * @return the lengths
     */
    public static Lengths logNormal(double mean, double sigma, long max) {
        if (!(mean >= 1 && Double.isFinite(mean))) {
            throw new IllegalArgumentException("mean (" + mean + ") must be finite and >= 1");
        }
        if (!(sigma > 0 && sigma <= 4)) {
            throw new IllegalArgumentException("sigma (" + sigma + ") must be in (0, 4]");
        }
        positive("max", max);
        return new Lengths(Kind.LOG_NORMAL, 1, max, Math.log(mean) - sigma * sigma / 2, sigma, mean);
    }

    /**
     * Empirical: each draw one of the given lengths, uniformly (a length given twice is drawn twice as often), as
     * measured from a service's logs ({@link LengthsFile} reads them from a file).
     *
     * @param values the lengths, at least one, each {@code >= 1}; copied
     * @return the lengths
     */
    public static Lengths empirical(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values (none) must hold at least one length");
        }
        long[] copy = values.clone();
        long max = 0;
        double sum = 0;
        for (int i = 0; i < copy.length; i++) {
            positive("values[" + i + "]", copy[i]);
            max = Math.max(max, copy[i]);
            sum += copy[i];
        }
        return new Lengths(Kind.EMPIRICAL, 1, max, 0, 0, sum / copy.length, copy);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " (" + value + ") must be >= 1");
        }
    }

    /** {@return the mean length, tokens (before rounding and capping for a log-normal; of the values if empirical)} */
    public double meanTokens() {
        return mean;
    }

    /** {@return the longest length drawn} */
    public long maxTokens() {
        return high;
    }

    /**
     * Draws one length.
     *
     * @param random the generator
     * @return tokens, in {@code [1, maxTokens()]}
     */
    public long draw(SplittableRandom random) {
        return switch (kind) {
            case FIXED -> low;
            case UNIFORM -> low + random.nextLong(high - low + 1);
            case LOG_NORMAL -> Math.max(1, Math.min(high, Math.round(Math.exp(mu + sigma * Normal.draw(random)))));
            case EMPIRICAL -> values[random.nextInt(values.length)];
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FIXED -> Long.toString(low);
            case UNIFORM -> "uniform " + low + ".." + high;
            case LOG_NORMAL -> String.format(Locale.ROOT, "log-normal mean %.0f sigma %.2f max %d", mean, sigma, high);
            case EMPIRICAL ->
                String.format(Locale.ROOT, "empirical of %d values, mean %.0f max %d", values.length, mean, high);
        };
    }
}
