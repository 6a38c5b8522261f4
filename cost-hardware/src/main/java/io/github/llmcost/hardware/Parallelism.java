package io.github.llmcost.hardware;

import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.internal.Check;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Parallelism beyond tensor: pipeline stages, expert parallelism for Mixture-of-Experts models, data-parallel
 * attention, and the number of nodes. The tensor-parallel degree {@code tp} stays where it was ({@link
 * InferencePerformance#tensorParallel()}): it is the devices of one pipeline stage. A replica holds {@code tp x
 * pipeline} devices ({@link #gpus(int)}).
 *
 * <p><b>Pipeline parallelism</b> splits the layers over {@link #pipeline()} stages as vLLM does ({@code
 * get_pp_indices} in {@code vllm/distributed/utils.py}, read 2026-11-30): {@code L / pp} layers each, the remainder
 * one more each on the stages just before the last (which holds the lm_head); the first stage holds the embeddings.
 * Each device stores its stage's weights and the KV cache of its stage's layers, so a model too large for one node
 * fits on two. A batch runs as {@link #microBatches()} micro-batches (one per stage by default, vLLM's virtual
 * engines). Consequences for time, with {@code m} micro-batches and {@code T} the time of a micro-batch through every
 * layer (the sum over stages):
 *
 * <ul>
 *   <li>a prefill started on an idle pipeline takes {@code (m + pp - 1)} stage times, of which {@link
 *       #bubbleFraction(int)} {@code = (pp - 1) / (m + pp - 1)} is idle (the bubble); one prompt ({@code m = 1}) gains
 *       nothing from the extra devices;
 *   <li>a decode step in steady state takes {@code max(m, pp)} stage times: each sequence waits the whole pipeline
 *       (latency per token is the sum over stages plus {@code pp - 1} point-to-point sends), and the stages work on
 *       other micro-batches meanwhile, so throughput is that of {@code pp} times the devices only when {@code m >=
 *       pp};
 *   <li>the activations sent between stages, {@code tokens x d} values of 16 bits each way, cross NVLink within a node
 *       and the network between nodes ({@link NodeSpec}), each send paying the link's latency.
 * </ul>
 *
 * Pipeline parallelism therefore buys memory (and throughput at large batch) at the price of latency: per-user
 * decode is never faster than on one stage's devices, and is slower by the sends.
 *
 * <p><b>Expert parallelism</b> spreads the routed experts over {@link #expert()} groups of the stage's devices
 * ({@code ep} divides {@code tp} and the number of routed experts). Each token's hidden state is dispatched to the
 * devices of its {@code top_k} experts and the results combined back, two all-to-alls per MoE layer, each moving
 * {@code tokens x top_k x d} values per device ({@code (ep - 1) / ep} of them to other devices; dispatch at the
 * compute format, combine in 16 bits, as DeepSeek-V3 and DeepEP do). They replace the MoE layer's all-reduce. Routing
 * is never perfectly even: the busiest device computes and reads {@link #expertImbalance()} times the mean ({@value
 * #DEFAULT_EXPERT_IMBALANCE} by default; DeepSeek-V3's report, section 3.4, deploys redundant copies of high-load
 * experts because the busiest GPU otherwise sets the step; GenZ models the same skew with an imbalance factor).
 *
 * <p><b>Data-parallel attention</b> ({@link #dataParallelAttention()}) gives each of the stage's devices its own
 * sequences instead of a slice of every sequence's heads: attention and the other non-expert weights are replicated
 * on every device, no all-reduce is needed, and a latent (MLA) cache, which tensor parallelism copies to every device,
 * is stored once. It is what SGLang and DeepSeek use for DeepSeek-V3 ("DP attention").
 *
 * <p>Immutable and thread-safe.
 */
public final class Parallelism {
    /**
     * Default ratio of the busiest device's routed-expert load to the mean under expert parallelism: 1.2, an assumption
     * in line with DeepSeek-V3's report (section 3.4.1, redundant experts to even out load) and GenZ's imbalance
     * parameter; set it with {@link #withExpertImbalance(double)}.
     */
    public static final double DEFAULT_EXPERT_IMBALANCE = 1.2;

    /** Nothing beyond tensor parallelism: one stage, experts with the tensor shards, as many nodes as needed. */
    public static final Parallelism NONE = new Parallelism(1, 0, 1, false, DEFAULT_EXPERT_IMBALANCE, 0);

    private final int pipeline;
    private final int microBatches;
    private final int expert;
    private final boolean dataParallelAttention;
    private final double expertImbalance;
    private final int nodes;

    private Parallelism(
            int pipeline,
            int microBatches,
            int expert,
            boolean dataParallelAttention,
            double expertImbalance,
            int nodes) {
        this.pipeline = Check.positive("pipeline", pipeline);
        this.microBatches = Check.nonNegative("microBatches", microBatches);
        this.expert = Check.positive("expert", expert);
        this.dataParallelAttention = dataParallelAttention;
        if (!(expertImbalance >= 1 && expertImbalance <= MAX_EXPERT_IMBALANCE)) {
            throw new IllegalArgumentException(
                    "expertImbalance (" + expertImbalance + ") must be in [1, " + MAX_EXPERT_IMBALANCE + "]");
        }
        this.expertImbalance = expertImbalance;
        this.nodes = Check.nonNegative("nodes", nodes);
    }

    /** The largest imbalance accepted: the busiest device doing eight times the mean. */
    public static final double MAX_EXPERT_IMBALANCE = 8;

    /**
     * Pipeline and expert degrees, everything else at its default.
     *
     * @param pipeline stages, {@code >= 1}
     * @param expert expert-parallel degree, {@code >= 1}
     * @return the parallelism
     */
    public static Parallelism of(int pipeline, int expert) {
        return new Parallelism(pipeline, 0, expert, false, DEFAULT_EXPERT_IMBALANCE, 0);
    }

    /** {@return pipeline stages; 1 by default} */
    public int pipeline() {
        return pipeline;
    }

    /** {@return micro-batches a batch runs as: the number set, else one per stage} */
    public int microBatches() {
        return microBatches == 0 ? pipeline : microBatches;
    }

    /** {@return the expert-parallel degree; 1 (experts sharded with the tensor) by default} */
    public int expert() {
        return expert;
    }

    /** {@return whether attention runs data-parallel over the stage's devices; false by default} */
    public boolean dataParallelAttention() {
        return dataParallelAttention;
    }

    /** {@return the busiest device's routed-expert load over the mean, under expert parallelism} */
    public double expertImbalance() {
        return expertImbalance;
    }

    /** {@return the nodes declared, or 0 for as many as the devices need} */
    public int declaredNodes() {
        return nodes;
    }

    /**
     * A copy with another number of stages.
     *
     * @param stages {@code >= 1}
     * @return the copy
     */
    public Parallelism withPipeline(int stages) {
        return new Parallelism(stages, microBatches, expert, dataParallelAttention, expertImbalance, nodes);
    }

    /**
     * A copy with a number of micro-batches.
     *
     * @param count {@code >= 1}
     * @return the copy
     */
    public Parallelism withMicroBatches(int count) {
        Check.positive("microBatches", count);
        return new Parallelism(pipeline, count, expert, dataParallelAttention, expertImbalance, nodes);
    }

    /**
     * A copy with another expert-parallel degree.
     *
     * @param degree {@code >= 1}
     * @return the copy
     */
    public Parallelism withExpert(int degree) {
        return new Parallelism(pipeline, microBatches, degree, dataParallelAttention, expertImbalance, nodes);
    }

    /**
     * A copy with attention data-parallel, or not.
     *
     * @param enabled whether attention runs data-parallel
     * @return the copy
     */
    public Parallelism withDataParallelAttention(boolean enabled) {
        return new Parallelism(pipeline, microBatches, expert, enabled, expertImbalance, nodes);
    }

    /**
     * A copy with another expert load imbalance.
     *
     * @param imbalance the busiest device's load over the mean, in {@code [1, 8]}
     * @return the copy
     */
    public Parallelism withExpertImbalance(double imbalance) {
        return new Parallelism(pipeline, microBatches, expert, dataParallelAttention, imbalance, nodes);
    }

    /**
     * A copy declaring the nodes the replica spans, checked against the node size by {@link #problem}.
     *
     * @param count {@code >= 1}
     * @return the copy
     */
    public Parallelism withNodes(int count) {
        Check.positive("nodes", count);
        return new Parallelism(pipeline, microBatches, expert, dataParallelAttention, expertImbalance, count);
    }

    /**
     * The devices of a replica.
     *
     * @param tensorParallel devices per stage, {@code >= 1}
     * @return {@code tensorParallel x pipeline}
     */
    public int gpus(int tensorParallel) {
        Check.positive("tensorParallel", tensorParallel);
        return Math.multiplyExact(tensorParallel, pipeline);
    }

    /**
     * The nodes a replica spans: those declared, else as many as its devices fill.
     *
     * @param tensorParallel devices per stage
     * @param node the node
     * @return nodes, {@code >= 1}
     */
    public int nodes(int tensorParallel, NodeSpec node) {
        Objects.requireNonNull(node, "node");
        int gpus = gpus(tensorParallel);
        return nodes > 0 ? nodes : (gpus + node.gpusPerNode() - 1) / node.gpusPerNode();
    }

    /**
     * The share of a prefill's time a stage is idle on a pipeline started empty: {@code (pp - 1) / (m + pp - 1)}.
     *
     * @param microBatches micro-batches, {@code >= 1}
     * @return the fraction in {@code [0, 1)}
     */
    public double bubbleFraction(int microBatches) {
        Check.positive("microBatches", microBatches);
        return (pipeline - 1.0) / (microBatches + pipeline - 1.0);
    }

    /**
     * Why this parallelism cannot split a model over devices, or null if it can: more stages than layers, an expert
     * degree on a dense model, one that does not divide the routed experts or the tensor-parallel degree,
     * data-parallel attention without tensor parallelism to spread, or declared nodes that the devices do not fill.
     *
     * @param model the model
     * @param tensorParallel devices per stage
     * @param node the node
     * @return the problem in one sentence naming the figures, or null
     */
    public @Nullable String problem(ModelSpec model, int tensorParallel, NodeSpec node) {
        Objects.requireNonNull(model, "model");
        if (pipeline > model.numLayers()) {
            return "pipeline-parallel degree (" + pipeline + ") exceeds the " + model.numLayers() + " layers of "
                    + model.name();
        }
        if (expert > 1) {
            if (model.mixtureOfExperts().isEmpty()) {
                return "expert-parallel degree (" + expert + ") needs a Mixture-of-Experts model, and " + model.name()
                        + " has no experts";
            }
            int experts = model.mixtureOfExperts().get().numExperts();
            if (experts % expert != 0) {
                return "expert-parallel degree (" + expert + ") must divide the " + experts + " routed experts of "
                        + model.name();
            }
            if (tensorParallel % expert != 0) {
                return "expert-parallel degree (" + expert + ") must divide the GPUs of a stage (" + tensorParallel
                        + ")";
            }
        }
        if (dataParallelAttention && tensorParallel == 1) {
            return "data-parallel attention needs more than one GPU per stage";
        }
        int gpus = gpus(tensorParallel);
        int perNode = node.gpusPerNode();
        if (nodes == 1 && gpus > perNode) {
            return gpus + " GPUs (" + tensorParallel + " x " + pipeline + " stages) do not fit on 1 node of " + perNode
                    + " (" + node.name() + ")";
        }
        if (nodes > 1 && (long) nodes * perNode != gpus) {
            return nodes + " nodes of " + perNode + " GPUs (" + node.name() + ") need " + (long) nodes * perNode
                    + " GPUs per replica, and " + tensorParallel + " x " + pipeline + " stages = " + gpus;
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parallelism p
                && pipeline == p.pipeline
                && microBatches == p.microBatches
                && expert == p.expert
                && dataParallelAttention == p.dataParallelAttention
                && Double.compare(expertImbalance, p.expertImbalance) == 0
                && nodes == p.nodes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pipeline, microBatches, expert, dataParallelAttention, expertImbalance, nodes);
    }

    /** {@return for example {@code "pp 2 (2 micro-batches), ep 8 (imbalance 1.2), DP attention, 2 nodes"}} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "pp %d (%d micro-batches), ep %d", pipeline, microBatches(), expert));
        if (expert > 1) {
            out.append(String.format(Locale.ROOT, " (imbalance %s)", expertImbalance));
        }
        if (dataParallelAttention) {
            out.append(", DP attention");
        }
        if (nodes > 0) {
            out.append(", ").append(nodes).append(nodes == 1 ? " node" : " nodes");
        }
        return out.toString();
    }
}
