package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * The shape of what is asked of a model: prompt and output lengths, batch size, and how many prompt tokens the
 * requests share (a cached prefix, as prompt caching provides). How the model runs (its numeric {@link Formats}, the
 * chip) is the deployment's, not the workload's.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()} or {@link #of(long, long)} and the {@code withX} copies;
 * defaults are batch 1 and no shared prefix.
 *
 * <pre>{@code
 * Workload w = Workload.of(4096, 512).withBatchSize(8);
 * w.withSharedPrefixTokens(1024).prefillTokens();   // (4096 - 1024) x 8
 * }</pre>
 */
@Value.Immutable
public abstract class Workload {
    Workload() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A batch-1 BF16 workload.
     *
     * @param promptTokens tokens in the prompt, {@code >= 1}
     * @param outputTokens tokens generated, {@code >= 0}
     * @return the workload
     */
    public static Workload of(long promptTokens, long outputTokens) {
        return builder().promptTokens(promptTokens).outputTokens(outputTokens).build();
    }

    /** {@return tokens in each prompt} */
    public abstract long promptTokens();

    /** {@return tokens generated per sequence} */
    public abstract long outputTokens();

    /** {@return sequences processed together; 1 by default} */
    @Value.Default
    public int batchSize() {
        return 1;
    }

    /** {@return leading prompt tokens every request shares and that are cached once; 0 by default} */
    @Value.Default
    public long sharedPrefixTokens() {
        return 0;
    }

    /**
     * {@return the prompt tokens actually served from the shared cache: {@code min(sharedPrefixTokens, promptTokens -
     * 1)}. The last prompt token is always computed, since its logits give the first output token (serving engines
     * recompute it even on a full cache hit)}
     */
    public long cachedPrefixTokens() {
        return Math.min(sharedPrefixTokens(), promptTokens() - 1);
    }

    /**
     * {@return the prompt tokens the batch's prefill computes: {@code (promptTokens - cachedPrefixTokens) x batchSize}}
     *
     * @throws IllegalArgumentException if the product overflows a long
     */
    public long prefillTokens() {
        return Check.multiply(
                "prompt tokens of the batch (prompt x batch size)", promptTokens() - cachedPrefixTokens(), batchSize());
    }

    /**
     * A copy with another prompt length.
     *
     * @param tokens tokens in each prompt, {@code >= 1}
     * @return the copy
     */
    public abstract Workload withPromptTokens(long tokens);

    /**
     * A copy with another output length.
     *
     * @param tokens tokens generated per sequence, {@code >= 0}
     * @return the copy
     */
    public abstract Workload withOutputTokens(long tokens);

    /**
     * A copy with another batch size.
     *
     * @param batchSize sequences processed together, {@code >= 1}
     * @return the copy
     */
    public abstract Workload withBatchSize(int batchSize);

    /**
     * A copy with another shared prefix.
     *
     * @param tokens leading prompt tokens shared and cached, in {@code [0, promptTokens]}
     * @return the copy
     */
    public abstract Workload withSharedPrefixTokens(long tokens);

    /** {@return prompt plus output tokens: the context a sequence reaches} */
    public long contextTokens() {
        return Check.add("contextTokens", promptTokens(), outputTokens());
    }

    @Value.Check
    void check() {
        Check.positive("promptTokens", promptTokens());
        Check.nonNegative("outputTokens", outputTokens());
        Check.positive("batchSize", batchSize());
        Check.nonNegative("sharedPrefixTokens", sharedPrefixTokens());
        if (!(sharedPrefixTokens() <= promptTokens())) {
            throw new IllegalArgumentException("sharedPrefixTokens (" + sharedPrefixTokens()
                    + ") must be <= promptTokens (" + promptTokens() + ")");
        }
        contextTokens();
    }

    /** Builds a {@link Workload}; {@link #build()} checks every field. */
    public static final class Builder extends ImmutableWorkload.Builder {
        Builder() {}
    }
}
