package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopRate;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Workload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariants of the roofline, phase timing, memory budget, batching, tensor parallelism and efficiencies, checked with
 * QuickTheories over random hardware presets, model presets, contexts, batches and the numeric formats each chip
 * supports.
 *
 * <p>Tolerances: identities that only scale by powers of two, or repeat the same floating-point operations, are
 * asserted exactly; sums whose terms are divided by a device count that is not a power of two are compared within a
 * relative 10<sup>-12</sup>; "throughput never falls" allows a relative 10<sup>-12</sup>, because per-token time is
 * exactly flat once every operation is compute-bound and the two divisions may round apart.
 *
 * <p>QuickTheories runs from a fixed seed, {@code SEED}, so that a failure replays: run the test again (its report
 * ends "Seed was" and that seed; to explore other inputs, change {@code SEED}).
 */
class HardwarePropertiesTest {
    /** QuickTheories' seed, fixed so that a failure replays: rerun with the same value. */
    private static final long SEED = 20261130L;

    private static final int EXAMPLES = 300;
    private static final double RELATIVE = 1e-12;
    private static final List<HardwareSpec> CHIPS =
            List.copyOf(HardwarePresets.all().values());
    private static final List<ModelSpec> MODELS = List.copyOf(ModelPresets.all().values());
    private static final List<NumericFormat> FORMATS = List.of(NumericFormat.values());
    private static final List<Convention> CONVENTIONS = List.of(Convention.values());
    private static final Set<Operation> MATRICES = EnumSet.of(
            Operation.Q_PROJECTION,
            Operation.K_PROJECTION,
            Operation.V_PROJECTION,
            Operation.O_PROJECTION,
            Operation.MLP_UP,
            Operation.MLP_DOWN,
            Operation.CONVOLUTION);

    // ---------------------------------------------------------------------------------------------------------------
    // Generators
    // ---------------------------------------------------------------------------------------------------------------

    /** A chip and one compute format it has a peak for. */
    private record ChipFormat(HardwareSpec chip, NumericFormat format) {
        @Override
        public String toString() {
            return chip.name() + " at " + format;
        }
    }

    /** Storage formats of weights and KV cache (any: they need no tensor path). */
    private record Storage(NumericFormat weight, NumericFormat kv) {}

    /** Everything but the workload's lengths and batch. */
    private record Case(
            ModelSpec model,
            HardwareSpec chip,
            Convention convention,
            NumericFormat activation,
            Storage storage,
            int tensorParallel,
            Efficiency efficiency) {

        Case withChip(HardwareSpec other) {
            return new Case(model, other, convention, activation, storage, tensorParallel, efficiency);
        }

        Case withTensorParallel(int devices) {
            return new Case(model, chip, convention, activation, storage, devices, efficiency);
        }

        Case withEfficiency(Efficiency other) {
            return new Case(model, chip, convention, activation, storage, tensorParallel, other);
        }

        Workload workload(long prompt, long output, int batch) {
            return Workload.builder()
                    .promptTokens(prompt)
                    .outputTokens(output)
                    .batchSize(batch)
                    .build();
        }

        InferencePerformance perf(long prompt, long output, int batch) {
            return InferencePerformance.builder()
                    .model(model)
                    .hardware(chip)
                    .workload(workload(prompt, output, batch))
                    .formats(io.github.llmcost.core.Formats.of(storage.weight(), activation, storage.kv()))
                    .convention(convention)
                    .tensorParallel(tensorParallel)
                    .efficiency(efficiency)
                    .build();
        }

        @Override
        public String toString() {
            return model.name() + " on " + tensorParallel + " x " + chip.name() + ", " + convention + ", activations "
                    + activation + ", " + storage + ", efficiency " + efficiency.computeFraction() + "/"
                    + efficiency.bandwidthFraction();
        }
    }

    /** A model's KV cache under a convention and format. */
    private record Cache(ModelSpec model, Convention convention, NumericFormat format) {
        /** No windows and no fixed state: every layer GLOBAL under EXACT; anything under ARTICLE. */
        boolean growsLinearly() { // every layer attends to the whole context: no window, no fixed state
            return model.numAttentionLayers() == model.numLayers()
                    && (convention == Convention.ARTICLE || model.numLayers(AttentionKind.GLOBAL) == model.numLayers());
        }

