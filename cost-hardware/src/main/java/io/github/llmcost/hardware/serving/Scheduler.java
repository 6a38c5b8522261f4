package io.github.llmcost.hardware.serving;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * How the engine batches: the most sequences in flight, the most tokens one step computes (decodes plus prefill
 * chunks), the KV cache's block size, and whether a sequence's whole cache is reserved when it is admitted.
 *
 * <p>Defaults follow vLLM on H100/H200 (docs/research/engines.md, read 2026-11-30): {@code max_num_seqs} 1,024, {@code
 * max_num_batched_tokens} 8,192, 16-token blocks; and TensorRT-LLM's default {@code GUARANTEED_NO_EVICT} policy, which
 * reserves a sequence's prompt plus output at admission (vLLM allocates as it goes and preempts; set {@link
 * #reserveFullSequence()} false for that).
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class Scheduler {
    /** Default most sequences in flight: {@value}. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 1024;

    /** Default most tokens per step: {@value}. */
    public static final int DEFAULT_MAX_BATCHED_TOKENS = 8192;

    /** Default KV block: {@value} tokens. */
    public static final int DEFAULT_BLOCK_TOKENS = 16;

    Scheduler() {}

    /** {@return the defaults} */
    public static Scheduler defaults() {
        return builder().build();
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the most sequences in flight; {@value #DEFAULT_MAX_BATCH_SIZE} by default} */
    @Value.Default
    public int maxBatchSize() {
        return DEFAULT_MAX_BATCH_SIZE;
    }

    /** {@return the most tokens one step computes; {@value #DEFAULT_MAX_BATCHED_TOKENS} by default} */
    @Value.Default
    public int maxBatchedTokens() {
        return DEFAULT_MAX_BATCHED_TOKENS;
    }

    /** {@return tokens per KV block: a sequence's cache is whole blocks; {@value #DEFAULT_BLOCK_TOKENS} by default} */
    @Value.Default
    public int blockTokens() {
        return DEFAULT_BLOCK_TOKENS;
    }

    /**
     * {@return whether a sequence's cache for its prompt and whole output is reserved at admission (true by default,
     * TensorRT-LLM's policy); otherwise it holds on average its prompt and half its output}
     */
    @Value.Default
    public boolean reserveFullSequence() {
        return true;
    }

    /**
     * A copy with another batch cap.
     *
     * @param maxBatchSize the most sequences in flight
     * @return the copy
     */
    public abstract Scheduler withMaxBatchSize(int maxBatchSize);

    /**
     * {@return the batch caps a search tries: 1, 2, 4, ... below {@link #maxBatchSize()}, then {@link #maxBatchSize()}
     * itself}
     */
    public java.util.List<Integer> batchCaps() {
        java.util.List<Integer> caps = new java.util.ArrayList<>();
        for (int c = 1; c < maxBatchSize() && c > 0; c *= 2) {
            caps.add(c);
        }
        caps.add(maxBatchSize());
        return java.util.List.copyOf(caps);
    }

    @Value.Check
    void check() {
        Check.positive("maxBatchSize", maxBatchSize());
        Check.positive("maxBatchedTokens", maxBatchedTokens());
        Check.positive("blockTokens", blockTokens());
    }

    /** Builds a {@link Scheduler}. */
    public static final class Builder extends ImmutableScheduler.Builder {
        Builder() {}
    }
}
