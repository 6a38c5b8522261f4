package io.github.llmcost.economics.compare;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.FlopBreakdown;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.Limit;
import io.github.llmcost.hardware.MemoryBudget;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * One model at one context length on the scorecard's device: the section-8 figures, each read from its one home in
 * the library. The request is a prompt of {@link #contextTokens()} tokens with nothing generated yet ({@code
 * Workload.of(contextTokens, 0)}), so that the context is exactly the sequence the memory holds; the decode step is
 * the one that generates the next token (position {@code contextTokens + 1}), as {@link Estimate} times it.
 *
 * <ul>
 *   <li>{@link #prefillFlops()} and {@link #quadraticShare()}: {@link FlopCounter#prefill(long)} of the model under
 *       the deployment's convention;
 *   <li>{@link #stateBytes()}: {@link Estimate#memory()}'s cache per session, which is {@link
 *       io.github.llmcost.core.KvCache#sessionBytes(long)} (growing KV entries plus fixed state);
 *   <li>{@link #memoryBytes()}: the same memory budget's weights, activations and that cache together;
 *   <li>{@link #decodeStepBytes()}: the bytes of {@link Deployment#performance(Workload)}'s decode step;
 *   <li>{@link #timeToFirstToken()}, {@link #timePerOutputToken()}, {@link #decodeTokensPerSecond()}: the {@link
 *       Estimate}'s, present only where the configuration can run (what cannot run is never priced).
 * </ul>
 *
 * <p>FLOPs, bytes and state are properties of the architecture and are given at every context, fitting or not.
 *
 * <p>Immutable and thread-safe.
 */
public final class ContextFigures {
    private final long contextTokens;
    private final Flops prefillFlops;
    private final double quadraticShare;
    private final Bytes stateBytes;
    private final Bytes memoryBytes;
    private final @Nullable Bytes decodeStepBytes;
    private final Feasibility feasibility;
    private final @Nullable Seconds timeToFirstToken;
    private final @Nullable Seconds timePerOutputToken;
    private final double decodeTokensPerSecond;

    private ContextFigures(Deployment deployment, long contextTokens) {
        Workload workload = Workload.of(contextTokens, 0);
        Estimate estimate = deployment.estimate(workload);
        FlopBreakdown prefill =
                FlopCounter.of(deployment.model(), deployment.convention()).prefill(contextTokens);
        this.contextTokens = contextTokens;
        this.prefillFlops = prefill.total();
        this.quadraticShare = prefill.quadraticShare();
        MemoryBudget memory = estimate.memory();
        this.stateBytes = memory.kvCachePerSession();
        this.memoryBytes = memory.weights().plus(memory.activations()).plus(stateBytes);
        this.feasibility = estimate.feasibility();
        this.decodeStepBytes = compiles(feasibility)
                ? deployment.performance(workload).decode().bytes()
                : null;
        boolean runs = estimate.isFeasible();
        this.timeToFirstToken = runs ? estimate.timeToFirstToken() : null;
        this.timePerOutputToken = runs ? estimate.timePerOutputToken() : null;
        this.decodeTokensPerSecond = runs ? estimate.decodeTokensPerSecondPerUser() : Double.NaN;
    }

    /**
     * The figures of a deployment at a context.
     *
     * @param deployment the model on the device, in its formats
     * @param contextTokens tokens in the sequence, {@code >= 1}
     * @return the figures
     * @throws IllegalArgumentException if {@code contextTokens < 1}
     */
    public static ContextFigures of(Deployment deployment, long contextTokens) {
        java.util.Objects.requireNonNull(deployment, "deployment");
        if (contextTokens < 1) {
            throw new IllegalArgumentException("contextTokens (" + contextTokens + ") must be > 0");
        }
        return new ContextFigures(deployment, contextTokens);
    }

    /** Whether a configuration can be timed at all: it has a compute path and an interconnect where it needs one. */
    private static boolean compiles(Feasibility feasibility) {
        for (Feasibility.Reason r : feasibility.reasons()) {
            if (r.limit() == Limit.COMPUTE_FORMAT || r.limit() == Limit.INTERCONNECT) {
                return false;
            }
        }
        return true;
    }

    /** {@return the context length, tokens} */
    public long contextTokens() {
        return contextTokens;
    }

    /** {@return FLOPs of the prefill of the whole context (lm_head once, for the last token)} */
    public Flops prefillFlops() {
        return prefillFlops;
    }

    /** {@return the share of {@link #prefillFlops()} quadratic in context: scores and aggregation} */
    public double quadraticShare() {
        return quadraticShare;
    }

    /** {@return bytes one sequence of this context keeps: growing KV entries plus the fixed state of other layers} */
    public Bytes stateBytes() {
        return stateBytes;
    }

    /**
     * {@return bytes the model needs at this context: weights, one prefill chunk's activations, KV cache and state;
     * the model fits where this is within the memory budget (and the context within its maximum)}
     */
    public Bytes memoryBytes() {
        return memoryBytes;
    }

    /**
     * {@return bytes the decode step after the context moves through memory, every operation's; empty only where the
     * device cannot compute in the chosen format at all}
     */
    public Optional<Bytes> decodeStepBytes() {
        return Optional.ofNullable(decodeStepBytes);
    }

    /** {@return whether the model runs at this context on the device, and if not, every limit that binds} */
    public Feasibility feasibility() {
        return feasibility;
    }

    /** {@return whether the model runs at this context on the device} */
    public boolean isFeasible() {
        return feasibility.isFeasible();
    }

    /** {@return time to first token, the prefill of the context; empty where the model does not run here} */
    public Optional<Seconds> timeToFirstToken() {
        return Optional.ofNullable(timeToFirstToken);
    }

    /** {@return the time of the decode step after the context; empty where the model does not run here} */
    public Optional<Seconds> timePerOutputToken() {
        return Optional.ofNullable(timePerOutputToken);
    }

    /** {@return output tokens per second one user sees at this context; empty where the model does not run here} */
    public OptionalDouble decodeTokensPerSecond() {
        return timePerOutputToken == null ? OptionalDouble.empty() : OptionalDouble.of(decodeTokensPerSecond);
    }

    /**
     * One figure as a plain number in the unit its name gives.
     *
     * @param figure the figure
     * @return its value; empty for a time or speed where the model does not run here, and for the decode step's
     *     bytes where the device cannot compute in the chosen format
     */
    public OptionalDouble value(Figure figure) {
        return switch (figure) {
            case PREFILL_FLOPS -> OptionalDouble.of(prefillFlops.toFlops());
            case QUADRATIC_SHARE -> OptionalDouble.of(quadraticShare);
            case STATE_BYTES -> OptionalDouble.of(stateBytes.toBytes());
            case MEMORY_BYTES -> OptionalDouble.of(memoryBytes.toBytes());
            case DECODE_STEP_BYTES ->
                decodeStepBytes == null ? OptionalDouble.empty() : OptionalDouble.of(decodeStepBytes.toBytes());
            case TIME_TO_FIRST_TOKEN_SECONDS ->
                timeToFirstToken == null ? OptionalDouble.empty() : OptionalDouble.of(timeToFirstToken.toSeconds());
            case TIME_PER_OUTPUT_TOKEN_SECONDS ->
                timePerOutputToken == null ? OptionalDouble.empty() : OptionalDouble.of(timePerOutputToken.toSeconds());
            case DECODE_TOKENS_PER_SECOND -> decodeTokensPerSecond();
        };
    }

    /** {@return the figures in a line} */
    @Override
    public String toString() {
        String time = timeToFirstToken == null
                ? "does not run: " + feasibility.summary()
                : String.format(
                        Locale.ROOT, "first token in %s, %.3g tokens/s", timeToFirstToken, decodeTokensPerSecond);
        return String.format(
                Locale.ROOT,
                "%,d tokens: prefill %s (%.1f%% quadratic), state %s, decode step moves %s; %s",
                contextTokens,
                prefillFlops,
                100 * quadraticShare,
                stateBytes,
                decodeStepBytes == null ? "(no compute path)" : decodeStepBytes.toString(),
                time);
    }
}
