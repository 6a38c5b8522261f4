package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.Seconds;
import java.util.Locale;

/**
 * Where work lands on a roofline: its FLOPs and bytes moved, its arithmetic intensity, the time each limit would
 * take at the given efficiencies, and which limit binds.
 *
 * <p>Summing placements (the same operation over several layers) sums FLOPs, bytes and both limit times; the time of
 * the sum is the sum of the parts' times, each the larger of its two limits.
 *
 * <p>Immutable and thread-safe.
 */
public final class Placement {
    /** Nothing placed. */
    public static final Placement EMPTY = new Placement(Flops.ZERO, Bytes.ZERO, 0, 0, 0);

    private final Flops flops;
    private final Bytes bytes;
    private final double computeSeconds;
    private final double memorySeconds;
    private final double seconds;

    private Placement(Flops flops, Bytes bytes, double computeSeconds, double memorySeconds, double seconds) {
        this.flops = flops;
        this.bytes = bytes;
        this.computeSeconds = computeSeconds;
        this.memorySeconds = memorySeconds;
        this.seconds = seconds;
    }

    static Placement of(Flops flops, Bytes bytes, double computeSeconds, double memorySeconds) {
        return new Placement(flops, bytes, computeSeconds, memorySeconds, Math.max(computeSeconds, memorySeconds));
    }

    /** A sum of placements already taken apart: its time is the sum of its parts' times, not the larger limit. */
    static Placement of(Flops flops, Bytes bytes, double computeSeconds, double memorySeconds, double seconds) {
        return new Placement(flops, bytes, computeSeconds, memorySeconds, seconds);
    }

    /** {@return the FLOPs} */
    public Flops flops() {
        return flops;
    }

    /** {@return the bytes moved to and from memory} */
    public Bytes bytes() {
        return bytes;
    }

    /** {@return FLOPs per byte moved; 0 when nothing moves} */
    public double flopsPerByte() {
        return bytes.toBytes() == 0 ? 0 : flops.toFlops() / bytes.toBytes();
    }

    /** {@return the time the arithmetic alone would take} */
    public Seconds computeTime() {
        return Seconds.of(computeSeconds);
    }

    /** {@return the time the memory traffic alone would take} */
    public Seconds memoryTime() {
        return Seconds.of(memorySeconds);
    }

    /** {@return the time taken: the larger of the two limits, summed part by part} */
    public Seconds time() {
        return Seconds.of(seconds);
    }

    /** {@return the limit that binds: compute when arithmetic takes at least as long as memory traffic} */
    public Bound bound() {
        return computeSeconds >= memorySeconds ? Bound.COMPUTE : Bound.MEMORY;
    }

    /**
     * Sums two placements.
     *
     * @param other the placement to add
     * @return the sum
     */
    public Placement plus(Placement other) {
        return new Placement(
                flops.plus(other.flops),
                bytes.plus(other.bytes),
                computeSeconds + other.computeSeconds,
                memorySeconds + other.memorySeconds,
                seconds + other.seconds);
    }

    /**
     * The same work repeated, as identical layers repeat it.
     *
     * @param times how many times, {@code >= 0}
     * @return every quantity and time multiplied
     */
    public Placement times(int times) {
        if (!(times >= 0)) {
            throw new IllegalArgumentException("times (" + times + ") must be >= 0");
        }
        return new Placement(
                flops.multipliedBy(times),
                bytes.multipliedBy(times),
                computeSeconds * times,
                memorySeconds * times,
                seconds * times);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Placement that
                && that.flops.equals(flops)
                && that.bytes.equals(bytes)
                && Double.compare(that.computeSeconds, computeSeconds) == 0
                && Double.compare(that.memorySeconds, memorySeconds) == 0
                && Double.compare(that.seconds, seconds) == 0;
    }

    @Override
    public int hashCode() {
        return flops.hashCode() * 31 + bytes.hashCode() * 17 + Double.hashCode(seconds);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "%s, %s, %.3g FLOP/B, %s-bound, %s", flops, bytes, flopsPerByte(), bound(), time());
    }
}