        KvCache kvCache() {
            return KvCache.of(model, convention, format);
        }
    }

    /** Prompt and output lengths. */
    private record Lengths(long prompt, long output) {
        long context() {
            return prompt + output;
        }
    }

    private static Gen<Lengths> lengths(long maxPrompt, long maxOutput) {
        return longs().between(1, maxPrompt).zip(longs().between(0, maxOutput), Lengths::new);
    }

    private static Gen<HardwareSpec> chips() {
        return pick(CHIPS);
    }

    private static Gen<ModelSpec> models() {
        return pick(MODELS).describedAs(ModelSpec::name);
    }

    private static Gen<NumericFormat> formats() {
        return pick(FORMATS);
    }

    private static Gen<Convention> conventions() {
        return pick(CONVENTIONS);
    }

    private static List<NumericFormat> computeFormats(HardwareSpec chip) {
        return List.copyOf(EnumSet.copyOf(chip.peakFlops().keySet()));
    }

    private static boolean hasInterconnect(HardwareSpec chip) {
        return chip.interconnectBandwidth().toBytesPerSecond() > 0;
    }

    private static Gen<ChipFormat> chipFormats() {
        return chips().zip(integers().between(0, 63), (chip, i) -> {
            List<NumericFormat> formats = computeFormats(chip);
            return new ChipFormat(chip, formats.get(i % formats.size()));
        });
    }

    /** From 0.02, so that half of one is still a plausible calibration ({@code ChipCalibration.MIN_FRACTION}). */
    private static Gen<Efficiency> efficiencies() {
        return doubles().between(0.02, 1).zip(doubles().between(0.02, 1), Efficiency::of);
    }

    /** Random model, chip, convention and formats on one device at the default efficiencies. */
    private static Gen<Case> singleDeviceCases() {
        return models().zip(
                        chipFormats(),
                        conventions(),
                        formats().zip(formats(), Storage::new),
                        (model, cf, convention, storage) ->
                                new Case(model, cf.chip(), convention, cf.format(), storage, 1, Efficiency.DEFAULT));
    }

    /** As {@link #singleDeviceCases()}, with 1 to 8 devices where the chip has an interconnect and random efficiencies. */
    private static Gen<Case> cases() {
        return singleDeviceCases()
                .zip(
                        integers().between(1, 8),
                        efficiencies(),
                        (c, devices, efficiency) -> c.withTensorParallel(hasInterconnect(c.chip()) ? devices : 1)
                                .withEfficiency(efficiency));
    }

    /** Chips with an interconnect, one device, random efficiencies. */
    private static Gen<Case> interconnectCases() {
        return singleDeviceCases().assuming(c -> hasInterconnect(c.chip())).zip(efficiencies(), Case::withEfficiency);
    }

    private static HardwareSpec withBandwidthScaled(HardwareSpec chip, double factor) {
        return HardwareSpec.builder()
                .from(chip)
                .memoryBandwidth(chip.memoryBandwidth().multipliedBy(factor))
                .build();
    }

    private static HardwareSpec withPeaksScaled(HardwareSpec chip, double factor) {
        Map<NumericFormat, FlopRate> peaks = new EnumMap<>(NumericFormat.class);
        chip.peakFlops().forEach((format, rate) -> peaks.put(format, rate.multipliedBy(factor)));
        return HardwareSpec.builder().from(chip).peakFlops(peaks).build();
    }

    private static boolean isPowerOfTwo(int n) {
        return Integer.bitCount(n) == 1;
    }

