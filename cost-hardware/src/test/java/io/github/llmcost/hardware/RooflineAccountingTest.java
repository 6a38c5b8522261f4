package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Bandwidth;
import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.FlopRate;
import io.github.llmcost.core.Flops;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import io.github.llmcost.hardware.calibration.Evaluation;
import io.github.llmcost.hardware.calibration.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Roofline placements, passes and memory on a chip of round numbers (1 TFLOP/s at BF16, 1 GB/s, a ridge point of
 * 1,000 FLOP/B) with a model small enough to count by hand ({@code d = 64}, two layers of 4 query and 2 KV heads of
 * {@code d_k = 16}, an intermediate size of 128, a vocabulary of 100).
 */
class RooflineAccountingTest {
    private static final double D = 64;
    private static final double I = 128;

    static HardwareSpec chip(double capacityBytes) {
        return HardwareSpec.builder()
                .name("unit chip")
                .putPeakFlops(NumericFormat.BF16, FlopRate.of(1e12))
                .memoryBandwidth(Bandwidth.of(1e9))
                .memoryCapacity(Bytes.of(capacityBytes))
                .interconnectBandwidth(Bandwidth.of(1e8))
                .tdpWatts(100)
                .build();
    }

    static ModelSpec model() {
        return ModelSpec.builder()
                .name("tiny")
                .hiddenSize((int) D)
                .numLayers(2)
                .numAttentionHeads(4)
                .numKeyValueHeads(2)
                .intermediateSize((int) I)
                .vocabSize(100)
                .build();
    }

    /** 100 prompt tokens of which 60 shared, 20 output tokens, batch 3, at peak efficiency. */
    static InferencePerformance perf(Convention convention, int tensorParallel) {
        return InferencePerformance.builder()
                .model(model())
                .hardware(chip(1e12))
                .workload(Workload.builder()
                        .promptTokens(100)
                        .sharedPrefixTokens(60)
                        .outputTokens(20)
                        .batchSize(3)
                        .build())
                .convention(convention)
                .efficiency(Efficiency.PEAK)
                .tensorParallel(tensorParallel)
                .build();
    }

    @Test
    void placementsTakeTheLargerOfTheirTwoLimits() {
        Roofline roof = Roofline.of(chip(1e12), NumericFormat.BF16, Efficiency.PEAK);
        Placement computeBound = roof.place(Flops.of(2e12), Bytes.of(1e9));
        assertThat(computeBound.computeTime()).isEqualTo(Seconds.of(2));
        assertThat(computeBound.memoryTime()).isEqualTo(Seconds.of(1));
        assertThat(computeBound.time()).isEqualTo(Seconds.of(2));
        assertThat(computeBound.flopsPerByte()).isEqualTo(2000.0);
        assertThat(computeBound.bound()).isEqualTo(Bound.COMPUTE);
        Placement balanced = roof.place(Flops.of(1e12), Bytes.of(1e9));
        assertThat(balanced.bound()).isEqualTo(Bound.COMPUTE);
        Placement memoryBound = roof.place(Flops.of(1e12), Bytes.of(4e9));
        assertThat(memoryBound.bound()).isEqualTo(Bound.MEMORY);
        assertThat(memoryBound.time()).isEqualTo(Seconds.of(4));
        assertThat(roof.place(Flops.of(5), Bytes.ZERO).flopsPerByte()).isZero();
        Roofline slower = Roofline.of(chip(1e12), NumericFormat.BF16, Efficiency.of(0.5, 0.8));
        assertThat(slower.place(Flops.of(1e12), Bytes.of(1e9)).computeTime()).isEqualTo(Seconds.of(2));
        assertThat(slower.place(Flops.of(1e12), Bytes.of(1e9)).memoryTime()).isEqualTo(Seconds.of(1.25));
    }

