package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.WeightBytes;
import io.github.llmcost.core.Workload;
import org.jspecify.annotations.Nullable;

/**
 * Where a configuration's memory goes, for any workload in its formats: the one place sessions and the memory budget
 * are computed, by {@link CompiledPerformance} and, for configurations that cannot be compiled, by {@link
 * MemoryBudget#of}. The weights' bytes come in computed by {@link io.github.llmcost.core.WeightScheme#weightBytes}, the
 * one figure memory and streaming share. Totals are over all tensor-parallel devices; each device stores {@link
 * TensorSharding#kvShare} of every sequence's cache. Under pipeline parallelism the figures are those of the binding
 * stage (the one that holds the fewest sessions), over its tensor-parallel devices ({@link PipelineStages}); under
 * data-parallel attention each device stores whole caches of its own sequences.
 */
final class MemoryModel {
    private final KvCache kvCache;
    private final int devices;
    /** Total bytes of cache per byte of one sequence's cache, over all devices: {@code share x devices}. */
    private final double kvCopies;

    private final Bytes weights;
    /** Per pipeline stage, the weights its devices store; one stage, {@link #weights}, without pipeline parallelism. */
    private final Bytes[] stageWeights;

    private final PipelineStages stages;
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
            Parallelism parallelism,
            Convention convention,
            KvCache kvCache,
            Formats formats,
            Bytes weights,
            Bytes frameworkOverheadPerDevice,
            int prefillChunkTokens,
            @Nullable SpeculativeRound draft) {
        this.draft = draft;
        this.kvCache = kvCache;
        this.devices = devices;
        this.kvCopies = parallelism.dataParallelAttention() && devices > 1
                ? 1
                : TensorSharding.kvShare(model, devices) * devices;
        this.stages = new PipelineStages(model, convention, devices, parallelism);
        WeightBytes byRole = formats.weightScheme().weightBytes(model, convention);
        this.stageWeights = new Bytes[stages.stages()];
        Bytes heaviest = Bytes.ZERO;
        for (int s = 0; s < stageWeights.length; s++) {
            Bytes stage = stages.weights(s, weights, byRole);
            // the drafter's weights too (speculation runs without pipeline stages: one stage)
            stageWeights[s] = draft == null ? stage : stage.plus(draft.draftWeights());
            heaviest = stageWeights[s].compareTo(heaviest) > 0 ? stageWeights[s] : heaviest;
        }
        this.weights = heaviest;
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

    /** Whole sessions of a workload that fit: on the binding stage under pipeline parallelism. */
    long sessions(Workload w) {
        return stageSessions(bindingStage(w), w);
    }

    /** Whole sessions of a workload that fit on one stage's devices. */
    private long stageSessions(int stage, Workload w) {
        Bytes budget = MemoryBudget.kvCacheBudget(capacity, stageWeights[stage], activations(w), frameworkOverhead);
        // the cache's bytes over all devices are kvCopies times one sequence's: scale the budget instead
        return kvCache.sessionsThatFit(
                budget.dividedBy(kvCopies * kvShare(stage, w) * draftCacheFactor(w)),
                w.contextTokens(),
                w.cachedPrefixTokens());
    }

    /** The stage's share of each sequence's cache; the whole of it without pipeline parallelism. */
    private double kvShare(int stage, Workload w) {
        double share = stages.kvShare(stage, kvCache, w.contextTokens());
        return share > 0 ? share : 1;
    }

    /** The stage that holds the fewest sessions, the heavier on a tie: stage 0 without pipeline parallelism. */
    private int bindingStage(Workload w) {
        if (stageWeights.length == 1) {
            return 0;
        }
        int best = 0;
        long fewest = Long.MAX_VALUE;
        for (int s = 0; s < stageWeights.length; s++) {
            long n = stageSessions(s, w);
            if (n < fewest || (n == fewest && stageWeights[s].compareTo(stageWeights[best]) > 0)) {
                best = s;
                fewest = n;
            }
        }
        return best;
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
        int stage = bindingStage(w);
        double copies = kvCopies * kvShare(stage, w);
        Bytes shared = kvCache.sharedPrefixBytes(w.cachedPrefixTokens());
        Bytes privatePerSession = kvCache.sessionBytes(w.contextTokens()).minus(shared);
        return ImmutableMemoryBudget.builder()
                .devices(devices)
                .capacity(capacity)
                .weights(stageWeights[stage])
                .activations(activations(w))
                .frameworkOverhead(frameworkOverhead)
                .kvCachePerSession(privatePerSession.multipliedBy(copies * draftCacheFactor(w)))
                .sharedPrefix(shared.multipliedBy(copies * draftCacheFactor(w)))
                .maxConcurrentSessions(stageSessions(stage, w))
                .build();
    }

    /** The activations of one forward pass: one prefill chunk of the batch's uncached prompt tokens at most. */
    private Bytes activations(Workload w) {
        long passTokens = Math.min(prefillChunkTokens, w.prefillTokens());
        return Bytes.of(passTokens * activationBytesPerToken);
    }
}
