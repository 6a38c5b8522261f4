package io.github.llmcost.hardware;

import io.github.llmcost.core.ModelSpec;
import org.jspecify.annotations.Nullable;

/**
 * How tensor parallelism shards a model, as serving engines do it: attention heads and the MLP's intermediate
 * dimension split evenly over the devices; KV heads split when there are at least as many as devices and replicated
 * (each device keeps one) when there are fewer; a latent (MLA) cache, which has no heads, kept whole on every device.
 */
final class TensorSharding {
    private TensorSharding() {}

    /** {@return why a degree cannot shard a model, or null if it can} */
    static @Nullable String problem(ModelSpec model, int tensorParallel) {
        if (tensorParallel == 1) {
            return null;
        }
        int heads = model.numAttentionHeads();
        if (heads % tensorParallel != 0) {
            return "tensor-parallel degree (" + tensorParallel + ") must divide the " + heads + " attention heads of "
                    + model.name();
        }
        if (model.latentAttention().isEmpty()) {
            int kv = model.numKeyValueHeads();
            boolean ok = tensorParallel <= kv ? kv % tensorParallel == 0 : tensorParallel % kv == 0;
            if (!ok) {
                return "tensor-parallel degree (" + tensorParallel + ") must divide the " + kv + " KV heads of "
                        + model.name() + ", or be a multiple of them (to replicate each)";
            }
        }
        int intermediate = model.intermediateSize();
        if (intermediate % tensorParallel != 0) {
            return "tensor-parallel degree (" + tensorParallel + ") must divide the MLP's intermediate size ("
                    + intermediate + ") of " + model.name();
        }
        if (model.mixtureOfExperts().isPresent()) {
            int expert = model.mixtureOfExperts().get().expertIntermediateSize();
            if (expert % tensorParallel != 0) {
                return "tensor-parallel degree (" + tensorParallel + ") must divide the experts' intermediate size ("
                        + expert + ") of " + model.name();
            }
        }
        return null;
    }

    /**
     * The share of one sequence's cache each device stores: {@code 1/N} while the KV heads split, {@code 1/g} (one
     * head) once the degree exceeds them, the whole cache under latent attention. Never below one KV head.
     */
    static double kvShare(ModelSpec model, int tensorParallel) {
        if (tensorParallel == 1 || model.latentAttention().isPresent()) {
            return 1;
        }
        return Math.max(1.0 / tensorParallel, 1.0 / model.numKeyValueHeads());
    }
}
