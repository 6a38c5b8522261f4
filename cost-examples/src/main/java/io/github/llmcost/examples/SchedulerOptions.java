package io.github.llmcost.examples;

import io.github.llmcost.hardware.serving.Scheduler;
import picocli.CommandLine.Option;

/** {@code --max-batch}, {@code --max-batched-tokens} and {@code --block-tokens}: how the engine batches. */
final class SchedulerOptions {
    @Option(
            names = "--max-batch",
            description = "Most sequences in flight; default: ${DEFAULT-VALUE}.",
            defaultValue = "" + Scheduler.DEFAULT_MAX_BATCH_SIZE)
    int maxBatch = Scheduler.DEFAULT_MAX_BATCH_SIZE;

    @Option(
            names = "--max-batched-tokens",
            description = "Most tokens one step computes (decodes plus prefill chunks); default: ${DEFAULT-VALUE}.",
            defaultValue = "" + Scheduler.DEFAULT_MAX_BATCHED_TOKENS)
    int maxBatchedTokens = Scheduler.DEFAULT_MAX_BATCHED_TOKENS;

    @Option(
            names = "--block-tokens",
            description = "Tokens per KV-cache block; default: ${DEFAULT-VALUE}.",
            defaultValue = "" + Scheduler.DEFAULT_BLOCK_TOKENS)
    int blockTokens = Scheduler.DEFAULT_BLOCK_TOKENS;

    /**
     * The scheduler the options describe.
     *
     * @return the scheduler
     * @throws IllegalArgumentException naming the option as typed, for a value that is not positive
     */
    Scheduler scheduler() {
        Options.positive("--max-batch", maxBatch);
        Options.positive("--max-batched-tokens", maxBatchedTokens);
        Options.positive("--block-tokens", blockTokens);
        return Scheduler.builder()
                .maxBatchSize(maxBatch)
                .maxBatchedTokens(maxBatchedTokens)
                .blockTokens(blockTokens)
                .build();
    }
}