    private static double seconds(PhaseAnalysis phase) {
        return phase.time().toSeconds();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sessions and context
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * For caches that grow linearly from zero (every layer GLOBAL under EXACT; any model under ARTICLE, which has no
     * windows and no fixed state) and no shared prefix: a session of {@code 2n} tokens is exactly twice one of {@code
     * n}, so {@code sessionsThatFit(B, 2n) == floor(sessionsThatFit(B, n) / 2)}.
     */
    @Test
    void doublingTheContextHalvesWholeSessions() {
        Gen<KvCache> caches = models().zip(conventions(), formats(), Cache::new)
                .assuming(Cache::growsLinearly)
                .map(Cache::kvCache);
        Gen<Double> factors =
                doubles().between(0, 4096).mix(integers().between(0, 4096).map(i -> (double) i));
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        caches,
                        longs().between(1, 5_000_000),
                        factors,
                        doubles().between(0, 2e12))
                .checkAssert((kv, n, factor, absolute) -> {
                    assertThat(kv.sessionBytes(2 * n).toBytes())
                            .as("%s: session of 2 x %d tokens", kv, n)
                            .isEqualTo(2 * kv.sessionBytes(n).toBytes());
                    for (Bytes budget : List.of(kv.sessionBytes(n).multipliedBy(factor), Bytes.of(absolute))) {
                        long sessions = kv.sessionsThatFit(budget, n);
                        assertThat(kv.sessionsThatFit(budget, 2 * n))
                                .as("%s in %s: sessions of 2 x %d tokens vs %d of %d", kv, budget, n, sessions, n)
                                .isEqualTo(sessions / 2);
                    }
                });
    }

