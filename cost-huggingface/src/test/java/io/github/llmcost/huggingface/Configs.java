package io.github.llmcost.huggingface;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmcost.core.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Consumer;

/** Test helpers: the shipped configs as editable JSON trees. */
final class Configs {
    static final ObjectMapper JSON = new ObjectMapper();

    private Configs() {}

    /** {@return the text of a shipped config, such as {@code "llama-3.1-8b.json"}} */
    static String text(String file) {
        try {
            return Files.readString(PresetConfigsTest.CONFIGS.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return a fresh, editable copy of a shipped config} */
    static ObjectNode tree(String file) {
        try {
            return (ObjectNode) JSON.readTree(text(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the JSON text of a shipped config after an edit} */
    static String edited(String file, Consumer<ObjectNode> edit) {
        ObjectNode tree = tree(file);
        edit.accept(tree);
        return tree.toString();
    }

    /** {@return the model read from a shipped config after an edit} */
    static ModelSpec read(String file, Consumer<ObjectNode> edit) {
        return HuggingFaceConfig.parse(edited(file, edit));
    }
}
