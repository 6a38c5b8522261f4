package io.github.llmcost.hardware;

import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a compiled configuration's devices sit and what they send each other: the pipeline's stages and how long a
 * step takes through them, tensor-parallel all-reduces, expert-parallel all-to-alls and the sends between stages,
 * each over NVLink within a node or the network between nodes ({@link NodeSpec}). The one place these figures are
 * computed; {@link CompiledPerformance} adds them to every pass, and views read them here.
 *
 * <p>Devices are numbered stage by stage, {@code tp} to a stage, and fill nodes in order: a tensor-parallel group
 * larger than a node crosses nodes, and so does a send between stages whose paired devices sit on different nodes.
 * An expert-parallel group of at most a node's devices stays within one.
 *
 * <p>Per device and step of {@code T} tokens through every layer ({@code L} layers, {@code d} the hidden size, {@code
 * b} bytes per value: the compute format's, 16 bits at least where noted):
 *
 * <ul>
 *   <li>all-reduces (tensor parallelism, without data-parallel attention): one per layer after attention and one per
 *       dense MLP or, without expert parallelism, per MoE layer; each moves {@code 2(tp - 1)/tp x T x d} values of 16
 *       bits at least, at the chip's all-reduce bandwidth within a node or at {@link NodeSpec#NETWORK_EFFICIENCY} of
 *       the network across nodes, and pays the link's latency plus the calibration's all-reduce latency;
 *   <li>all-to-alls (expert parallelism): per MoE layer a dispatch of {@code T/tp x top_k x d} values at the compute
 *       format (8 bits at least) and a combine of as many in 16 bits at least, of which {@code (ep - 1)/ep} leave the
 *       device; shares for devices on the same node move at {@link NodeSpec#NVLINK_ALL_TO_ALL_EFFICIENCY} of NVLink,
 *       those for other nodes at {@link NodeSpec#NETWORK_EFFICIENCY} of the network, the slower of the two setting the
 *       time, plus the link's latency;
 *   <li>sends (pipeline parallelism): {@code pp - 1} per micro-batch, each of its tokens' hidden states ({@code d}
 *       values of 16 bits at least; a share {@code 1/tp} of them under data-parallel attention), over NVLink or the
 *       network, plus the link's latency.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ParallelLayout {
    private final Parallelism parallelism;
    private final NodeSpec node;
    private final int tensorParallel;
    private final int layers;
    private final int[] layersPerStage;
    private final int maxStageLayers;
    private final int moeLayers;
    private final double sendBytesPerToken;
    private final double dispatchBytesPerToken;
    private final double combineBytesPerToken;
    private final boolean tensorCrossesNodes;
    private final boolean expertCrossesNodes;
    private final int crossingSends;
    private final double allReduceFixedSeconds;
    private final double allReduceSecondsPerToken;
    private final double allToAllFixedSeconds;
    private final double allToAllSecondsPerToken;
    private final double sendFixedSeconds;
    private final double sendSecondsPerToken;
    /** Whether attention runs data-parallel over more than one device: non-expert weights on every device. */
    final boolean dataParallel;
    /** The busiest device's routed-expert load over the mean: the imbalance under expert parallelism, else 1. */
    final double expertFactor;
    /** Experts stored, routed and shared: what the busiest device's reads cannot exceed. */
    final double expertCap;
    /** Whether the degrees and nodes fit the model ({@link Parallelism#problem}). */
    final boolean fits;

    ParallelLayout(
            ModelSpec model,
            HardwareSpec hardware,
            ChipCalibration calibration,
            int tensorParallel,
            Parallelism parallelism,
            NodeSpec node,
            double activationBytes) {
        this.parallelism = parallelism;
        this.node = node;
        this.tensorParallel = tensorParallel;
        this.layers = model.numLayers();
        this.layersPerStage = PipelineStages.split(layers, Math.min(parallelism.pipeline(), layers));
        int max = 0;
        int moe = 0;
        for (int c : layersPerStage) {
            max = Math.max(max, c);
        }
        for (int layer = 0; layer < layers; layer++) {
            moe += model.isExpertLayer(layer) ? 1 : 0;
        }
        this.maxStageLayers = max;
        this.moeLayers = moe;
        int perNode = node.gpusPerNode();
        double d = model.hiddenSize();
        double wide = Math.max(2, activationBytes);
        boolean dataParallel = parallelism.dataParallelAttention() && tensorParallel > 1;
        int ep = parallelism.expert();
        this.dataParallel = dataParallel;
        this.expertFactor = ep > 1 ? parallelism.expertImbalance() : 1;
        this.expertCap = model.mixtureOfExperts()
                .map(m -> (double) m.numExperts() + m.numSharedExperts())
                .orElse(0.0);
        this.fits = parallelism.problem(model, tensorParallel, node) == null;
        double nvlink = hardware.interconnectBandwidth().toBytesPerSecond();
        double network = node.networkBandwidthPerGpu().toBytesPerSecond() * NodeSpec.NETWORK_EFFICIENCY;
        double linkLatency = hardware.interconnectLatency().toSeconds();
        double networkLatency = node.networkLatency().toSeconds();
        this.tensorCrossesNodes = tensorParallel > perNode;
        this.expertCrossesNodes = ep > perNode;
        // all-reduces: after attention in every layer, after the MLP where experts are not dispatched
        if (tensorParallel == 1 || dataParallel) {
            allReduceFixedSeconds = 0;
            allReduceSecondsPerToken = 0;
        } else {
            double allReduces = layers + (double) (layers - (ep > 1 ? moe : 0));
            double latency = tensorCrossesNodes ? networkLatency : linkLatency;
            double bandwidth = tensorCrossesNodes
                    ? network
                    : hardware.allReduceBandwidth(tensorParallel).toBytesPerSecond();
            allReduceFixedSeconds =
                    allReduces * (latency + calibration.allReduceLatency().toSeconds());
            allReduceSecondsPerToken =
                    allReduces * (2.0 * (tensorParallel - 1) / tensorParallel) * d * wide / bandwidth;
        }
        // all-to-alls: a dispatch and a combine per MoE layer
        int topK = model.mixtureOfExperts().map(m -> m.expertsPerToken()).orElse(0);
        this.dispatchBytesPerToken = topK * d * Math.max(1, activationBytes);
        this.combineBytesPerToken = topK * d * wide;
        if (ep == 1) {
            allToAllFixedSeconds = 0;
            allToAllSecondsPerToken = 0;
        } else {
            double intraShare = expertCrossesNodes ? (perNode - 1.0) / ep : (ep - 1.0) / ep;
            double interShare = expertCrossesNodes ? (double) (ep - perNode) / ep : 0;
            double secondsPerByte =
                    Math.max(intraShare / (nvlink * NodeSpec.NVLINK_ALL_TO_ALL_EFFICIENCY), interShare / network);
            allToAllFixedSeconds = 2.0 * moe * (expertCrossesNodes ? networkLatency : linkLatency);
            allToAllSecondsPerToken =
                    moe * (dispatchBytesPerToken + combineBytesPerToken) / tensorParallel * secondsPerByte;
        }
        // sends between stages: each device to its peer in the next stage
        this.sendBytesPerToken = d * wide * (dataParallel ? 1.0 / tensorParallel : 1);
        int crossing = 0;
        double fixed = 0;
        double perToken = 0;
        for (int s = 0; s + 1 < layersPerStage.length; s++) {
            boolean crosses = false;
            for (int i = 0; i < tensorParallel && !crosses; i++) {
                crosses = (s * tensorParallel + i) / perNode != ((s + 1) * tensorParallel + i) / perNode;
            }
            crossing += crosses ? 1 : 0;
            fixed += crosses ? networkLatency : linkLatency;
            perToken += sendBytesPerToken / (crosses ? network : nvlink);
        }
        this.crossingSends = crossing;
        this.sendFixedSeconds = fixed;
        this.sendSecondsPerToken = perToken;
    }

    /** {@return the parallelism laid out} */
    public Parallelism parallelism() {
        return parallelism;
    }

    /** {@return the node the devices sit in} */
    public NodeSpec node() {
        return node;
    }

    /** {@return devices of the replica: tensor-parallel degree times stages} */
    public int gpus() {
        return tensorParallel * layersPerStage.length;
    }

    /** {@return nodes the replica spans} */
    public int nodes() {
        return parallelism.nodes(tensorParallel, node);
    }

    /** {@return pipeline stages} */
    public int pipelineStages() {
        return layersPerStage.length;
    }

    /** {@return layers of each stage, first to last} */
    public List<Integer> layersPerStage() {
        List<Integer> out = new ArrayList<>();
        for (int c : layersPerStage) {
            out.add(c);
        }
        return Collections.unmodifiableList(out);
    }

    /** {@return layers that route to experts: those with an all-to-all under expert parallelism} */
    public int moeLayers() {
        return moeLayers;
    }

    /** {@return whether the tensor-parallel group spans more than one node (its all-reduces cross the network)} */
    public boolean tensorCrossesNodes() {
        return tensorCrossesNodes;
    }

    /** {@return whether the expert-parallel group spans more than one node (its all-to-alls cross the network)} */
    public boolean expertCrossesNodes() {
        return expertCrossesNodes;
    }

    /** {@return sends between stages that cross the network, of the {@code pp - 1}} */
    public int crossingSends() {
        return crossingSends;
    }

    /**
     * The micro-batches a step of some sequences runs as: the parallelism's, at most one per sequence; 1 without
     * pipeline parallelism.
     *
     * @param sequences sequences in the step, {@code >= 1}
     * @return micro-batches, {@code >= 1}
     */
    public int microBatches(long sequences) {
        Check.positive("sequences", sequences);
        return layersPerStage.length == 1 ? 1 : (int) Math.min(parallelism.microBatches(), sequences);
    }

    /**
     * The share of an isolated prefill's time a stage is idle: {@link Parallelism#bubbleFraction(int)} at the
     * micro-batches of its sequences.
     *
     * @param sequences the prompts, {@code >= 1}
     * @return the fraction in {@code [0, 1)}
     */
    public double bubbleFraction(long sequences) {
        return (layersPerStage.length - 1.0) / (microBatches(sequences) + layersPerStage.length - 1.0);
    }

    /**
     * The time of a pass over the pipeline, in units of one micro-batch's time through every layer: {@code (m + pp -
     * 1)} stage times for a prefill on an idle pipeline, {@code max(m, pp)} in steady state, a stage time being the
     * busiest stage's share of the layers. 1 without pipeline parallelism.
     *
     * @param microBatches micro-batches, {@code >= 1}
     * @param isolated whether the pipeline starts empty (a prefill timed alone)
     * @return the factor
     */
    public double timeFactor(int microBatches, boolean isolated) {
        Check.positive("microBatches", microBatches);
        int stages = layersPerStage.length;
        if (stages == 1) {
            return 1;
        }
        int stageTimes = isolated ? microBatches + stages - 1 : Math.max(microBatches, stages);
        return stageTimes * (double) maxStageLayers / layers;
    }

    /** {@return bytes one token's hidden state takes on a send between stages, per device} */
    public double sendBytesPerToken() {
        return sendBytesPerToken;
    }

    /** {@return bytes one token's dispatch to its experts takes before the share that stays on the device} */
    public double dispatchBytesPerToken() {
        return dispatchBytesPerToken;
    }

    /** {@return bytes one token's combine from its experts takes before the share that stays on the device} */
    public double combineBytesPerToken() {
        return combineBytesPerToken;
    }

    /**
     * The sends of one micro-batch through the pipeline: {@code pp - 1} of them, each its tokens' hidden states plus
     * the link's latency.
     *
     * @param tokens the micro-batch's tokens, {@code >= 0}
     * @return seconds, 0 without pipeline parallelism or tokens
     */
    public double sendSeconds(long tokens) {
        return tokens > 0 ? sendFixedSeconds + sendSecondsPerToken * (double) tokens : 0;
    }

    /**
     * The all-to-alls of a step through every layer: a dispatch and a combine per MoE layer.
     *
     * @param tokens the step's tokens over the stage's devices, {@code >= 0}
     * @return seconds on the busiest device, 0 without expert parallelism or tokens
     */
    public double allToAllSeconds(long tokens) {
        return tokens > 0 ? allToAllFixedSeconds + allToAllSecondsPerToken * (double) tokens : 0;
    }

    /**
     * The all-reduces of a step through every layer.
     *
     * @param tokens the step's tokens, {@code >= 0}
     * @return seconds, 0 without tensor parallelism, under data-parallel attention, or without tokens
     */
    public double allReduceSeconds(long tokens) {
        return tokens > 0 ? allReduceFixedSeconds + allReduceSecondsPerToken * (double) tokens : 0;
    }

    /**
     * A micro-batch's pass through every layer turned into the pass over the pipeline ({@link #timeFactor}), plus the
     * micro-batch's sends between stages; the pass itself without pipeline parallelism. FLOPs become the busiest
     * device's over the whole step: {@code m} micro-batches through its share of the layers.
     */
    PassCosts pipelined(PassCosts micro, int microBatches, boolean isolated, long microTokens) {
        if (layersPerStage.length == 1) {
            return micro;
        }
        double work = microBatches * (double) maxStageLayers / layers;
        return micro.pipelined(timeFactor(microBatches, isolated), work, sendSeconds(microTokens));
    }

    /** One micro-batch of a step split {@code m} ways: each group's sequences, or its new tokens when it has fewer. */
    static Step microStep(Step step, int m) {
        Step.Builder b = Step.builder();
        for (int g = 0; g < step.groups(); g++) {
            int n = step.groupSequences(g);
            long fresh = step.groupFresh(g);
            if (n >= m) {
                b.prefill(ceilDiv(n, m), fresh, step.groupCached(g));
            } else {
                b.prefill(1, Math.max(1, (fresh * n + m - 1) / m), step.groupCached(g));
            }
        }
        return b.build();
    }

    /** {@code ceil(a / b)} for positive operands. */
    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return "ParallelLayout[tp " + tensorParallel + ", " + parallelism + ", stages " + layersPerStage() + ", "
                + nodes() + " node(s) of " + node.name() + "]";
    }
}
