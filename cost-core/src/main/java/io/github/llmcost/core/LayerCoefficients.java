package io.github.llmcost.core;

/**
 * The FLOP coefficients of one layer under each convention: FLOPs per new token of each operation that does not depend
 * on context, and FLOPs per (query, key) pair of attention scores and aggregation. {@link FlopCounter} fills its
 * tables with them once per layer.
 */
@SuppressWarnings("EnumOrdinal") // dense double[] indexed by Operation, as EnumMap does internally
final class LayerCoefficients {
    private LayerCoefficients() {}

    /** The article's algebra: square projections, an MLP of {@code 16d^2}, full score matrices. */
    static void article(ModelSpec model, int layer, double[] t, double[] scoresPerKey, double[] aggregationPerKey) {
        double d2 = (double) model.hiddenSize() * model.hiddenSize();
        if (!model.attentionKind(layer).attends()) { // any attention-free mixer counts as the article's 4d^2
            t[Operation.CONVOLUTION.ordinal()] = 8 * d2;
        } else {
            t[Operation.Q_PROJECTION.ordinal()] = 2 * d2;
            t[Operation.K_PROJECTION.ordinal()] = 2 * d2;
            t[Operation.V_PROJECTION.ordinal()] = 2 * d2;
            t[Operation.O_PROJECTION.ordinal()] = 2 * d2;
            scoresPerKey[layer] = 2.0 * model.hiddenSize();
            aggregationPerKey[layer] = 2.0 * model.hiddenSize();
        }
        t[Operation.MLP_UP.ordinal()] = 8 * d2;
        t[Operation.MLP_DOWN.ordinal()] = 8 * d2;
    }

    /** A real checkpoint: KV heads, the real MLP, experts, latent attention, convolutions, recurrent mixers. */
    static void exact(ModelSpec model, int layer, double[] t, double[] scoresPerKey, double[] aggregationPerKey) {
        double d = model.hiddenSize();
        double h = model.numAttentionHeads();
        AttentionKind kind = model.attentionKind(layer);
        if (kind == AttentionKind.NONE) {
            t[Operation.CONVOLUTION.ordinal()] = 2 * (4 * d * d + d * model.convolutionKernelSize());
        } else if (kind.keepsFixedState()) {
            RecurrentLayers.exact(model, kind, t);
        } else if (model.latentAttention().isPresent()) {
            LatentAttention mla = model.latentAttention().get();
            double qk = mla.qkHeadDim();
            double q = mla.qLoraRank() > 0 ? d * mla.qLoraRank() + mla.qLoraRank() * h * qk : d * h * qk;
            t[Operation.Q_PROJECTION.ordinal()] = 2 * q;
            t[Operation.K_PROJECTION.ordinal()] =
                    2 * (d * mla.cachedValuesPerToken() + (double) mla.kvLoraRank() * h * mla.qkNopeHeadDim());
            t[Operation.V_PROJECTION.ordinal()] = 2.0 * mla.kvLoraRank() * h * mla.vHeadDim();
            t[Operation.O_PROJECTION.ordinal()] = 2 * h * mla.vHeadDim() * d;
            scoresPerKey[layer] = 2 * h * qk;
            aggregationPerKey[layer] = 2 * h * mla.vHeadDim();
        } else {
            double dk = model.headDim();
            double g = model.numKeyValueHeads();
            t[Operation.Q_PROJECTION.ordinal()] = 2 * d * h * dk * (model.attentionOutputGate() ? 2 : 1);
            t[Operation.K_PROJECTION.ordinal()] = 2 * d * g * dk;
            t[Operation.V_PROJECTION.ordinal()] = 2 * d * g * dk;
            t[Operation.O_PROJECTION.ordinal()] = 2 * h * dk * d;
            scoresPerKey[layer] = 2 * h * dk;
            aggregationPerKey[layer] = 2 * h * dk;
        }
        if (!model.hasMlp(layer)) {
            return;
        }
        double intermediate;
        double experts;
        if (model.isExpertLayer(layer)) {
            MixtureOfExperts moe = model.mixtureOfExperts().orElseThrow();
            intermediate = moe.expertIntermediateSize();
            experts = moe.expertsPerToken() + moe.numSharedExperts();
            t[Operation.ROUTER.ordinal()] = 2 * d * (moe.numExperts() + (moe.sharedExpertGate() ? 1 : 0));
        } else {
            intermediate = model.intermediateSize();
            experts = 1;
        }
        double matrix = 2 * d * intermediate * experts;
        if (model.mlpKind() == MlpKind.GATED) {
            t[Operation.MLP_GATE.ordinal()] = matrix;
        }
        t[Operation.MLP_UP.ordinal()] = matrix;
        t[Operation.MLP_DOWN.ordinal()] = matrix;
    }

    /**
     * (query, key) pairs for tokens {@code p+1 .. p+m} of a layer of the given kind: each attends to every key up to
     * itself (all of them under ARTICLE or without causal masking), at most the window in sliding-window layers, none
     * in layers that keep a fixed state.
     */
    static double keys(ModelSpec model, Convention convention, boolean causal, AttentionKind kind, long p, long m) {
        if (!kind.attends()) {
            return 0;
        }
        double end = (double) p + m;
        if (convention == Convention.ARTICLE) {
            return m * end;
        }
        double window = kind == AttentionKind.SLIDING_WINDOW ? model.slidingWindow() : Double.POSITIVE_INFINITY;
        if (!causal) {
            return m * Math.min(end, window);
        }
        // sum over i = p+1 .. p+m of min(i, w)
        double rampEnd = Math.min(end, window);
        double ramp = 0;
        if (p + 1 <= rampEnd) {
            double first = p + 1;
            ramp = (first + rampEnd) * (rampEnd - first + 1) / 2;
        }
        double flat = end - Math.max((double) p, window);
        return ramp + (flat > 0 ? flat * window : 0);
    }
}
