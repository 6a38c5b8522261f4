package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import org.immutables.value.Value;

/**
 * The selective state-space mixer of {@link AttentionKind#STATE_SPACE} layers, shaped as Mamba-2's SSD layer: {@link
 * #numHeads()} heads of {@link #headDim()} channels (the inner width {@code d_inner = heads x headDim}, usually {@code
 * expand x d}), a state of {@link #stateSize()} values per channel, {@link #numGroups()} groups sharing the input and
 * output projections {@code B} and {@code C}, and a depthwise causal convolution of {@link #convolutionKernelSize()}
 * taps.
 *
 * <p>Weights per layer, as transformers' {@code Mamba2Mixer} stores them: {@code in_proj} {@code d -> 2 d_inner + 2
 * groups N + heads} (the gate {@code z}, the input {@code x}, {@code B}, {@code C} and the step {@code dt}); a
 * depthwise {@code conv1d} over the {@code d_inner + 2 groups N} channels of {@code x}, {@code B} and {@code C}, with a
 * bias per channel when {@link #convolutionBias()}; {@code A_log}, {@code D} and {@code dt_bias}, one value per head;
 * a gated RMSNorm of {@code d_inner} when {@link #gatedNorm()}; {@code out_proj} {@code d_inner -> d}; biases on both
 * projections when {@link #projectionBias()}.
 *
 * <p>State per sequence: {@code heads x headDim x N} values of the recurrence, plus {@code (kernel - 1) x channels} of
 * the convolution's history: fixed, whatever the context.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
@Value.Immutable
public abstract class StateSpace {
    StateSpace() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return SSM heads ({@code num_heads}, {@code nheads})} */
    public abstract int numHeads();

    /** {@return channels per head {@code P} ({@code head_dim}, {@code headdim})} */
    public abstract int headDim();

    /** {@return the state size {@code N} per channel ({@code state_size}, {@code d_state})} */
    public abstract int stateSize();

    /** {@return groups of heads sharing {@code B} and {@code C} ({@code n_groups}, {@code ngroups}); 1 by default} */
    @Value.Default
    public int numGroups() {
        return 1;
    }

    /** {@return taps of the depthwise causal convolution ({@code conv_kernel}, {@code d_conv}); 4 by default} */
    @Value.Default
    public int convolutionKernelSize() {
        return 4;
    }

    /** {@return whether the convolution has a bias per channel ({@code use_conv_bias}); true by default} */
    @Value.Default
    public boolean convolutionBias() {
        return true;
    }

    /** {@return whether {@code in_proj} and {@code out_proj} have biases ({@code use_bias}); false by default} */
    @Value.Default
    public boolean projectionBias() {
        return false;
    }

    /** {@return whether the output passes a gated RMSNorm of {@code d_inner} before {@code out_proj}; true by default} */
    @Value.Default
    public boolean gatedNorm() {
        return true;
    }

    /**
     * {@return whether state-space layers also have the model's MLP after the mixer (Falcon-H1, Granite 4.0-H, Jamba);
     * false by default: a Mamba-2 block is the mixer alone}
     */
    @Value.Default
    public boolean hasMlp() {
        return false;
    }

    /** {@return the inner width {@code d_inner = heads x headDim}} */
    public long innerSize() {
        return (long) numHeads() * headDim();
    }

    /** {@return channels of the convolution: {@code d_inner + 2 x groups x N}} */
    public long convolutionChannels() {
        return innerSize() + 2L * numGroups() * stateSize();
    }

    /** {@return outputs of {@code in_proj}: {@code 2 d_inner + 2 groups N + heads}} */
    public long inputProjectionWidth() {
        return 2 * innerSize() + 2L * numGroups() * stateSize() + numHeads();
    }

    /** {@return values of the recurrent state per sequence and layer: {@code heads x headDim x N}} */
    public double recurrentStateValues() {
        return (double) innerSize() * stateSize();
    }

    /** {@return values of the convolution's history per sequence and layer: {@code (kernel - 1) x channels}} */
    public double convolutionStateValues() {
        return (convolutionKernelSize() - 1.0) * convolutionChannels();
    }

    @Value.Check
    void check() {
        Check.positive("numHeads", numHeads());
        Check.positive("headDim", headDim());
        Check.positive("stateSize", stateSize());
        Check.positive("numGroups", numGroups());
        Check.positive("convolutionKernelSize", convolutionKernelSize());
        if (!(numHeads() % numGroups() == 0)) {
            throw new IllegalArgumentException(
                    "numGroups (" + numGroups() + ") must divide numHeads (" + numHeads() + ") of the state space");
        }
    }

    /** Builds a {@link StateSpace}; {@link #build()} checks every field. */
    public static final class Builder extends ImmutableStateSpace.Builder {
        Builder() {}
    }
}
