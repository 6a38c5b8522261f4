package io.github.llmcost.hardware;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a configuration can run and, if not, every limit that stops it, each with a sentence naming the figures
 * involved. {@link #bindingLimit()} is the first of them in {@link Limit}'s order.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Feasibility f = InferencePerformance.builder().model(ModelPresets.LLAMA_3_1_405B)
 *     .hardware(HardwarePresets.H100_SXM).workload(Workload.of(1024, 256)).build().feasibility();
 * f.isFeasible();     // false
 * f.bindingLimit();   // Optional[MEMORY]
 * f.summary();        // "memory: weights 812 GB ... exceed ..."
 * }</pre>
 */
public final class Feasibility {
    /** One limit and why it binds. */
    public record Reason(Limit limit, String message) {
        /** Checks the components. */
        public Reason {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(message, "message");
        }

        /** {@return the limit's name in lower case, a colon and the message} */
        @Override
        public String toString() {
            return limit.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message;
        }
    }

    private static final Feasibility FEASIBLE = new Feasibility(List.of());

    private final List<Reason> reasons;

    private Feasibility(List<Reason> reasons) {
        List<Reason> sorted = new ArrayList<>(reasons);
        sorted.sort(java.util.Comparator.comparing(Reason::limit));
        this.reasons = List.copyOf(sorted);
    }

    /** {@return a feasible result} */
    public static Feasibility feasible() {
        return FEASIBLE;
    }

    /**
     * A result from its reasons.
     *
     * @param reasons the limits that bind; none for a feasible configuration
     * @return the result
     */
    public static Feasibility of(List<Reason> reasons) {
        Objects.requireNonNull(reasons, "reasons");
        return reasons.isEmpty() ? FEASIBLE : new Feasibility(reasons);
    }

    /** {@return whether the configuration can run} */
    public boolean isFeasible() {
        return reasons.isEmpty();
    }

    /** {@return every limit that binds, in {@link Limit}'s order; empty when feasible} */
    public List<Reason> reasons() {
        return reasons;
    }

