package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.Assert;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

/**
 * {@link CompiledPerformance}, its merged {@link PassKernel} rows and {@link PassCosts}, against {@link
 * InferencePerformance}, {@link FlopCounter} and an independent reference: a pass costed layer by layer and operation
 * by operation from {@link FlopCounter#layerOperationFlops}, {@link FlopCounter#weightElements} and {@link
 * KvCache#layerBytes}, following the model of a pass that {@link InferencePerformance}'s documentation describes.
 *
 * <p>Tolerance: doubles are compared within a relative 10<sup>-12</sup> of the expected value ({@code CLOSE}), softly:
 * every mismatch of a run is collected and reported together, each with its description. The compiled pass sums
 * merged rows per layer group and multiplies by reciprocals and by {@code 1/N}, the reference sums every layer's
 * every operation and divides, so the two round differently by a few ulps per term. Bounds are compared only when a
 * pass's compute and memory times are more than a relative 10<sup>-9</sup> apart: closer than that, rounding may
 * legitimately tip it.
 */
@SuppressWarnings("EnumOrdinal") // the reference keeps operations in dense arrays, as PassCosts does
class CompiledPerformanceTest {
    /** A relative 10<sup>-12</sup>. */
    private static final Percentage CLOSE = withinPercentage(1e-10);

    private static final double BOUND_TIE = 1e-9;
    private static final Operation[] OPERATIONS = Operation.values();
    private static final int N = OPERATIONS.length;

    private static final List<ModelSpec> MODELS = List.copyOf(ModelPresets.all().values());
    private static final List<HardwareSpec> CHIPS = List.of(
            HardwarePresets.H100_SXM,
            HardwarePresets.A100_80GB,
            HardwarePresets.MI300X,
            HardwarePresets.L4,
            HardwarePresets.APPLE_M2_ULTRA);

    /** Weight, activation (compute) and KV-cache formats. */
    private record Formats(NumericFormat weights, NumericFormat activations, NumericFormat kv) {}

    private static final List<Formats> FORMATS = List.of(
            new Formats(NumericFormat.BF16, NumericFormat.BF16, NumericFormat.BF16),
            new Formats(NumericFormat.INT8, NumericFormat.BF16, NumericFormat.BF16),
            new Formats(NumericFormat.INT4, NumericFormat.BF16, NumericFormat.INT8),
            // W8A8: no INT8 path on the M2 Ultra, so that combination is skipped
            new Formats(NumericFormat.INT8, NumericFormat.INT8, NumericFormat.INT8),
            // no FP8 path on the A100, the L4 has one
            new Formats(NumericFormat.FP8_E4M3, NumericFormat.FP8_E4M3, NumericFormat.FP8_E4M3));

    /**
     * No calibration (the plain roofline), H100 SXM's (a 2-norm of compute and memory, overheads), and A100's with an
     * all-reduce latency of its own (weight-only factor below 1).
     */
    private static final List<Optional<ChipCalibration>> CALIBRATIONS = List.of(
            Optional.empty(),
            Optional.of(CalibratedEfficiencies.H100_SXM),
            Optional.of(CalibratedEfficiencies.A100_80GB.withAllReduceLatency(Seconds.of(20e-6))));

    /** Everything compiled in: all but the workload's token counts and batch. */
    private record Config(
            ModelSpec model,
            HardwareSpec chip,
            Convention convention,
            Formats formats,
            int tensorParallel,
            Optional<ChipCalibration> calibration) {
        ChipCalibration factors() {
            return calibration.orElse(ChipCalibration.UNCALIBRATED);
        }

        double passOverhead() {
            return factors().stepOverhead().toSeconds()
                    + factors().layerOverhead().toSeconds() * model.numLayers();
        }

        double allReduceLatency() {
            return chip.interconnectLatency().toSeconds()
                    + factors().allReduceLatency().toSeconds();
        }

        Workload workload(int batch, long prompt, long output, long shared) {
            return Workload.builder()
                    .promptTokens(prompt)
                    .outputTokens(output)
                    .batchSize(batch)
                    .sharedPrefixTokens(shared)
                    .build();
        }

        /** The performance, or empty if the chip has no path for the activation format. */
        Optional<InferencePerformance> performance(Workload workload) {
            InferencePerformance.Builder builder = InferencePerformance.builder()
                    .model(model)
                    .hardware(chip)
                    .workload(workload)
                    .formats(io.github.llmcost.core.Formats.of(formats.weights(), formats.activations(), formats.kv()))
                    .convention(convention)
                    .tensorParallel(tensorParallel);
            calibration.ifPresent(builder::calibration);
            try {
                return Optional.of(builder.build());
            } catch (IllegalArgumentException e) {
                assertThat(e).hasMessageContaining(formats.activations().toString());
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s on %dx %s, %s, %s, calibration %s",
                    model.name(),
                    tensorParallel,
                    chip.name(),
                    convention,
                    formats,
                    calibration.map(ChipCalibration::source).orElse("none"));
        }
    }

