package io.github.llmcost.hardware;

/** The two phases of inference. */
public enum Phase {
    /** Processing the prompt: all its tokens at once, matrix times matrix, compute-bound at useful lengths. */
    PREFILL,
    /** Generating one token per sequence per step: matrix times vector, memory-bound at small batches. */
    DECODE
}
