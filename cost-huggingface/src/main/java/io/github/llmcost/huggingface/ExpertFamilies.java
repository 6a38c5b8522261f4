package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_LAYERS;
import static io.github.llmcost.huggingface.Config.MAX_SIZE;
import static io.github.llmcost.huggingface.FamilyParts.decoder;
import static io.github.llmcost.huggingface.FamilyParts.expertCount;
import static io.github.llmcost.huggingface.FamilyParts.expertsPerToken;
import static io.github.llmcost.huggingface.FamilyParts.layers;
import static io.github.llmcost.huggingface.FamilyParts.qwenFirstRoutedLayer;
import static io.github.llmcost.huggingface.FamilyParts.uniformWindow;

import io.github.llmcost.core.LatentAttention;
import io.github.llmcost.core.MixtureOfExperts;
import io.github.llmcost.core.ModelSpec;
import java.util.OptionalInt;

/** The mixtures of experts: {@code mixtral}, {@code qwen3_moe}, and {@code deepseek_v3} with latent attention. */
final class ExpertFamilies {
    private ExpertFamilies() {}

    /** {@code mixtral}: routed experts on every layer. */
    static final Family MIXTRAL = new Family(
            "mixtral",
            ExpertFamilies::mixtral,
            "{@code num_local_experts} (or {@code num_experts}) experts of "
                    + "{@code intermediate_size} on every layer, {@code num_experts_per_tok} per token; "
                    + "{@code sliding_window} on every layer if not null.");

    /** {@code qwen3_moe}: Qwen3 attention, routed experts on a tail of layers. */
    static final Family QWEN3_MOE = new Family(
            "qwen3_moe",
            ExpertFamilies::qwen3Moe,
            "As {@code qwen3} ({@code head_dim} optional), with {@code num_experts} (or "
                    + "{@code num_local_experts}) experts of {@code moe_intermediate_size}, "
                    + "{@code num_experts_per_tok} per token, on the layers {@code mlp_only_layers} and "
                    + "{@code decoder_sparse_step} leave routed (they must be a tail); with "
                    + "{@code use_sliding_window}, {@code sliding_window} on every layer.");

    /** {@code deepseek_v3}: multi-head latent attention, shared and routed experts after dense layers. */
    static final Family DEEPSEEK_V3 = new Family(
            "deepseek_v3",
            ExpertFamilies::deepseekV3,
            "Multi-head latent attention from {@code q_lora_rank} (null: direct queries), "
                    + "{@code kv_lora_rank}, {@code qk_nope_head_dim}, {@code qk_rope_head_dim}, "
                    + "{@code v_head_dim} ({@code num_key_value_heads} and {@code head_dim} are not read); "
                    + "{@code n_routed_experts} experts of {@code moe_intermediate_size} (null: dense), "
                    + "{@code num_experts_per_tok}, {@code n_shared_experts}, {@code first_k_dense_replace} "
                    + "dense layers, a router with a correction bias. The multi-token-prediction module "
                    + "({@code num_nextn_predict_layers}) is not part of the model.");

    private static ModelSpec.Builder mixtral(Config c) {
        ModelSpec.Builder b = decoder(c, 8, null, false);
        uniformWindow(b, layers(c), c.optional("sliding_window", 1, MAX_SIZE));
        int experts = expertCount(c, "num_local_experts", "num_experts", 1);
        int perToken = expertsPerToken(c, experts);
        int intermediate = c.required("intermediate_size", 1, MAX_SIZE);
        return b.mixtureOfExperts(MixtureOfExperts.of(experts, perToken, intermediate));
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
        OptionalInt first = qwenFirstRoutedLayer(c, layers);
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
}
