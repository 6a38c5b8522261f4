package io.github.llmcost.hardware;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Workload;
import io.github.llmcost.core.internal.Check;

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
    private final Roofline prefillRoofline;
    private final Roofline decodeRoofline;
    private final NumericFormat weightFormat;
    private final NumericFormat activationFormat;
    private final NumericFormat kvCacheFormat;
    private final boolean exact;
    private final int devices;
    private final double perDevice;
    private final double weightBytes;
    private final double activationBytes;
    private final double passOverheadSeconds;
    /** Seconds of all of one pass's all-reduces that do not depend on its tokens, and those per token. */
    private final double allReduceFixedSeconds;

    private final double allReduceSecondsPerToken;
    /** Whether the tensor-parallel degree shards the model's heads and MLP evenly. */
    private final boolean sharded;

    /** Copies of each sequence's cache over all devices: 1 while KV heads split evenly, more once replicated. */
    private final double kvCopies;

    /** Where memory goes: weights, activations, overhead and the KV cache over all devices. */
    private final MemoryModel memory;

    CompiledPerformance(InferencePerformance performance) {
        this.template = performance;
        this.model = performance.model();
        this.kernel = PassKernel.of(performance.flopCounter());
        this.kvCache = performance.kvCache();
        Formats formats = performance.formats();
        this.weightFormat = formats.weights();
        this.activationFormat = formats.activations();
        this.kvCacheFormat = formats.kvCache();
        this.prefillRoofline = Roofline.of(performance.hardware(), activationFormat, performance.prefillEfficiency());
        this.decodeRoofline = Roofline.of(performance.hardware(), activationFormat, performance.decodeEfficiency());
        this.exact = performance.convention() == Convention.EXACT;
        this.devices = performance.tensorParallel();
        this.perDevice = devices == 1 ? 1 : 1.0 / devices;
        this.weightBytes = weightFormat.bytesPerElement();
        this.activationBytes = activationFormat.bytesPerElement();
        this.passOverheadSeconds = performance.passOverhead().toSeconds();
        // two ring all-reduces per layer, each moving 2(N-1)/N of the layer's activations and paying a fixed latency
        if (devices == 1) {
            allReduceFixedSeconds = 0;
            allReduceSecondsPerToken = 0;
        } else {
            double allReduces = 2.0 * model.numLayers();
            allReduceFixedSeconds = allReduces * performance.allReduceLatency().toSeconds();
            allReduceSecondsPerToken = allReduces
                    * (2.0 * (devices - 1) / devices)
                    * model.hiddenSize()
                    * activationBytes
                    / performance.hardware().interconnectBandwidth().toBytesPerSecond();
        }
        this.kvCopies = TensorSharding.kvShare(model, devices) * devices;
        this.sharded = TensorSharding.problem(model, devices) == null;
        this.memory = new MemoryModel(
                model,
                performance.hardware(),
                devices,
                performance.convention(),
                kvCache,
                formats,
                performance.frameworkOverheadPerDevice(),
                performance.prefillChunkTokens());
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
        return walk(cached, workload.promptTokens() - cached, workload.batchSize(), prefillRoofline, detailed);
    }

    /**
     * The decode step at the generation's mean position, {@code prompt + max(1, output / 2)}: what {@link
     * InferencePerformance#timePerOutputToken()} times.
     *
     * @param workload the workload
     * @return the step's totals on one device
     */
    public PassCosts meanDecodeStep(Workload workload) {
        return decodeStep(meanDecodePosition(workload), workload.batchSize());
    }

    /**
     * One decode step of a batch, each sequence's new token at position {@code contextTokens}.
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
        return walk(contextTokens - 1, 1, batchSize, decodeRoofline, detailed);
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
        return Feasibility.of(
                model, template.hardware(), devices, template.formats(), workload, memory.budget(workload));
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
     * {@return the position of the decode step timed as the generation's mean: steps run at positions {@code prompt +
     * 1 .. prompt + output - 1}}
     */
    static long meanDecodePosition(Workload w) {
        return w.promptTokens() + Math.max(1, w.outputTokens() / 2);
    }

    /**
     * The one place a pass is costed: every operation of every layer group, with its FLOPs, bytes and both limit
     * times, per device. The latencies read its totals; {@link PhaseAnalysis} reads a {@code detailed} pass, which also
     * keeps each operation's sums. Callers pass {@code fresh >= 1}: prefill always computes at least the last prompt
     * token.
     */
    @SuppressWarnings("EnumOrdinal") // PassCosts keeps operations in dense arrays, by ordinal
    private PassCosts walk(long cached, long fresh, int batch, Roofline roof, boolean detailed) {
        ModelSpec m = model;
        FlopCounter counter = kernel.counter;
        boolean exact = this.exact;
        double perDevice = this.perDevice;
        double weightBytes = this.weightBytes;
        double activationBytes = this.activationBytes;
        double d = m.hiddenSize();
        long tokens = Check.multiply("tokens of the pass (new tokens x batch size)", fresh, batch);
        // per sequence, the activations a quadratic operation reads besides the cache (EXACT), or Q and K rows
        // (ARTICLE); per matrix, each token's input and output activations (EXACT)
        double queryBytes = exact
                ? fresh * (double) m.numAttentionHeads() * m.headDim() * activationBytes
                : (2.0 * fresh + cached) * d * activationBytes;
        double tokenActivationBytes = exact ? tokens * 2 * d * activationBytes : 0;
        PassKernel kernel = this.kernel;
        KvCache kv = kvCache;
        double kvCopies = this.kvCopies;
        double expertsRead = counter.expertsRead(tokens);
        double[] detail = detailed ? PassCosts.newDetail() : null;
        double passFlops = 0;
        double computeSeconds = 0;
        double memorySeconds = 0;
        double seconds = 0;
        double keys = 0;
        double sequenceBytes = 0; // what one sequence's quadratic operation reads in a layer of the group
        int group = -1;
        for (int r = 0; r < kernel.rows; r++) {
            int kind = kernel.rowKind[r];
            if (kernel.rowGroup[r] != group) {
                group = kernel.rowGroup[r];
                int layer = kernel.groupFirstLayer[group];
                keys = kernel.counter.attentionKeys(layer, cached, fresh);
                sequenceBytes =
                        exact ? kv.layerBytes(layer, cached + fresh).toBytes() / 2 * kvCopies + queryBytes : queryBytes;
            }
            double opFlops;
            double bytes;
            if (kind == PassKernel.QUADRATIC) {
                opFlops = kernel.rowFlops[r] * keys;
                bytes = batch * sequenceBytes;
            } else {
                opFlops = kernel.rowFlops[r] * fresh;
                double weights = kind == PassKernel.EXPERTS ? kernel.rowWeights[r] * expertsRead : kernel.rowWeights[r];
                bytes = weights * weightBytes + tokenActivationBytes;
            }
            opFlops = opFlops * batch * perDevice;
            double opBytes = bytes * perDevice;
            double compute = roof.computeSeconds(opFlops);
            double memory = roof.memorySeconds(opBytes);
            double time = Math.max(compute, memory);
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
        if (lmHeadWeights > 0) { // once per pass, for each sequence's sampled token
            double opFlops = 2 * lmHeadWeights * batch * perDevice;
            double opBytes = (lmHeadWeights * weightBytes + batch * (d + m.vocabSize()) * activationBytes) * perDevice;
            double compute = roof.computeSeconds(opFlops);
            double memory = roof.memorySeconds(opBytes);
            double time = Math.max(compute, memory);
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
                tokens == 0 ? 0 : allReduceFixedSeconds + allReduceSecondsPerToken * tokens,
                passOverheadSeconds,
                detail);
    }

    @Override
    public String toString() {
        return "CompiledPerformance[" + template.model().name() + " on " + (devices > 1 ? devices + " x " : "")
                + template.hardware().name() + ", " + template.convention() + ", weights " + weightFormat
                + ", activations " + activationFormat + ", KV " + kvCacheFormat + "]";
    }
}
