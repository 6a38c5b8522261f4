package io.github.llmcost.core;

/**
 * The accounting convention that produced a number. Every result in llm-cost names one.
 */
public enum Convention {
    /**
     * The article's algebra: square {@code d x d} Q, K, V and O projections, an MLP of {@code 16nd^2} FLOPs, so a
     * layer costs {@code 24nd^2 + 4n^2d}; full {@code n x n} score matrices (no causal mask, no windows); no
     * embeddings, no lm_head, no norms or biases; KV cache {@code 2 * L_attn * g * d_k * n * B_p}. Attention-free
     * layers pay {@code 24nd^2} and cache nothing.
     */
    ARTICLE,
    /**
     * What a real checkpoint does: K and V projections sized by the KV heads, the real intermediate size with a gated
     * or plain MLP, biases and norms in the parameter count, tied or untied embeddings, the lm_head, causal masking
     * of prefill scores (switchable), sliding windows, attention-free layers with their fixed state, Mixture of
     * Experts with routed and shared experts, and multi-head latent attention caches. Parameter counts match the
     * published counts of real checkpoints.
     */
    EXACT
}
