package io.github.llmcost.economics;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * "Will it run on my machine?" for one weight scheme: whether a deployment's weights fit in that scheme, the longest
 * context one sequence can hold, the most sequences that fit at a chosen context, and the decode speed of one
 * sequence. Every figure is read from the {@link Deployment} in that scheme (its feasibility, memory budget and
 * estimate), so it agrees with {@code estimate}; a scheme the chip has no compute path for is marked, never priced.
 *
 * <pre>{@code
 * Deployment rtx = LlmCost.model(ModelPresets.LLAMA_3_1_8B).hardware(HardwarePresets.RTX_4090).deployment();
 * for (WeightFit f : WeightFit.over(rtx, WeightFit.DEFAULT_SCHEMES, 4096)) {
 *     f.longestContextTokens();   // 0 where the weights alone do not fit
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class WeightFit {
    /** The schemes {@code llm-cost fit} lists, widest first. */
    public static final List<WeightScheme> DEFAULT_SCHEMES = List.of(
            WeightScheme.BF16,
            WeightScheme.FP8_TENSOR,
            WeightScheme.FP8_BLOCK,
            WeightScheme.Q8_0,
            WeightScheme.Q6_K,
            WeightScheme.Q5_K_M,
            WeightScheme.AWQ_INT4,
            WeightScheme.GPTQ_INT4,
            WeightScheme.NVFP4,
            WeightScheme.MXFP4,
            WeightScheme.Q4_K_M,
            WeightScheme.Q4_0);

    /** The longest context searched for a model that states no maximum. */
    public static final long CONTEXT_SEARCH_LIMIT = 1L << 20;

    private final Deployment deployment;
    private final WeightScheme scheme;
    private final long contextTokens;
    private final Feasibility structural;
    private final Bytes weights;
    private final boolean weightsFit;
    private final long longestContext;
    private final long largestBatch;
    private final long decodeContext;
    private final OptionalDouble decodeTokensPerSecond;

    private WeightFit(Deployment base, WeightScheme scheme, long contextTokens) {
        this.scheme = scheme;
        this.contextTokens = contextTokens;
        this.deployment =
                base.withFormats(Formats.of(scheme).withKvScheme(base.formats().kvScheme()));
        Deployment d = deployment;
        this.structural = Feasibility.of(d.structural());
        this.weights = d.memory(Workload.of(1, 0)).weights();
        this.weightsFit = d.memory(Workload.of(1, 0)).fits();
        if (d.blocked()) {
            this.longestContext = 0;
            this.largestBatch = 0;
            this.decodeContext = 0;
            this.decodeTokensPerSecond = OptionalDouble.empty();
            return;
        }
        this.longestContext = longestContext(d);
        Workload atContext = Workload.of(contextTokens, 0);
        this.largestBatch =
                d.feasibility(atContext).isFeasible() ? d.memory(atContext).maxConcurrentSessions() : 0;
        this.decodeContext = Math.min(contextTokens, longestContext);
        this.decodeTokensPerSecond = decodeContext < 2
                ? OptionalDouble.empty()
                : OptionalDouble.of(
                        d.estimate(Workload.of(decodeContext - 1, 1)).decodeTokensPerSecondPerUser());
    }

    /**
     * The fit of one scheme: the deployment's model, chips, parallelism, KV format and calibration, with its weights in
     * the scheme and the compute format engines choose for it ({@link Formats#of(WeightScheme)}).
     *
     * @param base the deployment
     * @param scheme the weights' scheme
     * @param contextTokens the context the largest batch and the decode speed are read at, {@code >= 2}
     * @return the fit
     */
    public static WeightFit of(Deployment base, WeightScheme scheme, long contextTokens) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(scheme, "scheme");
        Check.positive("contextTokens", contextTokens);
        if (contextTokens < 2) {
            throw new IllegalArgumentException("contextTokens (" + contextTokens + ") must be >= 2");
        }
        return new WeightFit(
                base.withFormats(base.formats().withWeights(scheme.elementFormat())), scheme, contextTokens);
    }

    /**
     * The fits of several schemes.
     *
     * @param base the deployment
     * @param schemes the schemes, in the order to list them
     * @param contextTokens the context the largest batch and the decode speed are read at, {@code >= 2}
     * @return one fit per scheme
     */
    public static List<WeightFit> over(Deployment base, List<WeightScheme> schemes, long contextTokens) {
        List<WeightFit> fits = new ArrayList<>();
        for (WeightScheme s : schemes) {
            fits.add(of(base, s, contextTokens));
        }
        return List.copyOf(fits);
    }

    /** The longest context at batch 1 that is feasible: a bisection over a monotone feasibility. */
    private static long longestContext(Deployment d) {
        long high = d.model().maxContextTokens().orElse(CONTEXT_SEARCH_LIMIT);
        if (d.feasibility(Workload.of(high, 0)).isFeasible()) {
            return high;
        }
        if (!d.feasibility(Workload.of(1, 0)).isFeasible()) {
            return 0;
        }
        long low = 1; // feasible; high is not
        while (high - low > 1) {
            long mid = low + (high - low) / 2;
            if (d.feasibility(Workload.of(mid, 0)).isFeasible()) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** {@return the scheme} */
    public WeightScheme scheme() {
        return scheme;
    }

    /** {@return the deployment in this scheme, which every figure here is read from} */
    public Deployment deployment() {
        return deployment;
    }

    /** {@return the context the largest batch and the decode speed were asked at} */
    public long contextTokens() {
        return contextTokens;
    }

    /** {@return whether the chip has a compute path for the scheme's format (and the devices can be joined)} */
    public boolean isRunnable() {
        return !deployment.blocked();
    }

    /** {@return what stops the scheme before any workload (no compute path, no interconnect, sharding); empty if none} */
    public Optional<String> blockedBy() {
        return structural.isFeasible() ? Optional.empty() : Optional.of(structural.summary());
    }

    /** {@return the limit that stops the scheme before any workload; empty if none} */
    public Optional<Limit> blockingLimit() {
        return structural.bindingLimit();
    }

    /** {@return the weights' bytes in the scheme, over all devices} */
    public Bytes weightBytes() {
        return weights;
    }

    /** {@return whether weights, one pass's activations and the framework's overhead fit in the devices' memory} */
    public boolean weightsFit() {
        return weightsFit;
    }

    /**
     * {@return the longest context one sequence can run at, capped at the model's maximum (or {@link
     * #CONTEXT_SEARCH_LIMIT}); 0 when nothing fits or the scheme cannot run}
     */
    public long longestContextTokens() {
        return longestContext;
    }

    /** {@return the most sequences of {@link #contextTokens()} tokens that fit at once; 0 when none does} */
    public long largestBatch() {
        return largestBatch;
    }

    /** {@return the context the decode speed is read at: the asked context, or the longest that fits if shorter} */
    public long decodeContextTokens() {
        return decodeContext;
    }

    /**
     * {@return tokens per second one sequence decodes at batch 1, at {@link #decodeContextTokens()} ({@link
     * Estimate#decodeTokensPerSecondPerUser()}); empty when it cannot run}
     */
    public OptionalDouble decodeTokensPerSecond() {
        return decodeTokensPerSecond;
    }

    @Override
    public String toString() {
        return scheme.id() + ": "
                + blockedBy()
                        .orElseGet(() -> weights + (weightsFit ? " fit" : " do not fit") + ", longest context "
                                + longestContext + ", batch " + largestBatch + " at " + contextTokens
                                + (decodeTokensPerSecond.isPresent()
                                        ? String.format(
                                                java.util.Locale.ROOT,
                                                ", %.1f tokens/s",
                                                decodeTokensPerSecond.getAsDouble())
                                        : ""));
    }
}
