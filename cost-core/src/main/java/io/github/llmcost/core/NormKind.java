package io.github.llmcost.core;

/** The normalisation a model uses, which decides how many parameters each norm holds. */
public enum NormKind {
    /** RMSNorm: a scale per element. */
    RMS_NORM(1),
    /** LayerNorm: a scale and a bias per element. */
    LAYER_NORM(2);

    private final int parametersPerElement;

    NormKind(int parametersPerElement) {
        this.parametersPerElement = parametersPerElement;
    }

    /** {@return parameters per normalised element: 1 for RMSNorm, 2 for LayerNorm} */
    public int parametersPerElement() {
        return parametersPerElement;
    }
}
