package io.github.llmcost.hardware.serving.sim;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * When requests arrive: the gaps between them, drawn from a seeded generator. Poisson arrivals have exponential gaps
 * (coefficient of variation 1); Gamma gaps with another coefficient of variation give bursts (above 1) or a steadier
 * stream (below 1); constant gaps are the limit at 0.
 *
 * <p>Immutable and thread-safe (the generator is passed in).
 *
 * <pre>{@code
 * Arrivals bursty = Arrivals.gamma(20, 4);   // 20 requests/s on average, gaps with CV 4
 * }</pre>
 */
public final class Arrivals {
    private final double rate;
    private final double cv;

    private Arrivals(double rate, double cv) {
        if (!(rate > 0 && Double.isFinite(rate))) {
            throw new IllegalArgumentException("rate (" + rate + ") must be finite and > 0");
        }
        if (!(cv >= 0 && cv <= 100)) {
            throw new IllegalArgumentException("cv (" + cv + ") must be in [0, 100]");
        }
        this.rate = rate;
        this.cv = cv;
    }

    /**
     * Poisson arrivals.
     *
     * @param requestsPerSecond the mean rate, finite and {@code > 0}
     * @return the arrivals
     */
    public static Arrivals poisson(double requestsPerSecond) {
        return new Arrivals(requestsPerSecond, 1);
    }

    /**
     * Gamma-distributed gaps.
     *
     * @param requestsPerSecond the mean rate, finite and {@code > 0}
     * @param cv the gaps' coefficient of variation (standard deviation over mean), in {@code (0, 100]}
     * @return the arrivals
     */
    public static Arrivals gamma(double requestsPerSecond, double cv) {
        if (!(cv > 0)) {
            throw new IllegalArgumentException("cv (" + cv + ") must be > 0");
        }
        return new Arrivals(requestsPerSecond, cv);
    }

    /**
     * Evenly spaced arrivals.
     *
     * @param requestsPerSecond the rate, finite and {@code > 0}
     * @return the arrivals
     */
    public static Arrivals constant(double requestsPerSecond) {
        return new Arrivals(requestsPerSecond, 0);
    }

    /** {@return the mean rate, requests per second} */
    public double requestsPerSecond() {
        return rate;
    }

    /** {@return the gaps' coefficient of variation: 1 for Poisson, 0 for constant} */
    public double coefficientOfVariation() {
        return cv;
    }

    /**
     * The next gap.
     *
     * @param random the generator
     * @return seconds to the next arrival, {@code >= 0}
     */
    public double nextGapSeconds(SplittableRandom random) {
        double mean = 1 / rate;
        if (cv == 0) {
            return mean;
        }
        if (cv == 1) {
            return -Math.log(1 - random.nextDouble()) * mean;
        }
        double shape = 1 / (cv * cv);
        return gamma(random, shape) * mean / shape;
    }

    /** A Gamma(shape, 1) draw: Marsaglia and Tsang's method, boosted below shape 1. */
    static double gamma(SplittableRandom random, double shape) {
        if (shape < 1) {
            double u = 1 - random.nextDouble();
            return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = Normal.draw(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    @Override
    public String toString() {
        return cv == 0
                ? String.format(Locale.ROOT, "constant %.4g/s", rate)
                : cv == 1
                        ? String.format(Locale.ROOT, "Poisson %.4g/s", rate)
                        : String.format(Locale.ROOT, "Gamma %.4g/s (CV %.3g)", rate, cv);
    }
}
