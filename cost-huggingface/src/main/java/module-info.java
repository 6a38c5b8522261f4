import org.jspecify.annotations.NullMarked;

/**
 * llm-cost huggingface: reads a Hugging Face {@code config.json} into a {@link io.github.llmcost.core.ModelSpec}.
 *
 * <p>Start from {@link io.github.llmcost.huggingface.HuggingFaceConfig}. Jackson parses the JSON; it is this module's
 * only dependency besides cost-core (cost-hardware also uses it, for calibration files).
 */
@NullMarked
module io.github.llmcost.huggingface {
    requires static transitive org.jspecify;
    requires static org.immutables.value;
    requires transitive io.github.llmcost.core;
    requires com.fasterxml.jackson.databind;

    exports io.github.llmcost.huggingface;
}
