package io.github.llmcost.economics;

import io.github.llmcost.hardware.InfeasibleConfigurationException;
import java.util.Objects;

/**
 * What an estimate's input and output tokens cost, and the cost figures an {@link Estimate} does not give: the cost
 * per concurrent user-hour, the floors at batch 1 and at the largest batch memory holds, the output-to-input ratio,
 * and any of them at another price. The lower layer of an estimate's costs: {@link
 * Estimate#costPerMillionOutputTokens()} and {@link Estimate#costPerMillionUncachedInputTokens()} read the one formula
 * here ({@code devices x price / (3600 x tokens/s x utilization)}).
 *
 * <p>Start from the deployment: {@code ServingCost.of(LlmCost.model(m).hardware(h)...deployment().estimate(workload))}.
 * For the cost per million tokens of a deployment at its own price, prefer the estimate itself ({@code
 * e.costPerMillionOutputTokens()}): the figures are the same.
 *
 * <p>Output tokens pay for decode: {@code devices x price / (3600 x aggregate decode tokens/s x utilization)}. Input
 * tokens pay for prefill: the batch's prefill time priced the same way, over the prompt tokens it computed. Their ratio
 * is what physics says output should cost relative to input (the article's section 3.4). The cost per concurrent
 * user-hour is the hourly price over the sessions memory holds (section 5.6). An estimate that cannot run ({@link
 * Estimate#feasibility()}) is never priced: every cost throws an {@link InfeasibleConfigurationException} naming the
 * binding limit.
 *
 * <p>Immutable and thread-safe.
 */
public final class ServingCost {
    private final Estimate estimate;
    private final GpuPricing pricing;

    private ServingCost(Estimate estimate, GpuPricing pricing) {
        this.estimate = estimate;
        this.pricing = pricing;
    }

    /**
     * The serving cost of an estimate at its deployment's price.
     *
     * @param estimate a workload on a deployment
     * @return the cost calculator
     * @throws IllegalArgumentException if the deployment has no price (a chip without a rental price, and none given
     *     with {@link LlmCost.Builder#pricePerHour(double)}); use {@link #of(Estimate, GpuPricing)}
     */
    public static ServingCost of(Estimate estimate) {
        Objects.requireNonNull(estimate, "estimate");
        GpuPricing pricing = estimate.pricing()
                .orElseThrow(() -> new IllegalArgumentException("no price for "
                        + estimate.hardware().name() + ": set one with pricePerHour(...) or pass a GpuPricing"));
        return new ServingCost(estimate, pricing);
    }

    /**
     * The serving cost of an estimate at another price than its deployment's.
     *
     * @param estimate a workload on a deployment
     * @param pricing the device price and utilisation
     * @return the cost calculator
     */
    public static ServingCost of(Estimate estimate, GpuPricing pricing) {
        return new ServingCost(
                Objects.requireNonNull(estimate, "estimate"), Objects.requireNonNull(pricing, "pricing"));
    }

    /** {@return the estimate priced} */
    public Estimate estimate() {
        return estimate;
    }

    /** {@return the pricing} */
    public GpuPricing pricing() {
        return pricing;
    }

    /** {@return the price of all devices of one replica for an hour} */
    public Money perReplicaHour() {
        return pricing.perDeviceHour().multipliedBy(estimate.gpus());
    }

    /** {@return the cost of one output token at the workload's batch} */
    public Money costPerOutputToken() {
        estimate.feasibility().requireFeasible("cost per output token");
        return costPerToken(pricing, estimate.decodeTokensPerSecond(), estimate.gpus());
    }

    /** {@return the cost of a million output tokens at the workload's batch} */
    public Money costPerMillionOutputTokens() {
        estimate.feasibility().requireFeasible("cost per million output tokens");
        return costPerMillionTokens(pricing, estimate.decodeTokensPerSecond(), estimate.gpus());
    }

    /** {@return the cost of one input (prompt) token: the batch's prefill time over the tokens it computed} */
    public Money costPerInputToken() {
        estimate.feasibility().requireFeasible("cost per input token");
        return costPerToken(pricing, estimate.prefillTokensPerSecond(), estimate.gpus());
    }

    /**
     * {@return the cost of a million input tokens the prefill computes (a shared prefix already cached is not): at the
     * deployment's price, {@link Estimate#costPerMillionUncachedInputTokens()}}
     */
    public Money costPerMillionInputTokens() {
        estimate.feasibility().requireFeasible("cost per million input tokens");
        return costPerMillionTokens(pricing, estimate.prefillTokensPerSecond(), estimate.gpus());
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
        estimate.feasibility().requireFeasible("cost per concurrent user-hour");
        long sessions = estimate.maxConcurrentSessions();
        if (!(sessions > 0)) {
            throw new IllegalArgumentException("maxConcurrentSessions (0) must be > 0: no session of "
                    + estimate.workload().contextTokens() + " tokens fits on "
                    + estimate.hardware().name());
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
     * @throws InfeasibleConfigurationException if not even one session can run
     */
    public Money fullBatchCostPerMillionOutputTokens() {
        // a larger batch prefills more tokens at once, which can leave room for fewer sessions: step down to a batch
        // that fits its own memory (a few steps at most: activations stop growing at one prefill chunk)
        long batch = Math.max(1, Math.min(Integer.MAX_VALUE, estimate.maxConcurrentSessions()));
        ServingCost at = atBatch((int) batch);
        while (batch > 1 && !at.estimate.isFeasible()) {
            batch = Math.max(1, Math.min(batch - 1, at.estimate.maxConcurrentSessions()));
            at = atBatch((int) batch);
        }
        return at.costPerMillionOutputTokens();
    }

    /**
     * The same deployment, workload and price at another batch size.
     *
     * @param batchSize sequences decoded together, {@code >= 1}
     * @return the serving cost at that batch
     */
    public ServingCost atBatch(int batchSize) {
        return new ServingCost(estimate.withBatchSize(batchSize), pricing);
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
