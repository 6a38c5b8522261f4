package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.ParameterBreakdown;
import io.github.llmcost.core.TensorRole;
import io.github.llmcost.core.WeightBytes;

/**
 * How a model's layers and weights split over pipeline stages, and what each stage's devices store: the one place
 * per-stage memory is computed ({@link MemoryModel} reads it). Layers go as vLLM splits them ({@link Parallelism});
 * a stage's share of the layer weights is its layers' share of the weight elements (experts stored whole, every
 * routed and shared one), the first stage adds the embeddings and the last the lm_head. Under data-parallel attention
 * the non-expert layer weights are stored on every device of the stage. Without pipeline or data-parallel attention
 * there is one stage holding the model's total, exactly.
 */
final class PipelineStages {
    private final int stages;
    private final int[] firstLayer;
    private final int[] layerCount;
    /** Per stage: layer weight elements stored over the stage's devices (replicas counted), and the model's total. */
    private final double[] stageElements;

    private final double allElements;
    private final ParameterBreakdown parameters;
    private final boolean whole;

    PipelineStages(ModelSpec model, Convention convention, int tensorParallel, Parallelism parallelism) {
        int layers = model.numLayers();
        this.stages = Math.min(parallelism.pipeline(), layers);
        this.firstLayer = new int[stages];
        this.layerCount = split(layers, stages);
        for (int s = 1; s < stages; s++) {
            firstLayer[s] = firstLayer[s - 1] + layerCount[s - 1];
        }
        this.parameters = model.parameters(convention);
        boolean replicate = parallelism.dataParallelAttention() && tensorParallel > 1;
        this.whole = stages == 1 && !replicate;
        FlopCounter counter = FlopCounter.of(model, convention);
        double[] expert = new double[layers];
        double[] other = new double[layers];
        for (int layer = 0; layer < layers; layer++) {
            for (Operation op : Operation.values()) {
                if (op.isQuadratic()) {
                    continue;
                }
                double read = counter.weightElements(layer, op, 1);
                if (counter.readsExperts(layer, op)) {
                    int stored = model.mixtureOfExperts().orElseThrow().numExperts()
                            + model.mixtureOfExperts().orElseThrow().numSharedExperts();
                    expert[layer] += read / counter.expertsRead(1) * stored;
                } else {
                    other[layer] += read;
                }
            }
        }
        double total = 0;
        for (int layer = 0; layer < layers; layer++) {
            total += expert[layer] + other[layer];
        }
        this.allElements = total;
        this.stageElements = new double[stages];
        for (int s = 0; s < stages; s++) {
            for (int layer = firstLayer[s]; layer < firstLayer[s] + layerCount[s]; layer++) {
                stageElements[s] += expert[layer] + other[layer] * (replicate ? tensorParallel : 1);
            }
        }
    }

    /**
     * Layers per stage as vLLM's {@code get_pp_indices} splits them: {@code layers / stages} each, the remainder one
     * more each on the stages just before the last.
     */
    static int[] split(int layers, int stages) {
        int[] counts = new int[stages];
        java.util.Arrays.fill(counts, layers / stages);
        int remainder = layers % stages;
        for (int i = 2; i < remainder + 2; i++) {
            counts[stages - i]++;
        }
        return counts;
    }

    /** {@return the number of stages} */
    int stages() {
        return stages;
    }

    /** {@return layers of each stage} */
    int[] layerCounts() {
        return layerCount.clone();
    }

    /** {@return the most layers any stage has} */
    int maxLayers() {
        int max = 0;
        for (int c : layerCount) {
            max = Math.max(max, c);
        }
        return max;
    }

    /**
     * The weights a stage's devices store together.
     *
     * @param stage the stage
     * @param total the whole model's weights in their format, as the memory model counts them
     * @param byRole the weights' bytes by tensor role, for the embeddings (first stage) and the lm_head (last stage)
     */
    Bytes weights(int stage, Bytes total, WeightBytes byRole) {
        if (whole) {
            return total;
        }
        Bytes embeddings = byRole.bytes(TensorRole.EMBEDDINGS);
        Bytes lmHead = parameters.lmHeadParameters() == 0 ? Bytes.ZERO : byRole.bytes(TensorRole.LM_HEAD);
        double layerBytes = total.toBytes() - embeddings.toBytes() - lmHead.toBytes();
        double bytes = allElements == 0 ? 0 : layerBytes * stageElements[stage] / allElements;
        if (stage == 0) {
            bytes += embeddings.toBytes();
        }
        if (stage == stages - 1) {
            bytes += lmHead.toBytes();
        }
        return Bytes.of(bytes);
    }

    /**
     * A stage's share of one sequence's cache at a length: its layers' bytes over all layers'.
     *
     * @param stage the stage
     * @param cache the cache
     * @param contextTokens the sequence's length
     */
    double kvShare(int stage, KvCache cache, long contextTokens) {
        if (stages == 1) {
            return 1;
        }
        double mine = 0;
        double all = 0;
        for (int s = 0; s < stages; s++) {
            for (int layer = firstLayer[s]; layer < firstLayer[s] + layerCount[s]; layer++) {
                double bytes = cache.layerBytes(layer, contextTokens).toBytes();
                all += bytes;
                if (s == stage) {
                    mine += bytes;
                }
            }
        }
        return all == 0 ? (double) layerCount[stage] / (firstLayer[stages - 1] + layerCount[stages - 1]) : mine / all;
    }
}
