/**
 * Hugging Face {@code config.json} import: {@link io.github.llmcost.huggingface.HuggingFaceConfig} turns the
 * configuration of a checkpoint into a {@link io.github.llmcost.core.ModelSpec}, and rejects anything it cannot map
 * exactly with a {@link io.github.llmcost.huggingface.ConfigException} naming the key and the problem.
 */
@NullMarked
package io.github.llmcost.huggingface;

import org.jspecify.annotations.NullMarked;
