package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Workload;
import org.jspecify.annotations.Nullable;

/**
 * Where a configuration's memory goes, for any workload in its formats: the one place sessions and the memory budget
 * are computed, by {@link CompiledPerformance} and, for configurations that cannot be compiled, by {@link
 * MemoryBudget#of}. Totals are over all tensor-parallel devices; each device stores {@link TensorSharding#kvShare}
 * of every sequence's cache.
 */
final class MemoryModel {
    private final KvCache kvCache;
    private final int devices;
    /** Total bytes of cache per byte of one sequence's cache, over all devices: {@code share x devices}. */
    private final double kvCopies;

    private final Bytes weights;
    private final Bytes capacity;
    private final Bytes frameworkOverhead;
    private final double activationBytesPerToken;
    private final int prefillChunkTokens;
    /** The drafter's memory with speculative decoding, or null. */
    private final @Nullable SpeculativeRound draft;

    MemoryModel(
            ModelSpec model,
            HardwareSpec hardware,
            int devices,
            Convention convention,
            KvCache kvCache,
            Formats formats,
            Bytes frameworkOverheadPerDevice,
            int prefillChunkTokens) {
        this(
                model,
                hardware,
                devices,
                convention,
                kvCache,
                formats,
                frameworkOverheadPerDevice,
                prefillChunkTokens,
                null);
    }

    MemoryModel(
            ModelSpec model,
            HardwareSpec hardware,
            int devices,
            Convention convention,
            KvCache kvCache,
            Formats formats,
            Bytes frameworkOverheadPerDevice,
            int prefillChunkTokens,
            @Nullable SpeculativeRound draft) {
        this.draft = draft;
        this.kvCache = kvCache;
        this.devices = devices;
        this.kvCopies = TensorSharding.kvShare(model, devices) * devices;
        Bytes target = model.parameters(convention).weightBytes(formats.weights());
        this.weights = draft == null ? target : target.plus(draft.draftWeights()); // the drafter's weights too
        this.capacity = hardware.memoryCapacity().multipliedBy(devices);
        this.frameworkOverhead = frameworkOverheadPerDevice.multipliedBy(devices);
        this.activationBytesPerToken =
                formats.activations().bytesPerElement() * (2.0 * model.hiddenSize() + 2.0 * model.intermediateSize());
        this.prefillChunkTokens = prefillChunkTokens;
    }

    /** Whether weights, activations and overhead leave any memory at all. */
    boolean fits(Workload w) {
        return capacity.toBytes() >= weights.toBytes() + activations(w).toBytes() + frameworkOverhead.toBytes();
    }

    /** Whole sessions of a workload that fit. */
    long sessions(Workload w) {
        Bytes budget = MemoryBudget.kvCacheBudget(capacity, weights, activations(w), frameworkOverhead);
        // the cache's bytes over all devices are kvCopies times one sequence's: scale the budget instead
        return kvCache.sessionsThatFit(
                budget.dividedBy(kvCopies * draftCacheFactor(w)), w.contextTokens(), w.cachedPrefixTokens());
    }

    /**
     * {@return 1, or with a drafter, the cache of a session with the drafter's over the target's alone, at the
     * workload's context: the drafter's cache scales every session's (its share of a shared prefix too)}
     */
    private double draftCacheFactor(Workload w) {
        SpeculativeRound d = draft;
        if (d == null) {
            return 1;
        }
        double target = kvCache.sessionBytes(w.contextTokens()).toBytes() * kvCopies;
        return target > 0 ? 1 + d.draftKvBytesPerSession(w.contextTokens()) / target : 1;
    }

    /** Where memory goes for a workload. */
    MemoryBudget budget(Workload w) {
        Bytes shared = kvCache.sharedPrefixBytes(w.cachedPrefixTokens());
        Bytes privatePerSession = kvCache.sessionBytes(w.contextTokens()).minus(shared);
        return ImmutableMemoryBudget.builder()
                .devices(devices)
                .capacity(capacity)
                .weights(weights)
                .activations(activations(w))
                .frameworkOverhead(frameworkOverhead)
                .kvCachePerSession(privatePerSession.multipliedBy(kvCopies * draftCacheFactor(w)))
                .sharedPrefix(shared.multipliedBy(kvCopies * draftCacheFactor(w)))
                .maxConcurrentSessions(sessions(w))
                .build();
    }

    /** The activations of one forward pass: one prefill chunk of the batch's uncached prompt tokens at most. */
    private Bytes activations(Workload w) {
        long passTokens = Math.min(prefillChunkTokens, w.prefillTokens());
        return Bytes.of(passTokens * activationBytesPerToken);
    }
}
