package io.github.llmcost.examples;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --model ID} or {@code --config FILE}, not both: the model of every command that takes one. */
final class ModelOption {
    static final String DEFAULT_MODEL = "llama-3.1-8b";

    @Option(
            names = "--model",
            description =
                    "Model preset id (see `llm-cost presets`); default: " + DEFAULT_MODEL + ". Not with --config.")
    @Nullable
    String modelId;

    @Option(
            names = "--config",
            description = "A Hugging Face config.json (a regular file) instead of a preset. Not with --model.")
    @Nullable
    Path config;

    /**
     * The model the options name.
     *
     * @return the preset, the model read from the config file, or the default preset
     * @throws IllegalArgumentException if both options are given, the preset is unknown or the file is invalid
     */
    ModelSpec model() {
        if (config != null) {
            if (modelId != null) {
                throw new IllegalArgumentException("--model (" + modelId + ") and --config (" + config
                        + ") are mutually exclusive: give one of them");
            }
            return ConfigModels.read(config);
        }
        return ModelPresets.byId(modelId == null ? DEFAULT_MODEL : modelId);
    }
}
