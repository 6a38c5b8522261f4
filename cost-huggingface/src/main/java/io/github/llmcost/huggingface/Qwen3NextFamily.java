package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_LAYERS;
import static io.github.llmcost.huggingface.Config.MAX_SIZE;
import static io.github.llmcost.huggingface.FamilyParts.decoder;
import static io.github.llmcost.huggingface.FamilyParts.expertCount;
import static io.github.llmcost.huggingface.FamilyParts.expertsPerToken;
import static io.github.llmcost.huggingface.FamilyParts.layerTypes;
import static io.github.llmcost.huggingface.FamilyParts.layers;
import static io.github.llmcost.huggingface.FamilyParts.layout;
import static io.github.llmcost.huggingface.FamilyParts.qwenFirstRoutedLayer;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.LinearAttention;
import io.github.llmcost.core.MixtureOfExperts;
import io.github.llmcost.core.ModelSpec;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Qwen3-Next's hybrid of gated DeltaNet and gated attention, with routed and shared experts: {@code qwen3_next}. */
final class Qwen3NextFamily {
    private Qwen3NextFamily() {}

    /** Qwen3-Next's {@code layer_types} vocabulary. */
    private static final Map<String, AttentionKind> TYPES =
            Map.of("full_attention", AttentionKind.GLOBAL, "linear_attention", AttentionKind.LINEAR_ATTENTION);

    private static final String NO_DEFAULT = "(transformers would assume Qwen3-Next-80B-A3B's value)";

    /** {@code qwen3_next}: gated DeltaNet on most layers, gated attention on each {@code full_attention_interval}-th. */
    static final Family QWEN3_NEXT = new Family(
            "qwen3_next",
            Qwen3NextFamily::qwen3Next,
            "Gated DeltaNet layers ({@code linear_num_key_heads}, {@code linear_num_value_heads}, "
                    + "{@code linear_key_head_dim}, {@code linear_value_head_dim}, {@code linear_conv_kernel_dim}) "
                    + "and gated attention with q/k norms on each {@code full_attention_interval}-th layer "
                    + "(required), or as {@code layer_types} says; {@code num_experts} experts of "
                    + "{@code moe_intermediate_size}, {@code num_experts_per_tok} per token, plus a gated shared "
                    + "expert of {@code shared_expert_intermediate_size} (0 or the expert size), on the layers "
                    + "{@code mlp_only_layers} and {@code decoder_sparse_step} leave routed (a tail).");

    private static ModelSpec.Builder qwen3Next(Config c) {
        ModelSpec.Builder b = decoder(c, 2, 256, false).qkNorm(true).attentionOutputGate(true);
        int layers = layers(c);
        AttentionKind[] kinds = layerTypes(c, layers, TYPES).orElseGet(() -> {
            int interval = c.required("full_attention_interval", 1, MAX_LAYERS, NO_DEFAULT);
            AttentionKind[] cycle = new AttentionKind[layers];
            for (int layer = 0; layer < layers; layer++) {
                cycle[layer] = (layer + 1) % interval == 0 ? AttentionKind.GLOBAL : AttentionKind.LINEAR_ATTENTION;
            }
            return cycle;
        });
        if (List.of(kinds).contains(AttentionKind.LINEAR_ATTENTION)) {
            b.linearAttention(LinearAttention.builder()
                    .numKeyHeads(c.required("linear_num_key_heads", 1, MAX_SIZE, NO_DEFAULT))
                    .numValueHeads(c.required("linear_num_value_heads", 1, MAX_SIZE, NO_DEFAULT))
                    .keyHeadDim(c.required("linear_key_head_dim", 1, MAX_SIZE, NO_DEFAULT))
                    .valueHeadDim(c.required("linear_value_head_dim", 1, MAX_SIZE, NO_DEFAULT))
                    .convolutionKernelSize(c.required("linear_conv_kernel_dim", 1, MAX_SIZE, NO_DEFAULT))
                    .build());
        }
        layout(b, kinds, OptionalInt.empty());
        int experts = expertCount(c, "num_experts", "num_local_experts", 0);
        if (experts == 0) {
            return b;
        }
        int expertSize = c.required("moe_intermediate_size", 1, MAX_SIZE, NO_DEFAULT);
        int shared = c.required("shared_expert_intermediate_size", 0, MAX_SIZE, NO_DEFAULT);
        if (shared != 0 && shared != expertSize) {
            throw new ConfigException(
                    "shared_expert_intermediate_size",
                    "shared_expert_intermediate_size (" + shared + ") must be 0 or moe_intermediate_size (" + expertSize
                            + "): a ModelSpec's shared experts have the routed experts' size");
        }
        OptionalInt first = qwenFirstRoutedLayer(c, layers);
        if (first.isPresent()) {
            b.mixtureOfExperts(MixtureOfExperts.builder()
                    .numExperts(experts)
                    .expertsPerToken(expertsPerToken(c, experts))
                    .expertIntermediateSize(expertSize)
                    .numSharedExperts(shared > 0 ? 1 : 0)
                    .sharedExpertGate(shared > 0)
                    .firstDenseLayers(first.getAsInt())
                    .build());
        }
        return b;
    }
}
