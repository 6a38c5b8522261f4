package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_SIZE;
import static io.github.llmcost.huggingface.FamilyParts.decoder;
import static io.github.llmcost.huggingface.FamilyParts.layers;
import static io.github.llmcost.huggingface.FamilyParts.uniformWindow;

import io.github.llmcost.core.ModelSpec;
import java.util.OptionalInt;

/** The Llama-like dense decoders: {@code llama} and {@code mistral}. */
final class LlamaFamilies {
    private LlamaFamilies() {}

    /** {@code llama}: the plain decoder, with optional biases. */
    static final Family LLAMA =
            new Family("llama", LlamaFamilies::llama, "{@code attention_bias} on Q, K, V and O; {@code mlp_bias}.");

    /** {@code mistral}: a window on every layer. */
    static final Family MISTRAL = new Family(
            "mistral", LlamaFamilies::mistral, "{@code sliding_window} (required, null for none) on every layer.");

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
}
