package io.github.llmcost.hardware;

/** Which limit of a chip an operation hits first on the roofline. */
public enum Bound {
    /** Peak arithmetic throughput: the operation's intensity is above the ridge point. */
    COMPUTE,
    /** Memory bandwidth: the operation's intensity is below the ridge point. */
    MEMORY
}
