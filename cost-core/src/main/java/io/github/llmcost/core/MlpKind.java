package io.github.llmcost.core;

/** The shape of a feed-forward block. */
public enum MlpKind {
    /** Two matrices, up {@code d -> I} and down {@code I -> d}, with GELU or ReLU between (GPT-2, Falcon). */
    PLAIN(2),
    /**
     * Three matrices: gate and up {@code d -> I}, multiplied element-wise after an activation (SwiGLU in Llama, GeGLU
     * in Gemma), then down {@code I -> d}.
     */
    GATED(3);

    private final int matrices;

    MlpKind(int matrices) {
        this.matrices = matrices;
    }

    /** {@return how many {@code d x I} weight matrices the block has} */
    public int matrices() {
        return matrices;
    }
}
