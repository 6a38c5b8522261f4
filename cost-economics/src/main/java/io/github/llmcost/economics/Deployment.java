package io.github.llmcost.economics;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.CompiledPerformance;
import io.github.llmcost.hardware.Feasibility;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.Limit;
import io.github.llmcost.hardware.MemoryBudget;
import io.github.llmcost.hardware.NodeSpec;
import io.github.llmcost.hardware.Parallelism;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.Traffic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * What is deployed: a model on a chip, split over tensor-parallel devices, in numeric formats, with a calibration and
 * overheads, at a price. The one configuration every figure comes from; {@link LlmCost} builds it and exposes every
 * knob, and a {@link Workload} (the shape of the requests) asks it things:
 *
 * <pre>{@code
 * Deployment d = LlmCost.model(ModelPresets.LLAMA_3_1_8B).hardware(HardwarePresets.H100_SXM).tensorParallel(2)
 *     .calibration(CalibratedEfficiencies.H100_SXM).weights(NumericFormat.FP8_E4M3).pricePerHour(2.5).deployment();
 * Estimate e = d.estimate(Workload.of(4096, 512).withBatchSize(32));
 * e.withBatchSize(64).costPerMillionOutputTokens();
 * Sweep.over(d).batchSizes(1, 8, 64).stream();
 * }</pre>
 *
 * <p><b>Caching</b>, the library's one policy: a deployment compiles itself once, on first use, into a {@link
 * CompiledPerformance} (the per-operation coefficients of its passes) and keeps it; every estimate, sweep point and
 * copy with another workload reuses it. Nothing else is cached beyond what a {@link ModelSpec} derives from itself
 * (its FLOP counters and parameter counts). Two equal deployments built separately compile separately: keep the one
 * you built.
 *
 * <p>Immutable and thread-safe; equal by value.
 */
@Value.Immutable
public abstract class Deployment {
    Deployment() {}

    /** {@return the model} */
    public abstract ModelSpec model();

    /** {@return the chip, one of {@link #tensorParallel()} identical devices} */
    public abstract HardwareSpec hardware();

    /** {@return devices the model is split over by tensor parallelism; 1 by default} */
    @Value.Default
    public int tensorParallel() {
        return 1;
    }

    /**
     * {@return parallelism beyond tensor: pipeline stages (each of {@link #tensorParallel()} devices), expert
     * parallelism, data-parallel attention, declared nodes; {@link Parallelism#NONE} by default}
     */
    @Value.Default
    public Parallelism parallelism() {
        return Parallelism.NONE;
    }

    /** {@return the node chosen for this deployment, if one was: otherwise the chip's usual one} */
    public abstract Optional<NodeSpec> chosenNode();

    /** {@return the node the devices sit in and the network between nodes: the chosen one, else the chip's} */
    public NodeSpec node() {
        return chosenNode().orElseGet(() -> NodeSpec.forHardware(hardware()));
    }

    /** {@return devices of one replica, every one paid for: {@code tensorParallel x pipeline stages}} */
    public int gpus() {
        return parallelism().gpus(tensorParallel());
    }

    /**
     * A copy with other parallelism beyond tensor.
     *
     * @param parallelism pipeline and expert parallelism
     * @return the copy
     */
    public abstract Deployment withParallelism(Parallelism parallelism);

    /** {@return the accounting convention; {@link Convention#EXACT} by default} */
    @Value.Default
    public Convention convention() {
        return Convention.EXACT;
    }

    /** {@return the numeric formats of weights, compute and KV cache; BF16 by default} */
    @Value.Default
    public Formats formats() {
        return Formats.BF16;
    }

    /** {@return the calibration chosen for this deployment, if one was: otherwise the chip's is used} */
    public abstract Optional<ChipCalibration> chosenCalibration();

