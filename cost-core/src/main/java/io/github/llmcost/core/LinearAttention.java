package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * The linear attention of {@link AttentionKind#LINEAR_ATTENTION} layers, shaped as Qwen3-Next's Gated DeltaNet: {@link
 * #numKeyHeads()} query/key heads of {@link #keyHeadDim()} and {@link #numValueHeads()} value heads of {@link
 * #valueHeadDim()}, each value head keeping a {@code d_k x d_v} state updated by the gated delta rule, after a
 * depthwise causal convolution of {@link #convolutionKernelSize()} taps over the queries, keys and values.
 *
 * <p>Weights per layer, as transformers' {@code Qwen3NextGatedDeltaNet} stores them (no biases): {@code in_proj_qkvz}
 * {@code d -> 2 key + 2 value} (queries, keys, values and the output gate {@code z}, with {@code key = heads_k x d_k}
 * and {@code value = heads_v x d_v}); {@code in_proj_ba} {@code d -> 2 heads_v} (the write strength {@code beta} and
 * the decay {@code a}); a depthwise {@code conv1d} over the {@code 2 key + value} channels; {@code A_log} and {@code
 * dt_bias}, one value per value head; a gated RMSNorm of {@code d_v} shared by the heads; {@code out_proj} {@code value
 * -> d}.
 *
 * <p>State per sequence: {@code heads_v x d_k x d_v} values, plus {@code (kernel - 1) x (2 key + value)} of the
 * convolution's history: fixed, whatever the context.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
@Value.Immutable
public abstract class LinearAttention {
    LinearAttention() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return query and key heads ({@code linear_num_key_heads})} */
    public abstract int numKeyHeads();

    /** {@return value heads ({@code linear_num_value_heads}), each with its own state} */
    public abstract int numValueHeads();

    /** {@return dimension {@code d_k} of a query or key head ({@code linear_key_head_dim})} */
    public abstract int keyHeadDim();

    /** {@return dimension {@code d_v} of a value head ({@code linear_value_head_dim})} */
    public abstract int valueHeadDim();

    /** {@return taps of the depthwise causal convolution ({@code linear_conv_kernel_dim}); 4 by default} */
    @Value.Default
    public int convolutionKernelSize() {
        return 4;
    }

    /** {@return the width of all keys (and of all queries): {@code heads_k x d_k}} */
    public long keyWidth() {
        return (long) numKeyHeads() * keyHeadDim();
    }

    /** {@return the width of all values: {@code heads_v x d_v}} */
    public long valueWidth() {
        return (long) numValueHeads() * valueHeadDim();
    }

    /** {@return channels of the convolution: {@code 2 key + value}} */
    public long convolutionChannels() {
        return 2 * keyWidth() + valueWidth();
    }

    /** {@return values of the recurrent state per sequence and layer: {@code heads_v x d_k x d_v}} */
    public double recurrentStateValues() {
        return (double) numValueHeads() * keyHeadDim() * valueHeadDim();
    }

    /** {@return values of the convolution's history per sequence and layer: {@code (kernel - 1) x channels}} */
    public double convolutionStateValues() {
        return (convolutionKernelSize() - 1.0) * convolutionChannels();
    }

    @Value.Check
    void check() {
        Check.positive("numKeyHeads", numKeyHeads());
        Check.positive("numValueHeads", numValueHeads());
        Check.positive("keyHeadDim", keyHeadDim());
        Check.positive("valueHeadDim", valueHeadDim());
        Check.positive("convolutionKernelSize", convolutionKernelSize());
        if (!(numValueHeads() % numKeyHeads() == 0)) {
            throw new IllegalArgumentException("numKeyHeads (" + numKeyHeads() + ") must divide numValueHeads ("
                    + numValueHeads() + ") of the linear attention");
        }
    }

    /** Builds a {@link LinearAttention}; {@link #build()} checks every field. */
    public static final class Builder extends ImmutableLinearAttention.Builder {
        Builder() {}
    }
}
