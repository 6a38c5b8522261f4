package io.github.llmcost.core;

import io.github.llmcost.core.internal.Check;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * An immutable description of a decoder-only transformer: the shapes that decide its FLOPs, parameters and KV cache.
 *
 * <p>Covers what people deploy today: multi-head, grouped-query and multi-query attention ({@link
 * #numKeyValueHeads()}), head dimensions other than {@code d/h} ({@link #headDim()}), plain or gated MLPs, biases,
 * RMSNorm or LayerNorm with any number of norms per layer and optional q/k norms, tied or untied embeddings, learned
 * position embeddings, per-layer attention kinds (global, sliding window, attention-free convolution, Mamba-2
 * state-space mixers ({@link StateSpace}), gated-delta linear attention ({@link LinearAttention}), and hybrids of them),
 * Mixture of Experts ({@link MixtureOfExperts}) and multi-head latent attention ({@link LatentAttention}).
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}; {@link Builder#build()} rejects invalid combinations
 * with an {@link IllegalArgumentException} naming the field and its value (a missing required field is an
 * {@link IllegalStateException} naming it). Ready-made models are in {@link ModelPresets}.
 *
 * <pre>{@code
 * ModelSpec tiny = ModelSpec.builder()
 *     .name("tiny").hiddenSize(512).numLayers(4).numAttentionHeads(8).numKeyValueHeads(2)
 *     .intermediateSize(1536).vocabSize(32000)
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class ModelSpec {
    ModelSpec() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a display name, such as {@code "Llama 3.1 8B"}} */
    public abstract String name();

    /** {@return the model dimension {@code d} ({@code hidden_size})} */
    public abstract int hiddenSize();

    /** {@return the number of layers {@code L} ({@code num_hidden_layers})} */
    public abstract int numLayers();

    /** {@return query heads {@code h} ({@code num_attention_heads})} */
    public abstract int numAttentionHeads();

    /**
     * {@return key-value heads {@code g} ({@code num_key_value_heads}): {@code h} for multi-head attention (the
     * default), fewer for grouped-query, 1 for multi-query}
     */
    @Value.Default
    public int numKeyValueHeads() {
        return numAttentionHeads();
    }

    /**
     * {@return the dimension per head {@code d_k} ({@code head_dim}); by default {@code d/h}, or the query/key head
     * dimension of {@link #latentAttention()} when set. Not always {@code d/h}: Gemma 2 9B has 256 with {@code d} =
     * 3584 and 16 heads}
     */
    @Value.Default
    public int headDim() {
        if (latentAttention().isPresent()) {
            return latentAttention().get().qkHeadDim();
        }
        int d = Check.positive("hiddenSize", hiddenSize());
        int h = Check.positive("numAttentionHeads", numAttentionHeads());
        if (!(d % h == 0)) {
            throw new IllegalArgumentException("headDim must be set when hiddenSize (" + d
                    + ") is not a multiple of numAttentionHeads (" + h + ")");
        }
        return d / h;
    }

    /** {@return the vocabulary size {@code V} ({@code vocab_size})} */
    public abstract int vocabSize();

    /** {@return the intermediate size {@code I} of the dense MLP ({@code intermediate_size}); 0 if no layer has one} */
    public abstract int intermediateSize();

    /** {@return the MLP shape; {@link MlpKind#GATED} by default} */
    @Value.Default
    public MlpKind mlpKind() {
        return MlpKind.GATED;
    }

    /** {@return whether MLP matrices have biases; false by default} */
    @Value.Default
    public boolean mlpBias() {
        return false;
    }

    /** {@return whether the lm_head shares the token embedding matrix ({@code tie_word_embeddings}); false by default} */
    @Value.Default
    public boolean tieWordEmbeddings() {
        return false;
    }

    /** {@return rows of a learned absolute position embedding (GPT-2's {@code n_positions}); 0 (none) by default} */
    @Value.Default
    public int learnedPositionEmbeddings() {
        return 0;
    }

    /** {@return whether the Q, K and V projections have biases (GPT-2, Qwen2); false by default} */
    @Value.Default
    public boolean qkvBias() {
        return false;
    }

    /** {@return whether the output projection has a bias (GPT-2); false by default} */
    @Value.Default
    public boolean outputBias() {
        return false;
    }

    /** {@return the normalisation; {@link NormKind#RMS_NORM} by default} */
    @Value.Default
    public NormKind normKind() {
        return NormKind.RMS_NORM;
    }

    /**
     * {@return norms of width {@code d} per layer: 2 by default (before attention and before the MLP), 1 for
     * parallel-attention blocks (Falcon-7B), 4 for Gemma 2. The final norm is always counted once more}
     */
    @Value.Default
    public int normsPerLayer() {
        return 2;
    }

    /**
     * {@return whether attention's output is gated per head by a second half of the query projection (Qwen3-Next's
     * gated attention: {@code q_proj} of {@code d -> 2 h d_k}); false by default}
     */
    @Value.Default
    public boolean attentionOutputGate() {
        return false;
    }

    /** {@return whether queries and keys are normalised per head (Qwen3, LFM2), one norm of {@code d_k} each} */
    @Value.Default
    public boolean qkNorm() {
        return false;
    }

    /**
     * {@return the attention kind of each layer, or an empty list (the default) meaning every layer is {@link
     * AttentionKind#GLOBAL}}
     */
    public abstract List<AttentionKind> attentionKinds();

    /** {@return the sliding window {@code w} in tokens of {@link AttentionKind#SLIDING_WINDOW} layers; 0 if none} */
    @Value.Default
    public int slidingWindow() {
        return 0;
    }

    /** {@return the taps of the short convolution in {@link AttentionKind#NONE} layers; 0 if none} */
    @Value.Default
    public int convolutionKernelSize() {
        return 0;
    }

    /**
     * {@return the longest sequence (prompt plus output) the model was built for, its config's {@code
     * max_position_embeddings}; empty if unknown, and then no length is refused}
     */
    public abstract OptionalLong maxContextTokens();

    /** {@return the Mixture-of-Experts layout, if the model routes} */
    public abstract Optional<MixtureOfExperts> mixtureOfExperts();

    /** {@return the multi-head latent attention shapes, if the model uses MLA} */
    public abstract Optional<LatentAttention> latentAttention();

    /** {@return the state-space mixer of {@link AttentionKind#STATE_SPACE} layers; set exactly when there are some} */
    public abstract Optional<StateSpace> stateSpace();

    /** {@return the linear attention of {@link AttentionKind#LINEAR_ATTENTION} layers; set exactly when there are some} */
    public abstract Optional<LinearAttention> linearAttention();

    /**
     * The attention kind of one layer.
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @return its kind
     */
    public AttentionKind attentionKind(int layer) {
        checkLayer(layer);
        return attentionKinds().isEmpty()
                ? AttentionKind.GLOBAL
                : attentionKinds().get(layer);
    }

    /**
     * {@return how many layers have the given attention kind}
     *
     * @param kind the kind to count
     */
    public int numLayers(AttentionKind kind) {
        java.util.Objects.requireNonNull(kind, "kind");
        if (attentionKinds().isEmpty()) {
            return kind == AttentionKind.GLOBAL ? numLayers() : 0;
        }
        int count = 0;
        for (AttentionKind k : attentionKinds()) {
            if (k == kind) {
                count++;
            }
        }
        return count;
    }

    /**
     * {@return layers that attend (global or sliding window: {@link AttentionKind#attends()}), the article's {@code
     * L_attn}}
     */
    public int numAttentionLayers() {
        return numLayers(AttentionKind.GLOBAL) + numLayers(AttentionKind.SLIDING_WINDOW);
    }

    /**
     * Whether a layer has an MLP (dense or routed) after its mixer: every layer but the state-space layers of a model
     * whose {@link StateSpace#hasMlp()} is false (Mamba-2).
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @return true if the layer has an MLP
     */
    public boolean hasMlp(int layer) {
        return RecurrentLayers.hasMlp(this, attentionKind(layer));
    }

    /**
     * Whether a layer routes to experts rather than using a dense MLP.
     *
     * @param layer zero-based index in {@code [0, numLayers)}
     * @return true for Mixture-of-Experts layers
     */
    public boolean isExpertLayer(int layer) {
        return hasMlp(layer)
                && mixtureOfExperts().isPresent()
                && layer >= mixtureOfExperts().get().firstDenseLayers();
    }

    /** The FLOP counter under ARTICLE, built once: {@link FlopCounter#of} hands it out. */
    @Value.Lazy
    FlopCounter articleFlopCounter() {
        return FlopCounter.create(this, Convention.ARTICLE);
    }

    /** The FLOP counter under EXACT, built once. */
    @Value.Lazy
    FlopCounter exactFlopCounter() {
        return FlopCounter.create(this, Convention.EXACT);
    }

    FlopCounter flopCounter(Convention convention) {
        return convention == Convention.ARTICLE ? articleFlopCounter() : exactFlopCounter();
    }

    /**
     * {@return the layers grouped by what they cost: same attention kind, same MLP; in order of first layer}
     */
    @Value.Lazy
    public List<LayerGroup> layerGroups() {
        java.util.Map<String, int[]> groups = new java.util.LinkedHashMap<>(); // key -> {first, count}
        for (int layer = 0; layer < numLayers(); layer++) {
            String key = attentionKind(layer) + "/" + isExpertLayer(layer);
            int index = layer;
            groups.computeIfAbsent(key, k -> new int[] {index, 0})[1]++;
        }
        List<LayerGroup> result = new java.util.ArrayList<>();
        for (int[] g : groups.values()) {
            result.add(new LayerGroup(g[0], g[1], attentionKind(g[0]), isExpertLayer(g[0])));
        }
        return List.copyOf(result);
    }

    /** {@return the per-head dimension of values: {@code v_head_dim} under MLA, else {@link #headDim()}} */
    public int valueHeadDim() {
        return latentAttention().map(LatentAttention::vHeadDim).orElse(headDim());
    }

    /** {@return the parameter breakdown under {@link Convention#EXACT}, computed once} */
    @Value.Lazy
    public ParameterBreakdown parameters() {
        return ParameterBreakdown.compute(this, Convention.EXACT);
    }

    /**
     * The parameter breakdown under a convention.
     *
     * @param convention {@link Convention#ARTICLE} counts {@code 12 d^2} per layer and nothing else
     * @return the breakdown
     */
    public ParameterBreakdown parameters(Convention convention) {
        java.util.Objects.requireNonNull(convention, "convention");
        return convention == Convention.EXACT ? parameters() : ParameterBreakdown.compute(this, convention);
    }

    /**
     * A copy with another name.
     *
     * @param name the new name
     * @return the copy
     */
    public abstract ModelSpec withName(String name);

    /**
     * A copy with another maximum context.
     *
     * @param tokens the longest sequence, {@code >= 1}
     * @return the copy
     */
    public abstract ModelSpec withMaxContextTokens(long tokens);

    private void checkLayer(int layer) {
        if (!(layer >= 0 && layer < numLayers())) {
            throw new IllegalArgumentException("layer (" + layer + ") must be in [0, " + numLayers() + ")");
        }
    }

    @Value.Check
    void check() {
        if (name().isBlank()) {
            throw new IllegalArgumentException("name (\"" + name() + "\") must not be blank");
        }
        Check.positive("hiddenSize", hiddenSize());
        Check.positive("numLayers", numLayers());
        Check.positive("numAttentionHeads", numAttentionHeads());
        Check.positive("numKeyValueHeads", numKeyValueHeads());
        Check.positive("headDim", headDim());
        Check.positive("vocabSize", vocabSize());
        Check.nonNegative("learnedPositionEmbeddings", learnedPositionEmbeddings());
        Check.nonNegative("normsPerLayer", normsPerLayer());
        Check.nonNegative("slidingWindow", slidingWindow());
        Check.nonNegative("convolutionKernelSize", convolutionKernelSize());
        if (maxContextTokens().isPresent()) {
            Check.positive("maxContextTokens", maxContextTokens().getAsLong());
        }
        if (!(numKeyValueHeads() <= numAttentionHeads())) {
            throw new IllegalArgumentException("numKeyValueHeads (" + numKeyValueHeads()
                    + ") must be <= numAttentionHeads (" + numAttentionHeads() + ")");
        }
        if (!(numAttentionHeads() % numKeyValueHeads() == 0)) {
            throw new IllegalArgumentException("numKeyValueHeads (" + numKeyValueHeads()
                    + ") must divide numAttentionHeads (" + numAttentionHeads() + ")");
        }
        if (!(attentionKinds().isEmpty() || attentionKinds().size() == numLayers())) {
            throw new IllegalArgumentException(
                    "attentionKinds (" + attentionKinds().size() + " entries) must be empty or have numLayers ("
                            + numLayers() + ") entries");
        }
        boolean sliding = numLayers(AttentionKind.SLIDING_WINDOW) > 0;
        if (!(sliding == (slidingWindow() > 0))) {
            throw new IllegalArgumentException(
                    sliding
                            ? "slidingWindow (" + slidingWindow() + ") must be > 0 when a layer is SLIDING_WINDOW"
                            : "slidingWindow (" + slidingWindow() + ") is set but no layer is SLIDING_WINDOW");
        }
        boolean convolution = numLayers(AttentionKind.NONE) > 0;
        if (!(convolution == (convolutionKernelSize() > 0))) {
            throw new IllegalArgumentException(
                    convolution
                            ? "convolutionKernelSize (" + convolutionKernelSize() + ") must be > 0 when a layer is NONE"
                            : "convolutionKernelSize (" + convolutionKernelSize() + ") is set but no layer is NONE");
        }
        RecurrentLayers.check(this);
        if (mixtureOfExperts().isPresent()) {
            int dense = mixtureOfExperts().get().firstDenseLayers();
            if (!(dense < numLayers())) {
                throw new IllegalArgumentException(
                        "firstDenseLayers (" + dense + ") must be < numLayers (" + numLayers() + ")");
            }
        }
        latentAttention().ifPresent(mla -> mla.checkIn(this));
        // Computing the parameters here rejects models whose counts overflow a long, at build() time.
        parameters();
    }

    /** Builds a {@link ModelSpec}; {@link #build()} checks every field and their combinations. */
    public static final class Builder extends ImmutableModelSpec.Builder {
        Builder() {}
    }
}
