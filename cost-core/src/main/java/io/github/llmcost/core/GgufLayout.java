package io.github.llmcost.core;

import java.util.EnumMap;
import java.util.Map;

/**
 * The ggml tensor types a GGUF file of a {@link WeightScheme} holds, role by role, following llama.cpp's {@code
 * llama_tensor_get_type} (see {@link WeightScheme}). Parameters are counted as {@link ParameterBreakdown} counts them;
 * the promoted tensors (attn_v, attn_k, attn_output, ffn_down) are sized from the model's shapes layer by layer.
 */
final class GgufLayout {
    private final WeightScheme scheme;
    private final ModelSpec model;
    private final boolean exact;
    private final Map<TensorRole, Map<GgufType, Long>> mix = new EnumMap<>(TensorRole.class);

    private GgufLayout(WeightScheme scheme, ModelSpec model, Convention convention) {
        this.scheme = scheme;
        this.model = model;
        this.exact = convention == Convention.EXACT;
        for (TensorRole role : TensorRole.values()) {
            mix.put(role, new EnumMap<>(GgufType.class));
        }
    }

    /**
     * The parameters of each role in each tensor type.
     *
     * @param scheme a GGUF scheme
     * @param model the model
     * @param convention the parameter counts' convention
     * @return role to type to parameters; every role present
     */
    static Map<TensorRole, Map<GgufType, Long>> of(WeightScheme scheme, ModelSpec model, Convention convention) {
        GgufLayout layout = new GgufLayout(scheme, model, convention);
        layout.compute(model.parameters(convention));
        return layout.mix;
    }

    /** llama.cpp's {@code use_more_bits}: the first and last eighth of the layers, and every third in between. */
    static boolean useMoreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }

    private void compute(ParameterBreakdown p) {
        GgufType base = scheme.ggufBase();
        GgufType output = scheme.ggufOutput();
        boolean tied = p.lmHeadParameters() == 0;
        // the output tensor (or the tied token embeddings serving as output) takes the output type
        add(TensorRole.EMBEDDINGS, tied ? output : base, p.embeddingParameters());
        add(TensorRole.LM_HEAD, output, p.lmHeadParameters());
        add(TensorRole.NORMS, GgufType.F32, p.normParameters());
        add(TensorRole.ROUTER, GgufType.F32, p.routerParameters());
        add(TensorRole.CONVOLUTION, base, p.convolutionParameters());
        long attention = p.attentionParameters();
        long mlp = p.mlpParameters();
        long experts = p.expertParameters();
        boolean eightExperts =
                model.mixtureOfExperts().map(moe -> moe.numExperts() == 8).orElse(false);
        int attentionLayers = model.numAttentionLayers();
        int attentionIndex = 0;
        for (int layer = 0; layer < model.numLayers(); layer++) {
            boolean moreBits = useMoreBits(layer, model.numLayers());
            long down = downParameters(layer);
            TensorRole downRole = exact && model.isExpertLayer(layer) ? TensorRole.EXPERTS : TensorRole.MLP;
            GgufType downType = moreBits ? scheme.ggufPromoted() : base;
            add(downRole, downType, down);
            if (downRole == TensorRole.EXPERTS) {
                experts -= down;
            } else {
                mlp -= down;
            }
            if (model.attentionKind(layer) == AttentionKind.NONE
                    || (exact && model.latentAttention().isPresent())) {
                continue;
            }
            long kv = kvProjectionParameters();
            GgufType vType = eightExperts
                    ? GgufType.Q8_0
                    : useMoreBits(attentionIndex, attentionLayers) ? scheme.ggufPromoted() : base;
            add(TensorRole.ATTENTION, vType, kv);
            attention -= kv;
            if (eightExperts) {
                add(TensorRole.ATTENTION, GgufType.Q8_0, kv); // attn_k
                attention -= kv;
                if (scheme == WeightScheme.Q4_K_M) {
                    long o = outputProjectionParameters();
                    add(TensorRole.ATTENTION, GgufType.Q5_K, o);
                    attention -= o;
                }
            }
            attentionIndex++;
        }
        add(TensorRole.ATTENTION, base, attention);
        add(TensorRole.MLP, base, mlp);
        add(TensorRole.EXPERTS, base, experts);
    }

    /** The K (or V) projection of one attention layer, with its bias. */
    private long kvProjectionParameters() {
        long d = model.hiddenSize();
        if (!exact) {
            return d * d;
        }
        long width = (long) model.numKeyValueHeads() * model.headDim();
        return d * width + (model.qkvBias() ? width : 0);
    }

    /** The output projection of one attention layer, with its bias. */
    private long outputProjectionParameters() {
        long d = model.hiddenSize();
        return (long) model.numAttentionHeads() * model.headDim() * d + (model.outputBias() ? d : 0);
    }

    /** The down matrices of one layer: the dense MLP's, or every expert's (routed and shared). */
    private long downParameters(int layer) {
        long d = model.hiddenSize();
        if (!exact) {
            return 4 * d * d; // the article's MLP: up and down, 4d^2 each
        }
        if (model.isExpertLayer(layer)) {
            MixtureOfExperts moe = model.mixtureOfExperts().orElseThrow();
            return moe.expertIntermediateSize() * d * ((long) moe.numExperts() + moe.numSharedExperts());
        }
        return model.intermediateSize() * d;
    }

    private void add(TensorRole role, GgufType type, long parameters) {
        java.util.Objects.requireNonNull(mix.get(role)).merge(type, parameters, Long::sum);
    }
}
