package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * Where device memory goes: weights, activations, framework overhead, and the KV-cache budget left, with the number
 * of whole sessions that budget holds. Totals are over all tensor-parallel devices.
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

    /** {@return the weights at their storage format} */
    public abstract Bytes weights();

    /** {@return the peak activations of one forward pass: a prefill chunk's tokens x {@code (2d + 2I)} values} */
    public abstract Bytes activations();

    /** {@return the CUDA context, allocator and scheduler buffers, per device times devices} */
    public abstract Bytes frameworkOverhead();

    /** {@return the cache of one session at the workload's full context (prompt plus output)} */
    public abstract Bytes kvCachePerSession();

    /** {@return the bytes of the shared prompt prefix, stored once for all sessions} */
    public abstract Bytes sharedPrefix();

    /** {@return whether weights, activations and overhead fit at all} */
    public boolean fits() {
        return capacity().compareTo(weights().plus(activations()).plus(frameworkOverhead())) >= 0;
    }

    /** {@return the memory left for KV caches: capacity less weights, activations and overhead (zero if negative)} */
    public Bytes kvCacheBudget() {
        Bytes used = weights().plus(activations()).plus(frameworkOverhead());
        return fits() ? capacity().minus(used) : Bytes.ZERO;
    }

    /** {@return whole sessions at the workload's context that fit in the KV budget, sharing the prefix} */
    public abstract long maxConcurrentSessions();

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