    /** {@return the first limit that binds; empty when feasible} */
    public Optional<Limit> bindingLimit() {
        return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons.get(0).limit());
    }

    /** {@return one line: "feasible", or every reason separated by semicolons, the binding one first} */
    public String summary() {
        if (reasons.isEmpty()) {
            return "feasible";
        }
        StringBuilder out = new StringBuilder();
        for (Reason r : reasons) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(r);
        }
        return out.toString();
    }

    /**
     * Throws if the configuration cannot run.
     *
     * @param what the figure asked for, for the message
     * @throws InfeasibleConfigurationException naming the binding limit
     */
    public void requireFeasible(String what) {
        Objects.requireNonNull(what, "what");
        if (!reasons.isEmpty()) {
            throw new InfeasibleConfigurationException(what, this);
        }
    }

    /**
     * What stops a configuration before anything is costed: a compute format the chip has no peak for, tensor
     * parallelism without an interconnect, or a degree that does not shard the heads.
     *
     * @param model the model
     * @param hardware the chip
     * @param tensorParallel devices, {@code >= 1}
     * @param computeFormat the format matrix multiplications run in
     * @return the reasons, empty if none
     */
    public static List<Reason> structural(
            ModelSpec model, HardwareSpec hardware, int tensorParallel, NumericFormat computeFormat) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(computeFormat, "computeFormat");
        Check.positive("tensorParallel", tensorParallel);
        List<Reason> reasons = new ArrayList<>();
        if (!hardware.hasPeak(computeFormat)) {
            reasons.add(new Reason(
                    Limit.COMPUTE_FORMAT,
                    hardware.name() + " has no " + computeFormat + " compute (it has "
                            + new java.util.TreeSet<>(hardware.peakFlops().keySet())
                            + "); choose other activations, such as BF16 for weight-only quantisation"));
        }
        if (tensorParallel > 1 && !(hardware.interconnectBandwidth().toBytesPerSecond() > 0)) {
            reasons.add(new Reason(
                    Limit.INTERCONNECT,
                    tensorParallel + " GPUs need an interconnect, and " + hardware.name() + " has none"));
        }
        String sharding = TensorSharding.problem(model, tensorParallel);
        if (sharding != null) {
            reasons.add(new Reason(Limit.TENSOR_PARALLEL, sharding));
        }
        return reasons;
    }

    /**
     * What stops a configuration with parallelism beyond tensor before anything is costed: {@link #structural(ModelSpec,
     * HardwareSpec, int, NumericFormat)} for all its devices, and degrees or nodes that do not fit ({@link
     * Limit#PARALLELISM}).
     *
     * @param model the model
     * @param hardware the chip
     * @param tensorParallel devices per stage, {@code >= 1}
     * @param parallelism pipeline and expert parallelism
     * @param node the node
     * @param computeFormat the format matrix multiplications run in
     * @return the reasons, empty if none
     */
    public static List<Reason> structural(
            ModelSpec model,
            HardwareSpec hardware,
            int tensorParallel,
            Parallelism parallelism,
            NodeSpec node,
            NumericFormat computeFormat) {
        Objects.requireNonNull(parallelism, "parallelism");
        Objects.requireNonNull(node, "node");
        List<Reason> reasons = structural(model, hardware, tensorParallel, computeFormat);
        int gpus = parallelism.gpus(tensorParallel);
        if (tensorParallel == 1
                && gpus > 1
                && !(hardware.interconnectBandwidth().toBytesPerSecond() > 0)) {
            reasons.add(new Reason(
                    Limit.INTERCONNECT, gpus + " GPUs need an interconnect, and " + hardware.name() + " has none"));
        }
        String problem = parallelism.problem(model, tensorParallel, node);
        if (problem != null) {
            reasons.add(new Reason(Limit.PARALLELISM, problem));
        }
        return reasons;
    }

    /**
     * Every limit of a configuration: {@link #structural}, the model's maximum context, and memory (weights and
     * overhead, then the batch's KV cache).
     *
     * @param model the model
     * @param hardware the chip
     * @param tensorParallel devices
     * @param formats the numeric formats; the activations' is the compute format
     * @param workload the workload
     * @param memory where memory goes for the workload
     * @return the result
     */
    public static Feasibility of(
            ModelSpec model,
            HardwareSpec hardware,
            int tensorParallel,
            Formats formats,
            Workload workload,
            MemoryBudget memory) {
        Objects.requireNonNull(formats, "formats");
        Objects.requireNonNull(workload, "workload");
        return of(
                model,
                hardware,
                tensorParallel,
                Parallelism.NONE,
                NodeSpec.forHardware(hardware),
                formats,
                workload,
                memory);
    }

    /**
     * Every limit of a configuration with parallelism beyond tensor: {@link #structural(ModelSpec, HardwareSpec, int,
     * Parallelism, NodeSpec, NumericFormat)}, the model's maximum context, and memory (of the binding stage).
     *
     * @param model the model
     * @param hardware the chip
     * @param tensorParallel devices per stage
     * @param parallelism pipeline and expert parallelism
     * @param node the node
     * @param formats the numeric formats; the activations' is the compute format
     * @param workload the workload
     * @param memory where memory goes for the workload
     * @return the result
     */
    public static Feasibility of(
            ModelSpec model,
            HardwareSpec hardware,
            int tensorParallel,
            Parallelism parallelism,
            NodeSpec node,
            Formats formats,
            Workload workload,
            MemoryBudget memory) {
        Objects.requireNonNull(formats, "formats");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(memory, "memory");
        List<Reason> reasons = structural(model, hardware, tensorParallel, parallelism, node, formats.activations());
        if (model.maxContextTokens().isPresent()
                && workload.contextTokens() > model.maxContextTokens().getAsLong()) {
            reasons.add(new Reason(
                    Limit.CONTEXT,
                    "prompt " + workload.promptTokens() + " + output " + workload.outputTokens() + " = "
                            + workload.contextTokens() + " tokens exceed " + model.name() + "'s maximum context of "
                            + model.maxContextTokens().getAsLong()));
        }
        if (!memory.fits()) {
            reasons.add(new Reason(
                    Limit.MEMORY,
                    "weights " + memory.weights() + " + activations " + memory.activations() + " + overhead "
                            + memory.frameworkOverhead() + " exceed " + memory.capacity() + " on "
                            + memory.devices() + " x " + hardware.name()));
        } else if (workload.batchSize() > memory.maxConcurrentSessions()) {
            reasons.add(new Reason(
                    Limit.KV_CACHE,
                    "batch " + workload.batchSize() + " needs more KV cache than the " + memory.kvCacheBudget()
                            + " left holds: " + memory.maxConcurrentSessions() + " sessions of "
                            + workload.contextTokens() + " tokens fit, at " + memory.kvCachePerSession()
                            + " each"));
        }
        return of(reasons);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Feasibility that && reasons.equals(that.reasons);
    }

    @Override
    public int hashCode() {
        return reasons.hashCode();
    }

    /** {@return {@link #summary()}} */
    @Override
    public String toString() {
        return summary();
    }
}
