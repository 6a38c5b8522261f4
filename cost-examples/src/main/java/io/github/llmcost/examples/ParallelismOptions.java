package io.github.llmcost.examples;

import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.hardware.NodeSpec;
import io.github.llmcost.hardware.Parallelism;

/**
 * Checks {@code --pp}, {@code --ep}, {@code --nodes}, {@code --dp-attention}, {@code --micro-batches} and {@code
 * --expert-imbalance} against the model and the node, naming each option and the value typed, and builds the
 * {@link Parallelism} they describe: the one mapping from those options to the library.
 */
final class ParallelismOptions {
    private ParallelismOptions() {}

    /**
     * The parallelism the options describe, checked where they were typed.
     *
     * @param pp stages
     * @param ep the expert-parallel degree
     * @param nodes nodes declared, or 0
     * @param dpAttention whether attention runs data-parallel
     * @param microBatches micro-batches, or 0 for one per stage
     * @param imbalance the expert load imbalance, or null for the default
     * @return the parallelism
     * @throws IllegalArgumentException naming the option, for a value out of range
     */
    static Parallelism of(
            int pp,
            int ep,
            int nodes,
            boolean dpAttention,
            int microBatches,
            @org.jspecify.annotations.Nullable Double imbalance) {
        Options.positive("--pp", pp);
        Options.positive("--ep", ep);
        Options.nonNegative("--nodes", nodes);
        Options.nonNegative("--micro-batches", microBatches);
        Parallelism p = Parallelism.of(pp, ep).withDataParallelAttention(dpAttention);
        if (nodes > 0) {
            p = p.withNodes(nodes);
        }
        if (microBatches > 0) {
            p = p.withMicroBatches(microBatches);
        }
        if (imbalance != null) {
            if (!(imbalance >= 1 && imbalance <= Parallelism.MAX_EXPERT_IMBALANCE)) {
                throw new IllegalArgumentException("--expert-imbalance (" + imbalance + ") must be in [1, "
                        + Parallelism.MAX_EXPERT_IMBALANCE + "]");
            }
            p = p.withExpertImbalance(imbalance);
        }
        return p;
    }

    /**
     * Checks a deployment's parallelism against its model and node.
     *
     * @param d the deployment the options built
     * @throws IllegalArgumentException naming the option and its value, if the degrees do not fit
     */
    static void check(Deployment d) {
        Parallelism p = forModel(d.parallelism(), d.model());
        ModelSpec model = d.model();
        int tp = d.tensorParallel();
        if (p.expert() > 1 && tp % p.expert() != 0) {
            throw new IllegalArgumentException(
                    "--ep (" + p.expert() + ") must divide --gpus (" + tp + "), the GPUs of each stage");
        }
        if (p.dataParallelAttention() && tp == 1) {
            throw new IllegalArgumentException("--dp-attention needs --gpus > 1 (it spreads sequences over them)");
        }
        NodeSpec node = d.node();
        int declared = p.declaredNodes();
        if (declared > 0 && p.problem(model, tp, node) != null) {
            String used = ", and --gpus " + tp + " x --pp " + p.pipeline() + " = " + p.gpus(tp);
            throw new IllegalArgumentException(
                    declared == 1
                            ? "--nodes (1) holds at most " + node.gpusPerNode() + " GPUs (" + node.name() + ")" + used
                            : "--nodes (" + declared + ") needs --gpus x --pp = " + (long) declared * node.gpusPerNode()
                                    + " (" + declared + " x " + node.gpusPerNode() + " GPUs of " + node.name() + ")"
                                    + used);
        }
    }

    /**
     * Checks {@code --pp} and {@code --ep} against a model.
     *
     * @param p the parallelism the options describe
     * @param model the model
     * @return {@code p}
     * @throws IllegalArgumentException naming the option and its value, if the model cannot take them
     */
    static Parallelism forModel(Parallelism p, ModelSpec model) {
        if (p.pipeline() > model.numLayers()) {
            throw new IllegalArgumentException("--pp (" + p.pipeline() + ") must be at most the " + model.numLayers()
                    + " layers of " + model.name());
        }
        if (p.expert() > 1) {
            if (model.mixtureOfExperts().isEmpty()) {
                throw new IllegalArgumentException("--ep (" + p.expert() + ") needs a Mixture-of-Experts model, and "
                        + model.name() + " has none");
            }
            int experts = model.mixtureOfExperts().get().numExperts();
            if (experts % p.expert() != 0) {
                throw new IllegalArgumentException(
                        "--ep (" + p.expert() + ") must divide the " + experts + " routed experts of " + model.name());
            }
        }
        return p;
    }
}
