package io.github.llmcost.core;

/**
 * The classes of tensors a checkpoint stores, as {@link ParameterBreakdown} counts them: what a {@link WeightScheme}
 * quantises (the linear layers) and what it keeps wider (embeddings, lm_head, norms, routers).
 */
public enum TensorRole {
    /** Token embeddings plus learned position embeddings. */
    EMBEDDINGS,
    /** Attention projections and their biases. */
    ATTENTION,
    /** The projections of attention-free convolution layers. */
    CONVOLUTION,
    /** Dense MLP matrices and biases. */
    MLP,
    /** Routed and shared expert matrices. */
    EXPERTS,
    /** Mixture-of-Experts routers. */
    ROUTER,
    /** Every norm. */
    NORMS,
    /** The output head; no parameters when tied to the embeddings. */
    LM_HEAD;

    /**
     * The parameters of this role in a breakdown.
     *
     * @param parameters the breakdown
     * @return its count for this role
     */
    public long parametersIn(ParameterBreakdown parameters) {
        return switch (this) {
            case EMBEDDINGS -> parameters.embeddingParameters();
            case ATTENTION -> parameters.attentionParameters();
            case CONVOLUTION -> parameters.convolutionParameters();
            case MLP -> parameters.mlpParameters();
            case EXPERTS -> parameters.expertParameters();
            case ROUTER -> parameters.routerParameters();
            case NORMS -> parameters.normParameters();
            case LM_HEAD -> parameters.lmHeadParameters();
        };
    }

    /** {@return whether the role is one of the linear layers inside the blocks, which quantised checkpoints shrink} */
    public boolean isLinearLayer() {
        return this == ATTENTION || this == CONVOLUTION || this == MLP || this == EXPERTS;
    }

    /**
     * The role whose weights an operation reads.
     *
     * @param operation a linear operation (not attention scores or aggregation, nor a recurrent state update)
     * @param routedExperts whether the operation reads expert matrices ({@link FlopCounter#readsExperts})
     * @return the role
     * @throws IllegalArgumentException for a quadratic operation or a state update, which read no weights
     */
    public static TensorRole of(Operation operation, boolean routedExperts) {
        return switch (operation) {
            case Q_PROJECTION, K_PROJECTION, V_PROJECTION, O_PROJECTION -> ATTENTION;
            case CONVOLUTION -> CONVOLUTION;
            case MLP_GATE, MLP_UP, MLP_DOWN -> routedExperts ? EXPERTS : MLP;
            case ROUTER -> ROUTER;
            case LM_HEAD -> LM_HEAD;
            case ATTENTION_SCORES, ATTENTION_AGGREGATION, STATE_UPDATE ->
                throw new IllegalArgumentException("operation (" + operation + ") reads no weights");
        };
    }
}
