package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;

/**
 * A span of time in seconds: a latency, a time per token, a phase's duration.
 *
 * <p>Held as a {@code double}, so nanosecond operations and month-long runs both keep their precision. Prints with
 * SI prefixes: {@code Seconds.of(0.0027)} is {@code "2.7 ms"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Seconds implements Comparable<Seconds> {
    /** No time. */
    public static final Seconds ZERO = new Seconds(0);

    private final double seconds;

    private Seconds(double seconds) {
        this.seconds = seconds;
    }

    /**
     * A span in seconds.
     *
     * @param seconds finite and {@code >= 0}
     * @return the span
     * @throws IllegalArgumentException if negative, NaN or infinite
     */
    public static Seconds of(double seconds) {
        Check.nonNegative("seconds", seconds);
        // always a new instance (+ 0.0 turns -0.0 into 0.0): a shared ZERO on one branch would stop the JIT
        // from scalar-replacing temporaries
        return new Seconds(seconds + 0.0);
    }

    /**
     * The time some work takes at a rate.
     *
     * @param flops the work
     * @param rate the rate, not zero
     * @return {@code flops / rate}
     * @throws IllegalArgumentException if the rate is zero
     */
    public static Seconds from(Flops flops, FlopRate rate) {
        if (!(rate.toFlopsPerSecond() > 0)) {
            throw new IllegalArgumentException("rate (" + rate + ") must be > 0 to compute " + flops);
        }
        return of(flops.toFlops() / rate.toFlopsPerSecond());
    }

    /**
     * The time some bytes take to move at a bandwidth.
     *
     * @param bytes the data
     * @param bandwidth the bandwidth, not zero
     * @return {@code bytes / bandwidth}
     * @throws IllegalArgumentException if the bandwidth is zero
     */
    public static Seconds from(Bytes bytes, Bandwidth bandwidth) {
        if (!(bandwidth.toBytesPerSecond() > 0)) {
            throw new IllegalArgumentException("bandwidth (" + bandwidth + ") must be > 0 to move " + bytes);
        }
        return of(bytes.toBytes() / bandwidth.toBytesPerSecond());
    }

    /** {@return the span in seconds} */
    public double toSeconds() {
        return seconds;
    }

    /** {@return the span in milliseconds} */
    public double toMillis() {
        return seconds * 1e3;
    }

    /** {@return the span as a {@link java.time.Duration}, rounded to the nearest nanosecond} */
    public java.time.Duration toDuration() {
        double nanos = Math.rint(seconds * 1e9);
        if (nanos < Long.MAX_VALUE) {
            return java.time.Duration.ofNanos((long) nanos);
        }
        long whole = (long) Math.floor(seconds);
        return java.time.Duration.ofSeconds(whole, (long) Math.rint((seconds - whole) * 1e9));
    }

    /** {@return the span in hours} */
    public double toHours() {
        return seconds / 3600;
    }

    /**
     * Adds two spans.
     *
     * @param other the span to add
     * @return the sum
     */
    public Seconds plus(Seconds other) {
        return of(seconds + other.seconds);
    }

    /**
     * Scales the span.
     *
     * @param factor finite and {@code >= 0}
     * @return the scaled span
     */
    public Seconds multipliedBy(double factor) {
        Check.nonNegative("factor", factor);
        return of(seconds * factor);
    }

    /**
     * The longer of two spans.
     *
     * @param other the other span
     * @return the maximum
     */
    public Seconds max(Seconds other) {
        return seconds >= other.seconds ? this : other;
    }

    /**
     * Subtracts a span that is not larger than this one.
     *
     * @param other the span to subtract
     * @return the difference
     * @throws IllegalArgumentException if {@code other} is larger than this span
     */
    public Seconds minus(Seconds other) {
        if (other.seconds > seconds) {
            throw new IllegalArgumentException("seconds (" + other + ") must be <= " + this + " to subtract");
        }
        return of(seconds - other.seconds);
    }

    /**
     * Divides the span.
     *
     * @param divisor a finite divisor {@code > 0}
     * @return the divided span
     */
    public Seconds dividedBy(double divisor) {
        Check.positive("divisor", divisor);
        return of(seconds / divisor);
    }

    /**
     * The ratio of this span to another.
     *
     * @param other the denominator, not zero
     * @return {@code this / other}, a pure number
     * @throws IllegalArgumentException if {@code other} is zero
     */
    public double dividedBy(Seconds other) {
        if (other.seconds == 0) {
            throw new IllegalArgumentException("seconds (0) must be > 0 to divide by");
        }
        return seconds / other.seconds;
    }

    /** {@return whether the span is zero} */
    public boolean isZero() {
        return seconds == 0;
    }

    @Override
    public int compareTo(Seconds other) {
        return Double.compare(seconds, other.seconds);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Seconds that && Double.compare(that.seconds, seconds) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(seconds);
    }

    /** {@return the span with an SI prefix, such as {@code "2.7 ms"}} */
    @Override
    public String toString() {
        return Units.decimalWithSubunits(seconds, "s");
    }
}