    /**
     * {@return the factors of the step-time model: the chosen calibration, else the chip's own ({@link
     * CalibratedEfficiencies#forHardware(HardwareSpec)}: fitted to measurements of that chip, or the generic set), so
     * a copy on another chip takes that chip's. Its {@link ChipCalibration#source()} says where the factors come from}
     */
    public ChipCalibration calibration() {
        return chosenCalibration().orElseGet(() -> CalibratedEfficiencies.forHardware(hardware()));
    }

    /** {@return memory each device loses to the framework; 1.5 GB by default} */
    @Value.Default
    public Bytes frameworkOverheadPerDevice() {
        return InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD;
    }

    /** {@return the most tokens one forward pass holds activations for; 2,048 by default} */
    @Value.Default
    public int prefillChunkTokens() {
        return InferencePerformance.DEFAULT_PREFILL_CHUNK_TOKENS;
    }

    /**
     * {@return speculative decoding, if the deployment speculates: a draft model or multi-token prediction proposing
     * {@code k} tokens a round, accepted at a rate; none by default. Time per output token is then a round over the
     * expected tokens per target step, and memory holds the drafter too}
     */
    public abstract Optional<SpeculativeDecoding> speculativeDecoding();

    /** {@return the price per device-hour and the utilisation it is paid at; empty where none is known} */
    public abstract Optional<GpuPricing> pricing();

    /** {@return the price of electricity, US dollars per kWh; $0.10 by default} */
    @Value.Default
    public double electricityUsdPerKwh() {
        return 0.10;
    }

    /**
     * A copy on another chip.
     *
     * @param hardware the chip
     * @return the copy
     */
    public abstract Deployment withHardware(HardwareSpec hardware);

    /**
     * A copy over another number of tensor-parallel devices.
     *
     * @param tensorParallel devices, {@code >= 1}
     * @return the copy
     */
    public abstract Deployment withTensorParallel(int tensorParallel);

    /**
     * A copy in other formats.
     *
     * @param formats the formats
     * @return the copy
     */
    public abstract Deployment withFormats(Formats formats);

    /**
     * A copy that speculates.
     *
     * @param speculativeDecoding the drafter, {@code k} and the acceptance rate
     * @return the copy
     */
    public abstract Deployment withSpeculativeDecoding(SpeculativeDecoding speculativeDecoding);

    /**
     * A copy under another calibration.
     *
     * @param calibration the factors
     * @return the copy
     */
    public Deployment withCalibration(ChipCalibration calibration) {
        return withChosenCalibration(Optional.of(calibration));
    }

    /** The generated copy with another chosen calibration, or none (the chip's). */
    abstract Deployment withChosenCalibration(Optional<? extends ChipCalibration> calibration);

    /**
     * Every figure of a workload on this deployment.
     *
     * @param workload the requests' shape
     * @return the estimate, which says whether the workload can run here
     */
    public Estimate estimate(Workload workload) {
        Objects.requireNonNull(workload, "workload");
        return blocked() ? new Estimate(this, workload, memory(workload)) : new Estimate(this, workload);
    }

    /**
     * Whether a workload can run on this deployment and, if not, every limit that binds.
     *
     * @param workload the requests' shape
     * @return the result
     */
    public Feasibility feasibility(Workload workload) {
        Objects.requireNonNull(workload, "workload");
        return blocked()
                ? Feasibility.of(
                        model(),
                        hardware(),
                        tensorParallel(),
                        parallelism(),
                        node(),
                        formats(),
                        workload,
                        memory(workload))
                : compiled().feasibility(workload);
    }

    /**
     * Where memory goes for a workload.
     *
     * @param workload the requests' shape
     * @return the budget
     */
    public MemoryBudget memory(Workload workload) {
        Objects.requireNonNull(workload, "workload");
        return blocked()
                ? MemoryBudget.of(
                        model(),
                        hardware(),
                        tensorParallel(),
                        parallelism(),
                        convention(),
                        formats(),
                        workload,
                        frameworkOverheadPerDevice(),
                        prefillChunkTokens())
                : compiled().memory(workload);
    }

