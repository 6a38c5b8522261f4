package io.github.llmcost.hardware;

import io.github.llmcost.core.Bandwidth;
import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.FlopRate;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.internal.Check;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * An accelerator or processor: dense peak throughput per numeric format, memory bandwidth and capacity, interconnect,
 * power and an optional rental price.
 *
 * <p>Peaks are dense (a datasheet's "with sparsity" figures are halved). A format the chip has no tensor path for is
 * absent; {@link #peak(NumericFormat)} says so clearly. BF16 and FP16 stand in for each other when only one is given,
 * and so do the two FP8 variants.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; presets with their datasheet sources are in {@link
 * HardwarePresets}.
 */
@Value.Immutable
public abstract class HardwareSpec {
    HardwareSpec() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a display name, such as {@code "NVIDIA H100 SXM"}} */
    public abstract String name();

    /** {@return dense peak throughput by numeric format} */
    public abstract Map<NumericFormat, FlopRate> peakFlops();

    /** {@return peak memory bandwidth} */
    public abstract Bandwidth memoryBandwidth();

    /**
     * {@return device memory an inference engine can allocate: what the driver reports ({@code nvidia-smi}), so an
     * H100 "80GB" holds 81,559 MiB (79.6 GiB), not the marketing figure}
     */
    public abstract Bytes memoryCapacity();

    /** {@return bandwidth to a peer device, per direction (NVLink, Infinity Fabric, PCIe); zero if none} */
    @Value.Default
    public Bandwidth interconnectBandwidth() {
        return Bandwidth.ZERO;
    }

    /**
     * {@return the fixed latency of one small all-reduce over the interconnect (a collective's start-up and
     * synchronisation, which a batch-1 decode step's few-kilobyte messages are nearly all of), by the link's class: {@value
     * #NVLINK_ALL_REDUCE_LATENCY_MICROS} us over a peer link of at least 100 GB/s (NVLink, Infinity Fabric; NCCL's
     * small-message all-reduce over 8 H100s measures about 16 us, custom all-reduce kernels about 5 us:
     * docs/research/engines.md), {@value #PCIE_ALL_REDUCE_LATENCY_MICROS} us over a slower link (PCIe, through the
     * host's root complex), zero without one}
     */
    public Seconds interconnectLatency() {
        double link = interconnectBandwidth().toBytesPerSecond();
        if (link == 0) {
            return Seconds.ZERO;
        }
        return Seconds.of(1e-6
                * (link >= FAST_LINK_BYTES_PER_SECOND
                        ? NVLINK_ALL_REDUCE_LATENCY_MICROS
                        : PCIE_ALL_REDUCE_LATENCY_MICROS));
    }

    /**
     * The bandwidth a ring all-reduce over {@code devices} of these chips reaches, per device (NCCL's "bus
     * bandwidth"): the interconnect's bandwidth times {@value #NVLINK_ALL_REDUCE_EFFICIENCY} over a peer link of at
     * least 100 GB/s (8 H100s over NVLink move 1-16 MiB at about 140 GB/s of algorithm bandwidth, 245 GB/s of bus
     * bandwidth against 450), and {@value #PCIE_ALL_REDUCE_EFFICIENCY} over a slower link (PCIe, through the host:
     * two L40S over PCIe 4.0 reach about 17 GB/s of 32; TensorRT-LLM's 2,048-token prefill of Llama 2 70B on eight
     * L40S, 0.71 s, implies about 16 GB/s for its 9.4 GB of all-reduces). Small-message NCCL tables show worse at
     * four and eight devices (5 and 1.4 GB/s at 2 MiB), which this does not model. Sources: aiconfigurator's
     * collected NCCL and vLLM all-reduce tables and TensorRT-LLM v0.8.0's published time to first token,
     * docs/research/engines.md and holdout-notes.md (read 2026-11-30).
     *
     * @param devices devices in the all-reduce, {@code >= 1} (the share does not depend on it yet)
     * @return the bandwidth each device's share of a ring all-reduce moves at
     */
    public Bandwidth allReduceBandwidth(int devices) {
        Check.positive("devices", devices);
        double link = interconnectBandwidth().toBytesPerSecond();
        double efficiency =
                link >= FAST_LINK_BYTES_PER_SECOND ? NVLINK_ALL_REDUCE_EFFICIENCY : PCIE_ALL_REDUCE_EFFICIENCY;
        return Bandwidth.of(link * efficiency);
    }

    /** The share of an NVLink-class link's bandwidth a ring all-reduce reaches. */
    public static final double NVLINK_ALL_REDUCE_EFFICIENCY = 0.55;

    /** The share of a PCIe-class link's bandwidth a ring all-reduce reaches. */
    public static final double PCIE_ALL_REDUCE_EFFICIENCY = 0.5;

    /** Default all-reduce latency over NVLink-class links, in microseconds. */
    public static final double NVLINK_ALL_REDUCE_LATENCY_MICROS = 10;

    /** Default all-reduce latency over PCIe-class links, in microseconds. */
    public static final double PCIE_ALL_REDUCE_LATENCY_MICROS = 30;

    private static final double FAST_LINK_BYTES_PER_SECOND = 100e9;

    /** {@return the thermal design power (board or module) in watts} */
    public abstract double tdpWatts();

    /** {@return a typical on-demand rental price in US dollars per device-hour, if known} */
    public abstract OptionalDouble rentalUsdPerHour();

    /**
     * Whether the chip has a tensor path for a compute format (directly, or through its stand-in: BF16 for FP16 and
     * back, one FP8 variant for the other).
     *
     * @param format the format the matrix multiplications would run in
     * @return true if {@link #peak(NumericFormat)} has a figure
     */
    public boolean hasPeak(NumericFormat format) {
        return peakFlops().containsKey(format) || peakFlops().containsKey(substitute(format));
    }

    /**
     * The dense peak for a compute format.
     *
     * @param format the format the matrix multiplications run in
     * @return the peak
     * @throws IllegalArgumentException naming the chip and the formats it has, if it has no path for this one
     */
    public FlopRate peak(NumericFormat format) {
        FlopRate rate = peakFlops().get(format);
        if (rate == null) {
            rate = peakFlops().get(substitute(format));
        }
        if (rate == null) {
            throw new IllegalArgumentException("compute format (" + format + ") has no peak on " + name() + "; it has "
                    + new TreeMap<>(peakFlops()).keySet());
        }
        return rate;
    }

    /**
     * The ridge point: the arithmetic intensity above which an operation is compute-bound.
     *
     * @param format the compute format
     * @return peak FLOP/s over peak bytes/s, in FLOPs per byte (H100 SXM at BF16: 989.4 / 3.35 = 295)
     */
    public double ridgePointFlopsPerByte(NumericFormat format) {
        return peak(format).toFlopsPerSecond() / memoryBandwidth().toBytesPerSecond();
    }

    /**
     * The roofline: {@code min(peak, bandwidth x intensity)}.
     *
     * @param format the compute format
     * @param flopsPerByte arithmetic intensity, finite and {@code >= 0}
     * @return attainable throughput
     */
    public FlopRate attainable(NumericFormat format, double flopsPerByte) {
        Check.nonNegative("flopsPerByte", flopsPerByte);
        double memoryLimited = memoryBandwidth().toBytesPerSecond() * flopsPerByte;
        return FlopRate.of(Math.min(peak(format).toFlopsPerSecond(), memoryLimited));
    }

    /**
     * A copy with another memory capacity, for what-if questions (the article counts the H100 as 80 decimal GB).
     *
     * @param capacity the capacity
     * @return the copy
     */
    public abstract HardwareSpec withMemoryCapacity(Bytes capacity);

    private static NumericFormat substitute(NumericFormat format) {
        return switch (format) {
            case BF16 -> NumericFormat.FP16;
            case FP16 -> NumericFormat.BF16;
            case FP8_E4M3 -> NumericFormat.FP8_E5M2;
            case FP8_E5M2 -> NumericFormat.FP8_E4M3;
            default -> format;
        };
    }

    @Value.Check
    void check() {
        if (name().isBlank()) {
            throw new IllegalArgumentException("name (\"" + name() + "\") must not be blank");
        }
        if (peakFlops().isEmpty()) {
            throw new IllegalArgumentException("peakFlops of " + name() + " must name at least one format");
        }
        for (Map.Entry<NumericFormat, FlopRate> e : peakFlops().entrySet()) {
            Check.positive("peakFlops[" + e.getKey() + "]", e.getValue().toFlopsPerSecond());
        }
        Check.positive("memoryBandwidth", memoryBandwidth().toBytesPerSecond());
        Check.positive("memoryCapacity", memoryCapacity().toBytes());
        Check.positive("tdpWatts", tdpWatts());
        if (rentalUsdPerHour().isPresent()) {
            Check.positive("rentalUsdPerHour", rentalUsdPerHour().getAsDouble());
        }
    }

    @Override
    public String toString() {
        return name() + " (" + memoryBandwidth() + ", " + memoryCapacity() + ", peak " + new TreeMap<>(peakFlops())
                + ")";
    }

    /** Builds a {@link HardwareSpec}; {@link #build()} checks every field. */
    public static final class Builder extends ImmutableHardwareSpec.Builder {
        Builder() {}
    }
}
