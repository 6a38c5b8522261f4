package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;

/**
 * A count of floating-point operations (a multiply-add pair counts as two).
 *
 * <p>Held as a {@code double}: integers are exact up to 2<sup>53</sup> (about 9 x 10<sup>15</sup>) and above that
 * are correctly rounded to a relative error below 10<sup>-16</sup>, so a 405B-parameter model at ten million tokens
 * of context (about 10<sup>21</sup> FLOPs) computes without the wrap-around a {@code long} would suffer. Negative,
 * NaN and infinite counts are rejected.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * jshell> Flops.of(103_079_215_104L)
 * $1 ==> 103 GFLOP
 * }</pre>
 */
public final class Flops implements Comparable<Flops> {
    /** No operations. */
    public static final Flops ZERO = new Flops(0);

    private final double flops;

    private Flops(double flops) {
        this.flops = flops;
    }

    /**
     * A count of FLOPs.
     *
     * @param flops the count, finite and {@code >= 0}
     * @return the quantity
     * @throws IllegalArgumentException if {@code flops} is negative, NaN or infinite
     */
    public static Flops of(double flops) {
        Check.nonNegative("flops", flops);
        // always a new instance (+ 0.0 turns -0.0 into 0.0): a shared ZERO on one branch would stop the JIT
        // from scalar-replacing temporaries
        return new Flops(flops + 0.0);
    }

    /** {@return the count in FLOPs} */
    public double toFlops() {
        return flops;
    }

    /** {@return the count in GFLOPs (10<sup>9</sup> FLOPs)} */
    public double toGigaflops() {
        return flops / 1e9;
    }

    /** {@return the count in TFLOPs (10<sup>12</sup> FLOPs)} */
    public double toTeraflops() {
        return flops / 1e12;
    }

    /**
     * Adds two counts.
     *
     * @param other the count to add
     * @return the sum
     */
    public Flops plus(Flops other) {
        return of(flops + other.flops);
    }

    /**
     * Subtracts a count that is not larger than this one.
     *
     * @param other the count to subtract
     * @return the difference
     * @throws IllegalArgumentException if {@code other} is larger than this count
     */
    public Flops minus(Flops other) {
        if (other.flops > flops) {
            throw new IllegalArgumentException("flops (" + other + ") must be <= " + this + " to subtract");
        }
        return of(flops - other.flops);
    }

    /**
     * Scales the count.
     *
     * @param factor a finite factor {@code >= 0}
     * @return the scaled count
     */
    public Flops multipliedBy(double factor) {
        Check.nonNegative("factor", factor);
        return of(flops * factor);
    }

    /**
     * Divides the count.
     *
     * @param divisor a finite divisor {@code > 0}
     * @return the divided count
     */
    public Flops dividedBy(double divisor) {
        Check.positive("divisor", divisor);
        return of(flops / divisor);
    }

    /**
     * The ratio of this count to another.
     *
     * @param other the denominator, not zero
     * @return {@code this / other}, a pure number
     * @throws IllegalArgumentException if {@code other} is zero
     */
    public double dividedBy(Flops other) {
        if (other.flops == 0) {
            throw new IllegalArgumentException("flops (0) must be > 0 to divide by");
        }
        return flops / other.flops;
    }

    /** {@return whether the count is zero} */
    public boolean isZero() {
        return flops == 0;
    }

    @Override
    public int compareTo(Flops other) {
        return Double.compare(flops, other.flops);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Flops that && Double.compare(that.flops, flops) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(flops);
    }

    /** {@return the count with an SI prefix and three significant digits, such as {@code "103 GFLOP"}} */
    @Override
    public String toString() {
        return Units.decimal(flops, "FLOP");
    }
}
