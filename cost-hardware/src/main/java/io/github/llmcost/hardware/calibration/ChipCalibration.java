package io.github.llmcost.hardware.calibration;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.Phase;
import org.immutables.value.Value;

/**
 * The factors a calibration fits for one chip: the efficiencies of each phase, a fixed overhead per forward pass and a
 * fixed latency per tensor-parallel all-reduce. {@link Calibration} fits them to measurements, {@link
 * CalibratedEfficiencies} ships fitted ones, and {@link InferencePerformance.Builder#calibration(ChipCalibration)}
 * applies them.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * ChipCalibration c = ChipCalibration.of(Efficiency.of(0.5, 0.4), Efficiency.of(0.5, 0.7));
 * c.withPassOverhead(Seconds.of(0.0005));
 * }</pre>
 */
@Value.Immutable
public abstract class ChipCalibration {
    /** {@link Efficiency#DEFAULT} for both phases, no overheads: what {@link InferencePerformance} assumes unless told. */
    public static final ChipCalibration UNCALIBRATED = of(Efficiency.DEFAULT, Efficiency.DEFAULT);

    ChipCalibration() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Per-phase efficiencies with no overheads.
     *
     * @param prefill the fractions of peak prefill reaches
     * @param decode the fractions of peak decode reaches
     * @return the factors
     */
    public static ChipCalibration of(Efficiency prefill, Efficiency decode) {
        return builder().prefill(prefill).decode(decode).build();
    }

    /** {@return the fractions of peak compute and bandwidth prefill reaches} */
    public abstract Efficiency prefill();

    /** {@return the fractions of peak compute and bandwidth decode reaches} */
    public abstract Efficiency decode();

    /** {@return the fixed time each forward pass costs ({@link InferencePerformance#passOverhead()}); zero by default} */
    @Value.Default
    public Seconds passOverhead() {
        return Seconds.ZERO;
    }

    /**
     * {@return the fixed latency of each all-reduce ({@link InferencePerformance#allReduceLatency()}); zero by
     * default}
     */
    @Value.Default
    public Seconds allReduceLatency() {
        return Seconds.ZERO;
    }

    /**
     * The efficiencies of a phase.
     *
     * @param phase which phase
     * @return {@link #prefill()} or {@link #decode()}
     */
    public Efficiency efficiency(Phase phase) {
        java.util.Objects.requireNonNull(phase, "phase");
        return phase == Phase.PREFILL ? prefill() : decode();
    }

    /**
     * A copy with another pass overhead.
     *
     * @param overhead the fixed time per forward pass
     * @return the copy
     */
    public abstract ChipCalibration withPassOverhead(Seconds overhead);

    /**
     * A copy with another all-reduce latency.
     *
     * @param latency the fixed time per all-reduce
     * @return the copy
     */
    public abstract ChipCalibration withAllReduceLatency(Seconds latency);

    /** {@return the factors, readable: compute and bandwidth fractions of each phase, then the overheads} */
    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "prefill %.3f compute / %.3f bandwidth, decode %.3f compute / %.3f bandwidth, pass overhead %s,"
                        + " all-reduce latency %s",
                prefill().computeFraction(),
                prefill().bandwidthFraction(),
                decode().computeFraction(),
                decode().bandwidthFraction(),
                passOverhead(),
                allReduceLatency());
    }

    /** Builds a {@link ChipCalibration}. */
    public static final class Builder extends ImmutableChipCalibration.Builder {
        Builder() {}
    }
}
