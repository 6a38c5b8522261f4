package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_SIZE;
import static io.github.llmcost.huggingface.FamilyParts.ATTENTION_TYPES;
import static io.github.llmcost.huggingface.FamilyParts.decoder;
import static io.github.llmcost.huggingface.FamilyParts.layerTypes;
import static io.github.llmcost.huggingface.FamilyParts.layers;
import static io.github.llmcost.huggingface.FamilyParts.layout;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.ModelSpec;
import java.util.Optional;
import java.util.OptionalInt;

/** The dense Qwen decoders: {@code qwen2} and {@code qwen3}, which share the sliding-window layout. */
final class QwenFamilies {
    private QwenFamilies() {}

    /** {@code qwen2}: Q, K and V biases and an optional window on the upper layers. */
    static final Family QWEN2 = new Family(
            "qwen2",
            QwenFamilies::qwen2,
            "Biases on Q, K and V (hard-coded in transformers). A window only when "
                    + "{@code use_sliding_window} is true: then {@code sliding_window} on the layers from "
                    + "{@code max_window_layers} on, or as {@code layer_types} says.");

    /** {@code qwen3}: as {@code qwen2}, with q/k norms. */
    static final Family QWEN3 = new Family(
            "qwen3",
            QwenFamilies::qwen3,
            "As {@code qwen2}, with per-head q/k RMSNorms, {@code attention_bias} on Q, K, V and "
                    + "O, and a required {@code head_dim}.");

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
}
