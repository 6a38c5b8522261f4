package io.github.llmcost.examples;

import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.huggingface.HuggingFaceConfig;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code --config} files through cost-huggingface. */
final class ConfigModels {
    private ConfigModels() {}

    /**
     * Reads a Hugging Face {@code config.json}.
     *
     * @param config the file
     * @return the model it describes
     * @throws IllegalArgumentException naming the file and the problem, for a missing, unreadable or invalid file
     */
    static ModelSpec read(Path config) {
        try {
            return HuggingFaceConfig.read(config);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--config (" + config + ") does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config (" + config + ") cannot be read: " + e, e);
        }
    }
}
