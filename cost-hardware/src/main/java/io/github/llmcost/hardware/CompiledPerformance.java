package io.github.llmcost.hardware;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.WeightBytes;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import org.jspecify.annotations.Nullable;

/**
 * An {@link InferencePerformance} compiled for speed: everything but the workload's token counts and batch size
 * (model, chip, convention, numeric formats, tensor parallelism, efficiencies, overheads) turned into coefficients
 * once, so that costing a prefill or a decode step is a few multiply-adds per group of identical operations and
 * allocates one small result.
 *
 * <p>Every figure {@link InferencePerformance} reports is computed here; it compiles one on first use ({@link
 * InferencePerformance#compiled()}), so the two always agree. Use one directly to sweep prompts, contexts and batch
 * sizes without building an {@link InferencePerformance} per point:
 *
 * <pre>{@code
 * CompiledPerformance compiled = InferencePerformance.builder()
 *     .model(ModelPresets.LLAMA_3_1_8B)
 *     .hardware(HardwarePresets.H100_SXM)
 *     .workload(Workload.of(1024, 256))
 *     .build()
 *     .compiled();
 * for (int batch = 1; batch <= 256; batch *= 2) {
 *     compiled.decodeStep(8192, batch).seconds();   // one decode step at position 8,192
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CompiledPerformance {
    private final InferencePerformance template;
    private final ModelSpec model;
    private final PassKernel kernel;
    private final KvCache kvCache;
    private final boolean exact;
    private final int devices;
    private final double perDevice;
    private final double[] rowWeightBytes; // per weight element of each row, then the lm_head's (PassKernel)
    private final double activationBytes;
    /** Seconds per FLOP of large linear layers, of attention's arithmetic, and per byte streamed. */
    private final double secondsPerMatmulFlop;

    private final double secondsPerAttentionFlop;
    private final double secondsPerByte;
    /** Seconds per weight byte: {@link #secondsPerByte} over the weight-only factor when weights are narrower. */
    private final double secondsPerWeightByte;
    /** How a linear layer's compute and memory times combine: 0 for the larger, else the p-norm's exponent. */
    private final double overlapExponent;
    /** Fixed seconds of every step: the step overhead and every layer's. */
    private final double stepOverheadSeconds;
    /** Stages, nodes and what devices send each other: all-reduces, all-to-alls, sends between stages. */
    private final ParallelLayout layout;
    /** Whether the tensor-parallel degree shards the model's heads and MLP evenly, and the other degrees fit it. */
    private final boolean sharded;
    /** Copies of each sequence's cache over all devices: 1 while KV heads split evenly, more once replicated. */
    private final double kvCopies;
    /** Where memory goes: weights, activations, overhead and the KV cache over all devices. */
    private final MemoryModel memory;
    /** Speculative decoding's rounds, or null without it. */
    private final @Nullable SpeculativeRound speculation;

    CompiledPerformance(InferencePerformance performance) {
        this.template = performance;
        this.model = performance.model();
        this.kernel = PassKernel.of(performance.flopCounter());
        this.kvCache = performance.kvCache();
        Formats formats = performance.formats();
        NumericFormat activationFormat = formats.activations();
        HardwareSpec hardware = performance.hardware();
        ChipCalibration c = performance.calibration();
        double peak = hardware.peak(activationFormat).toFlopsPerSecond();
        double bandwidth = hardware.memoryBandwidth().toBytesPerSecond();
        double matmul = activationFormat.bytesPerElement() < 2
                ? c.matmulFraction() * c.lowPrecisionMatmulFactor()
                : c.matmulFraction();
        this.secondsPerMatmulFlop = 1 / (peak * matmul);
        this.secondsPerAttentionFlop = 1 / (peak * c.attentionFraction());
        this.secondsPerByte = 1 / (bandwidth * c.bandwidthFraction());
        this.secondsPerWeightByte =
                formats.isWeightOnlyQuantized() ? secondsPerByte / c.weightOnlyBandwidthFactor() : secondsPerByte;
        this.overlapExponent = c.overlapExponent();
        this.exact = performance.convention() == Convention.EXACT;
        this.devices = performance.tensorParallel();
        this.perDevice = devices == 1 ? 1 : 1.0 / devices;
        WeightBytes stored = formats.weightScheme().weightBytes(model, performance.convention());
        this.rowWeightBytes = kernel.weightBytesPerElement(stored);
        this.activationBytes = activationFormat.bytesPerElement();
        this.stepOverheadSeconds =
                c.stepOverhead().toSeconds() + c.layerOverhead().toSeconds() * model.numLayers();
        // all-reduces, all-to-alls under expert parallelism, sends between pipeline stages: ParallelLayout
        Parallelism parallelism = performance.parallelism();
        this.layout = new ParallelLayout(model, hardware, c, devices, parallelism, performance.node(), activationBytes);
        this.kvCopies = layout.dataParallel ? 1 : TensorSharding.kvShare(model, devices) * devices;
        this.sharded = TensorSharding.problem(model, devices) == null && layout.fits;
        this.speculation = performance.speculativeDecoding().isPresent() ? SpeculativeRound.of(performance) : null;
        this.memory = new MemoryModel(
                model,
                hardware,
                devices,
                parallelism,
                performance.convention(),
                kvCache,
                formats,
                stored.total(),
                performance.frameworkOverheadPerDevice(),
                performance.prefillChunkTokens(),
                speculation);
    }

    /** {@return the performance this was compiled from; its workload's formats are the ones compiled in} */
    public InferencePerformance template() {
        return template;
    }

    /**
     * The prefill of a workload's batch, its shared prefix already cached.
     *
     * @param workload the workload
     * @return the pass's totals on one device
     */
    public PassCosts prefill(Workload workload) {
        return prefill(workload, false);
    }

    PassCosts prefill(Workload workload, boolean detailed) {
        long cached = workload.cachedPrefixTokens();
        long fresh = workload.promptTokens() - cached;
        if (speculation != null) { // the drafter prefills the prompts too
            return run(Step.prefill(workload.batchSize(), fresh, cached), detailed);
        }
        int m = layout.microBatches(workload.batchSize());
        int micro = ParallelLayout.ceilDiv(workload.batchSize(), m);
        return layout.pipelined(walk(null, cached, fresh, micro, detailed), m, true, fresh * micro);
    }

    /**
     * The decode step at the generation's mean position, {@code prompt + max(1, output / 2)}: what {@link
     * InferencePerformance#timePerOutputToken()} times (per output token, as {@link #decodeStep(long, int)}).
     *
     * @param workload the workload
     * @return the step's totals on one device
     */
    public PassCosts meanDecodeStep(Workload workload) {
        return decodeStep(Step.meanDecodePosition(workload), workload.batchSize());
    }

    /**
     * One decode step of a batch, each sequence's new token at position {@code contextTokens}; with speculative
     * decoding, per output token: the round of {@link Step#decode(int, long)} over the expected tokens per step.
     *
     * @param contextTokens the position {@code n >= 1}: the new token attends to {@code n} keys
     * @param batchSize sequences decoded together, {@code >= 1}
     * @return the step's totals on one device
     */
    public PassCosts decodeStep(long contextTokens, int batchSize) {
        return decodeStep(contextTokens, batchSize, false);
    }

    PassCosts decodeStep(long contextTokens, int batchSize, boolean detailed) {
        Check.positive("contextTokens", contextTokens);
        Check.positive("batchSize", batchSize);
        SpeculativeRound s = speculation;
        if (s != null) {
            return run(Step.decode(batchSize, contextTokens), detailed).scaled(1 / s.tokensPerTargetStep());
        }
        int m = layout.microBatches(batchSize);
        int micro = ParallelLayout.ceilDiv(batchSize, m);
        return layout.pipelined(walk(null, contextTokens - 1, 1, micro, detailed), m, false, micro);
    }

    /**
     * One engine iteration of any composition: prefill chunks and decode sequences together, the linear layers run
     * once over all their tokens (weights read once), attention per group. A whole prefill is {@link
     * Step#prefill(int, long, long)}, a decode step {@link Step#decode(int, long)}; {@link #prefill(Workload)} and
     * {@link #decodeStep(long, int)} give the same figures. With {@link SpeculativeDecoding}, one round of it ({@link
     * SpeculativeRound}): each decoding sequence gains {@link SpeculativeDecoding#tokensPerTargetStep()} tokens.
     *
     * @param step what the iteration computes
     * @return the step's totals on one device
     */
    public PassCosts step(Step step) {
        return run(step, false);
    }

    /** A step as the target runs it: a speculative round, if speculating, else one (pipelined) pass. */
    private PassCosts run(Step step, boolean detailed) {
        SpeculativeRound s = speculation;
        if (s != null) {
            return s.round(step, this, detailed);
        }
        int m = layout.microBatches(step.sequences());
        Step micro = m == 1 ? step : ParallelLayout.microStep(step, m);
        return layout.pipelined(walk(micro, 0, 0, 0, detailed), m, false, micro.tokens());
    }

    /**
     * One engine iteration, operation by operation.
     *
     * @param step what the iteration computes
     * @param phase the phase to label the analysis with
     * @return the analysis
     */
    public PhaseAnalysis analyse(Step step, Phase phase) {
        return run(step, true).analysis(phase);
    }

    /**
     * How many whole sessions of a workload fit in memory: what {@link MemoryBudget#maxConcurrentSessions()} holds,
     * without building the budget.
     *
     * @param workload the workload
     * @return whole sessions, {@code >= 0}
     */
    public long maxConcurrentSessions(Workload workload) {
        return sessions(workload);
    }

    /**
     * Whether a workload can run on this configuration and, if not, every limit that binds ({@link
     * Feasibility#of}); quick when it can.
     *
     * @param workload the workload
     * @return the result
     */
    public Feasibility feasibility(Workload workload) {
        boolean withinContext = model.maxContextTokens().isEmpty()
                || workload.contextTokens() <= model.maxContextTokens().getAsLong();
        if (sharded && withinContext && memory.fits(workload) && workload.batchSize() <= sessions(workload)) {
            return Feasibility.feasible();
        }
        return template.feasibility(workload, memory.budget(workload));
    }

    private long sessions(Workload w) {
        return memory.sessions(w);
    }

    /**
     * Where memory goes for a workload, and how many whole sessions fit.
     *
     * @param workload the workload
     * @return the budget
     */
    public MemoryBudget memory(Workload workload) {
        return memory.budget(workload);
    }

    /**
     * The one place a step is costed: every operation of every layer group, with its FLOPs, bytes and both limit
     * times, per device. Linear layers run once over all the step's tokens (weights read once; compute and memory
     * times combined by the calibration's overlap exponent); attention and state updates run per group of sequences
     * at attention's compute rate, each sequence reading its own KV cache or state. {@link PhaseAnalysis} reads a
     * {@code detailed} step, which also keeps each operation's sums. A {@code null} step is one group of {@code batch}
     * sequences computing {@code fresh >= 1} tokens after {@code cached} (the plain prefill and decode paths). One
     * pass of the target alone, whatever the speculation: what a round is built from.
     */
    @SuppressWarnings("EnumOrdinal") // PassCosts keeps operations in dense arrays, by ordinal
    PassCosts walk(@Nullable Step step, long cached, long fresh, int batch, boolean detailed) {
        ModelSpec m = model;
        FlopCounter counter = kernel.counter;
        boolean exact = this.exact;
        double perDevice = this.perDevice;
        double activationBytes = this.activationBytes;
        double d = m.hiddenSize();
        int groups = step == null ? 1 : step.groups();
        long tokens = step == null
                ? Check.multiply("tokens of the pass (new tokens x batch size)", fresh, batch)
                : step.tokens();
        double sequences = step == null ? batch : step.sampledTokens(); // tokens the LM head samples
        // per matrix, each token's input and output activations (EXACT)
        double tokenActivationBytes = exact ? tokens * 2 * d * activationBytes : 0;
        PassKernel kernel = this.kernel;
        double expertFactor = layout.expertFactor;
        double expertsRead = Math.min(counter.expertsRead(tokens) * expertFactor, layout.expertCap);
        double[] detail = detailed ? PassCosts.newDetail() : null;
        double passFlops = 0;
        double computeSeconds = 0;
        double memorySeconds = 0;
        double seconds = 0;
        for (int r = 0; r < kernel.rows; r++) {
            int group = kernel.rowGroup[r];
            double opFlops;
            double opBytes;
            double compute;
            double memory;
            double time;
            if (kernel.rowKind[r] >= PassKernel.QUADRATIC) { // per sequence: attention, or a fixed state
                int layer = kernel.groupFirstLayer[group];
                boolean state = kernel.rowKind[r] == PassKernel.STATE;
                opFlops = 0;
                opBytes = 0;
                compute = 0;
                memory = 0;
                time = 0;
                for (int g = 0; g < groups; g++) {
                    long c = step == null ? cached : step.groupCached(g);
                    long f = step == null ? fresh : step.groupFresh(g);
                    int n = step == null ? batch : step.groupSequences(g);
                    double units = state ? f : counter.attentionKeys(layer, c, f); // tokens, or (query, key) pairs
                    double flops = kernel.rowFlops[r] * units * n * perDevice;
                    double bytes = n * sequenceBytes(layer, c, f) * perDevice;
                    double gc = flops * secondsPerAttentionFlop;
                    double gm = bytes * secondsPerByte;
                    opFlops += flops;
                    opBytes += bytes;
                    compute += gc;
                    memory += gm;
                    time += Math.max(gc, gm);
                }
            } else {
                boolean experts = kernel.rowKind[r] == PassKernel.EXPERTS;
                // under DP attention every device reads all non-expert weights: scale them from the tensor's share
                double shared = experts || !layout.dataParallel ? 1 : devices;
                double weightBytes = rowWeightBytes[r]
                        * (experts ? kernel.rowWeights[r] * expertsRead : kernel.rowWeights[r])
                        * shared;
                opFlops = kernel.rowFlops[r] * tokens * perDevice * (experts ? expertFactor : 1);
                opBytes = (weightBytes + tokenActivationBytes) * perDevice;
                compute = opFlops * secondsPerMatmulFlop;
                memory = (weightBytes * secondsPerWeightByte + tokenActivationBytes * secondsPerByte) * perDevice;
                time = Overlap.combine(overlapExponent, compute, memory);
            }
            int[] operations = kernel.rowOperations[r];
            double copies = (double) kernel.groupCount[group] * operations.length;
            passFlops += opFlops * copies;
            computeSeconds += compute * copies;
            memorySeconds += memory * copies;
            seconds += time * copies;
            if (detail != null) {
                for (int op : operations) {
                    PassCosts.record(detail, op, opFlops, opBytes, compute, memory, time, kernel.groupCount[group]);
                }
            }
        }
        double lmHeadWeights = counter.lmHeadWeightElements();
        if (lmHeadWeights > 0) { // once per step, for each sequence's sampled token
            double lmHeadBytes = lmHeadWeights * rowWeightBytes[kernel.rows];
            double opFlops = 2 * lmHeadWeights * sequences * perDevice;
            double activations = sequences * (d + m.vocabSize()) * activationBytes;
            double opBytes = (lmHeadBytes + activations) * perDevice;
            double compute = opFlops * secondsPerMatmulFlop;
            double memory = (lmHeadBytes * secondsPerWeightByte + activations * secondsPerByte) * perDevice;
            double time = Overlap.combine(overlapExponent, compute, memory);
            passFlops += opFlops;
            computeSeconds += compute;
            memorySeconds += memory;
            seconds += time;
            if (detail != null) {
                PassCosts.record(detail, Operation.LM_HEAD.ordinal(), opFlops, opBytes, compute, memory, time, 1);
            }
        }
        return new PassCosts(
                passFlops,
                computeSeconds,
                memorySeconds,
                seconds,
                layout.allReduceSeconds(tokens) + layout.allToAllSeconds(tokens),
                stepOverheadSeconds,
                detail);
    }

    /** {@return the devices' layout: pipeline stages, nodes, the all-reduces, all-to-alls and sends a pass pays} */
    public ParallelLayout layout() {
        return layout;
    }

    /**
     * What one sequence's quadratic operation reads in a layer: under EXACT its share of the KV cache at its length
     * plus its queries; under ARTICLE the article's {@code Q} and {@code K} rows; a fixed state, read and written.
     */
    private double sequenceBytes(int layer, long cached, long fresh) {
        if (model.attentionKind(layer).keepsFixedState()) { // a fixed state, read and written once a pass
            return 2 * kvCache.layerBytes(layer, cached + fresh).toBytes();
        }
        double queryBytes = exact
                ? fresh * (double) model.numAttentionHeads() * model.headDim() * activationBytes
                : (2.0 * fresh + cached) * model.hiddenSize() * activationBytes;
        return exact ? kvCache.layerBytes(layer, cached + fresh).toBytes() / 2 * kvCopies + queryBytes : queryBytes;
    }

    @Override
    public String toString() {
        return "CompiledPerformance[" + template.model().name() + " on " + (devices > 1 ? devices + " x " : "")
                + template.hardware().name() + ", " + template.convention() + ", weights "
                + template.formats().weights()
                + ", activations " + template.formats().activations() + ", KV "
                + template.formats().kvCache() + "]";
    }
}
