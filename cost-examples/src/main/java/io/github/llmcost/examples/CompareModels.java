package io.github.llmcost.examples;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code --models a,b,c}: preset ids or {@code config.json} files, for {@code compare} and {@code chart}. */
final class CompareModels {
    static final String OPTION = "--models";

    static final String DESCRIPTION = "Models to compare, comma-separated: preset ids (see `llm-cost presets`) or"
            + " paths to Hugging Face config.json files.";

    private CompareModels() {}

    /**
     * Reads the models: each entry a preset id, else a {@code config.json} file (a path that names a file, or any
     * entry ending in {@code .json} or holding a path separator).
     *
     * @param entries the entries as picocli split them
     * @return the models, in order
     * @throws IllegalArgumentException naming {@code --models} and the entry, for an empty list or entry, an unknown
     *     preset or an unreadable file
     */
    static List<ModelSpec> read(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(OPTION + " () must name at least one model");
        }
        List<ModelSpec> models = new ArrayList<>();
        for (String entry : entries) {
            String id = entry.trim();
            if (id.isEmpty()) {
                throw new IllegalArgumentException(OPTION + " (" + String.join(",", entries)
                        + ") has an empty entry: give ids separated by commas");
            }
            if (ModelPresets.all().containsKey(id.toLowerCase(Locale.ROOT))) {
                models.add(ModelPresets.byId(id));
            } else if (id.endsWith(".json") || id.contains("/") || id.contains(java.io.File.separator)) {
                models.add(ConfigModels.read(Path.of(id), OPTION));
            } else {
                throw new IllegalArgumentException(OPTION + " (" + id + ") is neither a model preset nor a config.json"
                        + " file; known presets: " + ModelPresets.ids());
            }
        }
        return models;
    }
}
