package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;

/**
 * A rate of data movement in bytes per second: memory or interconnect bandwidth. Decimal units, as vendors quote them (3.35 TB/s is 3.35 x 10<sup>12</sup> bytes per second).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * jshell> Bandwidth.ofGigabytesPerSecond(3350)
 * $1 ==> 3.35 TB/s
 * }</pre>
 */
public final class Bandwidth implements Comparable<Bandwidth> {
    /** Zero. */
    public static final Bandwidth ZERO = new Bandwidth(0);

    private final double bytesPerSecond;

    private Bandwidth(double bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /**
     * A rate in B/s.
     *
     * @param bytesPerSecond finite and {@code >= 0}
     * @return the rate
     * @throws IllegalArgumentException if negative, NaN or infinite
     */
    public static Bandwidth of(double bytesPerSecond) {
        Check.nonNegative("bytesPerSecond", bytesPerSecond);
        // always a new instance (+ 0.0 turns -0.0 into 0.0): a shared ZERO on one branch would stop the JIT
        // from scalar-replacing temporaries
        return new Bandwidth(bytesPerSecond + 0.0);
    }

    /**
     * A rate in GB/s (10<sup>9</sup> bytes per second).
     *
     * @param gigabytesPerSecond finite and {@code >= 0}
     * @return the rate
     */
    public static Bandwidth ofGigabytesPerSecond(double gigabytesPerSecond) {
        Check.nonNegative("gigabytesPerSecond", gigabytesPerSecond);
        return of(gigabytesPerSecond * 1e9);
    }

    /** {@return the rate in B/s} */
    public double toBytesPerSecond() {
        return bytesPerSecond;
    }

    /** {@return the rate in GB/s (10<sup>9</sup> bytes per second)} */
    public double toGigabytesPerSecond() {
        return bytesPerSecond / 1e9;
    }

    /**
     * Scales the rate, for an efficiency or a count of devices.
     *
     * @param factor finite and {@code >= 0}
     * @return the scaled rate
     */
    public Bandwidth multipliedBy(double factor) {
        Check.nonNegative("factor", factor);
        return of(bytesPerSecond * factor);
    }

    /**
     * Adds two rates.
     *
     * @param other the rate to add
     * @return the sum
     */
    public Bandwidth plus(Bandwidth other) {
        return of(bytesPerSecond + other.bytesPerSecond);
    }

    /**
     * Subtracts a rate that is not larger than this one.
     *
     * @param other the rate to subtract
     * @return the difference
     * @throws IllegalArgumentException if {@code other} is larger than this rate
     */
    public Bandwidth minus(Bandwidth other) {
        if (other.bytesPerSecond > bytesPerSecond) {
            throw new IllegalArgumentException("bandwidth (" + other + ") must be <= " + this + " to subtract");
        }
        return of(bytesPerSecond - other.bytesPerSecond);
    }

    /**
     * Divides the rate.
     *
     * @param divisor a finite divisor {@code > 0}
     * @return the divided rate
     */
    public Bandwidth dividedBy(double divisor) {
        Check.positive("divisor", divisor);
        return of(bytesPerSecond / divisor);
    }

    /**
     * The ratio of this rate to another.
     *
     * @param other the denominator, not zero
     * @return {@code this / other}, a pure number
     * @throws IllegalArgumentException if {@code other} is zero
     */
    public double dividedBy(Bandwidth other) {
        if (other.bytesPerSecond == 0) {
            throw new IllegalArgumentException("bandwidth (0) must be > 0 to divide by");
        }
        return bytesPerSecond / other.bytesPerSecond;
    }

    /** {@return whether the rate is zero} */
    public boolean isZero() {
        return bytesPerSecond == 0;
    }

    @Override
    public int compareTo(Bandwidth other) {
        return Double.compare(bytesPerSecond, other.bytesPerSecond);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bandwidth that && Double.compare(that.bytesPerSecond, bytesPerSecond) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(bytesPerSecond);
    }

    /** {@return the rate with an SI prefix, such as {@code "3.35 TB/s"}} */
    @Override
    public String toString() {
        return Units.decimal(bytesPerSecond, "B/s");
    }
}
