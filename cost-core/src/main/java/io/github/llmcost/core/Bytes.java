package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;

/**
 * An amount of memory or data moved, in bytes.
 *
 * <p>Held as a {@code double} because sub-byte formats make fractional amounts real (one INT4 value is half a byte)
 * and because KV caches at 10<sup>15</sup> tokens exceed a {@code long}. Whole numbers of bytes are exact up to
 * 2<sup>53</sup> (9 PB). {@link #toString()} prints decimal and binary units side by side, since the two are never to
 * be confused: 536,870,912 bytes print as {@code "537 MB (512 MiB)"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Bytes implements Comparable<Bytes> {
    /** No bytes. */
    public static final Bytes ZERO = new Bytes(0);

    private final double bytes;

    private Bytes(double bytes) {
        this.bytes = bytes;
    }

    /**
     * An amount in bytes.
     *
     * @param bytes finite and {@code >= 0}; may be fractional
     * @return the quantity
     * @throws IllegalArgumentException if {@code bytes} is negative, NaN or infinite
     */
    public static Bytes of(double bytes) {
        Check.nonNegative("bytes", bytes);
        // always a new instance (+ 0.0 turns -0.0 into 0.0): a shared ZERO on one branch would stop the JIT
        // from scalar-replacing temporaries
        return new Bytes(bytes + 0.0);
    }

    /**
     * An amount in decimal gigabytes (10<sup>9</sup> bytes), as GPU vendors quote HBM capacity and bandwidth.
     *
     * @param gigabytes finite and {@code >= 0}
     * @return the quantity
     */
    public static Bytes ofGigabytes(double gigabytes) {
        Check.nonNegative("gigabytes", gigabytes);
        return of(gigabytes * 1e9);
    }

    /**
     * An amount in binary gibibytes (2<sup>30</sup> bytes).
     *
     * @param gibibytes finite and {@code >= 0}
     * @return the quantity
     */
    public static Bytes ofGibibytes(double gibibytes) {
        Check.nonNegative("gibibytes", gibibytes);
        return of(gibibytes * 1073741824.0);
    }

    /** {@return the amount in bytes} */
    public double toBytes() {
        return bytes;
    }

    /** {@return the amount in kilobytes (10<sup>3</sup> bytes)} */
    public double toKilobytes() {
        return bytes / 1e3;
    }

    /** {@return the amount in megabytes (10<sup>6</sup> bytes)} */
    public double toMegabytes() {
        return bytes / 1e6;
    }

    /** {@return the amount in gigabytes (10<sup>9</sup> bytes)} */
    public double toGigabytes() {
        return bytes / 1e9;
    }

    /** {@return the amount in kibibytes (2<sup>10</sup> bytes)} */
    public double toKibibytes() {
        return bytes / 1024.0;
    }

    /** {@return the amount in mebibytes (2<sup>20</sup> bytes)} */
    public double toMebibytes() {
        return bytes / 1048576.0;
    }

    /** {@return the amount in gibibytes (2<sup>30</sup> bytes)} */
    public double toGibibytes() {
        return bytes / 1073741824.0;
    }

    /**
     * Adds two amounts.
     *
     * @param other the amount to add
     * @return the sum
     */
    public Bytes plus(Bytes other) {
        return of(bytes + other.bytes);
    }

    /**
     * Subtracts an amount that is not larger than this one.
     *
     * @param other the amount to subtract
     * @return the difference
     * @throws IllegalArgumentException if {@code other} is larger than this amount
     */
    public Bytes minus(Bytes other) {
        if (other.bytes > bytes) {
            throw new IllegalArgumentException("bytes (" + other + ") must be <= " + this + " to subtract");
        }
        return of(bytes - other.bytes);
    }

    /**
     * Scales the amount.
     *
     * @param factor a finite factor {@code >= 0}
     * @return the scaled amount
     */
    public Bytes multipliedBy(double factor) {
        Check.nonNegative("factor", factor);
        return of(bytes * factor);
    }

    /**
     * Divides the amount.
     *
     * @param divisor a finite divisor {@code > 0}
     * @return the divided amount
     */
    public Bytes dividedBy(double divisor) {
        Check.positive("divisor", divisor);
        return of(bytes / divisor);
    }

    /**
     * The ratio of this amount to another.
     *
     * @param other the denominator, not zero
     * @return {@code this / other}, a pure number
     * @throws IllegalArgumentException if {@code other} is zero
     */
    public double dividedBy(Bytes other) {
        if (other.bytes == 0) {
            throw new IllegalArgumentException("bytes (0) must be > 0 to divide by");
        }
        return bytes / other.bytes;
    }

    /** {@return whether the amount is zero} */
    public boolean isZero() {
        return bytes == 0;
    }

    @Override
    public int compareTo(Bytes other) {
        return Double.compare(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Double.compare(that.bytes, bytes) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(bytes);
    }

    /** {@return the amount in decimal and binary units, such as {@code "537 MB (512 MiB)"}} */
    @Override
    public String toString() {
        if (bytes < 1000) {
            return Units.significant(bytes) + " B";
        }
        return Units.decimal(bytes, "B") + " (" + Units.binary(bytes, "B") + ")";
    }
}
