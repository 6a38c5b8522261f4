package io.github.llmcost.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ready-made {@link ModelSpec}s: the article's model classes and real checkpoints.
 *
 * <p>Every real preset is transcribed from its {@code config.json} on the Hugging Face Hub
 * ({@code https://huggingface.co/<repo>/blob/main/config.json}, read 2026-11) and its {@link Convention#EXACT}
 * parameter count equals the model's published parameter count, which a test asserts to the parameter. Where the
 * Hub's "Safetensors" figure counts tensors that are not model parameters (rotary buffers, causal-mask buffers, a
 * tied head stored twice, DeepSeek-V3's multi-token-prediction module), the javadoc says so and gives both.
 *
 * <p>Each real preset's {@link ModelSpec#maxContextTokens()} is its config's {@code max_position_embeddings} (GPT-2's
 * {@code n_positions}; Falcon-7B's config has none, and transformers' {@code FalconConfig} default, 2,048, the length
 * it was trained at, stands); the article's classes have none.
 *
 * <p>Ids are lowercase and hyphenated; {@link #byId(String)} finds one, {@link #ids()} lists them.
 */
public final class ModelPresets {
    private ModelPresets() {}

    /**
     * The article's 1B class (sections 1, 2 and 5): {@code d} = 2048, {@code L} = 16, 32 query heads, 8 KV heads,
     * {@code d_k} = 64, which are Llama 3.2 1B's shapes (the model the article names), so the rest (SwiGLU of 8192,
     * vocabulary 128,256, tied embeddings) is Llama 3.2 1B's. {@link Convention#ARTICLE} parameters: {@code 12Ld^2}
     * = 805,306,368.
     */
    public static final ModelSpec ARTICLE_1B_CLASS = llama("Article 1B class", 2048, 16, 32, 8, 8192, 128256, true);

    /**
     * The article's 7B class (section 5.5): 32 layers, 8 KV heads, {@code d_k} = 128, global attention. The article
     * gives no other shape; {@code d} = 4096 with 32 heads, a SwiGLU of 14,336 and a 32,000-token vocabulary are
     * Mistral 7B's, whose KV layout matches the article's exactly. EXACT parameters: 7,241,732,096.
     */
    public static final ModelSpec ARTICLE_7B_CLASS = llama("Article 7B class", 4096, 32, 32, 8, 14336, 32000, false);

    /**
     * The article's 14B class (section 6.1): 32 layers, 8 KV heads, {@code d_k} = 128, about 14B parameters. The
     * article benchmarks against Qwen3 14B but gives a 32-layer KV layout Qwen3 14B does not have (it has 40), so this
     * class keeps the article's layout and sizes the rest to 14B: {@code d} = 6144 (48 heads), a SwiGLU of
     * {@code 8d/3} = 16,384, Qwen3's 151,936-token vocabulary, untied. ARTICLE parameters {@code 12Ld^2} =
     * 14,495,514,624; EXACT 14,349,637,632.
     */
    public static final ModelSpec ARTICLE_14B_CLASS = llama("Article 14B class", 6144, 32, 48, 8, 16384, 151936, false);

    /**
     * Llama 3.2 1B ({@code meta-llama/Llama-3.2-1B}): 1,235,814,400 parameters, the Hub's safetensors total and the
     * model card's "1.23B". Tied embeddings, GQA 32/8, {@code d_k} = 64.
     */
    public static final ModelSpec LLAMA_3_2_1B =
            llama("Llama 3.2 1B", 2048, 16, 32, 8, 8192, 128256, true).withMaxContextTokens(131072);

    /**
     * Llama 3.2 3B ({@code meta-llama/Llama-3.2-3B}): 3,212,749,824 parameters (Hub safetensors total; model card
     * "3.21B"). Tied embeddings, GQA 24/8, {@code d_k} = 128.
     */
    public static final ModelSpec LLAMA_3_2_3B =
            llama("Llama 3.2 3B", 3072, 28, 24, 8, 8192, 128256, true).withMaxContextTokens(131072);

    /** Llama 3.1 8B ({@code meta-llama/Llama-3.1-8B}): 8,030,261,248 parameters (Hub safetensors total). */
    public static final ModelSpec LLAMA_3_1_8B =
            llama("Llama 3.1 8B", 4096, 32, 32, 8, 14336, 128256, false).withMaxContextTokens(131072);

    /** Llama 3.1 70B ({@code meta-llama/Llama-3.1-70B}): 70,553,706,496 parameters (Hub safetensors total). */
    public static final ModelSpec LLAMA_3_1_70B =
            llama("Llama 3.1 70B", 8192, 80, 64, 8, 28672, 128256, false).withMaxContextTokens(131072);

    /** Llama 3.1 405B ({@code meta-llama/Llama-3.1-405B}): 405,853,388,800 parameters (Hub safetensors total). */
    public static final ModelSpec LLAMA_3_1_405B =
            llama("Llama 3.1 405B", 16384, 126, 128, 8, 53248, 128256, false).withMaxContextTokens(131072);

    /**
     * Llama 2 7B ({@code meta-llama/Llama-2-7b-hf}): 6,738,415,616 parameters. Multi-head attention (32 KV heads),
     * SwiGLU of 11,008, 32,000 tokens. The Hub's safetensors total, 6,738,417,664, also counts 32 stored rotary
     * {@code inv_freq} buffers of 64 values, which are not parameters.
     */
    public static final ModelSpec LLAMA_2_7B =
            llama("Llama 2 7B", 4096, 32, 32, 32, 11008, 32000, false).withMaxContextTokens(4096);

    /**
     * Qwen3 14B ({@code Qwen/Qwen3-14B}): 14,768,307,200 parameters (llama.cpp and keras-hub report the same
     * figure). 40 layers, GQA 40/8, {@code d_k} = 128, per-head q/k RMSNorms, SwiGLU of 17,408.
     */
    public static final ModelSpec QWEN3_14B = ModelSpec.builder()
            .from(llama("Qwen3 14B", 5120, 40, 40, 8, 17408, 151936, false))
            .qkNorm(true)
            .maxContextTokens(40960)
            .build();

    /**
     * Qwen3-30B-A3B ({@code Qwen/Qwen3-30B-A3B}): 30,532,122,624 parameters (Hub safetensors total), about 3.3B
     * active. 48 layers, all Mixture of Experts: 128 experts of 768, 8 per token, no shared expert; GQA 32/4 with
     * {@code d_k} = 128 and q/k norms.
     */
    public static final ModelSpec QWEN3_30B_A3B = ModelSpec.builder()
            .from(llama("Qwen3 30B-A3B", 2048, 48, 32, 4, 6144, 151936, false))
            .headDim(128)
            .qkNorm(true)
            .mixtureOfExperts(MixtureOfExperts.of(128, 8, 768))
            .maxContextTokens(40960)
            .build();

    /**
     * Qwen2.5 7B ({@code Qwen/Qwen2.5-7B}): 7,615,616,512 parameters (Hub safetensors total). GQA 28/4, biases on
     * Q, K and V but not O, SwiGLU of 18,944. Its config names a 131,072-token sliding window with
     * {@code use_sliding_window: false}, so every layer is global.
     */
    public static final ModelSpec QWEN2_5_7B = ModelSpec.builder()
            .from(llama("Qwen2.5 7B", 3584, 28, 28, 4, 18944, 152064, false))
            .qkvBias(true)
            .maxContextTokens(131072)
            .build();

    /**
     * Mistral 7B v0.1 ({@code mistralai/Mistral-7B-v0.1}): 7,241,732,096 parameters (Hub safetensors total). GQA
     * 32/8 with a 4,096-token sliding window on every layer.
     */
    public static final ModelSpec MISTRAL_7B_V0_1 = ModelSpec.builder()
            .from(llama("Mistral 7B v0.1", 4096, 32, 32, 8, 14336, 32000, false))
            .attentionKinds(AttentionKind.repeating(32, AttentionKind.SLIDING_WINDOW))
            .slidingWindow(4096)
            .maxContextTokens(32768)
            .build();

    /**
     * Mixtral 8x7B ({@code mistralai/Mixtral-8x7B-v0.1}): 46,702,792,704 parameters (Hub safetensors total), about
     * 12.9B active. 8 experts of 14,336, 2 per token, every layer; GQA 32/8; no sliding window.
     */
    public static final ModelSpec MIXTRAL_8X7B = ModelSpec.builder()
            .from(llama("Mixtral 8x7B", 4096, 32, 32, 8, 14336, 32000, false))
            .mixtureOfExperts(MixtureOfExperts.of(8, 2, 14336))
            .maxContextTokens(32768)
            .build();

    /**
     * Gemma 2 9B ({@code google/gemma-2-9b}): 9,241,705,984 parameters (Hub safetensors total; keras-hub reports the
     * same). {@code d} = 3584 with 16 heads of {@code d_k} = 256 (not {@code d/h}), 8 KV heads, GeGLU of 14,336,
     * four RMSNorms per layer, tied 256,000-token embeddings; layers alternate a 4,096-token sliding window (even
     * layers) and global attention (odd layers).
     */
    public static final ModelSpec GEMMA_2_9B = ModelSpec.builder()
            .from(llama("Gemma 2 9B", 3584, 42, 16, 8, 14336, 256000, true))
            .headDim(256)
            .normsPerLayer(4)
            .attentionKinds(AttentionKind.repeating(42, AttentionKind.SLIDING_WINDOW, AttentionKind.GLOBAL))
            .slidingWindow(4096)
            .maxContextTokens(8192)
            .build();

    /**
     * LFM2-1.2B ({@code LiquidAI/LFM2-1.2B}): 1,170,340,608 parameters (transformers' and GGUF's count; the Hub page
     * rounds to 1.17B). A hybrid: 10 gated short-convolution layers (3 taps) and 6 GQA layers (32/8, q/k norms) at
     * indices 2, 5, 8, 10, 12, 14; SwiGLU of 8,192 (its config's {@code block_ff_dim} 12,288 auto-adjusted to two
     * thirds and rounded to 256), tied 65,536-token embeddings.
     */
    public static final ModelSpec LFM2_1_2B = ModelSpec.builder()
            .from(llama("LFM2 1.2B", 2048, 16, 32, 8, 8192, 65536, true))
            .qkNorm(true)
            .attentionKinds(AttentionKind.at(16, AttentionKind.GLOBAL, AttentionKind.NONE, 2, 5, 8, 10, 12, 14))
            .convolutionKernelSize(3)
            .maxContextTokens(128000)
            .build();

    /**
     * LFM2-2.6B ({@code LiquidAI/LFM2-2.6B}, config.json at {@code
     * https://huggingface.co/LiquidAI/LFM2-2.6B/blob/main/config.json}, read 2026-11): 2,569,272,320 parameters, the
     * model card's exact count. 30 layers of 2,048: 22 gated short-convolution layers (3 taps) and 8 GQA layers (32/8,
     * q/k norms) at indices 2, 5, 9, 13, 17, 21, 24, 27 (its {@code layer_types}); SwiGLU of 10,752 ({@code
     * block_ff_dim} used as is: {@code block_auto_adjust_ff_dim} is false), tied 65,536-token embeddings.
     */
    public static final ModelSpec LFM2_2_6B = RecurrentPresets.lfm2TwoPointSixB();

    /**
     * Gemma 3 1B, the text model ({@code google/gemma-3-1b-pt}, {@code model_type} {@code gemma3_text}, config.json at
     * {@code https://huggingface.co/google/gemma-3-1b-pt/blob/main/config.json}, read 2026-11): 999,885,952
     * parameters, the Hub's safetensors total and KerasHub's preset count. 26 layers of 1,152: five sliding-window
     * layers (512 tokens) to one global ({@code sliding_window_pattern} 6: layers 5, 11, 17 and 23 attend globally),
     * 4 query heads and 1 KV head of 256 with q/k norms, four norms per layer, gated GELU MLP of 6,912, tied
     * 262,144-token embeddings, 32,768 positions.
     */
    public static final ModelSpec GEMMA_3_1B = RecurrentPresets.gemma3OneB();

    /**
     * Mamba-2 2.7B ({@code state-spaces/mamba2-2.7b}, config.json at {@code
     * https://huggingface.co/state-spaces/mamba2-2.7b/blob/main/config.json}, read 2026-11): a pure state-space model,
     * no attention and no MLP. 64 Mamba-2 (SSD) mixers on {@code d} = 2,560: expand 2 ({@code d_inner} 5,120), 80
     * heads of 64, state 128, 1 group, convolution of 4 taps with biases, gated RMSNorm; one RMSNorm per layer; tied
     * embeddings of 50,288 rows (50,277 padded to a multiple of 16). No maximum context: the state does not grow.
     * 2,702,599,680 parameters: the model card gives no exact count ("2.7B"), and the checkpoint is a PyTorch file
     * without safetensors metadata; this is the count from the config, which a public conversion of the checkpoint
     * (revision {@code 99b226cc}) also reports as its unique parameters, the tied head counted once.
     */
    public static final ModelSpec MAMBA_2_2_7B = RecurrentPresets.mamba2();

    /**
     * Granite 4.0-H-350M ({@code ibm-granite/granite-4.0-h-350m}, {@code model_type} {@code granitemoehybrid},
     * config.json at {@code https://huggingface.co/ibm-granite/granite-4.0-h-350m/blob/main/config.json}, read
     * 2026-11): 340,332,224 parameters, the Hub's count. A hybrid of attention and state-space layers, one after the
     * other: 28 Mamba-2 mixers (expand 2: 48 heads of 32, state 128, 1 group, 4-tap convolution with biases, gated
     * RMSNorm) and 4 GQA layers (12/4, no position embedding) at indices 10, 13, 17, 27 (its {@code layer_types}); every
     * layer has a SwiGLU of 2,048 ({@code shared_intermediate_size}; no experts); tied 100,352-token embeddings. Chosen
     * as the attention + SSM hybrid because its layers are either kind, which the per-layer kinds express exactly:
     * Falcon-H1 runs attention and Mamba-2 side by side inside each layer, and Zamba2 reuses shared attention blocks.
     */
    public static final ModelSpec GRANITE_4_0_H_350M = RecurrentPresets.granite4Hybrid();

    /**
     * Qwen3-Next-80B-A3B ({@code Qwen/Qwen3-Next-80B-A3B-Instruct}, {@code model_type} {@code qwen3_next}, config.json
     * at {@code https://huggingface.co/Qwen/Qwen3-Next-80B-A3B-Instruct/blob/main/config.json}, read 2026-11):
     * 79,674,391,296 parameters in the main model (3,874,929,408 active), the count from its config; an independent
     * count of the same architecture (Qwen3-Coder-Next's config) gives the same number, and the Hub's "81.3B" adds the
     * multi-token-prediction layer, which plain inference does not run. 48 layers of 2,048: gated DeltaNet (16 query/key
     * heads and 32 value heads of 128, 4-tap convolution) on three layers of four, gated attention (16 query heads and
     * 2 KV heads of 256, q/k norms, {@code q_proj} doubled for the output gate) on every fourth; 512 routed experts of
     * 512 (10 per token) and one shared expert of 512 with its gate on every layer; untied 151,936-token embeddings.
     */
    public static final ModelSpec QWEN3_NEXT_80B_A3B = RecurrentPresets.qwen3Next();

    /**
     * DeepSeek-V3 ({@code deepseek-ai/DeepSeek-V3}): 671,026,419,200 parameters in the main model, the technical
     * report's "671B" (37B active). 61 layers of multi-head latent attention (128 heads, q rank 1536, kv rank 512,
     * nope 128, rope 64, v 128); the first 3 layers dense (SwiGLU of 18,432), the other 58 with 256 routed experts of
     * 2,048 (8 per token), 1 shared expert and a router with a correction bias; untied 129,280-token embeddings. The
     * Hub's safetensors total, 684,531,386,000 ("685B"), adds the multi-token-prediction module (13,463,426,304
     * stored values, used for speculative decoding, not by plain inference) and 41,540,496 FP8 scale values.
     */
    public static final ModelSpec DEEPSEEK_V3 = ModelSpec.builder()
            .name("DeepSeek-V3")
            .hiddenSize(7168)
            .numLayers(61)
            .numAttentionHeads(128)
            .intermediateSize(18432)
            .vocabSize(129280)
            .latentAttention(LatentAttention.builder()
                    .qLoraRank(1536)
                    .kvLoraRank(512)
                    .qkNopeHeadDim(128)
                    .qkRopeHeadDim(64)
                    .vHeadDim(128)
                    .build())
            .mixtureOfExperts(MixtureOfExperts.builder()
                    .numExperts(256)
                    .expertsPerToken(8)
                    .expertIntermediateSize(2048)
                    .numSharedExperts(1)
                    .firstDenseLayers(3)
                    .routerBias(true)
                    .build())
            .maxContextTokens(163840)
            .build();

    /**
     * Phi-3-mini-4k ({@code microsoft/Phi-3-mini-4k-instruct}): 3,821,079,552 parameters (Hub safetensors total).
     * Multi-head attention (32 heads of 96), fused QKV and gate-up projections (same counts as unfused), SwiGLU of
     * 8,192, untied 32,064-token embeddings; its config sets a 2,047-token sliding window, applied to every layer.
     */
    public static final ModelSpec PHI_3_MINI_4K = ModelSpec.builder()
            .from(llama("Phi-3-mini-4k", 3072, 32, 32, 32, 8192, 32064, false))
            .attentionKinds(AttentionKind.repeating(32, AttentionKind.SLIDING_WINDOW))
            .slidingWindow(2047)
            .maxContextTokens(4096)
            .build();

    /**
     * Falcon-7B ({@code tiiuae/falcon-7b}): 6,921,720,704 parameters. Multi-query attention (71 heads of 64, one KV
     * head), parallel attention and MLP behind one LayerNorm, a plain GELU MLP of {@code 4d} = 18,176, no biases,
     * tied 65,024-token embeddings. The Hub's safetensors total, 7,217,189,760, also counts a stored copy of the tied
     * lm_head.
     */
    public static final ModelSpec FALCON_7B = ModelSpec.builder()
            .name("Falcon-7B")
            .hiddenSize(4544)
            .numLayers(32)
            .numAttentionHeads(71)
            .numKeyValueHeads(1)
            .headDim(64)
            .intermediateSize(18176)
            .mlpKind(MlpKind.PLAIN)
            .vocabSize(65024)
            .tieWordEmbeddings(true)
            .normKind(NormKind.LAYER_NORM)
            .normsPerLayer(1)
            .maxContextTokens(2048)
            .build();

    /**
     * GPT-2 ({@code openai-community/gpt2}, the 124M model): 124,439,808 parameters. 12 layers of 768, 12 heads,
     * plain GELU MLP of 3,072, biases everywhere, LayerNorms, 1,024 learned positions, tied 50,257-token
     * embeddings. The Hub's safetensors total, 137,022,720, also counts 12 stored causal-mask buffers.
     */
    public static final ModelSpec GPT_2 = ModelSpec.builder()
            .name("GPT-2")
            .hiddenSize(768)
            .numLayers(12)
            .numAttentionHeads(12)
            .intermediateSize(3072)
            .mlpKind(MlpKind.PLAIN)
            .mlpBias(true)
            .qkvBias(true)
            .outputBias(true)
            .vocabSize(50257)
            .tieWordEmbeddings(true)
            .learnedPositionEmbeddings(1024)
            .normKind(NormKind.LAYER_NORM)
            .maxContextTokens(1024)
            .build();

    private static final Map<String, ModelSpec> BY_ID = registry();

    private static Map<String, ModelSpec> registry() {
        Map<String, ModelSpec> map = new LinkedHashMap<>();
        map.put("article-1b-class", ARTICLE_1B_CLASS);
        map.put("article-7b-class", ARTICLE_7B_CLASS);
        map.put("article-14b-class", ARTICLE_14B_CLASS);
        map.put("llama-3.2-1b", LLAMA_3_2_1B);
        map.put("llama-3.2-3b", LLAMA_3_2_3B);
        map.put("llama-3.1-8b", LLAMA_3_1_8B);
        map.put("llama-3.1-70b", LLAMA_3_1_70B);
        map.put("llama-3.1-405b", LLAMA_3_1_405B);
        map.put("llama-2-7b", LLAMA_2_7B);
        map.put("qwen3-14b", QWEN3_14B);
        map.put("qwen3-30b-a3b", QWEN3_30B_A3B);
        map.put("qwen2.5-7b", QWEN2_5_7B);
        map.put("mistral-7b-v0.1", MISTRAL_7B_V0_1);
        map.put("mixtral-8x7b", MIXTRAL_8X7B);
        map.put("gemma-2-9b", GEMMA_2_9B);
        map.put("lfm2-1.2b", LFM2_1_2B);
        map.put("lfm2-2.6b", LFM2_2_6B);
        map.put("gemma-3-1b", GEMMA_3_1B);
        map.put("mamba-2-2.7b", MAMBA_2_2_7B);
        map.put("granite-4.0-h-350m", GRANITE_4_0_H_350M);
        map.put("qwen3-next-80b-a3b", QWEN3_NEXT_80B_A3B);
        map.put("deepseek-v3", DEEPSEEK_V3);
        map.put("phi-3-mini-4k", PHI_3_MINI_4K);
        map.put("falcon-7b", FALCON_7B);
        map.put("gpt-2", GPT_2);
        return map;
    }

    /** {@return every preset id, in a stable order: the article's classes first} */
    public static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    /** {@return every preset, keyed by id, in the order of {@link #ids()}} */
    public static Map<String, ModelSpec> all() {
        return java.util.Collections.unmodifiableMap(BY_ID);
    }

    /**
     * Finds a preset by id, ignoring case.
     *
     * @param id such as {@code "llama-3.1-8b"}
     * @return the preset
     * @throws IllegalArgumentException naming the id and listing the known ones if none matches
     */
    public static ModelSpec byId(String id) {
        ModelSpec spec = BY_ID.get(id.trim().toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw new IllegalArgumentException("model preset (" + id + ") is unknown; known presets: " + ids());
        }
        return spec;
    }

    /** A Llama-shaped model: SwiGLU, RMSNorm, no biases, {@code d_k = d / h}. */
    private static ModelSpec llama(
            String name, int d, int layers, int heads, int kvHeads, int intermediate, int vocab, boolean tied) {
        return ModelSpec.builder()
                .name(name)
                .hiddenSize(d)
                .numLayers(layers)
                .numAttentionHeads(heads)
                .numKeyValueHeads(kvHeads)
                .intermediateSize(intermediate)
                .vocabSize(vocab)
                .tieWordEmbeddings(tied)
                .build();
    }
}
