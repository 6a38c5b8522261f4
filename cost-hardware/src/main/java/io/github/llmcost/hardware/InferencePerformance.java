package io.github.llmcost.hardware;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import java.util.Locale;
import org.immutables.value.Value;

/**
 * How a model runs a workload on a chip (or several, tensor-parallel): each phase placed on the roofline operation by
 * operation, time to first token, time per output token, tokens per second, whole-request latency, the memory budget
 * and the concurrency it allows.
 *
 * <p>The model of a pass: one step of the step-time model ({@link CompiledPerformance#step(Step)}). Every operation of
 * every layer is placed on the roofline of the compute format (the workload's activation format: INT4 weights with
 * BF16 activations compute at BF16 and read half-byte weights) and takes the larger of its compute time and its memory
 * time (for linear layers, their p-norm when {@link ChipCalibration#overlapExponent()} is set); the pass takes the sum.
 * Linear layers compute at {@link ChipCalibration#matmulFraction()} of peak; attention at {@link
 * ChipCalibration#attentionFraction()}; memory traffic at {@link ChipCalibration#bandwidthFraction()} (weight-only
 * quantised weights at {@link ChipCalibration#weightOnlyBandwidthFactor()} of it). Bytes moved: each weight matrix once
 * per pass, shared by the whole batch (for routed experts, the experts the batch's tokens are expected to touch); under
 * {@link Convention#EXACT} also each token's input and output activations ({@code 2d} values per matrix, an
 * approximation) and each sequence's own KV cache, read separately; under {@link Convention#ARTICLE} only weights for
 * the matrices and {@code Q} plus {@code K} rows for scores, which gives the article's intensities {@code 2n/B_p},
 * {@code n/B_p} and {@code 2/B_p}. Tensor parallelism over {@code N} devices divides FLOPs, weights and caches by
 * {@code N} and adds two ring all-reduces of the layer's activations per layer, each moving {@code 2(N-1)/N} of them
 * over the interconnect and taking the interconnect's latency ({@link HardwareSpec#interconnectLatency()}) plus {@link
 * ChipCalibration#allReduceLatency()}. Each pass also costs the calibration's fixed overheads, per layer and per step.
 *
 * <p>The factors come from {@link #calibration()}: {@link ChipCalibration#UNCALIBRATED} unless set; {@link
 * CalibratedEfficiencies} holds factors fitted to measurements, per chip.
 *
 * <p>Prefill processes the batch's prompts at once, less a shared prefix already cached. Decode steps process one
 * token per sequence; {@link #timePerOutputToken()} is the step at the mean position of the generation, exact while no
 * operation changes bound during the generation.
 *
 * <p>This is the physics layer a deployment compiles to. Most callers build a {@code Deployment} with {@code
 * LlmCost.model(...)} (cost-economics), which sets every knob here and adds the price, and read its {@code Estimate};
 * build one of these directly for the physics of one workload without prices.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 *
 * <pre>{@code
 * InferencePerformance perf = InferencePerformance.builder()
 *     .model(ModelPresets.LLAMA_3_1_8B)
 *     .hardware(HardwarePresets.H100_SXM)
 *     .workload(Workload.of(4096, 512))
 *     .build();
 * perf.timeToFirstToken();      // prefill of 4,096 tokens
 * perf.timePerOutputToken();    // one decode step
 * }</pre>
 */
@Value.Immutable(copy = false) // the copies are written by hand: withCalibration, withEfficiency, withWorkload
public abstract class InferencePerformance {
    /** Default framework overhead per device: the article's "another 1-2 GB" of CUDA context and buffers. */
    public static final Bytes DEFAULT_FRAMEWORK_OVERHEAD = Bytes.ofGigabytes(1.5);

    /** Default tokens of a prefill chunk, vLLM's default {@code max_num_batched_tokens}: {@value}. */
    public static final int DEFAULT_PREFILL_CHUNK_TOKENS = 2048;

