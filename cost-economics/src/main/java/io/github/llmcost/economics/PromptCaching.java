package io.github.llmcost.economics;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.InferencePerformance;
import org.jspecify.annotations.Nullable;

/**
 * Many requests sharing a prompt prefix (a system prompt, a document, firm-wide instructions), the readers' debate of
 * seed 000: what caching the prefix's KV once saves.
 *
 * <p>Compares the workload with its {@link Workload#sharedPrefixTokens()} cached against the same workload with
 * nothing shared: prefill FLOPs and time saved per batch, the KV bytes stored once instead of once per session, the
 * sessions that then fit, and the discount a provider can give on cached input tokens while keeping its margin. A
 * cached token still costs something: its keys and values are read from memory whenever a later token attends to them,
 * so the cached-token cost here is the time to read its KV once at the roofline's bandwidth, against the prefill time
 * per token it replaces. Holding the prefix in memory between requests is not priced, so the discount is an upper
 * bound: physics allows well over the 50-90% providers give.
 *
 * <p>It reads an estimate's deployment: {@code PromptCaching.of(LlmCost.model(m)...sharedPrefixTokens(n).estimate())},
 * or {@code PromptCaching.of(deployment.estimate(workload))}. Both sides are the deployment's physics ({@link
 * Deployment#performance(Workload)}), which times a workload whether or not it fits: the comparison is there even when
 * only the shared side fits in memory, which is what sharing is for. The costs are at the deployment's price.
 *
 * <p>Immutable and thread-safe.
 */
public final class PromptCaching {
    private final InferencePerformance shared;
    private final InferencePerformance unshared;
    private final @Nullable GpuPricing pricing;

    private PromptCaching(Deployment deployment, Workload workload) {
        this.shared = deployment.performance(workload);
        this.unshared = deployment.performance(workload.withSharedPrefixTokens(0));
        this.pricing = deployment.pricing().orElse(null);
    }

    /**
     * The savings of an estimate whose workload shares a prefix.
     *
     * @param estimate a workload with {@code sharedPrefixTokens > 0} on a deployment
     * @return the comparison
     * @throws IllegalArgumentException if nothing is shared
     * @throws io.github.llmcost.hardware.InfeasibleConfigurationException if the deployment cannot be timed at all (no
     *     compute path for its format, no interconnect)
     */
    public static PromptCaching of(Estimate estimate) {
        long prefix = estimate.workload().sharedPrefixTokens();
        if (!(prefix > 0)) {
            throw new IllegalArgumentException(
                    "sharedPrefixTokens (" + prefix + ") must be > 0 to compare prompt caching");
        }
        return new PromptCaching(estimate.deployment(), estimate.workload());
    }

    /** {@return prefill FLOPs the cached prefix saves, for the whole batch} */
    public Flops prefillFlopsSaved() {
        return unshared.prefill().flops().minus(shared.prefill().flops());
    }

    /** {@return prefill time the cached prefix saves: the drop in time to first token} */
    public Seconds prefillTimeSaved() {
        double saved = unshared.timeToFirstToken().toSeconds()
                - shared.timeToFirstToken().toSeconds();
        return Seconds.of(Math.max(0, saved));
    }

    /** {@return KV bytes of the prefix, stored once instead of in every session} */
    public Bytes prefixKvBytes() {
        return shared.kvCache().sharedPrefixBytes(shared.workload().cachedPrefixTokens());
    }

    /** {@return sessions that fit with the prefix stored once} */
    public long sessionsWithSharing() {
        return shared.maxConcurrentSessions();
    }

    /** {@return sessions that fit with every session storing its own prefix} */
    public long sessionsWithoutSharing() {
        return unshared.maxConcurrentSessions();
    }

    /**
     * {@return the device cost of a request with the prefix cached, prefill and decode}
     *
     * @throws IllegalStateException if the deployment has no price
     */
    public Money costPerRequestWithCaching() {
        return requestCost(shared);
    }

    /**
     * {@return the device cost of a request computing its whole prompt}
     *
     * @throws IllegalStateException if the deployment has no price
     */
    public Money costPerRequestWithoutCaching() {
        return requestCost(unshared);
    }

    /**
     * {@return the largest discount on cached input tokens that keeps the provider's margin: {@code 1 - (cost of a
     * cached token) / (cost of a computed one)}}, in [0, 1]
     */
    public double cachedInputDiscount() {
        double computed = unshared.timeToFirstToken().toSeconds()
                / ((double) unshared.workload().promptTokens()
                        * unshared.workload().batchSize());
        int layers = shared.model().numLayers();
        double kvPerToken = 0;
        for (int layer = 0; layer < layers; layer++) {
            kvPerToken += shared.kvCache().layerBytes(layer, 1).toBytes();
        }
        double bandwidth = shared.hardware().memoryBandwidth().toBytesPerSecond()
                * shared.efficiency().bandwidthFraction()
                * shared.tensorParallel();
        double cached = kvPerToken / bandwidth;
        return Math.max(0, Math.min(1, 1 - cached / computed));
    }

    /**
     * The cached-input price a provider can charge at the same margin as its input price.
     *
     * @param inputUsdPerMillion the input price
     * @return the cached-input price
     */
    public Money cachedInputPricePerMillion(double inputUsdPerMillion) {
        Check.nonNegative("inputUsdPerMillion", inputUsdPerMillion);
        return Money.of(inputUsdPerMillion * (1 - cachedInputDiscount()));
    }

    private Money requestCost(InferencePerformance perf) {
        GpuPricing p = pricing;
        if (p == null) {
            throw new IllegalStateException("cannot give the cost of a request: "
                    + perf.hardware().name() + " has no rental price; set one with pricePerHour(...)");
        }
        double seconds = perf.requestLatency().toSeconds() / perf.workload().batchSize();
        return p.costOf(seconds, perf.tensorParallel());
    }

    @Override
    public String toString() {
        return "PromptCaching[" + shared.workload().sharedPrefixTokens() + " shared tokens: prefill saves "
                + prefillTimeSaved() + ", " + sessionsWithoutSharing() + " -> " + sessionsWithSharing()
                + " sessions, cached input discount "
                + String.format(java.util.Locale.ROOT, "%.1f%%", 100 * cachedInputDiscount()) + "]";
    }
}
