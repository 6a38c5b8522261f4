package io.github.llmcost.huggingface;

import static io.github.llmcost.huggingface.Config.MAX_SIZE;

import io.github.llmcost.core.ModelSpec;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * One supported {@code model_type}: how its config maps to a {@link ModelSpec}, where it gives the model's maximum
 * context, and the line that documents it in {@link HuggingFaceConfig}'s table of families. {@link Families#ALL}
 * holds one per type; the supported list, the dispatch, the maximum context and (through a test) the documentation
 * all come from it.
 *
 * @param modelType the {@code model_type} value
 * @param mapping maps a config to a builder holding every shape; the caller sets the name and builds. It throws
 *     {@link ConfigException} for any bad key
 * @param context where the config gives the maximum context
 * @param description the "Mapping" cell of the family's row in {@link HuggingFaceConfig}'s class javadoc, as javadoc
 *     source on one line (the javadoc wraps it; a test holds the two equal)
 */
record Family(String modelType, Function<Config, ModelSpec.Builder> mapping, Context context, String description) {

    /** A family whose maximum context is {@code max_position_embeddings}, as most families'. */
    Family(String modelType, Function<Config, ModelSpec.Builder> mapping, String description) {
        this(modelType, mapping, Context.MAX_POSITION_EMBEDDINGS, description);
    }

    /**
     * Where a config gives the longest sequence its model was built for.
     *
     * @param key the key holding it
     * @param whenAbsent what an absent or null key means: transformers' default, or empty where it has none
     */
    record Context(String key, OptionalInt whenAbsent) {

        /** {@code max_position_embeddings}, empty when absent. */
        static final Context MAX_POSITION_EMBEDDINGS = new Context("max_position_embeddings", OptionalInt.empty());

        /**
         * Reads the maximum context.
         *
         * @throws ConfigException if the key holds something other than a positive integer
         */
        OptionalInt read(Config c) {
            OptionalInt given = c.optional(key, 1, MAX_SIZE);
            return given.isPresent() ? given : whenAbsent;
        }
    }
}
