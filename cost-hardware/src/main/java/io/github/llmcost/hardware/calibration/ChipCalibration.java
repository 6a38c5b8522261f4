package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.InferencePerformance;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * The factors of the step-time model for one chip, with their provenance and their error band.
 *
 * <p>What each factor means in the time of one engine step ({@link io.github.llmcost.hardware.CompiledPerformance}):
 *
 * <ul>
 *   <li>{@link #matmulFraction()}: the fraction of the compute format's dense peak that large 16-bit linear layers
 *       (the projections, the MLP, the LM head) reach; {@link #lowPrecisionMatmulFactor()} scales it for 8- and 4-bit
 *       compute (FP8, FP4, INT8), whose GEMMs reach a smaller share of their doubled peak;
 *   <li>{@link #overlapExponent()}: how a linear layer's compute time {@code c} and memory time {@code m} combine.
 *       0 takes the larger (the plain roofline: perfect overlap); {@code p >= 1} takes {@code (c^p + m^p)^(1/p)}, a
 *       smooth roofline in which a layer near the ridge point (a step of a few hundred tokens) reaches neither roof:
 *       with {@code p = 2} it takes 1.41 times either;
 *   <li>{@link #attentionFraction()}: the fraction of peak the attention kernels' arithmetic reaches (flash attention
 *       in prefill, lower than a plain matmul's);
 *   <li>{@link #bandwidthFraction()}: the fraction of peak memory bandwidth that streaming weights and KV cache
 *       reaches; {@link #weightOnlyBandwidthFactor()} scales it for weight-only quantised layers (INT8 or INT4 weights
 *       with 16-bit compute), whose dequantising kernels stream their narrower weights more slowly;
 *   <li>{@link #layerOverhead()}: the fixed time of each layer's kernels beyond their work (launches, the small
 *       kernels of norms, rotary embeddings and residuals), paid once per layer per step;
 *   <li>{@link #stepOverhead()}: the fixed time of each engine step (scheduling, sampling, the host);
 *   <li>{@link #allReduceLatency()}: the fixed time each tensor-parallel all-reduce adds to the interconnect's own
 *       latency ({@link io.github.llmcost.hardware.HardwareSpec#interconnectLatency()}).
 * </ul>
 *
 * <p>{@link #errorLow()} and {@link #errorHigh()} bound the ratio measured / predicted, so that a prediction {@code p}
 * has the 80% interval {@code [p x errorLow, p x errorHigh]} for times and costs (throughputs invert it); {@link
 * CalibratedEfficiencies} says how its bands were derived from held-out errors. {@link #source()} says where the factors come from.
 *
 * <p>{@link Calibration} fits these factors, {@link CalibratedEfficiencies} ships fitted ones per chip and a generic
 * set, and {@link InferencePerformance.Builder#calibration(ChipCalibration)} applies them. {@link
 * #of(Efficiency)} is the plain roofline (one compute and one bandwidth fraction, the larger of the two times, no overheads) that the
 * article's figures use.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ChipCalibration c = ChipCalibration.of(Efficiency.of(0.5, 0.7)).withLayerOverhead(Seconds.of(20e-6));
 * }</pre>
 */
@Value.Immutable
public abstract class ChipCalibration {
    /**
     * The plain roofline at {@link Efficiency#DEFAULT}: compute fractions 0.5, bandwidth 0.7, no smoothing and no
     * overheads; its error band is what the uncalibrated model showed on the project's measurements.
     */
    public static final ChipCalibration UNCALIBRATED = builder()
            .from(of(Efficiency.DEFAULT))
            .errorLow(0.75)
            .errorHigh(2.0)
            .source("uncalibrated: the plain roofline at 0.5 of peak compute and 0.7 of peak bandwidth")
            .build();

    /**
     * The smallest plausible fraction of a peak, and of a factor on one: 1%. Below it a prediction is far outside
     * anything an engine shows (and the fit's own lower bound, {@link Calibration.Factor}, is the same).
     */
    public static final double MIN_FRACTION = 0.01;

    /** The largest plausible {@link #layerOverhead()}, in seconds: 10 ms per layer per step. */
    public static final double MAX_LAYER_OVERHEAD_SECONDS = 0.01;

    /** The largest plausible {@link #stepOverhead()}, in seconds: 1 s per step. */
    public static final double MAX_STEP_OVERHEAD_SECONDS = 1;

    /** The largest plausible {@link #allReduceLatency()}, in seconds: 1 s per all-reduce. */
    public static final double MAX_ALL_REDUCE_LATENCY_SECONDS = 1;

    ChipCalibration() {}

    /**
     * Refuses a factor outside its plausible range (NaN included).
     *
     * @param name the factor's name, for the message
     * @param value the value
     * @param min the smallest allowed
     * @param max the largest allowed
     * @throws IllegalArgumentException naming the factor, the value and the range
     */
    static void within(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    name + " (" + value + ") must be between " + min + " and " + max + " (a plausible range)");
        }
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The plain roofline at one efficiency: both compute fractions {@link Efficiency#computeFraction()}, the bandwidth
     * fraction {@link Efficiency#bandwidthFraction()}, the larger of compute and memory time, no overheads, no error band.
     *
     * @param efficiency the fractions of peak reached
     * @return the factors
     */
    public static ChipCalibration of(Efficiency efficiency) {
        return builder()
                .matmulFraction(efficiency.computeFraction())
                .attentionFraction(efficiency.computeFraction())
                .bandwidthFraction(efficiency.bandwidthFraction())
                .source("roofline at " + efficiency.computeFraction() + " of peak compute and "
                        + efficiency.bandwidthFraction() + " of peak bandwidth")
                .build();
    }

    /** {@return the fraction of peak compute large linear layers reach, in (0, 1]} */
    public abstract double matmulFraction();

    /** {@return the fraction of peak compute attention's arithmetic reaches, in (0, 1]} */
    public abstract double attentionFraction();

    /** {@return the fraction of peak memory bandwidth streaming weights and KV cache reaches, in (0, 1]} */
    public abstract double bandwidthFraction();

    /**
     * {@return the factor on {@link #matmulFraction()} when linear layers compute in 8 or 4 bits, in [0.01, 1]; 1 by
     * default}
     */
    @Value.Default
    public double lowPrecisionMatmulFactor() {
        return 1;
    }

    /**
     * {@return how a linear layer's compute and memory times combine: 0 (the larger, by default) or an exponent
     * {@code p >= 1} of their p-norm}
     */
    @Value.Default
    public double overlapExponent() {
        return 0;
    }

    /**
     * {@return the factor on {@link #bandwidthFraction()} for weight-only quantised layers (weights narrower than the
     * compute format), in [0.01, 1]; 1 by default}
     */
    @Value.Default
    public double weightOnlyBandwidthFactor() {
        return 1;
    }

    /** {@return the fixed time of each layer's kernels per step, at most 10 ms; zero by default} */
    @Value.Default
    public Seconds layerOverhead() {
        return Seconds.ZERO;
    }

    /** {@return the fixed time of each engine step (prefill pass or decode step), at most 1 s; zero by default} */
    @Value.Default
    public Seconds stepOverhead() {
        return Seconds.ZERO;
    }

    /** {@return the fixed time each all-reduce adds beyond the interconnect's own latency, at most 1 s; zero by
     * default} */
    @Value.Default
    public Seconds allReduceLatency() {
        return Seconds.ZERO;
    }

    /** {@return the low end of the 80% band of measured / predicted, in (0, 1]; 1 (no band) by default} */
    @Value.Default
    public double errorLow() {
        return 1;
    }

    /** {@return the high end of the 80% band of measured / predicted, {@code >= 1}; 1 (no band) by default} */
    @Value.Default
    public double errorHigh() {
        return 1;
    }

    /** {@return where the factors come from: the data, the fit, the date; {@code "set by hand"} by default} */
    @Value.Default
    public String source() {
        return "set by hand";
    }

    /** {@return a builder holding this calibration's factors, to change some} */
    public Builder toBuilder() {
        Builder b = builder();
        b.from(this);
        return b;
    }

    /** {@return the plain efficiencies of large work: {@link #matmulFraction()} and {@link #bandwidthFraction()}} */
    public Efficiency efficiency() {
        return Efficiency.of(matmulFraction(), bandwidthFraction());
    }

    /**
     * A copy with another layer overhead.
     *
     * @param overhead the fixed time per layer per step
     * @return the copy
     */
    public abstract ChipCalibration withLayerOverhead(Seconds overhead);

    /**
     * A copy with another step overhead.
     *
     * @param overhead the fixed time per step
     * @return the copy
     */
    public abstract ChipCalibration withStepOverhead(Seconds overhead);

    /**
     * A copy with another all-reduce latency.
     *
     * @param latency the fixed time each all-reduce adds
     * @return the copy
     */
    public abstract ChipCalibration withAllReduceLatency(Seconds latency);

    /**
     * A copy with another error band.
     *
     * @param low the low end of measured / predicted, in (0, 1]
     * @param high the high end, {@code >= 1}
     * @return the copy
     */
    public ChipCalibration withErrorBand(double low, double high) {
        return builder().from(this).errorLow(low).errorHigh(high).build();
    }

    /**
     * A copy with another provenance.
     *
     * @param source where the factors come from
     * @return the copy
     */
    public abstract ChipCalibration withSource(String source);

    /** {@return the factors, readable} */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "matmul %.3f (x%.2f in 8 or 4 bits, overlap exponent %.0f), attention %.3f, bandwidth %.3f (weight-only x%.2f), layer %s,"
                        + " step %s, all-reduce +%s, band %.2f-%.2f",
                matmulFraction(),
                lowPrecisionMatmulFactor(),
                overlapExponent(),
                attentionFraction(),
                bandwidthFraction(),
                weightOnlyBandwidthFactor(),
                layerOverhead(),
                stepOverhead(),
                allReduceLatency(),
                errorLow(),
                errorHigh());
    }

    @Value.Check
    void check() {
        within("matmulFraction", matmulFraction(), MIN_FRACTION, 1);
        within("attentionFraction", attentionFraction(), MIN_FRACTION, 1);
        within("bandwidthFraction", bandwidthFraction(), MIN_FRACTION, 1);
        within("weightOnlyBandwidthFactor", weightOnlyBandwidthFactor(), MIN_FRACTION, 1);
        within("lowPrecisionMatmulFactor", lowPrecisionMatmulFactor(), MIN_FRACTION, 1);
        if (!(overlapExponent() == 0 || (overlapExponent() >= 1 && Double.isFinite(overlapExponent())))) {
            throw new IllegalArgumentException("overlapExponent (" + overlapExponent() + ") must be 0 or >= 1");
        }
        within("layerOverhead", layerOverhead().toSeconds(), 0, MAX_LAYER_OVERHEAD_SECONDS);
        within("stepOverhead", stepOverhead().toSeconds(), 0, MAX_STEP_OVERHEAD_SECONDS);
        within("allReduceLatency", allReduceLatency().toSeconds(), 0, MAX_ALL_REDUCE_LATENCY_SECONDS);
        Check.fraction("errorLow", errorLow());
        if (!(errorHigh() >= 1 && Double.isFinite(errorHigh()))) {
            throw new IllegalArgumentException("errorHigh (" + errorHigh() + ") must be finite and >= 1");
        }
        if (source().isBlank()) {
            throw new IllegalArgumentException("source (\"" + source() + "\") must not be blank");
        }
    }

    /** Builds a {@link ChipCalibration}. */
    public static final class Builder extends ImmutableChipCalibration.Builder {
        Builder() {}
    }
}
