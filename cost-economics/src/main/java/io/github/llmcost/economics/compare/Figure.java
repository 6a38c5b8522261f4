package io.github.llmcost.economics.compare;

import java.util.Locale;

/**
 * A figure of the scorecard at one context length, each with its unit in its name. {@link
 * ContextFigures#value(Figure)} reads it and {@link ScorecardRow#growth(Figure)} divides its value at the last context
 * by that at the first; text, JSON and charts read figures through this one list.
 */
public enum Figure {
    /** FLOPs of the prefill of a prompt of the context's length ({@link ContextFigures#prefillFlops()}). */
    PREFILL_FLOPS,
    /** The share of those FLOPs quadratic in context, scores and aggregation, in [0, 1). */
    QUADRATIC_SHARE,
    /** Bytes one sequence keeps between steps: KV cache plus fixed state ({@link ContextFigures#stateBytes()}). */
    STATE_BYTES,
    /**
     * Bytes the model needs in the memory budget at the context: weights, a prefill chunk's activations, KV cache and
     * state ({@link ContextFigures#memoryBytes()}).
     */
    MEMORY_BYTES,
    /** Bytes the decode step after the context moves through memory: weights, cache and state, activations. */
    DECODE_STEP_BYTES,
    /** Seconds to the first token: the prefill of the context, only where the configuration runs. */
    TIME_TO_FIRST_TOKEN_SECONDS,
    /** Seconds per output token of the decode step after the context, only where the configuration runs. */
    TIME_PER_OUTPUT_TOKEN_SECONDS,
    /** Output tokens per second one user sees at the context, only where the configuration runs. */
    DECODE_TOKENS_PER_SECOND;

    /** {@return the name as JSON and the command line spell it: {@code prefillFlops}, {@code stateBytes}, ...} */
    public String key() {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** {@return whether the figure is a time or a speed, given only where the configuration runs (is priced)} */
    public boolean needsFeasibility() {
        return this == TIME_TO_FIRST_TOKEN_SECONDS
                || this == TIME_PER_OUTPUT_TOKEN_SECONDS
                || this == DECODE_TOKENS_PER_SECOND;
    }
}
