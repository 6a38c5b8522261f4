package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_LAYERS;
import static io.github.llmcost.huggingface.Config.MAX_SIZE;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.LatentAttention;
import io.github.llmcost.core.MixtureOfExperts;
import io.github.llmcost.core.MlpKind;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NormKind;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One mapping per {@code model_type}: which keys the family's transformers implementation reads and what they mean
 * for the shapes a {@link ModelSpec} holds. The rules are documented on {@link HuggingFaceConfig}.
 */
final class Families {
    private Families() {}

    /** The supported {@code model_type} values, sorted. */
    static final List<String> SUPPORTED = List.of(
            "deepseek_v3",
            "falcon",
            "gemma2",
            "gpt2",
            "lfm2",
            "llama",
            "mistral",
            "mixtral",
            "phi3",
            "qwen2",
            "qwen3",
            "qwen3_moe");

    private static final Map<String, AttentionKind> ATTENTION_TYPES =
            Map.of("full_attention", AttentionKind.GLOBAL, "sliding_attention", AttentionKind.SLIDING_WINDOW);

    private static final Map<String, AttentionKind> LFM2_TYPES =
            Map.of("full_attention", AttentionKind.GLOBAL, "conv", AttentionKind.NONE);

    /**
     * Maps a config to a builder holding every shape; the caller sets the name and builds.
     *
     * @throws ConfigException for an unsupported model type or any bad key
     */
    static ModelSpec.Builder map(Config c) {
        return switch (c.modelType()) {
            case "llama" -> llama(c);
            case "mistral" -> mistral(c);
            case "mixtral" -> mixtral(c);
            case "qwen2" -> qwen2(c);
            case "qwen3" -> qwen3(c);
            case "qwen3_moe" -> qwen3Moe(c);
            case "gemma2" -> gemma2(c);
            case "lfm2" -> lfm2(c);
            case "deepseek_v3" -> deepseekV3(c);
            case "phi3" -> phi3(c);
            case "falcon" -> falcon(c);
            case "gpt2" -> gpt2(c);
            default -> throw unsupportedModelType("\"" + c.modelType() + "\"");
        };
    }

    /**
     * The longest sequence a config's model was built for: {@code max_position_embeddings}, or GPT-2's {@code
     * n_positions}; Falcon's configs often omit it, and transformers' {@code FalconConfig} then takes 2,048. Empty
     * where a config gives none.
     *
     * @throws ConfigException if the key holds something other than a positive integer
     */
    static OptionalInt maxContext(Config c) {
        return switch (c.modelType()) {
            case "gpt2" -> c.optional("n_positions", 1, MAX_SIZE);
            case "falcon" -> {
                OptionalInt given = c.optional("max_position_embeddings", 1, MAX_SIZE);
                yield given.isPresent() ? given : OptionalInt.of(FALCON_DEFAULT_CONTEXT);
            }
            default -> c.optional("max_position_embeddings", 1, MAX_SIZE);
        };
    }

    /** transformers' {@code FalconConfig.max_position_embeddings} default. */
    private static final int FALCON_DEFAULT_CONTEXT = 2048;

