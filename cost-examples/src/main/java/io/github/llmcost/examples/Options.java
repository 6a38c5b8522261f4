package io.github.llmcost.examples;

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
}
