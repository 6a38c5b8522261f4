package io.github.llmcost.core;

/**
 * The shapes of the presets whose layers keep a fixed state or slide, built here so that {@link ModelPresets} keeps
 * their citations and stays short. Each method's numbers are transcribed from the config.json its preset's javadoc
 * cites.
 */
final class RecurrentPresets {
    private RecurrentPresets() {}

    /** Mamba-2 2.7B: 64 mixers of 80 heads x 64, state 128, no MLP, no attention. */
    static ModelSpec mamba2() {
        return ModelSpec.builder()
                .name("Mamba-2 2.7B")
                .hiddenSize(2560)
                .numLayers(64)
                // no attention layer: the heads are the SSM's, so that tensor parallelism splits them
                .numAttentionHeads(80)
                .intermediateSize(0)
                .vocabSize(50288) // 50,277 padded to a multiple of 16 (pad_vocab_size_multiple)
                .tieWordEmbeddings(true)
                .normsPerLayer(1)
                .attentionKinds(AttentionKind.repeating(64, AttentionKind.STATE_SPACE))
                .stateSpace(StateSpace.builder()
                        .numHeads(80)
                        .headDim(64)
                        .stateSize(128)
                        .build())
                .build();
    }

    /** Gemma 3 1B: 26 layers, five sliding-window (512) layers to one global, MQA with q/k norms. */
    static ModelSpec gemma3OneB() {
        return ModelSpec.builder()
                .name("Gemma 3 1B")
                .hiddenSize(1152)
                .numLayers(26)
                .numAttentionHeads(4)
                .numKeyValueHeads(1)
                .headDim(256)
                .intermediateSize(6912)
                .vocabSize(262144)
                .tieWordEmbeddings(true)
                .normsPerLayer(4)
                .qkNorm(true)
                .attentionKinds(AttentionKind.repeating(
                        26,
                        AttentionKind.SLIDING_WINDOW,
                        AttentionKind.SLIDING_WINDOW,
                        AttentionKind.SLIDING_WINDOW,
                        AttentionKind.SLIDING_WINDOW,
                        AttentionKind.SLIDING_WINDOW,
                        AttentionKind.GLOBAL))
                .slidingWindow(512)
                .maxContextTokens(32768)
                .build();
    }

    /** LFM2-2.6B: 30 layers, attention at 2, 5, 9, 13, 17, 21, 24, 27, gated convolutions elsewhere. */
    static ModelSpec lfm2TwoPointSixB() {
        return ModelSpec.builder()
                .name("LFM2 2.6B")
                .hiddenSize(2048)
                .numLayers(30)
                .numAttentionHeads(32)
                .numKeyValueHeads(8)
                .intermediateSize(10752)
                .vocabSize(65536)
                .tieWordEmbeddings(true)
                .qkNorm(true)
                .attentionKinds(
                        AttentionKind.at(30, AttentionKind.GLOBAL, AttentionKind.NONE, 2, 5, 9, 13, 17, 21, 24, 27))
                .convolutionKernelSize(3)
                .maxContextTokens(128000)
                .build();
    }

    /**
     * Granite 4.0-H-350M: 32 layers of 768, Mamba-2 mixers (48 heads of 32, state 128) everywhere but GQA attention
     * (12/4) at layers 10, 13, 17 and 27; every layer has a SwiGLU of 2,048.
     */
    static ModelSpec granite4Hybrid() {
        return ModelSpec.builder()
                .name("Granite 4.0-H 350M")
                .hiddenSize(768)
                .numLayers(32)
                .numAttentionHeads(12)
                .numKeyValueHeads(4)
                .intermediateSize(2048)
                .vocabSize(100352)
                .tieWordEmbeddings(true)
                .attentionKinds(AttentionKind.at(32, AttentionKind.GLOBAL, AttentionKind.STATE_SPACE, 10, 13, 17, 27))
                .stateSpace(StateSpace.builder()
                        .numHeads(48)
                        .headDim(32)
                        .stateSize(128)
                        .hasMlp(true)
                        .build())
                .maxContextTokens(32768)
                .build();
    }

    /**
     * Qwen3-Next-80B-A3B: 48 layers of 2,048, gated DeltaNet (16 key heads, 32 value heads, 128 x 128, 4 taps) on
     * three layers of four and gated attention (16/2 heads of 256, q/k norms) on every fourth; 512 routed experts of
     * 512 (10 per token) plus a gated shared expert on every layer.
     */
    static ModelSpec qwen3Next() {
        return ModelSpec.builder()
                .name("Qwen3-Next 80B-A3B")
                .hiddenSize(2048)
                .numLayers(48)
                .numAttentionHeads(16)
                .numKeyValueHeads(2)
                .headDim(256)
                .attentionOutputGate(true)
                .qkNorm(true)
                .intermediateSize(5120) // no dense layer uses it: every layer routes
                .vocabSize(151936)
                .attentionKinds(AttentionKind.repeating(
                        48,
                        AttentionKind.LINEAR_ATTENTION,
                        AttentionKind.LINEAR_ATTENTION,
                        AttentionKind.LINEAR_ATTENTION,
                        AttentionKind.GLOBAL))
                .linearAttention(LinearAttention.builder()
                        .numKeyHeads(16)
                        .numValueHeads(32)
                        .keyHeadDim(128)
                        .valueHeadDim(128)
                        .build())
                .mixtureOfExperts(MixtureOfExperts.builder()
                        .numExperts(512)
                        .expertsPerToken(10)
                        .expertIntermediateSize(512)
                        .numSharedExperts(1)
                        .sharedExpertGate(true)
                        .build())
                .maxContextTokens(262144)
                .build();
    }
}
