package io.github.llmcost.hardware;

/**
 * A limit that stops a configuration from running, in the order {@link Feasibility#bindingLimit()} reports them: what
 * the configuration cannot express at all first, then what the model refuses, then memory.
 */
public enum Limit {
    /** The chip has no tensor path (no peak) for the format the matrix multiplications would run in. */
    COMPUTE_FORMAT,
    /** Tensor parallelism over devices that have no interconnect between them. */
    INTERCONNECT,
    /**
     * The tensor-parallel degree does not divide the attention heads, or neither divides nor is a multiple of the KV
     * heads (engines shard heads whole, and replicate KV heads when the degree exceeds them).
     */
    TENSOR_PARALLEL,
    /**
     * The pipeline or expert-parallel degree does not fit the model (more stages than layers, an expert degree that
     * does not divide the experts or the stage's devices), or the devices do not fill the nodes declared.
     */
    PARALLELISM,
    /** Prompt plus output exceed the model's maximum context ({@code max_position_embeddings}). */
    CONTEXT,
    /** Weights, activations and framework overhead alone exceed device memory. */
    MEMORY,
    /** The batch needs more KV cache than the memory left after weights, activations and overhead holds. */
    KV_CACHE
}
