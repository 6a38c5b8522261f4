package io.github.llmcost.hardware.serving;

/** What caps the sequences a saturated deployment runs at once. */
public enum ConcurrencyLimit {
    /** The KV cache: memory left after weights, activations and overhead holds no more sequences. */
    KV_CACHE,
    /** The scheduler's batch cap ({@link Scheduler#maxBatchSize()}). */
    MAX_BATCH,
    /** The scheduler's token budget per step ({@link Scheduler#maxBatchedTokens()}): prefill and decode share it. */
    TOKEN_BUDGET
}
