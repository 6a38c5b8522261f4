package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_SIZE;
import static io.github.llmcost.huggingface.FamilyParts.ATTENTION_TYPES;
import static io.github.llmcost.huggingface.FamilyParts.decoder;
import static io.github.llmcost.huggingface.FamilyParts.layerTypes;
import static io.github.llmcost.huggingface.FamilyParts.layers;
import static io.github.llmcost.huggingface.FamilyParts.layout;
import static io.github.llmcost.huggingface.FamilyParts.uniformWindow;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.ModelSpec;
import java.util.OptionalInt;

/** Google's and Microsoft's dense decoders: {@code gemma2} and {@code phi3}. */
final class GemmaPhiFamilies {
    private GemmaPhiFamilies() {}

    /** {@code gemma2}: four norms per layer, sliding and global layers alternating. */
    static final Family GEMMA2 = new Family(
            "gemma2",
            GemmaPhiFamilies::gemma2,
            "Four RMSNorms per layer, tied by default, required {@code head_dim}; "
                    + "{@code sliding_window} (required, null for none) on even layers, or as "
                    + "{@code layer_types} says; {@code attention_bias} on Q, K, V and O.");

    /** {@code phi3}: an optional window on every layer. */
    static final Family PHI3 =
            new Family("phi3", GemmaPhiFamilies::phi3, "{@code sliding_window} on every layer if not null.");

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
}
