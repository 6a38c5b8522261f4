package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;

/**
 * A rate of floating-point operations: a chip's peak or attainable throughput.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * jshell> FlopRate.ofTeraflops(989.4)
 * $1 ==> 989 TFLOP/s
 * }</pre>
 */
public final class FlopRate implements Comparable<FlopRate> {
    /** Zero. */
    public static final FlopRate ZERO = new FlopRate(0);

    private final double flopsPerSecond;

    private FlopRate(double flopsPerSecond) {
        this.flopsPerSecond = flopsPerSecond;
    }

    /**
     * A rate in FLOP/s.
     *
     * @param flopsPerSecond finite and {@code >= 0}
     * @return the rate
     * @throws IllegalArgumentException if negative, NaN or infinite
     */
    public static FlopRate of(double flopsPerSecond) {
        Check.nonNegative("flopsPerSecond", flopsPerSecond);
        // always a new instance (+ 0.0 turns -0.0 into 0.0): a shared ZERO on one branch would stop the JIT
        // from scalar-replacing temporaries
        return new FlopRate(flopsPerSecond + 0.0);
    }

    /**
     * A rate in TFLOP/s (10<sup>12</sup> FLOP/s), as datasheets quote tensor peaks.
     *
     * @param teraflopsPerSecond finite and {@code >= 0}
     * @return the rate
     */
    public static FlopRate ofTeraflops(double teraflopsPerSecond) {
        Check.nonNegative("teraflopsPerSecond", teraflopsPerSecond);
        return of(teraflopsPerSecond * 1e12);
    }

    /** {@return the rate in FLOP/s} */
    public double toFlopsPerSecond() {
        return flopsPerSecond;
    }

    /** {@return the rate in TFLOP/s (10<sup>12</sup> FLOP/s), as datasheets quote tensor peaks} */
    public double toTeraflopsPerSecond() {
        return flopsPerSecond / 1e12;
    }

    /**
     * Scales the rate, for an efficiency or a count of devices.
     *
     * @param factor finite and {@code >= 0}
     * @return the scaled rate
     */
    public FlopRate multipliedBy(double factor) {
        Check.nonNegative("factor", factor);
        return of(flopsPerSecond * factor);
    }

    /**
     * Adds two rates.
     *
     * @param other the rate to add
     * @return the sum
     */
    public FlopRate plus(FlopRate other) {
        return of(flopsPerSecond + other.flopsPerSecond);
    }

    /**
     * Subtracts a rate that is not larger than this one.
     *
     * @param other the rate to subtract
     * @return the difference
     * @throws IllegalArgumentException if {@code other} is larger than this rate
     */
    public FlopRate minus(FlopRate other) {
        if (other.flopsPerSecond > flopsPerSecond) {
            throw new IllegalArgumentException("rate (" + other + ") must be <= " + this + " to subtract");
        }
        return of(flopsPerSecond - other.flopsPerSecond);
    }

    /**
     * Divides the rate.
     *
     * @param divisor a finite divisor {@code > 0}
     * @return the divided rate
     */
    public FlopRate dividedBy(double divisor) {
        Check.positive("divisor", divisor);
        return of(flopsPerSecond / divisor);
    }

    /**
     * The ratio of this rate to another.
     *
     * @param other the denominator, not zero
     * @return {@code this / other}, a pure number
     * @throws IllegalArgumentException if {@code other} is zero
     */
    public double dividedBy(FlopRate other) {
        if (other.flopsPerSecond == 0) {
            throw new IllegalArgumentException("rate (0) must be > 0 to divide by");
        }
        return flopsPerSecond / other.flopsPerSecond;
    }

    /** {@return whether the rate is zero} */
    public boolean isZero() {
        return flopsPerSecond == 0;
    }

    @Override
    public int compareTo(FlopRate other) {
        return Double.compare(flopsPerSecond, other.flopsPerSecond);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlopRate that && Double.compare(that.flopsPerSecond, flopsPerSecond) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(flopsPerSecond);
    }

    /** {@return the rate with an SI prefix, such as {@code "989 TFLOP/s"}} */
    @Override
    public String toString() {
        return Units.decimal(flopsPerSecond, "FLOP/s");
    }
}
