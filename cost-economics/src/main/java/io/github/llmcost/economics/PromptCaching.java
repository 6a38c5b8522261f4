package io.github.llmcost.economics;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.InferencePerformance;

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
 * <p>Immutable and thread-safe.
 */
public final class PromptCaching {
    private final InferencePerformance shared;
    private final InferencePerformance unshared;
    private final GpuPricing pricing;

    private PromptCaching(InferencePerformance shared, GpuPricing pricing) {
        this.shared = shared;
        this.unshared = shared.withWorkload(
                Workload.builder().from(shared.workload()).sharedPrefixTokens(0).build());
        this.pricing = pricing;
    }

    /**
     * The savings of a configuration whose workload shares a prefix.
     *
     * @param performance a configuration whose workload has {@code sharedPrefixTokens > 0}
     * @param pricing the device price
     * @return the comparison
     * @throws IllegalArgumentException if nothing is shared
     */
    public static PromptCaching of(InferencePerformance performance, GpuPricing pricing) {
        long prefix = performance.workload().sharedPrefixTokens();
        if (!(prefix > 0)) {
            throw new IllegalArgumentException(
                    "sharedPrefixTokens (" + prefix + ") must be > 0 to compare prompt caching");
        }
        return new PromptCaching(performance, pricing);
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

    /** {@return the device cost of a request with the prefix cached, prefill and decode} */
    public Money costPerRequestWithCaching() {
        return requestCost(shared);
    }

    /** {@return the device cost of a request computing its whole prompt} */
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
        double seconds = perf.requestLatency().toSeconds() / perf.workload().batchSize();
        return pricing.costOf(seconds, perf.tensorParallel());
    }

    @Override
    public String toString() {
        return "PromptCaching[" + shared.workload().sharedPrefixTokens() + " shared tokens: prefill saves "
                + prefillTimeSaved() + ", " + sessionsWithoutSharing() + " -> " + sessionsWithSharing()
                + " sessions, cached input discount "
                + String.format(java.util.Locale.ROOT, "%.1f%%", 100 * cachedInputDiscount()) + "]";
    }
}
