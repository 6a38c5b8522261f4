package io.github.llmcost.economics.plan;

/** What stops one replica of a planned deployment from taking more requests per second. */
public enum CapacityLimit {
    /** The 90th percentile of time to first token reaches its target first. */
    TTFT_SLO,
    /** The 90th percentile of time per output token reaches its target first. */
    TPOT_SLO,
    /** Saturation, with the KV cache capping the sequences in flight. */
    KV_CACHE,
    /** Saturation, with the batch cap capping the sequences in flight. */
    MAX_BATCH,
    /** Saturation, with the token budget per step capping prefill and decode. */
    TOKEN_BUDGET;

    /** {@return the limit as the command line and JSON write it, such as {@code "tpot-slo"}} */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
