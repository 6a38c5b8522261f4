package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_SIZE;
import static io.github.llmcost.huggingface.FamilyParts.headDim;
import static io.github.llmcost.huggingface.FamilyParts.kvHeads;
import static io.github.llmcost.huggingface.FamilyParts.layerTypes;
import static io.github.llmcost.huggingface.FamilyParts.layers;
import static io.github.llmcost.huggingface.FamilyParts.layout;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.ModelSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Liquid AI's hybrid of short convolutions and attention: {@code lfm2}. */
final class Lfm2Family {
    private Lfm2Family() {}

    /** LFM2's {@code layer_types} vocabulary. */
    private static final Map<String, AttentionKind> LFM2_TYPES =
            Map.of("full_attention", AttentionKind.GLOBAL, "conv", AttentionKind.NONE);

    /** {@code lfm2}: convolution and attention layers, an auto-adjusted feed-forward width, two spellings of keys. */
    static final Family LFM2 = new Family(
            "lfm2",
            Lfm2Family::lfm2,
            "Gated short-convolution layers of {@code conv_L_cache} taps and attention layers "
                    + "with q/k norms, from {@code layer_types} ({@code \"conv\"}, {@code \"full_attention\"}) "
                    + "or the original {@code full_attn_idxs}; the feed-forward width {@code block_ff_dim} "
                    + "(or {@code intermediate_size}) auto-adjusted as transformers' {@code Lfm2MLP} does: "
                    + "{@code int(2 * ff / 3)}, times {@code block_ffn_dim_multiplier}, rounded up to "
                    + "{@code block_multiple_of}; {@code tie_embedding} or {@code tie_word_embeddings}, "
                    + "tied by default. {@code conv_bias} must be false.");

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
}
