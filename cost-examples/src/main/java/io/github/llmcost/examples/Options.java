package io.github.llmcost.examples;

import io.github.llmcost.core.Seconds;
import io.github.llmcost.hardware.serving.Traffic;
import org.jspecify.annotations.Nullable;

/** Checks of numeric options, naming each as the user typed it: "--gpus (0) must be > 0". */
final class Options {
    private Options() {}

    static void positive(String option, long value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(option + " (" + value + ") must be > 0");
        }
    }

    static void nonNegative(String option, long value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(option + " (" + value + ") must be >= 0");
        }
    }

    /**
     * A time in seconds, if given.
     *
     * @param option the option as typed
     * @param value its value, or null where it was not given
     * @return the time, or null
     * @throws IllegalArgumentException naming the option, for a value that is not finite and positive
     */
    static @Nullable Seconds seconds(String option, @Nullable Double value) {
        if (value == null) {
            return null;
        }
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(option + " (" + value + ") must be finite and > 0");
        }
        return Seconds.of(value);
    }

    /**
     * The traffic of {@code --input}, {@code --output}, {@code --shared-prefix} and {@code --prefix-hit-rate}.
     *
     * @param input prompt tokens per request
     * @param output output tokens per request
     * @param sharedPrefix leading prompt tokens every request shares
     * @param hitRate the share of requests that find the prefix cached; null means 1 with a prefix, 0 without
     * @return the traffic
     * @throws IllegalArgumentException naming the option as typed
     */
    static Traffic traffic(long input, long output, long sharedPrefix, @Nullable Double hitRate) {
        positive("--input", input);
        positive("--output", output);
        nonNegative("--shared-prefix", sharedPrefix);
        if (hitRate != null && !(hitRate >= 0 && hitRate <= 1)) {
            throw new IllegalArgumentException("--prefix-hit-rate (" + hitRate + ") must be in [0, 1]");
        }
        if (hitRate != null && sharedPrefix == 0) {
            throw new IllegalArgumentException(
                    "--prefix-hit-rate (" + hitRate + ") needs --shared-prefix: the tokens the requests share");
        }
        if (sharedPrefix >= input) {
            throw new IllegalArgumentException(
                    "--shared-prefix (" + sharedPrefix + ") must be less than --input (" + input + ")");
        }
        return Traffic.builder()
                .inputTokens(input)
                .outputTokens(output)
                .sharedPrefixTokens(sharedPrefix)
                .prefixHitRate(hitRate != null ? hitRate : sharedPrefix > 0 ? 1 : 0)
                .build();
    }
}
