package io.github.llmcost.hardware.serving;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * The requests a deployment serves: each has {@link #inputTokens()} prompt tokens and {@link #outputTokens()} output
 * tokens; a fraction {@link #prefixHitRate()} of them start with a shared prefix of {@link #sharedPrefixTokens()}
 * tokens already in the prefix cache, which they neither prefill nor store again (the prefix is stored once).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Traffic chat = Traffic.of(2000, 200).withPrefix(1500, 0.8);
 * }</pre>
 */
@Value.Immutable
public abstract class Traffic {
    Traffic() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Requests of fixed lengths, no shared prefix.
     *
     * @param inputTokens prompt tokens, {@code >= 1}
     * @param outputTokens output tokens, {@code >= 1}
     * @return the traffic
     */
    public static Traffic of(long inputTokens, long outputTokens) {
        return builder().inputTokens(inputTokens).outputTokens(outputTokens).build();
    }

    /** {@return prompt tokens per request} */
    public abstract long inputTokens();

    /** {@return output tokens per request, the first from the prefill} */
    public abstract long outputTokens();

    /** {@return tokens of the shared prefix; 0 by default} */
    @Value.Default
    public long sharedPrefixTokens() {
        return 0;
    }

    /** {@return the fraction of requests whose prefix is found in the cache, in [0, 1]; 0 by default} */
    @Value.Default
    public double prefixHitRate() {
        return 0;
    }

    /**
     * A copy with a shared prefix.
     *
     * @param tokens the prefix's tokens, at most the prompt's
     * @param hitRate the fraction of requests that find it cached
     * @return the copy
     */
    public Traffic withPrefix(long tokens, double hitRate) {
        return builder()
                .from(this)
                .sharedPrefixTokens(tokens)
                .prefixHitRate(hitRate)
                .build();
    }

    /** {@return the prompt tokens an average request computes: the prompt less the prefix, for those that hit} */
    public double computedInputTokens() {
        return inputTokens() - prefixHitRate() * sharedPrefixTokens();
    }

    @Value.Check
    void check() {
        Check.positive("inputTokens", inputTokens());
        Check.positive("outputTokens", outputTokens());
        Check.nonNegative("sharedPrefixTokens", sharedPrefixTokens());
        if (!(prefixHitRate() >= 0 && prefixHitRate() <= 1)) {
            throw new IllegalArgumentException("prefixHitRate (" + prefixHitRate() + ") must be in [0, 1]");
        }
        if (sharedPrefixTokens() >= inputTokens()) {
            throw new IllegalArgumentException("sharedPrefixTokens (" + sharedPrefixTokens()
                    + ") must be less than inputTokens (" + inputTokens() + "): the last prompt token is computed");
        }
    }

    /** Builds a {@link Traffic}. */
    public static final class Builder extends ImmutableTraffic.Builder {
        Builder() {}
    }
}
