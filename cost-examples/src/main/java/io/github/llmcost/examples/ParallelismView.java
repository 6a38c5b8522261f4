package io.github.llmcost.examples;

import io.github.llmcost.economics.Deployment;
import io.github.llmcost.hardware.ParallelLayout;
import io.github.llmcost.hardware.Parallelism;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON fields of parallelism beyond tensor, where they apply: {@code pipelineParallel} (with the layers of each
 * stage, the micro-batches, the prefill's bubble and the bytes sent between stages), {@code expertParallel} (with the
 * imbalance and the bytes each token dispatches and combines), {@code dataParallelAttention}, {@code nodes} and
 * {@code totalGpus}. Every figure is read from {@link ParallelLayout}; none is computed here.
 */
final class ParallelismView {
    private ParallelismView() {}

    /**
     * Adds the fields that apply to a deployment.
     *
     * @param o the JSON object
     * @param d the deployment
     * @param layout its layout, or null where it cannot be compiled (then only the degrees are given)
     * @param sequences the sequences of a step, for the micro-batches and the bubble
     */
    static void put(Map<String, Object> o, Deployment d, @Nullable ParallelLayout layout, long sequences) {
        Parallelism p = d.parallelism();
        int nodes = p.nodes(d.tensorParallel(), d.node());
        if (p.pipeline() > 1) {
            o.put("pipelineParallel", p.pipeline());
            o.put("totalGpus", d.gpus());
            if (layout != null) {
                o.put("layersPerStage", layout.layersPerStage());
                o.put("microBatches", layout.microBatches(sequences));
                o.put("pipelineBubble", layout.bubbleFraction(sequences));
                o.put("sendBytesPerToken", layout.sendBytesPerToken());
            }
        }
        if (p.expert() > 1) {
            o.put("expertParallel", p.expert());
            o.put("expertImbalance", p.expertImbalance());
            if (layout != null) {
                o.put("dispatchBytesPerToken", layout.dispatchBytesPerToken());
                o.put("combineBytesPerToken", layout.combineBytesPerToken());
            }
        }
        if (p.dataParallelAttention()) {
            o.put("dataParallelAttention", true);
        }
        if (nodes > 1 || p.declaredNodes() > 0) {
            o.put("nodes", nodes);
            o.put("node", d.node().name());
        }
    }
}
