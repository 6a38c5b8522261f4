package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_LAYERS;
import static io.github.llmcost.huggingface.Config.MAX_SIZE;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.ModelSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pieces the families share: the Llama-like decoder's keys, key-value heads and head dimension, expert counts and
 * routed layers, and the per-layer attention layout.
 */
final class FamilyParts {
    private FamilyParts() {}

    /** The {@code layer_types} vocabulary of the attention-only families. */
    static final Map<String, AttentionKind> ATTENTION_TYPES =
            Map.of("full_attention", AttentionKind.GLOBAL, "sliding_attention", AttentionKind.SLIDING_WINDOW);

    /**
     * The keys every Llama-like decoder has: a gated MLP, RMSNorm, two norms per layer.
     *
     * @param kvDefault transformers' default for an absent {@code num_key_value_heads} when it is one checkpoint's
     *     number (the key is then required), or null when an absent key means multi-head attention
     * @param headDimDefault likewise for {@code head_dim}, or null when an absent key means {@code d / h}
     * @param tiedByDefault the family's default for {@code tie_word_embeddings}
     */
    static ModelSpec.Builder decoder(
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

    /** {@code num_hidden_layers}, required. */
    static int layers(Config c) {
        return c.required("num_hidden_layers", 1, MAX_LAYERS);
    }

    /** Key-value heads: null means multi-head attention; absent too, unless transformers has a number for it. */
    static int kvHeads(Config c, String key, int heads, @Nullable Integer transformersDefault) {
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
    static int headDim(Config c, int d, int heads, @Nullable Integer transformersDefault) {
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
    static int expertCount(Config c, String key, String alias, int min) {
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

    /** {@code num_experts_per_tok}, required, at most the number of experts. */
    static int expertsPerToken(Config c, int experts) {
        int perToken = c.required("num_experts_per_tok", 1, MAX_SIZE, "(experts each token is routed to)");
        if (perToken > experts) {
            throw new ConfigException(
                    "num_experts_per_tok",
                    "num_experts_per_tok (" + perToken + ") must be <= the number of experts (" + experts + ")");
        }
        return perToken;
    }

    /**
     * Qwen's MoE layout ({@code qwen2_moe}, {@code qwen3_moe}, {@code qwen3_next}): every {@code decoder_sparse_step}-th
     * layer routes, except those in {@code mlp_only_layers}; the first routed layer, if any.
     */
    static OptionalInt qwenFirstRoutedLayer(Config c, int layers) {
        int step = c.optional("decoder_sparse_step", 1, MAX_LAYERS).orElse(1);
        Set<Integer> dense =
                new HashSet<>(c.layerIndices("mlp_only_layers", layers).orElse(List.of()));
        boolean[] routed = new boolean[layers];
        for (int layer = 0; layer < layers; layer++) {
            routed[layer] = !dense.contains(layer) && (layer + 1) % step == 0;
        }
        return firstRoutedLayer(routed, "mlp_only_layers and decoder_sparse_step");
    }

    /**
     * The first routed layer, if any; the routed layers must be a contiguous tail, since a {@link ModelSpec} keeps
     * dense MLPs only in leading layers.
     */
    static OptionalInt firstRoutedLayer(boolean[] routed, String keys) {
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

    /** Every layer slides when a window is given. */
    static void uniformWindow(ModelSpec.Builder b, int layers, OptionalInt window) {
        if (window.isPresent()) {
            AttentionKind[] kinds = new AttentionKind[layers];
            Arrays.fill(kinds, AttentionKind.SLIDING_WINDOW);
            layout(b, kinds, window);
        }
    }

    /** {@code layer_types}, mapped through the family's vocabulary, if present and not null. */
    static Optional<AttentionKind[]> layerTypes(Config c, int layers, Map<String, AttentionKind> names) {
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
    static void layout(ModelSpec.Builder b, AttentionKind[] kinds, OptionalInt window) {
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
