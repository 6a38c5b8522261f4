package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * Where device memory goes: weights, activations, framework overhead, and the KV-cache budget left, with the number
 * of whole sessions that budget holds. Totals are over all tensor-parallel devices (of the binding stage, under
 * pipeline parallelism: see {@link Parallelism}).
 *
 * <p>Immutable and thread-safe. Obtain one from {@link InferencePerformance#memory()}.
 */
@Value.Immutable
public abstract class MemoryBudget {
    MemoryBudget() {}

    /** {@return devices the model is split over} */
    public abstract int devices();

    /** {@return memory of all devices together} */
    public abstract Bytes capacity();

    /** {@return the weights at their storage format; with speculative decoding, the drafter's too} */
    public abstract Bytes weights();

    /** {@return the peak activations of one forward pass: a prefill chunk's tokens x {@code (2d + 2I)} values} */
    public abstract Bytes activations();

    /** {@return the CUDA context, allocator and scheduler buffers, per device times devices} */
    public abstract Bytes frameworkOverhead();

    /**
     * {@return the cache one session adds at the workload's full context (prompt plus output), over all devices: its
     * private entries, the shared prefix excluded (that is {@link #sharedPrefix()}, stored once); with speculative
     * decoding, the drafter's cache too}
     */
    public abstract Bytes kvCachePerSession();

    /** {@return the bytes of the shared prompt prefix, stored once for all sessions, over all devices} */
    public abstract Bytes sharedPrefix();

    /** {@return whether weights, activations and overhead fit at all} */
    public boolean fits() {
        return capacity().toBytes() >= used(weights(), activations(), frameworkOverhead());
    }

    /** {@return the memory left for KV caches: capacity less weights, activations and overhead (zero if negative)} */
    public Bytes kvCacheBudget() {
        return kvCacheBudget(capacity(), weights(), activations(), frameworkOverhead());
    }

    /** The KV budget from its parts: one formula for the budget and for {@link InferencePerformance#memory()}. */
    static Bytes kvCacheBudget(Bytes capacity, Bytes weights, Bytes activations, Bytes overhead) {
        double left = capacity.toBytes() - used(weights, activations, overhead);
        return left > 0 ? Bytes.of(left) : Bytes.ZERO;
    }

    private static double used(Bytes weights, Bytes activations, Bytes overhead) {
        return weights.toBytes() + activations.toBytes() + overhead.toBytes();
    }

    /**
     * {@return whole sessions at the workload's context that fit in the KV budget, sharing the prefix: the largest
     * {@code n} with {@code n x kvCachePerSession + sharedPrefix <= kvCacheBudget}}
     */
    public abstract long maxConcurrentSessions();

    /**
     * Where memory goes for a configuration that need not be able to run (memory needs no peak, interconnect or
     * sharding): what {@link CompiledPerformance#memory(Workload)} gives for one that can.
     *
     * @param model the model
     * @param hardware the chip
     * @param tensorParallel devices, {@code >= 1}
     * @param convention the accounting convention
     * @param formats the numeric formats
     * @param workload the workload
     * @param frameworkOverheadPerDevice memory each device loses to the framework
     * @param prefillChunkTokens tokens one forward pass holds activations for, {@code >= 1}
     * @return the budget
     */
    public static MemoryBudget of(
            ModelSpec model,
            HardwareSpec hardware,
            int tensorParallel,
            Convention convention,
            Formats formats,
            Workload workload,
            Bytes frameworkOverheadPerDevice,
            int prefillChunkTokens) {
        return of(
                model,
                hardware,
                tensorParallel,
                Parallelism.NONE,
                convention,
                formats,
                workload,
                frameworkOverheadPerDevice,
                prefillChunkTokens);
    }

    /**
     * Where memory goes for a configuration with parallelism beyond tensor: under pipeline parallelism, on the
     * binding stage's devices (the stage that holds the fewest sessions).
     *
     * @param model the model
     * @param hardware the chip
     * @param tensorParallel devices per stage, {@code >= 1}
     * @param parallelism pipeline and expert parallelism, data-parallel attention
     * @param convention the accounting convention
     * @param formats the numeric formats
     * @param workload the workload
     * @param frameworkOverheadPerDevice memory each device loses to the framework
     * @param prefillChunkTokens tokens one forward pass holds activations for, {@code >= 1}
     * @return the budget
     */
    public static MemoryBudget of(
            ModelSpec model,
            HardwareSpec hardware,
            int tensorParallel,
            Parallelism parallelism,
            Convention convention,
            Formats formats,
            Workload workload,
            Bytes frameworkOverheadPerDevice,
            int prefillChunkTokens) {
        java.util.Objects.requireNonNull(model, "model");
        java.util.Objects.requireNonNull(hardware, "hardware");
        java.util.Objects.requireNonNull(parallelism, "parallelism");
        java.util.Objects.requireNonNull(convention, "convention");
        java.util.Objects.requireNonNull(formats, "formats");
        java.util.Objects.requireNonNull(workload, "workload");
        java.util.Objects.requireNonNull(frameworkOverheadPerDevice, "frameworkOverheadPerDevice");
        Check.positive("tensorParallel", tensorParallel);
        Check.positive("prefillChunkTokens", prefillChunkTokens);
        KvCache kv = KvCache.of(model, convention, formats.kvScheme());
        return new MemoryModel(
                        model,
                        hardware,
                        tensorParallel,
                        parallelism,
                        convention,
                        kv,
                        formats,
                        formats.weightScheme().weightBytes(model, convention).total(),
                        frameworkOverheadPerDevice,
                        prefillChunkTokens,
                        null)
                .budget(workload);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "capacity %s on %d device(s): weights %s, activations %s, overhead %s, KV budget %s;"
                        + " %s per session, %d sessions",
                capacity(),
                devices(),
                weights(),
                activations(),
                frameworkOverhead(),
                kvCacheBudget(),
                kvCachePerSession(),
                maxConcurrentSessions());
    }
}