    InferencePerformance() {}

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the model} */
    public abstract ModelSpec model();

    /** {@return the chip, one of {@link #tensorParallel()} identical devices} */
    public abstract HardwareSpec hardware();

    /** {@return the workload} */
    public abstract Workload workload();

    /** {@return the numeric formats of weights, activations (the compute format) and KV cache; BF16 by default} */
    @Value.Default
    public Formats formats() {
        return Formats.BF16;
    }

    /** {@return the accounting convention; {@link Convention#EXACT} by default} */
    @Value.Default
    public Convention convention() {
        return Convention.EXACT;
    }

    /**
     * {@return the step-time model's factors for the chip: compute and bandwidth fractions, how compute and memory
     * overlap, fixed overheads per layer and per step, the all-reduce latency, and the error band; {@link
     * ChipCalibration#UNCALIBRATED} (the plain roofline at {@link Efficiency#DEFAULT}) unless set}
     */
    @Value.Default
    public ChipCalibration calibration() {
        return ChipCalibration.UNCALIBRATED;
    }

    /** {@return the efficiencies of large work under the calibration: {@link ChipCalibration#efficiency()}} */
    public Efficiency efficiency() {
        return calibration().efficiency();
    }

    /** {@return devices the model is split over by tensor parallelism; 1 by default} */
    @Value.Default
    public int tensorParallel() {
        return 1;
    }

    /**
     * {@return parallelism beyond tensor: pipeline stages, expert parallelism, data-parallel attention, declared nodes;
     * {@link Parallelism#NONE} by default}
     */
    @Value.Default
    public Parallelism parallelism() {
        return Parallelism.NONE;
    }

    /** {@return the node the devices sit in, and the network between nodes; the chip's usual one by default} */
    @Value.Default
    public NodeSpec node() {
        return NodeSpec.forHardware(hardware());
    }

    /** {@return memory each device loses to the framework; {@link #DEFAULT_FRAMEWORK_OVERHEAD} by default} */
    @Value.Default
    public Bytes frameworkOverheadPerDevice() {
        return DEFAULT_FRAMEWORK_OVERHEAD;
    }

    /**
     * {@return the most tokens one forward pass holds activations for: serving engines prefill long prompts in chunks
     * (vLLM's default {@code max_num_batched_tokens} is 2,048), so activation memory stays at the article's 50-200 MB.
     * 2,048 by default. Timing still treats the prefill as one pass}
     */
    @Value.Default
    public int prefillChunkTokens() {
        return DEFAULT_PREFILL_CHUNK_TOKENS;
    }

    /**
     * {@return speculative decoding, if the deployment speculates: a drafter proposing {@code k} tokens per round,
     * verified by this model ({@link SpeculativeDecoding}); none by default. With it, {@link #timePerOutputToken()}
     * and the decode throughputs are per output token, a round over the expected tokens per target step, and memory
     * holds the drafter's weights and cache}
     */
    public abstract java.util.Optional<SpeculativeDecoding> speculativeDecoding();

    /**
     * A copy timed on the plain roofline at one efficiency ({@link ChipCalibration#of(Efficiency)}).
     *
     * @param efficiency the fractions of peak compute and bandwidth reached
     * @return the copy
     */
    public InferencePerformance withEfficiency(Efficiency efficiency) {
        return withCalibration(ChipCalibration.of(efficiency));
    }

    /**
     * A copy with a chip's calibrated factors.
     *
     * @param calibration the factors, such as {@link CalibratedEfficiencies#H100_SXM}
     * @return the copy
     */
    public InferencePerformance withCalibration(ChipCalibration calibration) {
        return builder().from(this).calibration(calibration).build();
    }

    /**
     * A copy with another workload.
     *
     * @param workload the workload
     * @return the copy
     */
    public InferencePerformance withWorkload(Workload workload) {
        return builder().from(this).workload(workload).build();
    }

    /** {@return the FLOP counter of the model under the convention} */
    @Value.Lazy
    public FlopCounter flopCounter() {
        return FlopCounter.of(model(), convention());
    }

    /** {@return the KV cache of the model at the workload's KV format} */
    @Value.Lazy
    public KvCache kvCache() {
        return KvCache.of(model(), convention(), formats().kvScheme());
    }

    /** {@return the chip's roofline at the workload's activation format and {@link #efficiency()}} */
    @Value.Lazy
    public Roofline roofline() {
        return Roofline.of(hardware(), formats().activations(), efficiency());
    }

    /**
     * {@return this configuration compiled for speed: what every figure here is computed with, and what sweeps over
     * prompts, contexts and batch sizes should use directly}
     */
    @Value.Lazy
    public CompiledPerformance compiled() {
        return new CompiledPerformance(this);
    }

    /**
     * {@return the batch's prefill, operation by operation, with the shared prefix already cached ({@link
     * Workload#cachedPrefixTokens()}: the last prompt token is always computed)}
     */
    @Value.Lazy
    public PhaseAnalysis prefill() {
        return compiled().prefill(workload(), true).analysis(Phase.PREFILL);
    }

    @Value.Lazy
    PassCosts prefillCosts() {
        return compiled().prefill(workload());
    }

    /** {@return the decode step at the generation's mean position, operation by operation: what {@link
     * #timePerOutputToken()} times} */
    @Value.Lazy
    public PhaseAnalysis decode() {
        return compiled()
                .decodeStep(Step.meanDecodePosition(workload()), workload().batchSize(), true)
                .analysis(Phase.DECODE);
    }

    @Value.Lazy
    PassCosts meanDecodeCosts() {
        return compiled().meanDecodeStep(workload());
    }

    /**
     * One decode step of the whole batch, each sequence's new token at position {@code contextTokens}.
     *
     * @param contextTokens the position {@code n >= 1}: the new token attends to {@code n} keys
     * @return the step, operation by operation
     */
    public PhaseAnalysis decodeStep(long contextTokens) {
        return compiled()
                .decodeStep(contextTokens, workload().batchSize(), true)
                .analysis(Phase.DECODE);
    }

    /** {@return time to first token: the prefill of the batch} */
    public Seconds timeToFirstToken() {
        return prefillCosts().time();
    }

    /** {@return the mean time of a decode step over the generation (the step at its mean position)} */
    public Seconds timePerOutputToken() {
        return Seconds.of(meanDecodeCosts().seconds());
    }

    /**
     * The time of one decode step at a context position, for the workload's batch.
     *
     * @param contextTokens the position {@code n >= 1}
     * @return the step's time
     */
    public Seconds timePerOutputToken(long contextTokens) {
        return compiled().decodeStep(contextTokens, workload().batchSize()).time();
    }

    /** {@return output tokens per second one user sees while decoding} */
    public double decodeTokensPerSecondPerUser() {
        return 1 / timePerOutputToken().toSeconds();
    }

    /** {@return output tokens per second over the whole batch (per model replica, all its devices together)} */
    public double decodeTokensPerSecond() {
        return workload().batchSize() / timePerOutputToken().toSeconds();
    }

    /** {@return prompt tokens per second prefill processes} */
    public double prefillTokensPerSecond() {
        return workload().prefillTokens() / timeToFirstToken().toSeconds();
    }

    /** {@return time from request to last token: prefill plus {@code outputTokens - 1} decode steps} */
    public Seconds requestLatency() {
        long steps = Math.max(0, workload().outputTokens() - 1);
        return timeToFirstToken().plus(timePerOutputToken().multipliedBy((double) steps));
    }

    /** {@return where memory goes, and how many whole sessions fit} */
    @Value.Lazy
    public MemoryBudget memory() {
        return compiled().memory(workload());
    }

    /**
     * {@return whether the configuration can run and, if not, every limit that binds: the model's maximum context,
     * tensor sharding, weights and overhead against memory, the batch against the KV cache. The figures here are
     * physics and are computed either way; priced views (an estimate, a serving cost) refuse what cannot run}
     */
    @Value.Lazy
    public Feasibility feasibility() {
        return feasibility(workload(), memory());
    }

    /** Every limit of another workload on this configuration, given where its memory goes. */
    Feasibility feasibility(Workload workload, MemoryBudget memory) {
        return Feasibility.of(
                model(), hardware(), tensorParallel(), parallelism(), node(), formats(), workload, memory);
    }

    /** {@return whole sessions at the workload's context that fit in memory} */
    public long maxConcurrentSessions() {
        return compiled().maxConcurrentSessions(workload());
    }

    /**
     * Decode's throughput-latency curve: batch sizes doubling from 1 (and the largest batch memory holds), each step
     * at the generation's mean position, until memory runs out, the step turns compute-bound, or {@code maxBatch}.
     *
     * @param maxBatch the largest batch to try, {@code >= 1}
     * @return the curve and the limit that ended it
     */
    public BatchSweep batchSweep(int maxBatch) {
        return BatchSweep.of(this, maxBatch);
    }

    @Value.Check
    void check() {
        Check.positive("tensorParallel", tensorParallel());
        Check.positive("prefillChunkTokens", prefillChunkTokens());
        int gpus = parallelism().gpus(tensorParallel());
        if (!(gpus == 1 || hardware().interconnectBandwidth().toBytesPerSecond() > 0)) {
            throw new IllegalArgumentException((gpus == tensorParallel() ? "tensorParallel (" : "gpus (") + gpus
                    + ") needs an interconnect, and " + hardware().name() + " has none");
        }
        hardware().peak(formats().activations()); // fails early, naming the chip's formats
    }

    /** {@return a short report: time to first token, time per output token, throughput, memory} */
    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s on %s%s, %s%n  time to first token %s (%s-bound), time per output token %s (%s-bound)%n"
                        + "  %.1f tokens/s per user, %.0f tokens/s in all%n  %s",
                model().name(),
                parallelism().gpus(tensorParallel()) > 1 ? parallelism().gpus(tensorParallel()) + " x " : "",
                hardware().name(),
                convention(),
                timeToFirstToken(),
                prefill().bound(),
                timePerOutputToken(),
                decode().bound(),
                decodeTokensPerSecondPerUser(),
                decodeTokensPerSecond(),
                memory());
    }

    /** Builds an {@link InferencePerformance}; {@link #build()} checks the combination. */
    public static final class Builder extends ImmutableInferencePerformance.Builder {
        Builder() {}

        /**
         * Times on the plain roofline at one efficiency: {@code calibration(ChipCalibration.of(efficiency))}.
         *
         * @param efficiency the fractions of peak compute and bandwidth reached, such as {@link Efficiency#PEAK}
         * @return this builder
         */
        public Builder efficiency(Efficiency efficiency) {
            calibration(ChipCalibration.of(efficiency));
            return this;
        }
    }
}
