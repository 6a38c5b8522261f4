package io.github.llmcost.examples;

import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.huggingface.HuggingFaceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code --config} files through cost-huggingface. */
final class ConfigModels {
    private ConfigModels() {}

    /**
     * Reads a Hugging Face {@code config.json}. Only a regular file is opened: a directory, a FIFO or a device (which
     * could block or never end) is refused before reading.
     *
     * @param config the file
     * @return the model it describes
     * @throws IllegalArgumentException naming the file and the problem, for a missing, unreadable, irregular or
     *     invalid file
     */
    static ModelSpec read(Path config) {
        return read("--config", config);
    }

    /**
     * Reads a Hugging Face {@code config.json} given to an option, naming that option in every error.
     *
     * @param option the option as typed, such as {@code --draft-config}
     * @param config the file
     * @return the model it describes
     * @throws IllegalArgumentException naming the option, the file and the problem
     */
    static ModelSpec read(String option, Path config) {
        if (!Files.exists(config)) {
            throw new IllegalArgumentException(option + " (" + config + ") does not exist");
        }
        if (Files.isDirectory(config)) {
            throw new IllegalArgumentException(option + " (" + config + ") is a directory, not a config.json file");
        }
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException(
                    option + " (" + config + ") is not a regular file (a FIFO, a device or a socket): give a file");
        }
        try {
            return HuggingFaceConfig.read(config);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " (" + config + ") does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    option + " (" + config + ") cannot be read: " + OutputFiles.describe(e), e);
        }
    }
}
