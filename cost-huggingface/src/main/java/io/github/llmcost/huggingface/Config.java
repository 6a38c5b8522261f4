package io.github.llmcost.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The top-level object of one {@code config.json}, with typed accessors whose failures are {@link ConfigException}s
 * naming the key and its value.
 *
 * <p>"Absent" is a key the object does not have; "null" is a key whose value is JSON {@code null}. Optional accessors
 * treat both as "not given"; required accessors reject both, except {@link #requiredNullable}, which requires the key
 * and reads {@code null} as "none".
 */
final class Config {
    /** The largest size or count accepted: 2<sup>24</sup> = 16,777,216 (dimensions, vocabulary, heads, experts). */
    static final int MAX_SIZE = 1 << 24;

    /** The largest number of layers accepted: 2<sup>16</sup> = 65,536. */
    static final int MAX_LAYERS = 1 << 16;

    private static final int MAX_SHOWN = 40;

    private final ObjectNode root;
    private final String modelType;

    Config(ObjectNode root, String modelType) {
        this.root = root;
        this.modelType = modelType;
    }

    String modelType() {
        return modelType;
    }

    /** Whether the key is present, even with a {@code null} value. */
    boolean has(String key) {
        return root.has(key);
    }

    /** The value of a key, or {@code null} when it is absent or JSON {@code null}. */
    @Nullable
    JsonNode get(String key) {
        JsonNode value = root.get(key);
        return value == null || value.isNull() ? null : value;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Integers
    // ---------------------------------------------------------------------------------------------------------------

    /** A required integer in {@code [min, max]}. */
    int required(String key, int min, int max) {
        JsonNode value = root.get(key);
        if (value == null) {
            throw missing(key, "");
        }
        if (value.isNull()) {
            throw new ConfigException(key, key + " is null; it must be an integer");
        }
        return toInt(key, value, min, max);
    }

    /**
     * A required integer in {@code [min, max]}, with an explanation of why the key cannot default.
     *
     * @param why appended to the "missing" message, such as "(transformers would assume 8)"
     */
    int required(String key, int min, int max, String why) {
        if (!root.has(key)) {
            throw missing(key, why);
        }
        return required(key, min, max);
    }

    /** An integer in {@code [min, max]}, empty when the key is absent or null. */
    OptionalInt optional(String key, int min, int max) {
        JsonNode value = get(key);
        return value == null ? OptionalInt.empty() : OptionalInt.of(toInt(key, value, min, max));
    }

    /** A key that must be present; {@code null} means "none" (empty), anything else an integer in {@code [min, max]}. */
    OptionalInt requiredNullable(String key, int min, int max, String why) {
        if (!root.has(key)) {
            throw missing(key, why);
        }
        return optional(key, min, max);
    }

    private ConfigException missing(String key, String why) {
        return new ConfigException(
                key, key + " is missing; " + modelType + " configs must name it" + (why.isEmpty() ? "" : " " + why));
    }

    /** Converts an integral JSON number in {@code [min, max]}. */
    private static int toInt(String key, JsonNode value, int min, int max) {
        if (!value.isIntegralNumber()) {
            throw new ConfigException(key, key + " (" + show(value) + ") must be an integer, not " + describe(value));
        }
        BigInteger number = value.bigIntegerValue();
        if (number.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new ConfigException(key, key + " (" + number + ") must be " + (min == 1 ? "> 0" : ">= " + min));
        }
        if (number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ConfigException(key, key + " (" + number + ") exceeds the limit of " + max);
        }
        return number.intValueExact();
    }

    /** An array of layer indices, each in {@code [0, layers)}, empty when the key is absent or null. */
    Optional<List<Integer>> layerIndices(String key, int layers) {
        JsonNode value = get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw new ConfigException(
                    key, key + " (" + show(value) + ") must be an array of layer indices, not " + describe(value));
        }
        List<Integer> list = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String label = key + "[" + i + "]";
            if (!element.isIntegralNumber()) {
                throw new ConfigException(
                        key, label + " (" + show(element) + ") must be an integer, not " + describe(element));
            }
            BigInteger index = element.bigIntegerValue();
            if (index.signum() < 0 || index.compareTo(BigInteger.valueOf(layers)) >= 0) {
                throw new ConfigException(key, label + " (" + index + ") must be a layer index in [0, " + layers + ")");
            }
            list.add(index.intValueExact());
        }
        return Optional.of(list);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Other types
    // ---------------------------------------------------------------------------------------------------------------

    /** A boolean, {@code defaultValue} when the key is absent or null. */
    boolean bool(String key, boolean defaultValue) {
        JsonNode value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw new ConfigException(
                    key, key + " (" + show(value) + ") must be true or false, not " + describe(value));
        }
        return value.booleanValue();
    }

    /** A required boolean, with an explanation of why the key cannot default. */
    boolean requiredBool(String key, String why) {
        if (get(key) == null) {
            throw root.has(key)
                    ? new ConfigException(key, key + " is null; it must be true or false")
                    : missing(key, why);
        }
        return bool(key, false);
    }

    /** A string, empty when the key is absent or null. */
    Optional<String> string(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new ConfigException(key, key + " (" + show(value) + ") must be a string, not " + describe(value));
        }
        return Optional.of(value.textValue());
    }

    /** A finite number {@code > 0}, empty when the key is absent or null. */
    OptionalDouble positiveNumber(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber()) {
            throw new ConfigException(key, key + " (" + show(value) + ") must be a number, not " + describe(value));
        }
        double number = value.doubleValue();
        if (!(number > 0) || Double.isInfinite(number)) {
            throw new ConfigException(key, key + " (" + show(value) + ") must be finite and > 0");
        }
        return OptionalDouble.of(number);
    }

    /** An array of strings, empty when the key is absent or null. */
    Optional<List<String>> stringList(String key) {
        JsonNode value = get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw new ConfigException(
                    key, key + " (" + show(value) + ") must be an array of strings, not " + describe(value));
        }
        List<String> list = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                throw new ConfigException(
                        key, key + "[" + i + "] (" + show(element) + ") must be a string, not " + describe(element));
            }
            list.add(element.textValue());
        }
        return Optional.of(list);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Messages
    // ---------------------------------------------------------------------------------------------------------------

    /** The value as JSON, cut to a readable length. */
    static String show(JsonNode value) {
        // Jackson writes NaN and the infinities as strings; show them as the tokens they were read from.
        String text = value.isFloatingPointNumber() ? String.valueOf(value.doubleValue()) : value.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    /** The kind of a JSON value, with its article: "a string", "an array", ... */
    static String describe(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            return Double.isNaN(number) || Double.isInfinite(number) ? "a non-finite number" : "a fractional number";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "an object";
        }
        return "a " + value.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
    }
}