    /**
     * The deployment serving traffic under continuous batching, with the default {@link Scheduler}.
     *
     * @param traffic the requests' lengths and shared prefix
     * @return throughput at saturation, latency at a rate, cost at load
     * @throws io.github.llmcost.hardware.InfeasibleConfigurationException if the deployment cannot hold one request
     */
    public ServingEstimate serving(Traffic traffic) {
        return serving(traffic, Scheduler.defaults());
    }

    /**
     * The deployment serving traffic under a scheduler.
     *
     * @param traffic the requests' lengths and shared prefix
     * @param scheduler the batch cap, token budget per step, KV block size
     * @return throughput at saturation, latency at a rate, cost at load
     * @throws io.github.llmcost.hardware.InfeasibleConfigurationException if the deployment cannot hold one request
     */
    public ServingEstimate serving(Traffic traffic, Scheduler scheduler) {
        if (blocked()) {
            Feasibility.of(structural()).requireFeasible("serving");
        }
        return new ServingEstimate(this, traffic, scheduler);
    }

    /**
     * The physics of a workload on this deployment, operation by operation.
     *
     * @param workload the requests' shape
     * @return the performance
     * @throws io.github.llmcost.hardware.InfeasibleConfigurationException if the deployment cannot be costed at all
     *     (no compute path for its format, no interconnect)
     */
    public InferencePerformance performance(Workload workload) {
        Objects.requireNonNull(workload, "workload");
        return compiled().template().withWorkload(workload);
    }

    /**
     * {@return the deployment compiled into the coefficients of its passes, once, on first use}
     *
     * @throws io.github.llmcost.hardware.InfeasibleConfigurationException if the deployment cannot be costed at all
     *     (no compute path for its format, no interconnect)
     */
    @Value.Lazy
    public CompiledPerformance compiled() {
        if (blocked()) {
            Feasibility.of(structural()).requireFeasible("compiled deployment");
        }
        return InferencePerformance.builder()
                .model(model())
                .hardware(hardware())
                .workload(Workload.of(1, 0))
                .tensorParallel(tensorParallel())
                .parallelism(parallelism())
                .node(node())
                .convention(convention())
                .formats(formats())
                .calibration(calibration())
                .frameworkOverheadPerDevice(frameworkOverheadPerDevice())
                .prefillChunkTokens(prefillChunkTokens())
                .speculativeDecoding(speculativeDecoding())
                .build()
                .compiled();
    }

    /** What stops the deployment before any workload: format, interconnect, sharding. */
    @Value.Lazy
    List<Feasibility.Reason> structural() {
        return Feasibility.structural(
                model(),
                hardware(),
                tensorParallel(),
                parallelism(),
                node(),
                formats().activations());
    }

    /** Whether nothing can be timed: no compute path or no interconnect (a sharding problem still compiles). */
    boolean blocked() {
        for (Feasibility.Reason r : structural()) {
            if (r.limit() != Limit.TENSOR_PARALLEL && r.limit() != Limit.PARALLELISM) {
                return true;
            }
        }
        return false;
    }

    /** {@return the pricing, or null: for the estimates' plain-field copies} */
    @Nullable
    GpuPricing pricingOrNull() {
        return pricing().orElse(null);
    }

    @Value.Check
    void check() {
        Check.positive("tensorParallel", tensorParallel());
        Check.positive("prefillChunkTokens", prefillChunkTokens());
        Check.nonNegative("electricityUsdPerKwh", electricityUsdPerKwh());
    }

    /** {@return the deployment in a line: model, devices and chip, convention, formats, price} */
    @Override
    public String toString() {
        return model().name() + " on " + (gpus() > 1 ? gpus() + " x " : "")
                + hardware().name()
                + (parallelism().equals(Parallelism.NONE)
                        ? ""
                        : " (tp " + tensorParallel() + ", " + parallelism() + ")")
                + " (" + convention() + "), " + formats() + ", "
                + speculativeDecoding().map(s -> s + ", ").orElse("")
                + pricing().map(GpuPricing::toString).orElse("no price");
    }
}
