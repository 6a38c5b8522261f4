package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_LAYERS;
import static io.github.llmcost.huggingface.Config.MAX_SIZE;
import static io.github.llmcost.huggingface.FamilyParts.kvHeads;
import static io.github.llmcost.huggingface.FamilyParts.layers;

import io.github.llmcost.core.MlpKind;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NormKind;
import java.util.OptionalInt;

/** The decoders with LayerNorms and plain MLPs: {@code falcon} and {@code gpt2}. */
final class GptFalconFamilies {
    private GptFalconFamilies() {}

    /** transformers' {@code FalconConfig.max_position_embeddings} default. */
    private static final int FALCON_DEFAULT_CONTEXT = 2048;

    /** {@code falcon}: multi-query or grouped attention, parallel or sequential blocks; 2,048 positions by default. */
    static final Family FALCON = new Family(
            "falcon",
            GptFalconFamilies::falcon,
            new Family.Context("max_position_embeddings", OptionalInt.of(FALCON_DEFAULT_CONTEXT)),
            "Plain GELU MLP of {@code ffn_hidden_size} (default {@code 4d}), LayerNorms, tied by "
                    + "default, {@code bias} on every linear layer, {@code head_dim = d / h}. Without "
                    + "{@code new_decoder_architecture}: one KV head if {@code multi_query}, else "
                    + "{@code h}; one norm per layer if {@code parallel_attn}, else two. With it: "
                    + "{@code num_kv_heads} KV heads and {@code num_ln_in_parallel_attn} norms (default 2).");

    /** {@code gpt2}: its own key names, learned positions ({@code n_positions}, also the maximum context). */
    static final Family GPT2 = new Family(
            "gpt2",
            GptFalconFamilies::gpt2,
            new Family.Context("n_positions", OptionalInt.empty()),
            "Its own names: {@code n_embd}, {@code n_layer}, {@code n_head}, {@code n_inner} "
                    + "(null: {@code 4d}), {@code n_positions} learned positions; plain MLP, biases "
                    + "everywhere, LayerNorms, tied by default.");

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
}
