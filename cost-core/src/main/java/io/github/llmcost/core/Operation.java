package io.github.llmcost.core;

/** The matrix multiplications of a transformer whose FLOPs llm-cost counts one by one. */
public enum Operation {
    /** Query projection (under latent attention: the query down- and up-projections). */
    Q_PROJECTION(false),
    /** Key projection (under latent attention: the joint latent down-projection and the key up-projection). */
    K_PROJECTION(false),
    /** Value projection (under latent attention: the value up-projection). */
    V_PROJECTION(false),
    /** Output projection {@code W_O}. */
    O_PROJECTION(false),
    /** Attention scores {@code QK^T}: quadratic in context. */
    ATTENTION_SCORES(true),
    /** Value aggregation {@code AV}: quadratic in context. */
    ATTENTION_AGGREGATION(true),
    /**
     * The projections and depthwise convolution of a layer without softmax attention: LFM2's gated convolution, a
     * Mamba-2 mixer's {@code in_proj}, {@code conv1d} and {@code out_proj}, a gated DeltaNet's projections, gates and
     * convolution. Weights read once per pass, like the attention projections.
     */
    CONVOLUTION(false),
    /**
     * The recurrence of state-space and linear-attention layers: each token updates a fixed state per sequence and
     * reads it out. Linear in context (a constant per token), no weights; the state is read and written once per
     * sequence and pass.
     */
    STATE_UPDATE(false),
    /** The gate matrix of a gated MLP (dense or experts). */
    MLP_GATE(false),
    /** The up matrix of an MLP (dense or experts). */
    MLP_UP(false),
    /** The down matrix of an MLP (dense or experts). */
    MLP_DOWN(false),
    /** The Mixture-of-Experts router. */
    ROUTER(false),
    /** The output head producing logits over the vocabulary. */
    LM_HEAD(false);

    private final boolean quadratic;

    Operation(boolean quadratic) {
        this.quadratic = quadratic;
    }

    /** {@return whether the operation's FLOPs grow with context per token (the article's {@code 4n^2d} term)} */
    public boolean isQuadratic() {
        return quadratic;
    }

    /** {@return whether the operation is one of the attention projections Q, K, V or O} */
    public boolean isAttentionProjection() {
        return this == Q_PROJECTION || this == K_PROJECTION || this == V_PROJECTION || this == O_PROJECTION;
    }
}
