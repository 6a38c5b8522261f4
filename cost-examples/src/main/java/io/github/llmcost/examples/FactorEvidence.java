package io.github.llmcost.examples;

import io.github.llmcost.hardware.calibration.Calibration.Factor;
import io.github.llmcost.hardware.calibration.Measurement;
import io.github.llmcost.hardware.calibration.Measurement.Metric;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of the step-time model's factors a set of measurements can determine, and what a factor would need: a
 * compute fraction needs a row where that work is compute-bound, the bandwidth fraction a decode, the weight-only
 * factor a weight-only quantised row, the all-reduce latency a tensor-parallel row, and the per-layer overhead rows of
 * models with different layer counts (with one model it is indistinguishable from the per-step overhead).
 */
final class FactorEvidence {
    /** The shortest prefill in which attention's arithmetic weighs enough to be fitted. */
    static final long LONG_PREFILL = 2048;

    private FactorEvidence() {}

    /**
     * The factors the rows determine.
     *
     * @param rows the measurements
     * @return the factors, in declaration order
     */
    static Set<Factor> determined(List<Measurement> rows) {
        Set<Factor> out = EnumSet.noneOf(Factor.class);
        for (Factor f : Factor.values()) {
            if (determines(f, rows)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Whether the rows determine a factor.
     *
     * @param f the factor
     * @param rows the measurements
     * @return whether at least one row (two models, for the layer overhead) pins it
     */
    static boolean determines(Factor f, List<Measurement> rows) {
        return switch (f) {
            case MATMUL -> rows.stream().anyMatch(FactorEvidence::prefills);
            case ATTENTION ->
                rows.stream().anyMatch(m -> prefills(m) && m.workload().promptTokens() >= LONG_PREFILL);
            case BANDWIDTH -> rows.stream().anyMatch(m -> m.metric() != Metric.TIME_TO_FIRST_TOKEN);
            case WEIGHT_ONLY_BANDWIDTH ->
                rows.stream().anyMatch(m -> m.formats().isWeightOnlyQuantized());
            case LAYER_OVERHEAD ->
                rows.stream().mapToInt(m -> m.model().numLayers()).distinct().count() >= 2;
            case STEP_OVERHEAD -> !rows.isEmpty();
            case ALL_REDUCE_LATENCY -> rows.stream().anyMatch(m -> m.tensorParallel() > 1);
        };
    }

    /**
     * What would determine a factor, in words.
     *
     * @param f the factor
     * @return the measurements it needs
     */
    static String needs(Factor f) {
        return switch (f) {
            case MATMUL -> "a prefill: a ttft, static_batch_throughput or saturated_throughput row";
            case ATTENTION -> "a prefill of " + LONG_PREFILL + " input tokens or more";
            case BANDWIDTH -> "a decode: a tpot, decode_step, decode_tokens_per_second_per_user or throughput row";
            case WEIGHT_ONLY_BANDWIDTH -> "a weight-only quantised row (int8 or int4 weights, bf16 compute)";
            case LAYER_OVERHEAD -> "rows of two models with different layer counts";
            case STEP_OVERHEAD -> "any row";
            case ALL_REDUCE_LATENCY -> "a tensor-parallel row (gpus > 1)";
        };
    }

    /**
     * A factor's name as {@code --factors} takes it.
     *
     * @param f the factor
     * @return lower case with dashes: {@code step-overhead}
     */
    static String name(Factor f) {
        return f.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A factor by name.
     *
     * @param text {@code step-overhead}, {@code STEP_OVERHEAD}, any case
     * @return the factor
     * @throws IllegalArgumentException naming the text and the known names
     */
    static Factor parse(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Factor f : Factor.values()) {
            if (f.name().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--factors (" + text + ") is not a factor; factors: "
                + EnumSet.allOf(Factor.class).stream().map(FactorEvidence::name).toList());
    }

    private static boolean prefills(Measurement m) {
        return m.metric() == Metric.TIME_TO_FIRST_TOKEN
                || m.metric() == Metric.STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND
                || m.metric() == Metric.SATURATED_OUTPUT_TOKENS_PER_SECOND;
    }
}