    @Test
    void sumsOfPlacementsSumTheirTimesPartByPart() {
        Roofline roof = Roofline.of(chip(1e12), NumericFormat.BF16, Efficiency.PEAK);
        Placement computeBound = roof.place(Flops.of(2e12), Bytes.of(1e9));
        Placement memoryBound = roof.place(Flops.of(1e12), Bytes.of(4e9));
        Placement sum = computeBound.plus(memoryBound);
        assertThat(sum.flops()).isEqualTo(Flops.of(3e12));
        assertThat(sum.bytes()).isEqualTo(Bytes.of(5e9));
        assertThat(sum.computeTime()).isEqualTo(Seconds.of(3));
        assertThat(sum.memoryTime()).isEqualTo(Seconds.of(5));
        // 2 s + 4 s, not the larger of 3 s and 5 s
        assertThat(sum.time()).isEqualTo(Seconds.of(6));
        Placement thrice = computeBound.times(3);
        assertThat(thrice.flops()).isEqualTo(Flops.of(6e12));
        assertThat(thrice.bytes()).isEqualTo(Bytes.of(3e9));
        assertThat(thrice.computeTime()).isEqualTo(Seconds.of(6));
        assertThat(thrice.memoryTime()).isEqualTo(Seconds.of(3));
        assertThat(thrice.time()).isEqualTo(Seconds.of(6));
        assertThat(computeBound.times(0)).isEqualTo(Placement.EMPTY);
        assertThatThrownBy(() -> computeBound.times(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("times (-1) must be >= 0");
    }

    @Test
    void placementsAreEqualFieldByField() {
        Placement p = Placement.of(Flops.of(1), Bytes.of(2), 3, 4, 5);
        Placement same = Placement.of(Flops.of(1), Bytes.of(2), 3, 4, 5);
        assertThat(p).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(Flops.of(1));
        for (Placement other : List.of(
                Placement.of(Flops.of(9), Bytes.of(2), 3, 4, 5),
                Placement.of(Flops.of(1), Bytes.of(9), 3, 4, 5),
                Placement.of(Flops.of(1), Bytes.of(2), 9, 4, 5),
                Placement.of(Flops.of(1), Bytes.of(2), 3, 9, 5),
                Placement.of(Flops.of(1), Bytes.of(2), 3, 4, 9))) {
            assertThat(p).isNotEqualTo(other);
        }
        assertThat(p.hashCode())
                .isNotEqualTo(Placement.of(Flops.of(9), Bytes.of(2), 3, 4, 5).hashCode())
                .isNotEqualTo(Placement.of(Flops.of(1), Bytes.of(9), 3, 4, 5).hashCode())
                .isNotEqualTo(Placement.of(Flops.of(1), Bytes.of(2), 3, 4, 9).hashCode());
        assertThat(Placement.of(Flops.of(2e12), Bytes.of(1e9), 2, 1))
                .hasToString("2 TFLOP, 1 GB (954 MiB), 2.00e+03 FLOP/B, COMPUTE-bound, 2 s");
    }

    @Test
    void rooflineOfAChip() {
        HardwareSpec chip = chip(1e12);
        Roofline roof = Roofline.of(chip, NumericFormat.BF16, Efficiency.DEFAULT);
        assertThat(roof.hardware()).isSameAs(chip);
        assertThat(roof.computeFormat()).isEqualTo(NumericFormat.BF16);
        assertThat(roof.efficiency()).isEqualTo(Efficiency.DEFAULT);
        assertThat(roof.ridgePointFlopsPerByte()).isEqualTo(1000.0);
        assertThat(roof.attainable(500)).isEqualTo(FlopRate.of(5e11));
        assertThat(roof.attainable(2000)).isEqualTo(FlopRate.of(1e12));
        assertThat(roof).hasToString("Roofline[unit chip, BF16, ridge 1000 FLOP/B]");
    }

    @Test
    void chipsAndPresets() {
        HardwareSpec chip = chip(1e12);
        assertThat(chip.interconnectBandwidth()).isEqualTo(Bandwidth.of(1e8));
        HardwareSpec smaller = chip.withMemoryCapacity(Bytes.of(5e9));
        assertThat(smaller.memoryCapacity()).isEqualTo(Bytes.of(5e9));
        assertThat(smaller.name()).isEqualTo("unit chip");
        assertThat(smaller.memoryBandwidth()).isEqualTo(chip.memoryBandwidth());
        assertThat(chip).hasToString("unit chip (1 GB/s, 1 TB (931 GiB), peak {BF16=1 TFLOP/s})");
        assertThat(HardwarePresets.ids())
                .hasSize(18)
                .containsExactlyElementsOf(HardwarePresets.all().keySet());
        HardwarePresets.all()
                .forEach((id, spec) -> assertThat(HardwarePresets.byId(id)).isSameAs(spec));
        assertThat(HardwarePresets.byId(" H100-SXM ")).isSameAs(HardwarePresets.H100_SXM);
    }

    @Test
    void prefillComputesThePromptLessTheCachedPrefix() {
        InferencePerformance perf = perf(Convention.EXACT, 1);
        Workload w = perf.workload();
        assertThat(perf.prefill().flops().toFlops())
                .isCloseTo(
                        FlopCounter.of(model(), Convention.EXACT)
                                .prefill(w)
                                .total()
                                .toFlops(),
                        within(1e-3));
        assertThat(perf.prefill().phase()).isEqualTo(Phase.PREFILL);
        assertThat(perf.prefillTokensPerSecond())
                .isCloseTo(40 * 3 / perf.timeToFirstToken().toSeconds(), within(1e-6));
        assertThat(perf.prefill().time().toSeconds())
                .isCloseTo(perf.timeToFirstToken().toSeconds(), within(1e-15));
        // Q projection in prefill: its weights once (d x 4 x 16 BF16 values), 120 tokens' activations in and out
        Placement q = perf.prefill().operation(Operation.Q_PROJECTION);
        double weights = D * 4 * 16 * 2;
        double activations = 120 * 2 * D * 2;
        assertThat(q.bytes().toBytes()).isEqualTo(2 * (weights + activations));
        assertThat(q.flops().toFlops()).isEqualTo(2 * 120 * 2 * D * 4 * 16);
        assertThat(q.computeTime().toSeconds()).isCloseTo(q.flops().toFlops() / 1e12, within(1e-18));
        assertThat(q.memoryTime().toSeconds()).isCloseTo(q.bytes().toBytes() / 1e9, within(1e-15));
        Placement up = perf.prefill().operation(Operation.MLP_UP);
        assertThat(up.bytes().toBytes()).isEqualTo(2 * (D * I * 2 + activations));
        assertThat(up.flops().toFlops()).isEqualTo(2 * 120 * 2 * D * I);
        assertThat(up.computeTime().toSeconds()).isCloseTo(up.flops().toFlops() / 1e12, within(1e-18));
        assertThat(up.memoryTime().toSeconds()).isCloseTo(up.bytes().toBytes() / 1e9, within(1e-15));
        assertThat(up.time()).isEqualTo(up.memoryTime());
        assertThat(perf.prefill().operation(Operation.CONVOLUTION)).isEqualTo(Placement.EMPTY);
        assertThat(perf.prefill().operations()).containsKey(Operation.LM_HEAD).doesNotContainKey(Operation.ROUTER);
        assertThat(perf.prefill().operations().get(Operation.MLP_UP)).isEqualTo(up);
        assertThat(perf.prefill().total().flops()).isEqualTo(perf.prefill().flops());
    }

    @Test
    void memoryHoldsOnePrefillChunkOfActivations() {
        InferencePerformance perf = perf(Convention.EXACT, 1);
        // 40 computed prompt tokens x batch 3 = 120 tokens, each 2d + 2I BF16 values
        assertThat(perf.memory().activations().toBytes()).isEqualTo(120 * (2 * D + 2 * I) * 2);
        InferencePerformance chunked =
                InferencePerformance.builder().from(perf).prefillChunkTokens(50).build();
        assertThat(chunked.memory().activations().toBytes()).isEqualTo(50 * (2 * D + 2 * I) * 2);
    }

    @Test
    void decodeStepsAndTheirRates() {
        InferencePerformance perf = perf(Convention.EXACT, 1);
        double step = perf.timePerOutputToken().toSeconds();
        // steps at positions 101 .. 119: the mean position is 100 + 20 / 2
        assertThat(perf.timePerOutputToken(110).toSeconds()).isEqualTo(step);
        assertThat(perf.decodeStep(110).time().toSeconds()).isCloseTo(step, within(1e-15));
        assertThat(perf.decodeStep(2000).time().toSeconds())
                .isCloseTo(perf.timePerOutputToken(2000).toSeconds(), within(1e-15));
        assertThat(perf.decodeStep(110).phase()).isEqualTo(Phase.DECODE);
        assertThat(perf.decode().phase()).isEqualTo(Phase.DECODE);
        assertThat(perf.decodeTokensPerSecond()).isCloseTo(3 / step, within(1e-6));
        assertThat(perf.decodeTokensPerSecondPerUser()).isCloseTo(1 / step, within(1e-6));
        assertThat(perf.requestLatency().toSeconds())
                .isCloseTo(perf.timeToFirstToken().toSeconds() + 19 * step, within(1e-12));
    }

    @Test
    void underArticleThereIsNoLmHeadAndNothingElseIsTimed() {
        InferencePerformance perf = perf(Convention.ARTICLE, 1);
        assertThat(perf.prefill().operations()).doesNotContainKey(Operation.LM_HEAD);
        assertThat(perf.timeToFirstToken().toSeconds())
                .isCloseTo(perf.prefill().time().toSeconds(), within(1e-15));
        assertThat(perf.timePerOutputToken().toSeconds())
                .isCloseTo(perf.decode().time().toSeconds(), within(1e-15));
    }

    @Test
    void aPassOverheadIsPaidOncePerPass() {
        InferencePerformance plain = perf(Convention.EXACT, 1);
        InferencePerformance slower =
                plain.withCalibration(ChipCalibration.of(plain.efficiency()).withStepOverhead(Seconds.of(1e-3)));
        assertThat(slower.timeToFirstToken().toSeconds())
                .isCloseTo(plain.timeToFirstToken().toSeconds() + 1e-3, within(1e-15));
        assertThat(slower.timePerOutputToken().toSeconds())
                .isCloseTo(plain.timePerOutputToken().toSeconds() + 1e-3, within(1e-15));
        assertThat(slower.prefill().toString()).contains("pass overhead");
        assertThat(plain.prefill().toString()).doesNotContain("pass overhead");
    }

    @Test
    void tensorParallelismAddsAllReducesAndSaysSo() {
        InferencePerformance one = perf(Convention.EXACT, 1);
        InferencePerformance two = perf(Convention.EXACT, 2);
        // two ring all-reduces per layer, each moving 2 (N-1)/N of the tokens' activations at 0.5 of a slow link's
        // bandwidth (two devices) and paying its 30 us latency
        double message = 120 * D * 2;
        assertThat(two.prefill().communicationTime().toSeconds())
                .isCloseTo(2 * 2 * (2.0 * 1 / 2 * message / (0.5 * 1e8) + 30e-6), within(1e-15));
        assertThat(one.prefill().communicationTime()).isEqualTo(Seconds.ZERO);
        assertThat(two.prefill().flops().toFlops())
                .isCloseTo(one.prefill().flops().toFlops() / 2, within(1e-3));
        assertThat(two.prefill().toString()).contains("communication");
        assertThat(one.prefill().toString()).doesNotContain("communication").startsWith("PREFILL: ");
        assertThat(two.toString()).startsWith("tiny on 2 x unit chip, EXACT");
        assertThat(one.toString()).startsWith("tiny on unit chip, EXACT");
    }

    @Test
    void batchSweepsDoubleTheBatchUntilALimit() {
        InferencePerformance perf = perf(Convention.EXACT, 1);
        BatchSweep sweep = perf.batchSweep(4);
        assertThat(sweep.limit()).isEqualTo(BatchSweep.Limit.MAX_BATCH);
        assertThat(sweep.points()).extracting(BatchSweep.Point::batchSize).containsExactly(1, 2, 4);
        for (BatchSweep.Point p : sweep.points()) {
            Workload w = Workload.builder()
                    .from(perf.workload())
                    .batchSize(p.batchSize())
                    .build();
            double step = perf.withWorkload(w).timePerOutputToken().toSeconds();
            assertThat(p.timePerOutputToken().toSeconds()).isCloseTo(step, within(1e-15));
            assertThat(p.tokensPerSecondPerUser()).isCloseTo(1 / step, within(1e-6));
            assertThat(p.tokensPerSecond()).isCloseTo(p.batchSize() / step, within(1e-6));
            assertThat(p.bound()).isEqualTo(Bound.MEMORY);
            assertThat(p.toString()).startsWith("batch " + p.batchSize() + ": ").endsWith("MEMORY-bound");
        }
        assertThat(sweep.toString())
                .startsWith(
                        "batch sweep, ended by MAX_BATCH (memory holds " + perf.maxConcurrentSessions() + " sessions)")
                .contains("batch 4: ");
    }

    /** {@return the bytes taken before any KV cache: weights, activations, framework overhead} */
    private static double beforeCaches(MemoryBudget m) {
        return m.weights().toBytes()
                + m.activations().toBytes()
                + m.frameworkOverhead().toBytes();
    }

    @Test
    void batchSweepsStopAtTheSessionsMemoryHolds() {
        InferencePerformance roomy = perf(Convention.EXACT, 1);
        MemoryBudget m = roomy.memory();
        double used = beforeCaches(m);
        double perSession = m.kvCachePerSession().toBytes(); // the shared prefix excluded
        HardwareSpec sixSessions = chip(used + m.sharedPrefix().toBytes() + 6.5 * perSession);
        InferencePerformance perf =
                InferencePerformance.builder().from(roomy).hardware(sixSessions).build();
        assertThat(perf.maxConcurrentSessions()).isEqualTo(6);
        BatchSweep upToSix = perf.batchSweep(6);
        assertThat(upToSix.points()).extracting(BatchSweep.Point::batchSize).containsExactly(1, 2, 4);
        assertThat(upToSix.limit()).isEqualTo(BatchSweep.Limit.MAX_BATCH);
        BatchSweep upToEight = perf.batchSweep(8);
        assertThat(upToEight.points()).extracting(BatchSweep.Point::batchSize).containsExactly(1, 2, 4, 6);
        assertThat(upToEight.limit()).isEqualTo(BatchSweep.Limit.MEMORY);
        assertThat(upToEight.maxConcurrentSessions()).isEqualTo(6);
    }

    @Test
    void memoryThatExactlyHoldsTheModelFitsWithNoRoomForCaches() {
        InferencePerformance roomy = perf(Convention.EXACT, 1);
        MemoryBudget m = roomy.memory();
        double used = beforeCaches(m);
        MemoryBudget exact = InferencePerformance.builder()
                .from(roomy)
                .hardware(chip(used))
                .build()
                .memory();
        assertThat(exact.fits()).isTrue();
        assertThat(exact.kvCacheBudget()).isEqualTo(Bytes.ZERO);
        assertThat(exact.maxConcurrentSessions()).isZero();
        MemoryBudget tooSmall = InferencePerformance.builder()
                .from(roomy)
                .hardware(chip(used / 2))
                .build()
                .memory();
        assertThat(tooSmall.fits()).isFalse();
        assertThat(tooSmall.kvCacheBudget()).isEqualTo(Bytes.ZERO);
        assertThat(m.toString())
                .startsWith("capacity 1 TB (931 GiB) on 1 device(s): weights ")
                .endsWith(" sessions");
    }

    @Test
    void chipCalibrationsCopyWithOtherOverheads() {
        ChipCalibration c = ChipCalibration.of(Efficiency.of(0.4, 0.3));
        assertThat(c.efficiency()).isEqualTo(Efficiency.of(0.4, 0.3));
        assertThat(c.attentionFraction()).isEqualTo(0.4);
        assertThat(c.stepOverhead()).isEqualTo(Seconds.ZERO);
        ChipCalibration slower = c.withStepOverhead(Seconds.of(1e-3))
                .withLayerOverhead(Seconds.of(1e-5))
                .withAllReduceLatency(Seconds.of(2e-5));
        assertThat(slower.stepOverhead()).isEqualTo(Seconds.of(1e-3));
        assertThat(slower.layerOverhead()).isEqualTo(Seconds.of(1e-5));
        assertThat(slower.allReduceLatency()).isEqualTo(Seconds.of(2e-5));
        assertThat(slower.efficiency()).isEqualTo(c.efficiency());
        assertThat(slower)
                .hasToString(
                        "matmul 0.400 (x1.00 in 8 or 4 bits, overlap exponent 0), attention 0.400, bandwidth 0.300 (weight-only x1.00),"
                                + " layer 10 µs, step 1 ms, all-reduce +20 µs, band 1.00-1.00");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> c.toBuilder().overlapExponent(0.5).build())
                .withMessageContaining("overlapExponent (0.5)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> c.withErrorBand(0.9, 0.8))
                .withMessageContaining("errorHigh (0.8)");
    }

    @Test
    void metricsHaveUnits() {
        assertThat(Measurement.Metric.TIME_TO_FIRST_TOKEN.unit()).isEqualTo("s");
        assertThat(Measurement.Metric.DECODE_TOKENS_PER_SECOND_PER_USER.unit()).isEqualTo("tokens/s");
        assertThat(Measurement.Metric.STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND.unit())
                .isEqualTo("tokens/s");
    }

    private static Measurement.Builder measured(int tensorParallel, long outputTokens) {
        return Measurement.builder()
                .source("bench")
                .model(model())
                .hardware(chip(1e12))
                .tensorParallel(tensorParallel)
                .workload(Workload.builder()
                        .promptTokens(100)
                        .outputTokens(outputTokens)
                        .build());
    }

    @Test
    void measurementsPredictAndDescribeThemselves() {
        Measurement oneToken = measured(1, 1).decodeTokensPerSecondPerUser(50).build();
        assertThat(oneToken.metric()).isEqualTo(Measurement.Metric.DECODE_TOKENS_PER_SECOND_PER_USER);
        assertThat(oneToken.value()).isEqualTo(50.0);
        assertThat(oneToken.predicted(ChipCalibration.UNCALIBRATED))
                .isEqualTo(oneToken.performance(ChipCalibration.UNCALIBRATED).decodeTokensPerSecondPerUser());
        assertThatThrownBy(() -> measured(1, 0).decodeTokensPerSecondPerUser(50).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("outputTokens (0) must be >= 1 to measure DECODE_TOKENS_PER_SECOND_PER_USER");
        Measurement throughput =
                measured(2, 10).staticBatchOutputTokensPerSecond(400).build();
        assertThat(throughput.metric()).isEqualTo(Measurement.Metric.STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND);
        InferencePerformance perf = throughput.performance(ChipCalibration.UNCALIBRATED);
        assertThat(throughput.predicted(ChipCalibration.UNCALIBRATED))
                .isCloseTo(10 / perf.requestLatency().toSeconds(), within(1e-9));
        assertThat(throughput)
                .hasToString("bench: tiny on 2 x unit chip, batch 1, 100 in/10 out, weights BF16, compute BF16:"
                        + " STATIC_BATCH_OUTPUT_TOKENS_PER_SECOND 400.000 tokens/s");
        assertThat(measured(1, 0).timeToFirstToken(Seconds.of(0.02)).build().toString())
                .startsWith("bench: tiny on unit chip, batch 1");
    }

    @Test
    void evaluationsSumSquaredLogErrors() {
        Measurement m = measured(1, 1).decodeTokensPerSecondPerUser(50).build();
        Evaluation e = Evaluation.of(
                List.of(new Evaluation.Point(m, 100), new Evaluation.Point(m, 25), new Evaluation.Point(m, 50)));
        double ln2 = Math.log(2);
        assertThat(e.sumOfSquaredLogErrors()).isCloseTo(2 * ln2 * ln2, within(1e-12));
        assertThat(e.points().get(1).error()).isEqualTo(-0.5);
        assertThat(e.medianAbsoluteError()).isEqualTo(0.5);
        assertThat(e.worst().predicted()).isEqualTo(100.0);
        assertThat(e.toString())
                .endsWith("median |error| 50.0%, worst bench +100.0%")
                .contains("-50.0%");
    }
}
