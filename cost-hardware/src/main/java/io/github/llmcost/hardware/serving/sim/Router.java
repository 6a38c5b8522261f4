package io.github.llmcost.hardware.serving.sim;

/** How requests are spread across replicas. */
public enum Router {
    /** In turn, regardless of load or cache. */
    ROUND_ROBIN,
    /** To the replica with the fewest requests outstanding (waiting or running); the lowest index on a tie. */
    LEAST_LOADED,
    /**
     * To the least loaded replica that holds the request's prefix in its cache, unless its outstanding requests
     * exceed {@link Simulation#AFFINITY_BOUND} times one more than the least loaded replica's (a bound against the
     * mean would let a replica that holds nothing starve); otherwise, and for requests without a
     * prefix, as {@link #LEAST_LOADED}.
     */
    PREFIX_AFFINITY
}
