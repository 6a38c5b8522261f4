package io.github.llmcost.economics;

import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.InferencePerformance;

/**
 * What input and output tokens cost when a model is self-hosted: the device-hours a phase takes, priced.
 *
 * <p>Output tokens pay for decode: {@code devices x price / (3600 x aggregate decode tokens/s x utilization)}. Input
 * tokens pay for prefill: the batch's prefill time priced the same way, over the prompt tokens it processed. Their
 * ratio is what physics says output should cost relative to input (the article's section 3.4). The cost per
 * concurrent user-hour is the hourly price over the sessions memory holds (section 5.6). A configuration that cannot
 * run ({@link InferencePerformance#feasibility()}) is never priced: every cost throws an {@link
 * io.github.llmcost.hardware.InfeasibleConfigurationException} naming the binding limit.
 *
 * <p>Immutable and thread-safe.
 */
public final class ServingCost {
    private final InferencePerformance performance;
    private final GpuPricing pricing;

    private ServingCost(InferencePerformance performance, GpuPricing pricing) {
        this.performance = performance;
        this.pricing = pricing;
    }

    /**
     * The serving cost of a configuration at a price.
     *
     * @param performance the model, chip and workload
     * @param pricing the device price and utilisation
     * @return the cost calculator
     */
    public static ServingCost of(InferencePerformance performance, GpuPricing pricing) {
        return new ServingCost(
                java.util.Objects.requireNonNull(performance, "performance"),
                java.util.Objects.requireNonNull(pricing, "pricing"));
    }

    /** {@return the configuration} */
    public InferencePerformance performance() {
        return performance;
    }

    /** {@return the pricing} */
    public GpuPricing pricing() {
        return pricing;
    }

    /** {@return the price of all devices of one replica for an hour} */
    public Money perReplicaHour() {
        return pricing.perDeviceHour().multipliedBy(performance.tensorParallel());
    }

    /** {@return the cost of one output token at the workload's batch} */
    public Money costPerOutputToken() {
        performance.feasibility().requireFeasible("cost per output token");
        return costPerToken(pricing, performance.decodeTokensPerSecond(), performance.tensorParallel());
    }

    /** {@return the cost of a million output tokens at the workload's batch} */
    public Money costPerMillionOutputTokens() {
        performance.feasibility().requireFeasible("cost per million output tokens");
        return costPerMillionTokens(pricing, performance.decodeTokensPerSecond(), performance.tensorParallel());
    }

    /** {@return the cost of one input (prompt) token: the batch's prefill time over the tokens it processed} */
    public Money costPerInputToken() {
        performance.feasibility().requireFeasible("cost per input token");
        return costPerToken(pricing, performance.prefillTokensPerSecond(), performance.tensorParallel());
    }

    /** {@return the cost of a million input tokens} */
    public Money costPerMillionInputTokens() {
        performance.feasibility().requireFeasible("cost per million input tokens");
        return costPerMillionTokens(pricing, performance.prefillTokensPerSecond(), performance.tensorParallel());
    }

    /** {@return how many times an output token costs an input token} */
    public double outputToInputCostRatio() {
        return costPerOutputToken().dividedBy(costPerInputToken());
    }

    /**
     * {@return the hourly price shared among the sessions memory holds at the workload's context (section 5.6)}
     *
     * @throws IllegalArgumentException if not one session fits
     */
    public Money costPerConcurrentUserHour() {
        performance.feasibility().requireFeasible("cost per concurrent user-hour");
        long sessions = performance.maxConcurrentSessions();
        if (!(sessions > 0)) {
            throw new IllegalArgumentException("maxConcurrentSessions (0) must be > 0: no session of "
                    + performance.workload().contextTokens() + " tokens fits on "
                    + performance.hardware().name());
        }
        return perReplicaHour().dividedBy((double) sessions);
    }

    /** {@return the cost floor per million output tokens at batch 1, as the article's section 6.2 computes it} */
    public Money batchOneCostPerMillionOutputTokens() {
        return atBatch(1).costPerMillionOutputTokens();
    }

    /**
     * {@return the cost per million output tokens at the largest batch memory allows (at least 1)}, which is how far
     * batching moves the floor
     *
     * @throws io.github.llmcost.hardware.InfeasibleConfigurationException if not even one session can run
     */
    public Money fullBatchCostPerMillionOutputTokens() {
        // a larger batch prefills more tokens at once, which can leave room for fewer sessions: step down to a batch
        // that fits its own memory (a few steps at most: activations stop growing at one prefill chunk)
        long batch = Math.max(1, Math.min(Integer.MAX_VALUE, performance.maxConcurrentSessions()));
        ServingCost at = atBatch((int) batch);
        while (batch > 1 && !at.performance.feasibility().isFeasible()) {
            batch = Math.max(1, Math.min(batch - 1, at.performance.maxConcurrentSessions()));
            at = atBatch((int) batch);
        }
        return at.costPerMillionOutputTokens();
    }

    /**
     * The same configuration at another batch size.
     *
     * @param batchSize sequences decoded together, {@code >= 1}
     * @return the serving cost at that batch
     */
    public ServingCost atBatch(int batchSize) {
        Workload w = Workload.builder()
                .from(performance.workload())
                .batchSize(batchSize)
                .build();
        return new ServingCost(performance.withWorkload(w), pricing);
    }

    /** The device cost of one token when a replica of {@code devices} devices produces {@code tokensPerSecond}. */
    static Money costPerToken(GpuPricing pricing, double tokensPerSecond, int devices) {
        return pricing.costPerToken(tokensPerSecond).multipliedBy(devices);
    }

    /** {@link #costPerToken(GpuPricing, double, int)} for a million tokens: the one formula {@link Estimate} shares. */
    static Money costPerMillionTokens(GpuPricing pricing, double tokensPerSecond, int devices) {
        return costPerToken(pricing, tokensPerSecond, devices).multipliedBy(1e6);
    }

    @Override
    public String toString() {
        return "ServingCost[" + costPerMillionInputTokens() + " per million input, " + costPerMillionOutputTokens()
                + " per million output, " + pricing + "]";
    }
}
