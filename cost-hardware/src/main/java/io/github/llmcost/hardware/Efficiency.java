package io.github.llmcost.hardware;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * The fractions of a chip's peak compute and peak memory bandwidth that real kernels reach.
 *
 * <p>Defaults: {@value #DEFAULT_COMPUTE} of peak compute, the middle of the article's "40-60% of the ceiling" and of
 * the model FLOP utilisation serving engines report for prefill; {@value #DEFAULT_BANDWIDTH} of peak bandwidth, the
 * memory-bandwidth utilisation batch-1 decode reaches with good kernels (gpt-fast's published Llama 2 7B and Llama
 * 3.1 8B figures on A100 imply 0.69 and 0.74). {@link #PEAK} is the theoretical ceiling, {@code of(0.5, 0.5)} the
 * article's steelman deployment.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class Efficiency {
    /** Default fraction of peak compute. */
    public static final double DEFAULT_COMPUTE = 0.5;

    /** Default fraction of peak memory bandwidth. */
    public static final double DEFAULT_BANDWIDTH = 0.7;

    /** The documented defaults. */
    public static final Efficiency DEFAULT = of(DEFAULT_COMPUTE, DEFAULT_BANDWIDTH);

    /** The theoretical ceiling: every FLOP and every byte of the datasheet. */
    public static final Efficiency PEAK = of(1, 1);

    Efficiency() {}

    /**
     * Efficiency factors.
     *
     * @param computeFraction fraction of peak compute reached, in (0, 1]
     * @param bandwidthFraction fraction of peak memory bandwidth reached, in (0, 1]
     * @return the factors
     */
    public static Efficiency of(double computeFraction, double bandwidthFraction) {
        return ImmutableEfficiency.builder()
                .computeFraction(computeFraction)
                .bandwidthFraction(bandwidthFraction)
                .build();
    }

    /** {@return the fraction of peak compute reached} */
    public abstract double computeFraction();

    /** {@return the fraction of peak memory bandwidth reached} */
    public abstract double bandwidthFraction();

    @Value.Check
    void check() {
        Check.fraction("computeFraction", computeFraction());
        Check.fraction("bandwidthFraction", bandwidthFraction());
    }
}
