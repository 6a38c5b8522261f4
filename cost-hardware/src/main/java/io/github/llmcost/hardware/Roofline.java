package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.FlopRate;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.NumericFormat;

/**
 * A chip's roofline at one compute format: ridge point, attainable throughput, and the placement of any work.
 *
 * <p>Peaks and the ridge point are the datasheet's; {@link #place(Flops, Bytes)} times work at the efficiencies given,
 * so a memory-bound operation takes {@code bytes / (bandwidth x bandwidthFraction)} and a compute-bound one {@code
 * flops / (peak x computeFraction)}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Roofline h100 = Roofline.of(HardwarePresets.H100_SXM, NumericFormat.BF16, Efficiency.PEAK);
 * h100.ridgePointFlopsPerByte();   // 295
 * }</pre>
 */
public final class Roofline {
    private final HardwareSpec hardware;
    private final NumericFormat computeFormat;
    private final Efficiency efficiency;
    private final double peak;
    private final double bandwidth;
    /** Seconds per FLOP and per byte at the efficiency: reciprocals, so that placing an operation multiplies. */
    private final double secondsPerFlop;

    private final double secondsPerByte;

    private Roofline(HardwareSpec hardware, NumericFormat computeFormat, Efficiency efficiency) {
        this.hardware = hardware;
        this.computeFormat = computeFormat;
        this.efficiency = efficiency;
        this.peak = hardware.peak(computeFormat).toFlopsPerSecond();
        this.bandwidth = hardware.memoryBandwidth().toBytesPerSecond();
        this.secondsPerFlop = 1 / (peak * efficiency.computeFraction());
        this.secondsPerByte = 1 / (bandwidth * efficiency.bandwidthFraction());
    }

    /**
     * The roofline of a chip.
     *
     * @param hardware the chip
     * @param computeFormat the format matrix multiplications run in
     * @param efficiency fractions of peak reached, for timing
     * @return the roofline
     */
    public static Roofline of(HardwareSpec hardware, NumericFormat computeFormat, Efficiency efficiency) {
        return new Roofline(hardware, computeFormat, efficiency);
    }

    /** {@return the chip} */
    public HardwareSpec hardware() {
        return hardware;
    }

    /** {@return the compute format} */
    public NumericFormat computeFormat() {
        return computeFormat;
    }

    /** {@return the efficiencies used for timing} */
    public Efficiency efficiency() {
        return efficiency;
    }

    /** {@return peak FLOP/s over peak bytes/s} */
    public double ridgePointFlopsPerByte() {
        return peak / bandwidth;
    }

    /**
     * {@return {@code min(peak, bandwidth x intensity)} at the datasheet's peaks}
     *
     * @param flopsPerByte arithmetic intensity, finite and {@code >= 0}
     */
    public FlopRate attainable(double flopsPerByte) {
        return hardware.attainable(computeFormat, flopsPerByte);
    }

    /**
     * Places work on the roofline.
     *
     * @param flops the arithmetic
     * @param bytes the memory traffic
     * @return the placement, timed at the efficiencies
     */
    public Placement place(Flops flops, Bytes bytes) {
        return Placement.of(flops, bytes, computeSeconds(flops.toFlops()), memorySeconds(bytes.toBytes()));
    }

    /** Seconds the arithmetic takes at the compute efficiency. */
    double computeSeconds(double flops) {
        return flops * secondsPerFlop;
    }

    /** Seconds the memory traffic takes at the bandwidth efficiency. */
    double memorySeconds(double bytes) {
        return bytes * secondsPerByte;
    }

    @Override
    public String toString() {
        return "Roofline[" + hardware.name() + ", " + computeFormat + ", ridge " + Math.round(ridgePointFlopsPerByte())
                + " FLOP/B]";
    }
}
