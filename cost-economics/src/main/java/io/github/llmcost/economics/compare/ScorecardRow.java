package io.github.llmcost.economics.compare;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.economics.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One model's line of the {@link Scorecard}: its weights in the chosen format, what its cache costs per token and in
 * fixed state, the largest context that fits the device's memory budget, its figures at each context, and how each
 * figure grows from the first context to the last.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScorecardRow {
    private final Deployment deployment;
    private final Bytes weightBytes;
    private final Bytes kvBytesPerToken;
    private final Bytes fixedStateBytes;
    private final ContextFit largestContext;
    private final List<ContextFigures> contexts;

    private ScorecardRow(Deployment deployment, long[] contextTokens) {
        ModelSpec model = deployment.model();
        KvCache kv =
                KvCache.of(model, deployment.convention(), deployment.formats().kvScheme());
        this.deployment = deployment;
        this.weightBytes = model.parameters(deployment.convention())
                .weightBytes(deployment.formats().weights());
        this.kvBytesPerToken = kv.bytesPerToken();
        this.fixedStateBytes = kv.fixedStateBytes();
        this.largestContext = ContextFit.of(deployment);
        List<ContextFigures> figures = new ArrayList<>();
        for (long n : contextTokens) {
            figures.add(ContextFigures.of(deployment, n));
        }
        this.contexts = List.copyOf(figures);
    }

    /**
     * A model's line.
     *
     * @param deployment the model on the device, in its formats, with the device's memory budget as its capacity
     * @param contextTokens the context lengths, at least one, each {@code >= 1}
     * @return the line
     * @throws IllegalArgumentException if there is no context or one is below 1
     */
    static ScorecardRow of(Deployment deployment, long[] contextTokens) {
        Objects.requireNonNull(deployment, "deployment");
        return new ScorecardRow(deployment, contextTokens);
    }

    /** {@return the model} */
    public ModelSpec model() {
        return deployment.model();
    }

    /** {@return the deployment every figure comes from: the model on the device within its memory budget} */
    public Deployment deployment() {
        return deployment;
    }

    /** {@return the weights in the scorecard's weight format, under the deployment's convention} */
    public Bytes weightBytes() {
        return weightBytes;
    }

    /** {@return KV bytes each token adds while sliding windows fill ({@link KvCache#bytesPerToken()})} */
    public Bytes kvBytesPerToken() {
        return kvBytesPerToken;
    }

    /** {@return bytes per sequence that do not grow with context ({@link KvCache#fixedStateBytes()})} */
    public Bytes fixedStateBytes() {
        return fixedStateBytes;
    }

    /** {@return the largest context one sequence can hold within the device's memory budget, and what stops it} */
    public ContextFit largestContext() {
        return largestContext;
    }

    /** {@return whether the model runs on the device at all: its weights, activations and one token fit} */
    public boolean fitsAtAll() {
        return largestContext.fitsAtAll();
    }

    /** {@return the figures at each of the scorecard's contexts, in order} */
    public List<ContextFigures> contexts() {
        return contexts;
    }

    /**
     * How a figure grows from the first context to the last.
     *
     * @param figure the figure
     * @return its value at the last context over that at the first; empty with a single context, where either value
     *     is absent (a time where the model does not run) or the first is zero
     */
    public OptionalDouble growth(Figure figure) {
        Objects.requireNonNull(figure, "figure");
        if (contexts.size() < 2) {
            return OptionalDouble.empty();
        }
        OptionalDouble first = contexts.get(0).value(figure);
        OptionalDouble last = contexts.get(contexts.size() - 1).value(figure);
        if (first.isEmpty() || last.isEmpty() || !(first.getAsDouble() > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(last.getAsDouble() / first.getAsDouble());
    }

    /** {@return the model, its weights, cache per token, fixed state and largest context in a line} */
    @Override
    public String toString() {
        return model().name() + ": weights " + weightBytes + ", KV " + kvBytesPerToken + " per token, state "
                + fixedStateBytes + ", largest context " + largestContext;
    }
}