    /** The error for an unsupported type, given as JSON text such as {@code "\"gemma3\""}. */
    static ConfigException unsupportedModelType(String shown) {
        return new ConfigException(
                "model_type", "model_type (" + shown + ") is not supported; supported: " + SUPPORTED);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Families
    // ---------------------------------------------------------------------------------------------------------------

    private static ModelSpec.Builder llama(Config c) {
        boolean attentionBias = c.bool("attention_bias", false);
        return decoder(c, null, null, false)
                .qkvBias(attentionBias)
                .outputBias(attentionBias)
                .mlpBias(c.bool("mlp_bias", false));
    }

    private static ModelSpec.Builder mistral(Config c) {
        ModelSpec.Builder b = decoder(c, 8, null, false);
        OptionalInt window = c.requiredNullable(
                "sliding_window", 1, MAX_SIZE, "(null for no window; transformers would assume 4096)");
        uniformWindow(b, layers(c), window);
        return b;
    }

    private static ModelSpec.Builder mixtral(Config c) {
        ModelSpec.Builder b = decoder(c, 8, null, false);
        uniformWindow(b, layers(c), c.optional("sliding_window", 1, MAX_SIZE));
        int experts = expertCount(c, "num_local_experts", "num_experts", 1);
        int perToken = expertsPerToken(c, experts);
        int intermediate = c.required("intermediate_size", 1, MAX_SIZE);
        return b.mixtureOfExperts(MixtureOfExperts.of(experts, perToken, intermediate));
    }

    private static ModelSpec.Builder qwen2(Config c) {
        ModelSpec.Builder b = decoder(c, 32, null, false).qkvBias(true);
        qwenLayout(c, b);
        return b;
    }

    private static ModelSpec.Builder qwen3(Config c) {
        boolean attentionBias = c.bool("attention_bias", false);
        ModelSpec.Builder b =
                decoder(c, 32, 128, false).qkNorm(true).qkvBias(attentionBias).outputBias(attentionBias);
        qwenLayout(c, b);
        return b;
    }

    private static ModelSpec.Builder qwen3Moe(Config c) {
        boolean attentionBias = c.bool("attention_bias", false);
        ModelSpec.Builder b =
                decoder(c, 4, null, false).qkNorm(true).qkvBias(attentionBias).outputBias(attentionBias);
        int layers = layers(c);
        // Qwen3-MoE attention takes config.sliding_window on every layer; the config nulls it unless switched on.
        if (c.bool("use_sliding_window", false)) {
            uniformWindow(
                    b,
                    layers,
                    c.requiredNullable(
                            "sliding_window",
                            1,
                            MAX_SIZE,
                            "when use_sliding_window is true (transformers would assume 4096)"));
        }
        int experts = expertCount(c, "num_experts", "num_local_experts", 0);
        if (experts == 0) {
            return b;
        }
        int perToken = expertsPerToken(c, experts);
        int expertSize = c.required("moe_intermediate_size", 1, MAX_SIZE, "(transformers would assume 768)");
        int step = c.optional("decoder_sparse_step", 1, MAX_LAYERS).orElse(1);
        Set<Integer> dense =
                new HashSet<>(c.layerIndices("mlp_only_layers", layers).orElse(List.of()));
        boolean[] routed = new boolean[layers];
        for (int layer = 0; layer < layers; layer++) {
            routed[layer] = !dense.contains(layer) && (layer + 1) % step == 0;
        }
        OptionalInt first = firstRoutedLayer(routed, "mlp_only_layers and decoder_sparse_step");
        if (first.isPresent()) {
            b.mixtureOfExperts(MixtureOfExperts.builder()
                    .numExperts(experts)
                    .expertsPerToken(perToken)
                    .expertIntermediateSize(expertSize)
                    .firstDenseLayers(first.getAsInt())
                    .build());
        }
        return b;
    }

    private static ModelSpec.Builder gemma2(Config c) {
        c.string("hidden_activation");
        boolean attentionBias = c.bool("attention_bias", false);
        ModelSpec.Builder b =
                decoder(c, 4, 256, true).normsPerLayer(4).qkvBias(attentionBias).outputBias(attentionBias);
        int layers = layers(c);
        OptionalInt window = c.requiredNullable(
                "sliding_window", 1, MAX_SIZE, "(null for no window; transformers would assume 4096)");
        AttentionKind[] kinds = layerTypes(c, layers, ATTENTION_TYPES).orElseGet(() -> {
            // Gemma 2 alternates: even layers slide, odd layers attend globally.
            AttentionKind[] alternating = new AttentionKind[layers];
            for (int layer = 0; layer < layers; layer++) {
                alternating[layer] = layer % 2 == 0 ? AttentionKind.SLIDING_WINDOW : AttentionKind.GLOBAL;
            }
            return alternating;
        });
        layout(b, kinds, window);
        return b;
    }

    private static ModelSpec.Builder phi3(Config c) {
        ModelSpec.Builder b = decoder(c, null, null, false);
        uniformWindow(b, layers(c), c.optional("sliding_window", 1, MAX_SIZE));
        return b;
    }

    private static ModelSpec.Builder lfm2(Config c) {
        int d = c.required("hidden_size", 1, MAX_SIZE);
        int layers = layers(c);
        int heads = c.required("num_attention_heads", 1, MAX_SIZE);
        for (String key : List.of("block_dim", "conv_dim")) {
            OptionalInt width = c.optional(key, 1, MAX_SIZE);
            if (width.isPresent() && width.getAsInt() != d) {
                throw new ConfigException(
                        key,
                        key + " (" + width.getAsInt() + ") must equal hidden_size (" + d
                                + "): a ModelSpec's blocks and convolutions have the model width");
            }
        }
        if (c.bool("conv_bias", false)) {
            throw new ConfigException(
                    "conv_bias", "conv_bias (true) is not supported: a ModelSpec's convolutions have no biases");
        }
        // The original release spells intermediate_size, tie_word_embeddings and layer_types as block_ff_dim,
        // tie_embedding and full_attn_idxs; transformers reads either, the original spelling first.
        boolean tied =
                c.get("tie_embedding") != null ? c.bool("tie_embedding", true) : c.bool("tie_word_embeddings", true);
        AttentionKind[] kinds = layerTypes(c, layers, LFM2_TYPES).orElseGet(() -> {
            AttentionKind[] all = new AttentionKind[layers];
            Optional<List<Integer>> indices = c.layerIndices("full_attn_idxs", layers);
            Arrays.fill(all, indices.isPresent() ? AttentionKind.NONE : AttentionKind.GLOBAL);
            indices.ifPresent(list -> list.forEach(i -> all[i] = AttentionKind.GLOBAL));
            return all;
        });
        ModelSpec.Builder b = ModelSpec.builder()
                .hiddenSize(d)
                .numLayers(layers)
                .numAttentionHeads(heads)
                .numKeyValueHeads(kvHeads(c, "num_key_value_heads", heads, 8))
                .headDim(headDim(c, d, heads, null))
                .intermediateSize(lfm2FeedForward(c))
                .vocabSize(c.required("vocab_size", 1, MAX_SIZE))
                .tieWordEmbeddings(tied)
                .qkNorm(true);
        if (Arrays.asList(kinds).contains(AttentionKind.NONE)) {
            b.convolutionKernelSize(c.required("conv_L_cache", 1, MAX_SIZE, "(transformers would assume 3)"));
        }
        layout(b, kinds, OptionalInt.empty());
        return b;
    }

    /**
     * LFM2's feed-forward width: {@code block_ff_dim} (or {@code intermediate_size}), which transformers' {@code
     * Lfm2MLP} auto-adjusts when {@code block_auto_adjust_ff_dim} is true (the default) to {@code int(2 * ff / 3)},
     * then {@code int(block_ffn_dim_multiplier * ff)} unless the multiplier is null, then up to a multiple of {@code
     * block_multiple_of}. The arithmetic is Python's: a correctly rounded double, truncated toward zero.
     */
    private static int lfm2FeedForward(Config c) {
        String key = c.get("block_ff_dim") != null ? "block_ff_dim" : "intermediate_size";
        int declared = c.required(key, 1, MAX_SIZE);
        if (!c.bool("block_auto_adjust_ff_dim", true)) {
            return declared;
        }
        double adjusted = Math.floor(2.0 * declared / 3.0);
        OptionalDouble multiplier = c.has("block_ffn_dim_multiplier") && c.get("block_ffn_dim_multiplier") == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(c.positiveNumber("block_ffn_dim_multiplier").orElse(1.0));
        if (multiplier.isPresent()) {
            adjusted = Math.floor(multiplier.getAsDouble() * adjusted);
        }
        int multipleOf = c.optional("block_multiple_of", 1, MAX_SIZE).orElse(256);
        long width = adjusted <= MAX_SIZE ? (long) adjusted : Long.MAX_VALUE;
        if (width <= MAX_SIZE) {
            width = multipleOf * ((width + multipleOf - 1) / multipleOf);
        }
        if (width < 1 || width > MAX_SIZE) {
            throw new ConfigException(
                    null,
                    "the feed-forward width auto-adjusted from " + key + " (" + declared + ") is "
                            + (width > MAX_SIZE ? "above the limit of " + MAX_SIZE : String.valueOf(width))
                            + "; check block_ffn_dim_multiplier and block_multiple_of");
        }
        return (int) width;
    }

    private static ModelSpec.Builder deepseekV3(Config c) {
        if (c.bool("attention_bias", false)) {
            throw new ConfigException(
                    "attention_bias",
                    "attention_bias (true) is not supported for deepseek_v3: latent attention has no biases here");
        }
        int layers = layers(c);
        String noDefault = "(transformers would assume DeepSeek-V3's value)";
        LatentAttention mla = LatentAttention.builder()
                .qLoraRank(c.requiredNullable("q_lora_rank", 1, MAX_SIZE, "(null for direct query projection)")
                        .orElse(0))
                .kvLoraRank(c.required("kv_lora_rank", 1, MAX_SIZE, noDefault))
                .qkNopeHeadDim(c.required("qk_nope_head_dim", 1, MAX_SIZE, noDefault))
                .qkRopeHeadDim(c.required("qk_rope_head_dim", 1, MAX_SIZE, noDefault))
                .vHeadDim(c.required("v_head_dim", 1, MAX_SIZE, noDefault))
                .build();
        c.string("hidden_act");
        // num_key_value_heads and head_dim are not read: latent attention sizes every head from the MLA keys.
        ModelSpec.Builder b = ModelSpec.builder()
                .hiddenSize(c.required("hidden_size", 1, MAX_SIZE))
                .numLayers(layers)
                .numAttentionHeads(c.required("num_attention_heads", 1, MAX_SIZE))
                .intermediateSize(c.required("intermediate_size", 1, MAX_SIZE))
                .vocabSize(c.required("vocab_size", 1, MAX_SIZE))
                .tieWordEmbeddings(c.bool("tie_word_embeddings", false))
                .latentAttention(mla);
        OptionalInt routed = c.requiredNullable("n_routed_experts", 1, MAX_SIZE, "(null for a dense model)");
        if (routed.isEmpty()) {
            return b;
        }
        int experts = routed.getAsInt();
        int perToken = expertsPerToken(c, experts);
        int expertSize = c.required("moe_intermediate_size", 1, MAX_SIZE, noDefault);
        int shared = c.requiredNullable("n_shared_experts", 0, MAX_SIZE, "(null for none)")
                .orElse(0);
        int firstDense = c.required("first_k_dense_replace", 0, MAX_SIZE, noDefault);
        int frequency = c.optional("moe_layer_freq", 1, MAX_LAYERS).orElse(1);
        if (frequency != 1) {
            throw new ConfigException(
                    "moe_layer_freq",
                    "moe_layer_freq (" + frequency + ") is not supported: only 1 (every layer after"
                            + " first_k_dense_replace routes)");
        }
        if (firstDense < layers) {
            b.mixtureOfExperts(MixtureOfExperts.builder()
                    .numExperts(experts)
                    .expertsPerToken(perToken)
                    .expertIntermediateSize(expertSize)
                    .numSharedExperts(shared)
                    .firstDenseLayers(firstDense)
                    .routerBias(true)
                    .build());
        }
        return b;
    }

    private static ModelSpec.Builder falcon(Config c) {
        int d = c.required("hidden_size", 1, MAX_SIZE);
        int heads = c.required("num_attention_heads", 1, MAX_SIZE);
        if (d % heads != 0) {
            throw new ConfigException(
                    "num_attention_heads",
                    "hidden_size (" + d + ") must be a multiple of num_attention_heads (" + heads + ")");
        }
        boolean newArchitecture = c.bool("new_decoder_architecture", false);
        int kvHeads;
        if (newArchitecture) {
            kvHeads = kvHeads(c, "num_kv_heads", heads, null);
        } else {
            kvHeads = c.requiredBool("multi_query", "(transformers would assume true)") ? 1 : heads;
        }
        int lnInParallel = c.optional("num_ln_in_parallel_attn", 1, 2).orElse(newArchitecture ? 2 : 1);
        int norms;
        if (newArchitecture && lnInParallel == 2) {
            norms = 2; // ln_attn and ln_mlp
        } else {
            norms = c.requiredBool("parallel_attn", "(transformers would assume true)") ? 1 : 2;
        }
        boolean bias = c.bool("bias", false);
        c.string("activation");
        return ModelSpec.builder()
                .hiddenSize(d)
                .numLayers(layers(c))
                .numAttentionHeads(heads)
                .numKeyValueHeads(kvHeads)
                .headDim(d / heads)
                .intermediateSize(c.optional("ffn_hidden_size", 1, MAX_SIZE).orElse(4 * d))
                .mlpKind(MlpKind.PLAIN)
                .vocabSize(c.required("vocab_size", 1, MAX_SIZE))
                .tieWordEmbeddings(c.bool("tie_word_embeddings", true))
                .qkvBias(bias)
                .outputBias(bias)
                .mlpBias(bias)
                .normKind(NormKind.LAYER_NORM)
                .normsPerLayer(norms);
    }

    private static ModelSpec.Builder gpt2(Config c) {
        int d = c.required("n_embd", 1, MAX_SIZE);
        int heads = c.required("n_head", 1, MAX_SIZE);
        if (d % heads != 0) {
            throw new ConfigException("n_head", "n_embd (" + d + ") must be a multiple of n_head (" + heads + ")");
        }
        if (c.bool("add_cross_attention", false)) {
            throw new ConfigException(
                    "add_cross_attention", "add_cross_attention (true) is not supported: a ModelSpec is decoder-only");
        }
        c.string("activation_function");
        return ModelSpec.builder()
                .hiddenSize(d)
                .numLayers(c.required("n_layer", 1, MAX_LAYERS))
                .numAttentionHeads(heads)
                .intermediateSize(c.optional("n_inner", 1, MAX_SIZE).orElse(4 * d))
                .mlpKind(MlpKind.PLAIN)
                .mlpBias(true)
                .qkvBias(true)
                .outputBias(true)
                .vocabSize(c.required("vocab_size", 1, MAX_SIZE))
                .tieWordEmbeddings(c.bool("tie_word_embeddings", true))
                .learnedPositionEmbeddings(c.required("n_positions", 1, MAX_SIZE))
                .normKind(NormKind.LAYER_NORM);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shared pieces
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The keys every Llama-like decoder has: a gated MLP, RMSNorm, two norms per layer.
     *
     * @param kvDefault transformers' default for an absent {@code num_key_value_heads} when it is one checkpoint's
     *     number (the key is then required), or null when an absent key means multi-head attention
     * @param headDimDefault likewise for {@code head_dim}, or null when an absent key means {@code d / h}
     * @param tiedByDefault the family's default for {@code tie_word_embeddings}
     */
    private static ModelSpec.Builder decoder(
            Config c, @Nullable Integer kvDefault, @Nullable Integer headDimDefault, boolean tiedByDefault) {
        int d = c.required("hidden_size", 1, MAX_SIZE);
        int heads = c.required("num_attention_heads", 1, MAX_SIZE);
        c.string("hidden_act");
        return ModelSpec.builder()
                .hiddenSize(d)
                .numLayers(layers(c))
                .numAttentionHeads(heads)
                .numKeyValueHeads(kvHeads(c, "num_key_value_heads", heads, kvDefault))
                .headDim(headDim(c, d, heads, headDimDefault))
                .intermediateSize(c.required("intermediate_size", 1, MAX_SIZE))
                .vocabSize(c.required("vocab_size", 1, MAX_SIZE))
                .tieWordEmbeddings(c.bool("tie_word_embeddings", tiedByDefault));
    }

    private static int layers(Config c) {
        return c.required("num_hidden_layers", 1, MAX_LAYERS);
    }

    /** Key-value heads: null means multi-head attention; absent too, unless transformers has a number for it. */
    private static int kvHeads(Config c, String key, int heads, @Nullable Integer transformersDefault) {
        OptionalInt value = transformersDefault == null
                ? c.optional(key, 1, MAX_SIZE)
                : c.requiredNullable(
                        key,
                        1,
                        MAX_SIZE,
                        "(null for multi-head attention; transformers would assume " + transformersDefault + ")");
        int kv = value.orElse(heads);
        if (kv > heads) {
            throw new ConfigException(key, key + " (" + kv + ") must be <= num_attention_heads (" + heads + ")");
        }
        if (heads % kv != 0) {
            throw new ConfigException(key, key + " (" + kv + ") must divide num_attention_heads (" + heads + ")");
        }
        return kv;
    }

    /** The head dimension: {@code head_dim}, or {@code d / h} when null (or absent, unless transformers has a number). */
    private static int headDim(Config c, int d, int heads, @Nullable Integer transformersDefault) {
        OptionalInt value = transformersDefault == null
                ? c.optional("head_dim", 1, MAX_SIZE)
                : c.requiredNullable(
                        "head_dim",
                        1,
                        MAX_SIZE,
                        "(null for hidden_size / num_attention_heads; transformers would assume " + transformersDefault
                                + ")");
        if (value.isPresent()) {
            return value.getAsInt();
        }
        if (d % heads != 0) {
            throw new ConfigException(
                    "head_dim",
                    "head_dim is not given and hidden_size (" + d + ") is not a multiple of num_attention_heads ("
                            + heads + ")");
        }
        return d / heads;
    }

    /** The routed expert count under its key or its alias (transformers maps one onto the other). */
    private static int expertCount(Config c, String key, String alias, int min) {
        boolean hasKey = c.get(key) != null;
        boolean hasAlias = c.get(alias) != null;
        if (hasKey && hasAlias) {
            int a = c.required(key, min, MAX_SIZE);
            int b = c.required(alias, min, MAX_SIZE);
            if (a != b) {
                throw new ConfigException(key, key + " (" + a + ") and " + alias + " (" + b + ") disagree");
            }
            return a;
        }
        return c.required(hasAlias ? alias : key, min, MAX_SIZE, "(the number of routed experts)");
    }

    private static int expertsPerToken(Config c, int experts) {
        int perToken = c.required("num_experts_per_tok", 1, MAX_SIZE, "(experts each token is routed to)");
        if (perToken > experts) {
            throw new ConfigException(
                    "num_experts_per_tok",
                    "num_experts_per_tok (" + perToken + ") must be <= the number of experts (" + experts + ")");
        }
        return perToken;
    }

    /**
     * The first routed layer, if any; the routed layers must be a contiguous tail, since a {@link ModelSpec} keeps
     * dense MLPs only in leading layers.
     */
    private static OptionalInt firstRoutedLayer(boolean[] routed, String keys) {
        int first = routed.length;
        while (first > 0 && routed[first - 1]) {
            first--;
        }
        for (int layer = 0; layer < first; layer++) {
            if (routed[layer]) {
                throw new ConfigException(
                        null,
                        "layer " + layer + " routes to experts but layer " + (first - 1) + " does not: " + keys
                                + " must leave dense layers only at the start");
            }
        }
        return first == routed.length ? OptionalInt.empty() : OptionalInt.of(first);
    }

    /** Qwen2/Qwen3: a window only when {@code use_sliding_window}; then layers from {@code max_window_layers} slide. */
    private static void qwenLayout(Config c, ModelSpec.Builder b) {
        int layers = layers(c);
        OptionalInt window = c.bool("use_sliding_window", false)
                ? c.requiredNullable(
                        "sliding_window",
                        1,
                        MAX_SIZE,
                        "when use_sliding_window is true (transformers would assume 4096)")
                : OptionalInt.empty();
        Optional<AttentionKind[]> types = layerTypes(c, layers, ATTENTION_TYPES);
        if (types.isPresent()) {
            layout(b, types.get(), window);
            return;
        }
        if (window.isEmpty()) {
            return;
        }
        int full = c.required(
                "max_window_layers", 0, MAX_SIZE, "when use_sliding_window is true (transformers would assume 28)");
        AttentionKind[] kinds = new AttentionKind[layers];
        for (int layer = 0; layer < layers; layer++) {
            kinds[layer] = layer >= full ? AttentionKind.SLIDING_WINDOW : AttentionKind.GLOBAL;
        }
        layout(b, kinds, window);
    }

    /** Every layer slides when a window is given. */
    private static void uniformWindow(ModelSpec.Builder b, int layers, OptionalInt window) {
        if (window.isPresent()) {
            AttentionKind[] kinds = new AttentionKind[layers];
            Arrays.fill(kinds, AttentionKind.SLIDING_WINDOW);
            layout(b, kinds, window);
        }
    }

    /** {@code layer_types}, mapped through the family's vocabulary, if present and not null. */
    private static Optional<AttentionKind[]> layerTypes(Config c, int layers, Map<String, AttentionKind> names) {
        Optional<List<String>> types = c.stringList("layer_types");
        if (types.isEmpty()) {
            return Optional.empty();
        }
        List<String> list = types.get();
        if (list.size() != layers) {
            throw new ConfigException(
                    "layer_types",
                    "layer_types (" + list.size() + " entries) must have num_hidden_layers (" + layers + ") entries");
        }
        AttentionKind[] kinds = new AttentionKind[layers];
        for (int layer = 0; layer < layers; layer++) {
            AttentionKind kind = names.get(list.get(layer));
            if (kind == null) {
                throw new ConfigException(
                        "layer_types",
                        "layer_types[" + layer + "] (\"" + shorten(list.get(layer)) + "\") is not supported; expected"
                                + " one of " + names.keySet().stream().sorted().toList());
            }
            kinds[layer] = kind;
        }
        return Optional.of(kinds);
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /**
     * Sets the per-layer kinds, leaving the list empty when every layer is global (as the presets do). A sliding layer
     * without a window attends globally, as in transformers.
     */
    private static void layout(ModelSpec.Builder b, AttentionKind[] kinds, OptionalInt window) {
        if (window.isEmpty()) {
            for (int layer = 0; layer < kinds.length; layer++) {
                if (kinds[layer] == AttentionKind.SLIDING_WINDOW) {
                    kinds[layer] = AttentionKind.GLOBAL;
                }
            }
        }
        List<AttentionKind> list = List.of(kinds);
        if (list.stream().allMatch(kind -> kind == AttentionKind.GLOBAL)) {
            return;
        }
        b.attentionKinds(list);
        if (list.contains(AttentionKind.SLIDING_WINDOW)) {
            b.slidingWindow(window.orElseThrow());
        }
    }
}
