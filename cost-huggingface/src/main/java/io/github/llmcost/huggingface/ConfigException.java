package io.github.llmcost.huggingface;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code config.json} that cannot be read as a model: malformed, empty or too large JSON, an unsupported
 * {@code model_type}, a required key that is missing or of the wrong type, a value out of range, or a combination the
 * model does not allow.
 *
 * <p>The message names the key and its value, or the problem, in the style of {@code "num_key_value_heads (5) must
 * divide num_attention_heads (32)"}; {@link #key()} gives the key alone when one key is at fault. It extends {@link
 * IllegalArgumentException}, so callers that already handle bad arguments handle bad configs too.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String key;

    ConfigException(@Nullable String key, String message) {
        super(message);
        this.key = key;
    }

    ConfigException(@Nullable String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /**
     * {@return the {@code config.json} key at fault, such as {@code "hidden_size"}, or empty when the problem is not
     * one key's (malformed JSON, a size limit, an invalid combination of several keys)}
     */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }
}
