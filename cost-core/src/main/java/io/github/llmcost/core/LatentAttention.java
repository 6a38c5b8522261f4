package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * Multi-head latent attention (DeepSeek-V2 and V3): keys and values are compressed into a latent of
 * {@link #kvLoraRank()} values per token, plus a shared rotary key of {@link #qkRopeHeadDim()} values; only those are
 * cached.
 *
 * <p>Weights per layer: an optional query down-projection {@code d -> q_lora_rank} with its RMSNorm and the up
 * projection to {@code h x (nope + rope)}; a joint down-projection {@code d -> kv_lora_rank + rope} with an RMSNorm
 * on the latent; an up-projection {@code kv_lora_rank -> h x (nope + v)}; the output projection
 * {@code h x v -> d}.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
@Value.Immutable
public abstract class LatentAttention {
    LatentAttention() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return rank of the query compression ({@code q_lora_rank}); 0 means queries are projected directly} */
    @Value.Default
    public int qLoraRank() {
        return 0;
    }

    /** {@return rank of the key-value latent ({@code kv_lora_rank}), cached per token and layer} */
    public abstract int kvLoraRank();

    /** {@return per-head query/key dimensions without rotary embedding ({@code qk_nope_head_dim})} */
    public abstract int qkNopeHeadDim();

    /** {@return per-head query/key dimensions with rotary embedding ({@code qk_rope_head_dim}); the key part is cached} */
    public abstract int qkRopeHeadDim();

    /** {@return per-head value dimensions ({@code v_head_dim})} */
    public abstract int vHeadDim();

    /** {@return the query/key head dimension, {@code nope + rope}} */
    public int qkHeadDim() {
        return Math.toIntExact((long) qkNopeHeadDim() + qkRopeHeadDim());
    }

    /** {@return values cached per token and layer: {@code kv_lora_rank + qk_rope_head_dim}} */
    public int cachedValuesPerToken() {
        return Math.toIntExact((long) kvLoraRank() + qkRopeHeadDim());
    }

    @Value.Check
    void check() {
        Check.nonNegative("qLoraRank", qLoraRank());
        Check.positive("kvLoraRank", kvLoraRank());
        Check.positive("qkNopeHeadDim", qkNopeHeadDim());
        Check.nonNegative("qkRopeHeadDim", qkRopeHeadDim());
        Check.positive("vHeadDim", vHeadDim());
        if (!((long) qkNopeHeadDim() + qkRopeHeadDim() <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("qkNopeHeadDim + qkRopeHeadDim ("
                    + ((long) qkNopeHeadDim() + qkRopeHeadDim()) + ") overflows an int");
        }
        if (!((long) kvLoraRank() + qkRopeHeadDim() <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(
                    "kvLoraRank + qkRopeHeadDim (" + ((long) kvLoraRank() + qkRopeHeadDim()) + ") overflows an int");
        }
    }

    /** Checks the shapes of a model that uses this latent attention. */
    void checkIn(ModelSpec m) {
        if (!(m.headDim() == qkHeadDim())) {
            throw new IllegalArgumentException("headDim (" + m.headDim()
                    + ") must equal qkNopeHeadDim + qkRopeHeadDim (" + qkHeadDim() + ") under latent attention");
        }
        if (!(m.numKeyValueHeads() == m.numAttentionHeads())) {
            throw new IllegalArgumentException("numKeyValueHeads (" + m.numKeyValueHeads()
                    + ") must equal numAttentionHeads (" + m.numAttentionHeads() + ") under latent attention");
        }
        if (m.qkvBias()) {
            throw new IllegalArgumentException("qkvBias (true) is not supported with latent attention");
        }
        if (m.attentionOutputGate()) {
            throw new IllegalArgumentException("attentionOutputGate (true) is not supported with latent attention");
        }
    }

    /** Builds a {@link LatentAttention}; {@link #build()} checks every field. */
    public static final class Builder extends ImmutableLatentAttention.Builder {
        Builder() {}
    }
}