    /** Batch x prompt x shared prefix (none, or half the prompt), with outputs cycling through 1, 257 and 4,000. */
    private static List<Workload> workloads(Config config) {
        List<Workload> out = new ArrayList<>();
        long[] outputs = {1, 257, 4000};
        int i = 0;
        for (int batch : new int[] {1, 8, 64}) {
            for (long prompt : new long[] {1, 100, 4096}) {
                for (long shared : new long[] {0, (prompt + 1) / 2}) {
                    out.add(config.workload(batch, prompt, outputs[i++ % outputs.length], shared));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The reference: one pass costed layer by layer, operation by operation
    // ---------------------------------------------------------------------------------------------------------------

    /** A reference pass on one device: per operation FLOPs, bytes and the three times, plus the extras. */
    private static final class Reference {
        final double[] flops = new double[N];
        final double[] bytes = new double[N];
        final double[] compute = new double[N];
        final double[] memory = new double[N];
        final double[] seconds = new double[N];
        double communication;
        double overhead;

        double totalFlops() {
            return sum(flops);
        }

        double totalSeconds() {
            return sum(seconds) + communication + overhead;
        }

        double computeSeconds() {
            return sum(compute);
        }

        double memorySeconds() {
            return sum(memory);
        }

        static double sum(double[] values) {
            double s = 0;
            for (double v : values) {
                s += v;
            }
            return s;
        }
    }

    private static Reference reference(Config c, long cached, long fresh, int batch) {
        ChipCalibration f = c.factors();
        ModelSpec m = c.model();
        FlopCounter counter = FlopCounter.of(m, c.convention());
        KvCache kv = KvCache.of(m, c.convention(), c.formats().kv());
        boolean exact = c.convention() == Convention.EXACT;
        double devices = c.tensorParallel();
        double weightBytes = c.formats().weights().bytesPerElement();
        double activationBytes = c.formats().activations().bytesPerElement();
        double d = m.hiddenSize();
        long tokens = fresh * batch;
        double peak = c.chip().peak(c.formats().activations()).toFlopsPerSecond();
        double byteRate = c.chip().memoryBandwidth().toBytesPerSecond() * f.bandwidthFraction();
        boolean weightOnly = c.formats().weights().bytesPerElement()
                < c.formats().activations().bytesPerElement();
        double weightByteRate = weightOnly ? byteRate * f.weightOnlyBandwidthFactor() : byteRate;
        double matmulFraction = c.formats().activations().bytesPerElement() < 2
                ? f.matmulFraction() * f.lowPrecisionMatmulFactor()
                : f.matmulFraction();
        Reference r = new Reference();
        for (int layer = 0; layer < m.numLayers(); layer++) {
            // each device reads its share of the cache: one whole KV head at least, all of a latent cache
            double copies = m.latentAttention().isPresent() ? devices : Math.max(1.0, devices / m.numKeyValueHeads());
            double layerCache = exact ? kv.layerBytes(layer, cached + fresh).toBytes() * copies : 0;
            for (Operation op : OPERATIONS) {
                if (op == Operation.LM_HEAD) {
                    continue;
                }
                double flops = counter.layerOperationFlops(layer, op, cached, fresh) * batch;
                if (op == Operation.STATE_UPDATE && m.attentionKind(layer).keepsFixedState()) {
                    // each sequence reads and writes its layer's state once, whatever its context
                    double state =
                            batch * 2 * kv.layerBytes(layer, cached + fresh).toBytes();
                    add(
                            r,
                            op,
                            flops / devices,
                            state / devices,
                            flops / devices / (peak * f.attentionFraction()),
                            state / byteRate / devices,
                            0);
                    continue;
                }
                if (flops == 0) {
                    continue;
                }
                double bytes;
                double memory;
                if (op.isQuadratic()) {
                    // each sequence reads its own K (or V) cache and its queries (EXACT), or Q and K rows (ARTICLE)
                    bytes = exact
                            ? batch
                                    * (layerCache / 2
                                            + fresh * (double) m.numAttentionHeads() * m.headDim() * activationBytes)
                            : batch * (2.0 * fresh + cached) * d * activationBytes;
                    memory = bytes / byteRate;
                    add(
                            r,
                            op,
                            flops / devices,
                            bytes / devices,
                            flops / devices / (peak * f.attentionFraction()),
                            memory / devices,
                            0);
                } else {
                    double weights = counter.weightElements(layer, op, tokens) * weightBytes;
                    double activations = exact ? tokens * 2 * d * activationBytes : 0;
                    bytes = weights + activations;
                    memory = weights / weightByteRate + activations / byteRate;
                    add(
                            r,
                            op,
                            flops / devices,
                            bytes / devices,
                            flops / devices / (peak * matmulFraction),
                            memory / devices,
                            f.overlapExponent());
                }
            }
        }
        double lmHead = counter.lmHeadWeightElements();
        if (lmHead > 0) {
            double flops = 2 * lmHead * batch;
            double activations = batch * (d + m.vocabSize()) * activationBytes;
            double bytes = lmHead * weightBytes + activations;
            double memory = lmHead * weightBytes / weightByteRate + activations / byteRate;
            add(
                    r,
                    Operation.LM_HEAD,
                    flops / devices,
                    bytes / devices,
                    flops / devices / (peak * matmulFraction),
                    memory / devices,
                    f.overlapExponent());
        }
        if (c.tensorParallel() > 1) {
            double message = tokens * d * Math.max(2, activationBytes); // all-reduces run in 16 bits
            double perAllReduce = 2.0
                            * (devices - 1)
                            / devices
                            * message
                            / c.chip().allReduceBandwidth(c.tensorParallel()).toBytesPerSecond()
                    + c.allReduceLatency();
            r.communication = 2.0 * m.numLayers() * perAllReduce;
        }
        r.overhead = c.passOverhead();
        return r;
    }

    /** Adds an operation: its time is the larger of compute and memory, or their p-norm for {@code p > 0}. */
    private static void add(
            Reference r, Operation op, double flops, double bytes, double compute, double memory, double p) {
        int i = op.ordinal();
        r.flops[i] += flops;
        r.bytes[i] += bytes;
        r.compute[i] += compute;
        r.memory[i] += memory;
        r.seconds[i] +=
                p == 0 ? Math.max(compute, memory) : Math.pow(Math.pow(compute, p) + Math.pow(memory, p), 1 / p);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checks
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Soft assertions that count the assertions made, so that a sweep can be required to check as much as it says;
     * every failure is collected and {@link #assertAll()} reports them all, each with its description.
     */
    private static final class CountingSoftAssertions extends SoftAssertions {
        long made;

        @Override
        public <SELF extends Assert<? extends SELF, ? extends ACTUAL>, ACTUAL> SELF proxy(
                Class<SELF> assertClass, Class<ACTUAL> actualClass, ACTUAL actual) {
            made++;
            return super.proxy(assertClass, actualClass, actual);
        }
    }

    /** A pass's bound, unless compute and memory times are a near tie. */
    private static void bound(SoftAssertions softly, String what, Bound actual, Reference expected) {
        double c = expected.computeSeconds();
        double m = expected.memorySeconds();
        if (Math.abs(c - m) > BOUND_TIE * Math.max(c, m)) {
            softly.assertThat(actual).as(what + " bound").isEqualTo(c >= m ? Bound.COMPUTE : Bound.MEMORY);
        }
    }

    /** The totals of a compiled pass against the reference, and the PassCosts accessors against each other. */
    private static void checkPass(SoftAssertions softly, String what, Config c, PassCosts pass, Reference ref) {
        softly.assertThat(pass.seconds()).as(what + " seconds").isCloseTo(ref.totalSeconds(), CLOSE);
        softly.assertThat(pass.flops()).as(what + " flops").isCloseTo(ref.totalFlops(), CLOSE);
        softly.assertThat(pass.communicationSeconds())
                .as(what + " communication")
                .isCloseTo(ref.communication, CLOSE);
        bound(softly, what, pass.bound(), ref);
        softly.assertThat(pass.seconds())
                .as(what + " seconds() vs time()")
                .isEqualTo(pass.time().toSeconds());
        softly.assertThat(pass.communicationSeconds() > 0)
                .as(what + " communication " + pass.communicationSeconds() + " with tensorParallel "
                        + c.tensorParallel())
                .isEqualTo(c.tensorParallel() > 1);
        softly.assertThat(pass.overheadSeconds()).as(what + " overhead").isEqualTo(c.passOverhead());
    }

    /** A pass operation by operation against the reference, and its totals against the compiled pass. */
    private static void checkAnalysis(
            SoftAssertions softly, String what, PhaseAnalysis analysis, PassCosts pass, Reference ref) {
        Set<Operation> expected = EnumSet.noneOf(Operation.class);
        for (Operation op : OPERATIONS) {
            if (ref.flops[op.ordinal()] > 0 || ref.bytes[op.ordinal()] > 0) { // a state moves without FLOPs
                expected.add(op);
            }
        }
        softly.assertThat(analysis.operations().keySet())
                .as(what + " operations")
                .isEqualTo(expected);
        for (Map.Entry<Operation, Placement> e : analysis.operations().entrySet()) {
            int i = e.getKey().ordinal();
            Placement p = e.getValue();
            softly.assertThat(p.flops().toFlops())
                    .as(what + " " + e.getKey() + " flops")
                    .isCloseTo(ref.flops[i], CLOSE);
            softly.assertThat(p.bytes().toBytes())
                    .as(what + " " + e.getKey() + " bytes")
                    .isCloseTo(ref.bytes[i], CLOSE);
            softly.assertThat(p.computeTime().toSeconds())
                    .as(what + " " + e.getKey() + " compute")
                    .isCloseTo(ref.compute[i], CLOSE);
            softly.assertThat(p.memoryTime().toSeconds())
                    .as(what + " " + e.getKey() + " memory")
                    .isCloseTo(ref.memory[i], CLOSE);
            softly.assertThat(p.time().toSeconds())
                    .as(what + " " + e.getKey() + " time")
                    .isCloseTo(ref.seconds[i], CLOSE);
        }
        softly.assertThat(analysis.time().toSeconds())
                .as(what + " analysis time vs compiled")
                .isCloseTo(pass.seconds(), CLOSE);
        softly.assertThat(analysis.flops().toFlops())
                .as(what + " analysis flops vs compiled")
                .isCloseTo(pass.flops(), CLOSE);
        softly.assertThat(analysis.communicationTime().toSeconds())
                .as(what + " analysis communication")
                .isCloseTo(pass.communicationSeconds(), CLOSE);
        softly.assertThat(analysis.overheadTime().toSeconds())
                .as(what + " analysis overhead")
                .isCloseTo(pass.overheadSeconds(), CLOSE);
        bound(softly, what + " analysis", analysis.bound(), ref);
    }

    /** The memory budget recomputed from its documented parts. */
    private static void checkMemory(SoftAssertions softly, String what, Config c, Workload w, MemoryBudget memory) {
        ModelSpec m = c.model();
        int n = c.tensorParallel();
        double weights =
                m.parameters(c.convention()).weightBytes(c.formats().weights()).toBytes();
        long passTokens = Math.min(2048, (w.promptTokens() - w.cachedPrefixTokens()) * (long) w.batchSize());
        double activations = c.formats()
                .activations()
                .bytesFor(passTokens * (2.0 * m.hiddenSize() + 2.0 * m.intermediateSize()))
                .toBytes();
        double capacity = c.chip().memoryCapacity().toBytes() * n;
        double overhead = InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD.toBytes() * n;
        double left = capacity - weights - activations - overhead;
        KvCache kv = KvCache.of(m, c.convention(), c.formats().kv());
        // engines split KV heads over the devices, one whole head each at least; a latent cache stays whole
        double copies = m.latentAttention().isPresent() ? n : Math.max(1.0, (double) n / m.numKeyValueHeads());
        long sessions = kv.sessionsThatFit(
                left > 0 ? Bytes.of(left / copies) : Bytes.ZERO, w.contextTokens(), w.cachedPrefixTokens());
        softly.assertThat(memory.devices()).as(what + " devices").isEqualTo(n);
        softly.assertThat(memory.capacity().toBytes()).as(what + " capacity").isCloseTo(capacity, CLOSE);
        softly.assertThat(memory.weights().toBytes()).as(what + " weights").isCloseTo(weights, CLOSE);
        softly.assertThat(memory.activations().toBytes())
                .as(what + " activations")
                .isCloseTo(activations, CLOSE);
        softly.assertThat(memory.frameworkOverhead().toBytes())
                .as(what + " overhead")
                .isCloseTo(overhead, CLOSE);
        softly.assertThat(memory.kvCachePerSession().toBytes())
                .as(what + " per session")
                .isCloseTo(
                        (kv.sessionBytes(w.contextTokens()).toBytes()
                                        - kv.sharedPrefixBytes(w.cachedPrefixTokens())
                                                .toBytes())
                                * copies,
                        CLOSE);
        softly.assertThat(memory.sharedPrefix().toBytes())
                .as(what + " shared prefix")
                .isCloseTo(kv.sharedPrefixBytes(w.cachedPrefixTokens()).toBytes() * copies, CLOSE);
        softly.assertThat(memory.maxConcurrentSessions()).as(what + " sessions").isEqualTo(sessions);
    }

    /** Decode positions: the first, just after the prompt, around the window, and far out. */
    private static long[] positions(Config c, Workload w) {
        long window = c.model().slidingWindow() > 0 ? c.model().slidingWindow() : 4096;
        return new long[] {1, w.promptTokens() + 1, window - 1, window, window + 1, 50_000};
    }

    private static void checkWorkload(
            SoftAssertions softly, Config c, InferencePerformance base, CompiledPerformance compiled, Workload w) {
        String what = c + ", " + w;
        InferencePerformance perf = base.withWorkload(w);
        long cached = w.cachedPrefixTokens();
        int batch = w.batchSize();

        // prefill
        PassCosts prefill = compiled.prefill(w);
        Reference prefillRef = reference(c, cached, w.promptTokens() - cached, batch);
        checkPass(softly, what + " prefill", c, prefill, prefillRef);
        softly.assertThat(prefill.seconds())
                .as(what + " prefill vs perf.prefill()")
                .isCloseTo(perf.prefill().time().toSeconds(), CLOSE);
        softly.assertThat(prefill.seconds())
                .as(what + " prefill vs TTFT")
                .isCloseTo(perf.timeToFirstToken().toSeconds(), CLOSE);
        softly.assertThat(prefill.flops())
                .as(what + " prefill flops vs perf")
                .isCloseTo(perf.prefill().flops().toFlops(), CLOSE);
        bound(softly, what + " prefill perf", perf.prefill().bound(), prefillRef);
        checkAnalysis(softly, what + " prefill analysis", perf.prefill(), prefill, prefillRef);
        FlopCounter counter = FlopCounter.of(c.model(), c.convention());
        softly.assertThat(prefill.flops() * c.tensorParallel())
                .as(what + " prefill flops x devices vs FlopCounter")
                .isCloseTo(counter.prefill(w).total().toFlops(), CLOSE);

        // the step at the generation's mean position
        PassCosts mean = compiled.meanDecodeStep(w);
        long position = w.promptTokens() + Math.max(1, w.outputTokens() / 2);
        Reference meanRef = reference(c, position - 1, 1, batch);
        checkPass(softly, what + " mean decode", c, mean, meanRef);
        softly.assertThat(mean.seconds())
                .as(what + " mean decode vs perf.decode()")
                .isCloseTo(perf.decode().time().toSeconds(), CLOSE);
        softly.assertThat(mean.seconds())
                .as(what + " mean decode vs TPOT")
                .isCloseTo(perf.timePerOutputToken().toSeconds(), CLOSE);
        softly.assertThat(mean.flops())
                .as(what + " mean decode flops vs perf")
                .isCloseTo(perf.decode().flops().toFlops(), CLOSE);
        bound(softly, what + " mean decode perf", perf.decode().bound(), meanRef);
        checkAnalysis(softly, what + " mean decode analysis", perf.decode(), mean, meanRef);

        // decode steps at other positions
        for (long n : positions(c, w)) {
            PassCosts step = compiled.decodeStep(n, batch);
            Reference stepRef = reference(c, n - 1, 1, batch);
            String at = what + " decode step " + n;
            checkPass(softly, at, c, step, stepRef);
            PhaseAnalysis analysis = perf.decodeStep(n);
            softly.assertThat(step.seconds())
                    .as(at + " vs perf.decodeStep")
                    .isCloseTo(analysis.time().toSeconds(), CLOSE);
            softly.assertThat(step.seconds())
                    .as(at + " vs perf.timePerOutputToken(n)")
                    .isCloseTo(perf.timePerOutputToken(n).toSeconds(), CLOSE);
            softly.assertThat(step.flops())
                    .as(at + " flops vs perf")
                    .isCloseTo(analysis.flops().toFlops(), CLOSE);
            softly.assertThat(step.flops() * c.tensorParallel())
                    .as(at + " flops x devices vs FlopCounter")
                    .isCloseTo(counter.decodeStep(n).total().toFlops() * batch, CLOSE);
            bound(softly, at + " perf", analysis.bound(), stepRef);
        }

        // memory
        MemoryBudget memory = compiled.memory(w);
        softly.assertThat(memory).as(what + " memory vs perf").isEqualTo(perf.memory());
        softly.assertThat(compiled.maxConcurrentSessions(w))
                .as(what + " sessions")
                .isEqualTo(perf.memory().maxConcurrentSessions());
        softly.assertThat(compiled.maxConcurrentSessions(w))
                .as(what + " sessions vs perf")
                .isEqualTo(perf.maxConcurrentSessions());
        checkMemory(softly, what + " memory", c, w, memory);

        softly.assertThat(prefill.toString()).as(what + " toString").contains("bound");
    }

    @Test
    void compiledPassesMatchTheReferenceAndInferencePerformanceOverPresetsChipsAndFormats() {
        CountingSoftAssertions softly = new CountingSoftAssertions();
        int configs = 0;
        int skipped = 0;
        int index = 0;
        for (ModelSpec model : MODELS) {
            for (HardwareSpec chip : CHIPS) {
                for (Formats formats : FORMATS) {
                    for (Convention convention : Convention.values()) {
                        for (int tp : new int[] {1, 2}) {
                            if (tp > 1 && chip.interconnectBandwidth().toBytesPerSecond() == 0) {
                                continue;
                            }
                            for (Optional<ChipCalibration> calibration : CALIBRATIONS) {
                                Config c = new Config(model, chip, convention, formats, tp, calibration);
                                List<Workload> workloads = workloads(c);
                                Optional<InferencePerformance> base = c.performance(workloads.get(0));
                                if (base.isEmpty()) {
                                    skipped++;
                                    continue;
                                }
                                configs++;
                                CompiledPerformance compiled = base.get().compiled();
                                softly.assertThat(compiled.template())
                                        .as(c + " template")
                                        .isEqualTo(base.get());
                                softly.assertThat(base.get().compiled())
                                        .as(c + " compiled twice")
                                        .isSameAs(compiled);
                                // two workloads per configuration, rotating so that every workload meets every
                                // model, chip, format, convention and device count
                                for (int k = 0; k < 2; k++) {
                                    Workload w = workloads.get((index * 5 + k * 7) % workloads.size());
                                    checkWorkload(softly, c, base.get(), compiled, w);
                                }
                                index++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(skipped).as("chips without an INT8 or FP8 path").isPositive();
        assertThat(configs).isGreaterThan(4000);
        assertThat(softly.made).isGreaterThan(1_000_000);
        softly.assertAll();
    }

    @Test
    void everyWorkloadOfOneConfigurationCostsAsABuiltPerformanceDoes() {
        SoftAssertions softly = new SoftAssertions();
        for (ModelSpec model : List.of(
                ModelPresets.LLAMA_3_1_8B,
                ModelPresets.MISTRAL_7B_V0_1,
                ModelPresets.GEMMA_2_9B,
                ModelPresets.MIXTRAL_8X7B,
                ModelPresets.DEEPSEEK_V3,
                ModelPresets.LFM2_1_2B)) {
            for (Convention convention : Convention.values()) {
                for (int tp : new int[] {1, 2}) {
                    Config c = new Config(
                            model, HardwarePresets.H100_SXM, convention, FORMATS.get(2), tp, CALIBRATIONS.get(2));
                    List<Workload> workloads = workloads(c);
                    InferencePerformance base = c.performance(workloads.get(5)).orElseThrow();
                    CompiledPerformance compiled = base.compiled();
                    for (Workload w : workloads) {
                        checkWorkload(softly, c, base, compiled, w);
                    }
                }
            }
        }
        softly.assertAll();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Arguments
    // ---------------------------------------------------------------------------------------------------------------

    private static InferencePerformance llama(Workload w) {
        return InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(w)
                .build();
    }

    @Test
    void otherTokenCountsAndBatchSizesReuseTheCompiledForm() {
        CompiledPerformance compiled = llama(Workload.of(1024, 256)).compiled();
        // other token counts and batch sizes are what the compiled form is for
        assertThat(compiled.prefill(Workload.builder()
                                .from(Workload.of(7, 3))
                                .batchSize(5)
                                .build())
                        .seconds())
                .isPositive();
    }

    @Test
    void decodeStepsNeedAPositionAndABatch() {
        CompiledPerformance compiled = llama(Workload.of(1024, 256)).compiled();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> compiled.decodeStep(0, 1))
                .withMessageContaining("contextTokens (0)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> compiled.decodeStep(-3, 1))
                .withMessageContaining("contextTokens (-3)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> compiled.decodeStep(1, 0))
                .withMessageContaining("batchSize (0)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> compiled.decodeStep(1, -1))
                .withMessageContaining("batchSize (-1)");
    }

    @Test
    void passCostsReportTheirParts() {
        InferencePerformance one = llama(Workload.of(1024, 256));
        PassCosts single = one.compiled().decodeStep(1024, 1);
        assertThat(single.communicationSeconds()).isZero();
        assertThat(single.overheadSeconds()).isZero();
        assertThat(single.seconds()).isEqualTo(single.time().toSeconds());
        assertThat(single.bound()).isEqualTo(Bound.MEMORY);
        assertThat(single.toString()).contains("MEMORY-bound").contains("PassCosts");

        ChipCalibration calibration = ChipCalibration.UNCALIBRATED
                .withStepOverhead(Seconds.of(30e-6))
                .withAllReduceLatency(Seconds.of(48e-6));
        InferencePerformance two = InferencePerformance.builder()
                .from(one)
                .tensorParallel(2)
                .calibration(calibration)
                .build();
        PassCosts split = two.compiled().decodeStep(1024, 1);
        assertThat(split.communicationSeconds()).isPositive();
        assertThat(split.overheadSeconds()).isEqualTo(30e-6);
        // the latencies alone, the interconnect's and the calibration's: two per layer
        assertThat(split.communicationSeconds()).isGreaterThan(2 * 32 * (10e-6 + 48e-6));
        assertThat(split.seconds()).isEqualTo(split.time().toSeconds());
        PassCosts prefill = two.compiled().prefill(Workload.of(4096, 1));
        assertThat(prefill.bound()).isEqualTo(Bound.COMPUTE);
        assertThat(prefill.toString()).contains("COMPUTE-bound");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Kernels: experts, merged rows, the cache
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void expertWeightsReadGrowWithTheBatchUnderExactOnly() {
        for (ModelSpec model :
                List.of(ModelPresets.MIXTRAL_8X7B, ModelPresets.QWEN3_30B_A3B, ModelPresets.DEEPSEEK_V3)) {
            for (Convention convention : Convention.values()) {
                InferencePerformance one = InferencePerformance.builder()
                        .model(model)
                        .hardware(HardwarePresets.H100_SXM)
                        .workload(Workload.of(1024, 256))
                        .convention(convention)
                        .build();
                InferencePerformance many = one.withWorkload(
                        Workload.builder().from(one.workload()).batchSize(64).build());
                double bytes1 = one.decode().operation(Operation.MLP_UP).bytes().toBytes();
                double bytes64 =
                        many.decode().operation(Operation.MLP_UP).bytes().toBytes();
                if (convention == Convention.EXACT) {
                    // beyond the 63 more tokens' BF16 activations (2d values each, per layer): more experts
                    double activations = 63.0 * 2 * model.hiddenSize() * 2 * model.numLayers();
                    assertThat(bytes64 - bytes1).as(model.name()).isGreaterThan(activations);
                    // the router is a plain matrix: only its activations grow, in its expert layers
                    int expertLayers = 0;
                    for (int layer = 0; layer < model.numLayers(); layer++) {
                        expertLayers += model.isExpertLayer(layer) ? 1 : 0;
                    }
                    double routerActivations = 63.0 * 2 * model.hiddenSize() * 2 * expertLayers;
                    assertThat(many.decode().operation(Operation.ROUTER).bytes().toBytes() - routerActivations)
                            .as(model.name() + " router")
                            .isCloseTo(
                                    one.decode()
                                            .operation(Operation.ROUTER)
                                            .bytes()
                                            .toBytes(),
                                    withinPercentage(1e-9));
                } else {
                    assertThat(bytes64).as(model.name()).isEqualTo(bytes1);
                }
            }
        }
    }

    @Test
    void identicalOperationsStayListedOneByOne() {
        InferencePerformance perf = llama(
                Workload.builder().from(Workload.of(1024, 256)).batchSize(8).build());
        for (PhaseAnalysis pass : List.of(perf.prefill(), perf.decode(), perf.decodeStep(5000))) {
            Map<Operation, Placement> ops = pass.operations();
            assertThat(ops.keySet())
                    .containsExactly(
                            Operation.Q_PROJECTION,
                            Operation.K_PROJECTION,
                            Operation.V_PROJECTION,
                            Operation.O_PROJECTION,
                            Operation.ATTENTION_SCORES,
                            Operation.ATTENTION_AGGREGATION,
                            Operation.MLP_GATE,
                            Operation.MLP_UP,
                            Operation.MLP_DOWN,
                            Operation.LM_HEAD);
            assertThat(ops.get(Operation.K_PROJECTION)).isEqualTo(ops.get(Operation.V_PROJECTION));
            assertThat(ops.get(Operation.Q_PROJECTION)).isEqualTo(ops.get(Operation.O_PROJECTION));
            assertThat(ops.get(Operation.Q_PROJECTION)).isNotEqualTo(ops.get(Operation.K_PROJECTION));
            assertThat(ops.get(Operation.MLP_GATE))
                    .isEqualTo(ops.get(Operation.MLP_UP))
                    .isEqualTo(ops.get(Operation.MLP_DOWN));
            assertThat(ops.get(Operation.ATTENTION_SCORES)).isEqualTo(ops.get(Operation.ATTENTION_AGGREGATION));
            // K is a quarter of Q: 8 KV heads of 32
            assertThat(pass.operation(Operation.K_PROJECTION).flops().toFlops() * 4)
                    .isEqualTo(pass.operation(Operation.Q_PROJECTION).flops().toFlops());
        }
        // the kernel: Q+O, K+V, gate+up+down, scores+aggregation
        PassKernel kernel = PassKernel.of(perf.flopCounter());
        assertThat(kernel.rows).isEqualTo(4);
        // a compiled performance keeps its kernel; each compiles its own (the deployment is what is cached)
        assertThat(perf.compiled()).isSameAs(perf.compiled());
    }

    @Test
    void kernelsOfDistinctModelsDoNotMix() {
        ModelSpec llama = ModelPresets.LLAMA_3_1_8B;
        ModelSpec equal = ModelSpec.builder().from(llama).build();
        ModelSpec renamed = llama.withName("other");
        ModelSpec shallow = ModelSpec.builder().from(llama).numLayers(16).build();
        assertThat(equal).isEqualTo(llama).isNotSameAs(llama);
        Workload w = Workload.of(2048, 512);
        double reference = llama(w).timePerOutputToken().toSeconds();
        double ttft = llama(w).timeToFirstToken().toSeconds();
        for (ModelSpec same : List.of(equal, renamed)) {
            InferencePerformance perf =
                    InferencePerformance.builder().from(llama(w)).model(same).build();
            assertThat(perf.timePerOutputToken().toSeconds()).isEqualTo(reference);
            assertThat(perf.timeToFirstToken().toSeconds()).isEqualTo(ttft);
        }
        InferencePerformance half =
                InferencePerformance.builder().from(llama(w)).model(shallow).build();
        assertThat(half.timePerOutputToken().toSeconds()).isLessThan(reference * 0.7);
        // and the original is untouched afterwards
        assertThat(llama(w).timePerOutputToken().toSeconds()).isEqualTo(reference);
    }

    @Test
    void manyModelsThroughTheKernelCacheEachGetTheirOwnKernel() {
        // more models than the cache has slots, so that they collide and replace each other; each pass checked
        // against the reference, in one order and then in the other
        List<Config> configs = new ArrayList<>();
        for (int layers = 1; layers <= 100; layers++) {
            ModelSpec base = layers % 2 == 0 ? ModelPresets.LLAMA_3_2_1B : ModelPresets.MIXTRAL_8X7B;
            ModelSpec model = ModelSpec.builder().from(base).numLayers(layers).build();
            configs.add(new Config(
                    model,
                    HardwarePresets.H100_SXM,
                    Convention.EXACT,
                    FORMATS.get(0),
                    1,
                    Optional.<ChipCalibration>empty()));
        }
        SoftAssertions softly = new SoftAssertions();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < configs.size(); i++) {
                Config c = configs.get(round == 0 ? i : configs.size() - 1 - i);
                Workload w = c.workload(4, 512, 128, 0);
                InferencePerformance perf = c.performance(w).orElseThrow();
                PassCosts step = perf.compiled().decodeStep(700, 4);
                checkPass(softly, c + " step", c, step, reference(c, 699, 1, 4));
            }
        }
        softly.assertAll();
    }

    @Test
    void aStepOfOneKindIsThePlainPassAndAMixedStepSharesItsWeights() {
        InferencePerformance perf = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H200)
                .workload(Workload.of(1, 0))
                .calibration(CalibratedEfficiencies.H200)
                .build();
        CompiledPerformance compiled = perf.compiled();
        PassCosts prefill = compiled.prefill(Workload.builder()
                .promptTokens(2048)
                .outputTokens(1)
                .batchSize(2)
                .build());
        PassCosts decode = compiled.decodeStep(1500, 60);
        assertThat(compiled.step(Step.prefill(2, 2048, 0)).seconds()).isEqualTo(prefill.seconds());
        assertThat(compiled.step(Step.decode(60, 1500)).seconds()).isEqualTo(decode.seconds());
        PassCosts mixed = compiled.step(
                Step.builder().prefill(2, 2048, 0).decode(60, 1500).build());
        // the decodes ride on the prefill's weight reads: dearer than either alone, cheaper than both
        assertThat(mixed.seconds()).isGreaterThan(Math.max(prefill.seconds(), decode.seconds()));
        assertThat(mixed.seconds()).isLessThan(prefill.seconds() + decode.seconds());
        assertThat(mixed.flops()).isCloseTo(prefill.flops() + decode.flops(), withinPercentage(1e-9));
        assertThat(compiled.analyse(Step.decode(60, 1500), Phase.DECODE).time().toSeconds())
                .isCloseTo(decode.seconds(), withinPercentage(1e-9));
        assertThat(Step.builder().prefill(1, 2048, 4096).decode(63, 1500).build())
                .hasToString("Step[1 x 2048 new after 4096, 63 x 1 new after 1499]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Step.builder().build())
                .withMessageContaining("groups");
    }
}
