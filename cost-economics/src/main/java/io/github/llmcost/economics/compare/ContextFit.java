package io.github.llmcost.economics.compare;

import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.Limit;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The largest context one sequence can hold on a deployment, and the limit that stops one more token: the model's
 * maximum context ({@link Limit#CONTEXT}), the memory left for its cache ({@link Limit#KV_CACHE}), or, where nothing
 * fits, the weights themselves ({@link Limit#MEMORY}) or a chip that cannot compute in the format. A context "fits"
 * when {@link Deployment#feasibility(Workload)} of {@code Workload.of(context, 0)} is feasible: weights, one prefill
 * chunk's activations and the sequence's KV cache and state within the device's memory, and the model's maximum
 * context respected. Fitting is monotone in the context, so a bisection finds the largest exactly.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
public final class ContextFit {
    /** The most tokens searched when neither the model nor memory bounds a context: 2^40, about 1.1 trillion. */
    public static final long SEARCH_LIMIT_TOKENS = 1L << 40;

    private final long tokens;
    private final @Nullable Limit limit;

    private ContextFit(long tokens, @Nullable Limit limit) {
        this.tokens = tokens;
        this.limit = limit;
    }

    /**
     * The largest context of a deployment.
     *
     * @param deployment the model on the device, in its formats
     * @return the largest context that fits, 0 if not even one token does
     */
    public static ContextFit of(Deployment deployment) {
        Objects.requireNonNull(deployment, "deployment");
        long cap = deployment.model().maxContextTokens().orElse(SEARCH_LIMIT_TOKENS);
        Feasibility first = fits(deployment, 1);
        if (!first.isFeasible()) {
            return new ContextFit(0, first.bindingLimit().orElseThrow());
        }
        if (fits(deployment, cap).isFeasible()) {
            // the model's own maximum, when it has one, binds at the next token
            return new ContextFit(cap, deployment.model().maxContextTokens().isPresent() ? Limit.CONTEXT : null);
        }
        long fits = 1; // fits
        long fails = cap; // does not
        while (fails - fits > 1) {
            long mid = fits + (fails - fits) / 2;
            if (fits(deployment, mid).isFeasible()) {
                fits = mid;
            } else {
                fails = mid;
            }
        }
        return new ContextFit(fits, fits(deployment, fails).bindingLimit().orElseThrow());
    }

    private static Feasibility fits(Deployment deployment, long contextTokens) {
        return deployment.feasibility(Workload.of(contextTokens, 0));
    }

    /** {@return the most tokens one sequence can hold; 0 if the model does not run on the device at all} */
    public long tokens() {
        return tokens;
    }

    /** {@return whether the model runs at all: one token fits} */
    public boolean fitsAtAll() {
        return tokens > 0;
    }

    /**
     * {@return the limit that stops one more token (for a model that does not fit at all, the one that stops the
     * first); empty when the search reached {@link #SEARCH_LIMIT_TOKENS} without one}
     */
    public Optional<Limit> limit() {
        return Optional.ofNullable(limit);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContextFit that && tokens == that.tokens && limit == that.limit;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tokens) * 31 + Objects.hashCode(limit);
    }

    /** {@return for example {@code "131,072 tokens (CONTEXT)"}} */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%,d tokens", tokens)
                + (limit == null ? " (search limit)" : " (" + limit + ")");
    }
}