    @Test
    void concurrentSessionsNeverIncreaseWithContext() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(cases(), integers().between(1, 64), lengths(100_000, 100_000), lengths(100_000, 100_000))
                .checkAssert((c, batch, base, more) -> {
                    InferencePerformance shorter = c.perf(base.prompt(), base.output(), batch);
                    InferencePerformance longer =
                            c.perf(base.prompt() + more.prompt() - 1, base.output() + more.output(), batch);
                    assertThat(longer.maxConcurrentSessions())
                            .as("%s batch %d: sessions at %s + %s", c, batch, base, more)
                            .isLessThanOrEqualTo(shorter.maxConcurrentSessions())
                            .isNotNegative();
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The roofline and placements
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void attainableIsTheMinimumOfPeakAndBandwidthTimesIntensity() {
        Gen<Double> intensities = doubles()
                .between(0, 1e7)
                .mix(doubles().between(0, 2).map(x -> x * 300))
                .mix(integers().between(0, 4).map(i -> i == 0 ? 0.0 : Math.pow(10, -i)));
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(chipFormats(), intensities)
                .checkAssert((cf, intensity) -> {
                    HardwareSpec chip = cf.chip();
                    double peak = chip.peak(cf.format()).toFlopsPerSecond();
                    double roof = Math.min(peak, chip.memoryBandwidth().toBytesPerSecond() * intensity);
                    double attainable = chip.attainable(cf.format(), intensity).toFlopsPerSecond();
                    assertThat(attainable)
                            .as("%s at %s FLOP/B", cf, intensity)
                            .isLessThanOrEqualTo(roof)
                            .isCloseTo(roof, within(roof * RELATIVE));
                    assertThat(Roofline.of(chip, cf.format(), Efficiency.DEFAULT)
                                    .attainable(intensity)
                                    .toFlopsPerSecond())
                            .isEqualTo(attainable);
                    double ridge = chip.ridgePointFlopsPerByte(cf.format());
                    if (intensity >= ridge) {
                        assertThat(attainable).as("%s above the ridge", cf).isEqualTo(peak);
                    }
                });
    }

    /** A placement of random work: FLOPs and bytes, including none of either. */
    private static Gen<double[]> work() {
        Gen<Double> flops =
                doubles().between(0, 1e18).mix(integers().between(0, 0).map(i -> 0.0), 10);
        Gen<Double> bytes =
                doubles().between(0, 1e13).mix(integers().between(0, 0).map(i -> 0.0), 10);
        return flops.zip(bytes, (f, b) -> new double[] {f, b});
    }

    @Test
    void placementTakesTheLargerLimitAndSumsPartByPart() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(chipFormats(), efficiencies(), work(), work())
                .checkAssert((cf, efficiency, w1, w2) -> {
                    Roofline roof = Roofline.of(cf.chip(), cf.format(), efficiency);
                    Placement a = roof.place(Flops.of(w1[0]), Bytes.of(w1[1]));
                    Placement b = roof.place(Flops.of(w2[0]), Bytes.of(w2[1]));
                    for (Placement p : List.of(a, b)) {
                        double compute = p.computeTime().toSeconds();
                        double memory = p.memoryTime().toSeconds();
                        assertThat(p.time().toSeconds()).as("%s on %s", p, cf).isEqualTo(Math.max(compute, memory));
                        assertThat(p.bound()).as("%s", p).isEqualTo(compute >= memory ? Bound.COMPUTE : Bound.MEMORY);
                        // the roofline multiplies by precomputed reciprocals: equal to the quotient within an ulp
                        double expectedCompute = p.flops().toFlops()
                                / (cf.chip().peak(cf.format()).toFlopsPerSecond() * efficiency.computeFraction());
                        double expectedMemory = p.bytes().toBytes()
                                / (cf.chip().memoryBandwidth().toBytesPerSecond() * efficiency.bandwidthFraction());
                        assertThat(compute).isCloseTo(expectedCompute, within(2 * Math.ulp(expectedCompute)));
                        assertThat(memory).isCloseTo(expectedMemory, within(2 * Math.ulp(expectedMemory)));
                    }
                    Placement sum = a.plus(b);
                    assertThat(sum.flops().toFlops()).isEqualTo(w1[0] + w2[0]);
                    assertThat(sum.bytes().toBytes()).isEqualTo(w1[1] + w2[1]);
                    assertThat(sum.computeTime().toSeconds())
                            .isEqualTo(a.computeTime().toSeconds()
                                    + b.computeTime().toSeconds());
                    assertThat(sum.memoryTime().toSeconds())
                            .isEqualTo(
                                    a.memoryTime().toSeconds() + b.memoryTime().toSeconds());
                    assertThat(sum.time().toSeconds())
                            .isEqualTo(a.time().toSeconds() + b.time().toSeconds());
                    assertThat(sum.bound())
                            .isEqualTo(
                                    sum.computeTime().compareTo(sum.memoryTime()) >= 0 ? Bound.COMPUTE : Bound.MEMORY);
                    assertThat(sum.time().toSeconds())
                            .isGreaterThanOrEqualTo(Math.max(
                                    sum.computeTime().toSeconds(),
                                    sum.memoryTime().toSeconds()));
                    assertThat(Placement.EMPTY.plus(a)).isEqualTo(a);
                });
    }

    @Test
    void passTakesAtLeastAsLongAsEachOperation() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        cases(),
                        longs().between(1, 200_000),
                        longs().between(0, 10_000),
                        integers().between(1, 128))
                .checkAssert((c, prompt, output, batch) -> {
                    InferencePerformance perf = c.perf(prompt, output, batch);
                    for (PhaseAnalysis phase : List.of(perf.prefill(), perf.decodeStep(prompt + output))) {
                        assertThat(phase.operations())
                                .as("%s %s", c, phase.phase())
                                .isNotEmpty();
                        for (Map.Entry<Operation, Placement> e :
                                phase.operations().entrySet()) {
                            Placement op = e.getValue();
                            assertThat(phase.time())
                                    .as("%s %s vs %s", c, phase.phase(), e.getKey())
                                    .isGreaterThanOrEqualTo(op.time());
                            assertThat(op.time().toSeconds())
                                    .as("%s %s %s summed over layers", c, phase.phase(), e.getKey())
                                    .isGreaterThanOrEqualTo(Math.max(
                                            op.computeTime().toSeconds(),
                                            op.memoryTime().toSeconds()));
                        }
                        assertThat(seconds(phase))
                                .isEqualTo(phase.total().time().toSeconds()
                                        + phase.communicationTime().toSeconds());
                        assertThat(phase.communicationTime().toSeconds() > 0)
                                .as("all-reduces happen exactly when tensor-parallel")
                                .isEqualTo(c.tensorParallel() > 1);
                    }
                });
    }

    @Test
    void prefillTimeGrowsWithPromptLength() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        cases(),
                        longs().between(1, 100_000),
                        longs().between(1, 100_000),
                        integers().between(1, 32))
                .checkAssert((c, prompt, more, batch) -> assertThat(
                                seconds(c.perf(prompt + more, 0, batch).prefill()))
                        .as("%s batch %d: prefill of %d + %d tokens vs %d", c, batch, prompt, more, prompt)
                        .isGreaterThan(seconds(c.perf(prompt, 0, batch).prefill())));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The article's decode intensity
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void articleDecodeIntensityOfEveryMatrixIsTwoOverBytesPerWeight() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        cases().map(c -> new Case(
                                c.model(),
                                c.chip(),
                                Convention.ARTICLE,
                                c.activation(),
                                c.storage(),
                                c.tensorParallel(),
                                c.efficiency())),
                        longs().between(1, 10_000_000))
                .checkAssert((c, context) -> {
                    PhaseAnalysis step = c.perf(1, 1, 1).decodeStep(context);
                    double expected = 2 / c.storage().weight().bytesPerElement();
                    List<Operation> seen = new ArrayList<>();
                    for (Map.Entry<Operation, Placement> e : step.operations().entrySet()) {
                        if (MATRICES.contains(e.getKey())) {
                            seen.add(e.getKey());
                            assertThat(e.getValue().flopsPerByte())
                                    .as("%s at %d: %s", c, context, e.getKey())
                                    .isEqualTo(expected);
                        }
                    }
                    assertThat(seen).as("%s: matrices placed", c).contains(Operation.MLP_UP, Operation.MLP_DOWN);
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Faster chips, bigger batches
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void moreBandwidthNeverSlowsAStep() {
        fasterChipNeverSlowsAStep("bandwidth", HardwarePropertiesTest::withBandwidthScaled);
    }

    @Test
    void morePeakComputeNeverSlowsAnything() {
        fasterChipNeverSlowsAStep("peak", HardwarePropertiesTest::withPeaksScaled);
    }

    /** A chip made faster ({@code faster(chip, factor)}, factor 1 to 64) never slows a decode step or a prefill. */
    private static void fasterChipNeverSlowsAStep(String what, BiFunction<HardwareSpec, Double, HardwareSpec> faster) {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        cases(),
                        doubles().between(1, 64),
                        longs().between(1, 1_000_000),
                        integers().between(1, 256))
                .checkAssert((c, factor, context, batch) -> {
                    InferencePerformance slow = c.perf(context, 1, batch);
                    InferencePerformance fast =
                            c.withChip(faster.apply(c.chip(), factor)).perf(context, 1, batch);
                    PhaseAnalysis before = slow.decodeStep(context);
                    assertThat(seconds(fast.decodeStep(context)))
                            .as(
                                    "%s, %s-bound decode step at %d, batch %d, %s x %s",
                                    c, before.bound(), context, batch, what, factor)
                            .isLessThanOrEqualTo(seconds(before));
                    assertThat(seconds(fast.prefill()))
                            .as("%s prefill, %s x %s", c, what, factor)
                            .isLessThanOrEqualTo(seconds(slow.prefill()));
                });
    }

    @Test
    void batchingNeverLowersThroughputNorSpeedsUpEachToken() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        cases(),
                        longs().between(1, 200_000),
                        longs().between(1, 20_000),
                        integers().between(1, 1024))
                .checkAssert((c, prompt, output, batch) -> {
                    InferencePerformance smaller = c.perf(prompt, output, batch);
                    InferencePerformance larger = c.perf(prompt, output, batch + 1);
                    assertThat(larger.decodeTokensPerSecond())
                            .as("%s, context %d + %d: tokens/s at batch %d + 1", c, prompt, output, batch)
                            .isGreaterThanOrEqualTo(smaller.decodeTokensPerSecond() * (1 - RELATIVE));
                    assertThat(larger.timePerOutputToken())
                            .as("%s, context %d + %d: time per token at batch %d + 1", c, prompt, output, batch)
                            .isGreaterThanOrEqualTo(smaller.timePerOutputToken());
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tensor parallelism and efficiencies
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Copies of a sequence's cache over {@code devices} devices, as engines shard it: one while the KV heads split
     * evenly; {@code devices / g} once each device keeps one whole head; {@code devices} for a latent cache.
     */
    private static double kvCopies(ModelSpec model, int devices) {
        if (model.latentAttention().isPresent()) {
            return devices;
        }
        return Math.max(1.0, (double) devices / model.numKeyValueHeads());
    }

    @Test
    void tensorParallelismSplitsWorkAndAddsMemory() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        interconnectCases(),
                        integers().between(1, 8),
                        longs().between(1, 100_000),
                        integers().between(1, 64))
                .checkAssert((c, devices, prompt, batch) -> {
                    InferencePerformance one = c.perf(prompt, 16, batch);
                    InferencePerformance split = c.withTensorParallel(devices).perf(prompt, 16, batch);
                    List<PhaseAnalysis[]> pairs = List.of(
                            new PhaseAnalysis[] {one.prefill(), split.prefill()},
                            new PhaseAnalysis[] {one.decodeStep(prompt + 8), split.decodeStep(prompt + 8)});
                    for (PhaseAnalysis[] pair : pairs) {
                        double flops = pair[0].flops().toFlops() / devices;
                        double bytes = pair[0].bytes().toBytes() / devices;
                        String what = c + " " + pair[0].phase() + " on " + devices + " devices";
                        if (kvCopies(c.model(), devices) > 1) {
                            // fewer KV heads than devices: each device keeps a whole head, so it reads more
                            assertThat(pair[1].flops().toFlops()).as(what).isCloseTo(flops, within(flops * RELATIVE));
                            assertThat(pair[1].bytes().toBytes())
                                    .as(what)
                                    .isGreaterThanOrEqualTo(bytes * (1 - RELATIVE));
                        } else if (isPowerOfTwo(devices)) {
                            assertThat(pair[1].flops().toFlops()).as(what).isEqualTo(flops);
                            assertThat(pair[1].bytes().toBytes()).as(what).isEqualTo(bytes);
                        } else {
                            assertThat(pair[1].flops().toFlops()).as(what).isCloseTo(flops, within(flops * RELATIVE));
                            assertThat(pair[1].bytes().toBytes()).as(what).isCloseTo(bytes, within(bytes * RELATIVE));
                        }
                    }
                    MemoryBudget m1 = one.memory();
                    MemoryBudget mn = split.memory();
                    assertThat(mn.devices()).isEqualTo(devices);
                    assertThat(mn.weights()).as("%s: total weights", c).isEqualTo(m1.weights());
                    assertThat(mn.kvCachePerSession().toBytes())
                            .as("%s: one session's cache over %d devices", c, devices)
                            .isCloseTo(
                                    m1.kvCachePerSession().toBytes() * kvCopies(c.model(), devices),
                                    within(m1.kvCachePerSession().toBytes() * RELATIVE));
                    assertThat(mn.capacity().toBytes())
                            .as("%s: capacity of %d devices", c, devices)
                            .isEqualTo(c.chip().memoryCapacity().toBytes() * devices)
                            .isEqualTo(m1.capacity().toBytes() * devices);
                    assertThat(mn.frameworkOverhead().toBytes())
                            .isEqualTo(m1.frameworkOverhead().toBytes() * devices);
                });
    }

    @Test
    void halvingBothEfficienciesDoublesEveryStepTime() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        singleDeviceCases(),
                        efficiencies(),
                        lengths(200_000, 10_000),
                        integers().between(1, 256))
                .checkAssert((c, efficiency, lengths, batch) -> {
                    Efficiency half =
                            Efficiency.of(efficiency.computeFraction() / 2, efficiency.bandwidthFraction() / 2);
                    InferencePerformance full =
                            c.withEfficiency(efficiency).perf(lengths.prompt(), lengths.output(), batch);
                    InferencePerformance halved =
                            c.withEfficiency(half).perf(lengths.prompt(), lengths.output(), batch);
                    long context = lengths.context();
                    List<PhaseAnalysis[]> pairs = List.of(
                            new PhaseAnalysis[] {full.prefill(), halved.prefill()},
                            new PhaseAnalysis[] {full.decodeStep(context), halved.decodeStep(context)});
                    for (PhaseAnalysis[] pair : pairs) {
                        String what = c + " " + pair[0].phase() + " at " + efficiency.computeFraction() + "/"
                                + efficiency.bandwidthFraction();
                        assertThat(seconds(pair[1])).as(what).isEqualTo(2 * seconds(pair[0]));
                        for (Map.Entry<Operation, Placement> e :
                                pair[0].operations().entrySet()) {
                            assertThat(pair[1].operation(e.getKey()).time().toSeconds())
                                    .as("%s %s", what, e.getKey())
                                    .isEqualTo(2 * e.getValue().time().toSeconds());
                        }
                    }
                    assertThat(halved.timePerOutputToken().toSeconds())
                            .isEqualTo(2 * full.timePerOutputToken().toSeconds());
                    assertThat(halved.timeToFirstToken().toSeconds())
                            .isEqualTo(2 * full.timeToFirstToken().toSeconds());
                });
    }
}
