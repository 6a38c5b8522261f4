package io.github.llmcost.hardware.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The step-time model's overheads and weight-only factor in {@link InferencePerformance}; {@link Calibration}
 * recovering known factors from measurements they generated; bad input to the calibration types.
 */
class CalibrationTest {
    private static final HardwareSpec H100 = HardwarePresets.H100_SXM;

    private static InferencePerformance.Builder perf(int tensorParallel) {
        return InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(H100)
                .tensorParallel(tensorParallel)
                .workload(Workload.of(1000, 201));
    }

    private static Measurement.Builder measurement(Workload workload) {
        return Measurement.builder()
                .source("synthetic")
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(H100)
                .workload(workload);
    }

    @Test
    void overheadsArePaidPerStepAndPerLayerAndAllReducesTwicePerLayer() {
        InferencePerformance plain = perf(1).build();
        ChipCalibration slower =
                ChipCalibration.UNCALIBRATED.withStepOverhead(Seconds.of(1e-3)).withLayerOverhead(Seconds.of(1e-5));
        InferencePerformance withOverheads = plain.withCalibration(slower);
        double added = 1e-3 + 32 * 1e-5;
        assertThat(withOverheads.timeToFirstToken().toSeconds())
                .isCloseTo(plain.timeToFirstToken().toSeconds() + added, within(1e-12));
        assertThat(withOverheads.timePerOutputToken().toSeconds())
                .isCloseTo(plain.timePerOutputToken().toSeconds() + added, within(1e-12));
        InferencePerformance two = perf(2).build();
        InferencePerformance twoSlower =
                two.withCalibration(ChipCalibration.UNCALIBRATED.withAllReduceLatency(Seconds.of(20e-6)));
        assertThat(twoSlower.timePerOutputToken().toSeconds())
                .isCloseTo(two.timePerOutputToken().toSeconds() + 2 * 32 * 20e-6, within(1e-12));
    }

    @Test
    void weightOnlyQuantisedWeightsStreamAtTheirOwnFactor() {
        InferencePerformance int8 = perf(1).formats(
                        Formats.of(NumericFormat.INT8, NumericFormat.BF16, NumericFormat.BF16))
                .workload(Workload.of(16, 64))
                .build();
        ChipCalibration half = ChipCalibration.builder()
                .from(ChipCalibration.UNCALIBRATED)
                .weightOnlyBandwidthFactor(0.5)
                .build();
        double full = int8.timePerOutputToken().toSeconds();
        double slowed = int8.withCalibration(half).timePerOutputToken().toSeconds();
        // batch-1 decode is nearly all weight reads: half the rate, nearly twice the time
        assertThat(slowed / full).isBetween(1.9, 2.0);
        InferencePerformance bf16 = perf(1).workload(Workload.of(16, 64)).build();
        assertThat(bf16.withCalibration(half).timePerOutputToken()).isEqualTo(bf16.timePerOutputToken());
    }

    /** Measurements each pinned by one factor, made by known factors: the fit gives those factors back. */
    @Test
    void fitRecoversTheFactorsThatMadeTheMeasurements() {
        ChipCalibration truth = ChipCalibration.builder()
                .matmulFraction(0.6)
                .attentionFraction(0.45)
                .bandwidthFraction(0.8)
                .layerOverhead(Seconds.of(25e-6))
                .stepOverhead(Seconds.of(300e-6))
                .allReduceLatency(Seconds.of(20e-6))
                .build();
        List<Measurement> configs = new ArrayList<>();
        for (long prompt : new long[] {128, 2048, 32768}) {
            configs.add(measurement(Workload.of(prompt, 1))
                    .timeToFirstToken(Seconds.of(1))
                    .build());
        }
        for (int batch : new int[] {1, 8, 64, 256}) {
            configs.add(measurement(Workload.builder()
                            .promptTokens(1024)
                            .outputTokens(1)
                            .batchSize(batch)
                            .build())
                    .decodeStepTime(Seconds.of(1))
                    .build());
        }
        configs.add(Measurement.builder()
                .from(configs.get(3))
                .model(ModelPresets.LLAMA_3_2_1B)
                .build()); // a small model: overheads dominate
        configs.add(Measurement.builder().from(configs.get(3)).tensorParallel(8).build()); // all-reduces
        List<Measurement> measured = new ArrayList<>();
        for (Measurement m : configs) {
            measured.add(Measurement.builder().from(m).value(m.predicted(truth)).build());
        }
        Calibration calibration = Calibration.builder()
                .priorWeight(0)
                .factors(EnumSet.complementOf(EnumSet.of(Calibration.Factor.WEIGHT_ONLY_BANDWIDTH)))
                .build();
        CalibrationResult result = calibration.fit(measured);
        ChipCalibration fitted = result.calibration(H100);
        assertThat(fitted.matmulFraction()).isCloseTo(0.6, within(1e-3));
        assertThat(fitted.attentionFraction()).isCloseTo(0.45, within(1e-3));
        assertThat(fitted.bandwidthFraction()).isCloseTo(0.8, within(1e-3));
        assertThat(fitted.layerOverhead().toSeconds()).isCloseTo(25e-6, within(1e-7));
        assertThat(fitted.stepOverhead().toSeconds()).isCloseTo(300e-6, within(1e-6));
        assertThat(fitted.allReduceLatency().toSeconds()).isCloseTo(20e-6, within(1e-7));
        assertThat(result.fitted().medianAbsoluteError()).isLessThan(1e-4);
        assertThat(result.calibrations()).containsOnlyKeys(H100);
        assertThat(result.toString()).contains("NVIDIA H100 SXM: matmul 0.600", "median |error|");
    }

    @Test
    void aFactorNoMeasurementDependsOnStaysAtItsStart() {
        // batch-1 decode is memory-bound: the attention fraction and the all-reduce latency are free
        Measurement m = measurement(Workload.of(16, 64))
                .decodeTokensPerSecondPerUser(150)
                .build();
        ChipCalibration fitted = Calibration.defaults().fit(List.of(m)).calibration(H100);
        assertThat(fitted.attentionFraction()).isCloseTo(Efficiency.DEFAULT_COMPUTE, within(1e-6));
        assertThat(fitted.allReduceLatency().toSeconds()).isCloseTo(0, within(1e-12));
        assertThat(m.predicted(fitted)).isCloseTo(150, within(0.01));
    }

    @Test
    void leaveOneOutPredictsALoneMeasurementFromTheStart() {
        Measurement alone = measurement(Workload.of(16, 64))
                .decodeTokensPerSecondPerUser(150)
                .build();
        Evaluation e = Calibration.defaults().leaveOneOut(List.of(alone));
        assertThat(e.points().get(0).predicted()).isEqualTo(alone.predicted(ChipCalibration.UNCALIBRATED));
    }

    @Test
    void evaluationReportsEachPointTheMedianTheWorstAndTheBand() {
        Measurement m = measurement(Workload.of(16, 64))
                .decodeTokensPerSecondPerUser(100)
                .build();
        Evaluation e = Evaluation.of(
                List.of(new Evaluation.Point(m, 110), new Evaluation.Point(m, 80), new Evaluation.Point(m, 105)));
        assertThat(e.points().get(0).error()).isCloseTo(0.10, within(1e-12));
        assertThat(e.points().get(0).logError()).isCloseTo(Math.log(1.1), within(1e-12));
        assertThat(e.points().get(0).measured()).isEqualTo(100);
        // a throughput predicted 10% high is a time predicted 1/1.1 of the measured one
        assertThat(e.points().get(0).timeRatio()).isCloseTo(1.1, within(1e-12));
        assertThat(e.medianAbsoluteError()).isCloseTo(0.10, within(1e-12));
        assertThat(e.worst().predicted()).isEqualTo(80);
        assertThat(e.timeRatioQuantile(0)).isCloseTo(0.8, within(1e-12));
        assertThat(e.timeRatioQuantile(0.5)).isCloseTo(1.05, within(1e-12));
        assertThat(e.timeRatioQuantile(0.75)).isCloseTo(1.075, within(1e-12));
        assertThat(e.coverage(1.0, 1.2)).isCloseTo(2 / 3.0, within(1e-12));
        Evaluation even = Evaluation.of(List.of(new Evaluation.Point(m, 110), new Evaluation.Point(m, 80)));
        assertThat(even.medianAbsoluteError()).isCloseTo(0.15, within(1e-12));
        assertThat(e.toString()).contains("synthetic", "+10.0%", "-20.0%", "median |error| 10.0%");
        assertThat(m.toString()).contains("synthetic", "Llama 3.1 8B", "DECODE_TOKENS_PER_SECOND_PER_USER", "100");
        assertThatThrownBy(() -> e.timeRatioQuantile(1.5)).hasMessageContaining("q (1.5)");
    }

    @Test
    void javadocExamples() {
        Measurement m = Measurement.builder()
                .source("gpt-fast README, Llama-2-7b bf16")
                .model(ModelPresets.LLAMA_2_7B)
                .hardware(HardwarePresets.A100_80GB)
                .workload(Workload.of(5, 200))
                .decodeTokensPerSecondPerUser(104.9)
                .build();
        ChipCalibration c = ChipCalibration.of(Efficiency.of(0.5, 0.7)).withLayerOverhead(Seconds.of(20e-6));
        assertThat(c.layerOverhead()).isEqualTo(Seconds.of(20e-6));
        CalibrationResult result = Calibration.defaults().fit(List.of(m));
        assertThat(result.validate(List.of(m)).medianAbsoluteError()).isLessThan(1e-3);
        InferencePerformance calibrated = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(4096, 512))
                .calibration(CalibratedEfficiencies.H100_SXM)
                .build();
        assertThat(calibrated.calibration()).isEqualTo(CalibratedEfficiencies.H100_SXM);
        assertThat(calibrated.efficiency()).isEqualTo(CalibratedEfficiencies.H100_SXM.efficiency());
    }

    static Stream<Arguments> badInput() {
        Workload decode = Workload.of(16, 64);
        Measurement ok = measurement(decode).decodeTokensPerSecondPerUser(100).build();
        List<Arguments> cases = new ArrayList<>();
        for (double v : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            cases.add(Arguments.of(
                    "value " + v,
                    (ThrowingCallable) () ->
                            measurement(decode).decodeTokensPerSecondPerUser(v).build(),
                    "value (" + v + ")"));
            cases.add(Arguments.of(
                    "predicted " + v, (ThrowingCallable) () -> new Evaluation.Point(ok, v), "predicted (" + v + ")"));
        }
        for (double v : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            cases.add(Arguments.of(
                    "priorWeight " + v,
                    (ThrowingCallable)
                            () -> Calibration.builder().priorWeight(v).build(),
                    "priorWeight (" + v + ")"));
        }
        cases.add(Arguments.of(
                "blank source",
                (ThrowingCallable)
                        () -> Measurement.builder().from(ok).source(" ").build(),
                "source (\" \")"));
        cases.add(Arguments.of(
                "tensorParallel 0",
                (ThrowingCallable)
                        () -> Measurement.builder().from(ok).tensorParallel(0).build(),
                "tensorParallel (0)"));
        cases.add(Arguments.of(
                "no output to decode",
                (ThrowingCallable) () -> measurement(Workload.of(16, 0))
                        .decodeTokensPerSecondPerUser(1)
                        .build(),
                "outputTokens (0)"));
        cases.add(Arguments.of(
                "FP8 on an A100",
                (ThrowingCallable) () -> Measurement.builder()
                        .from(ok)
                        .hardware(HardwarePresets.A100_80GB)
                        .workload(Workload.builder()
                                .promptTokens(16)
                                .outputTokens(16)
                                .build())
                        .formats(Formats.BF16.withActivations(NumericFormat.FP8_E4M3))
                        .build(),
                "compute format (FP8_E4M3)"));
        cases.add(Arguments.of(
                "no measurements",
                (ThrowingCallable) () -> Calibration.defaults().fit(List.of()),
                "measurements (0)"));
        cases.add(Arguments.of("no points", (ThrowingCallable) () -> Evaluation.of(List.of()), "points (0)"));
        cases.add(Arguments.of(
                "nothing to evaluate",
                (ThrowingCallable) () -> Evaluation.of(List.of(), chip -> ChipCalibration.UNCALIBRATED),
                "measurements (0)"));
        cases.add(Arguments.of(
                "no measurements to leave out",
                (ThrowingCallable) () -> Calibration.defaults().leaveOneOut(List.of()),
                "measurements (0)"));
        cases.add(Arguments.of(
                "uncalibrated chip",
                (ThrowingCallable) () -> Calibration.defaults().fit(List.of(ok)).calibration(HardwarePresets.A100_80GB),
                "hardware (NVIDIA A100 80GB) was not calibrated"));
        cases.add(Arguments.of(
                "validate on an uncalibrated chip",
                (ThrowingCallable) () -> Calibration.defaults()
                        .fit(List.of(ok))
                        .validate(List.of(Measurement.builder()
                                .from(ok)
                                .hardware(HardwarePresets.A100_80GB)
                                .build())),
                "hardware (NVIDIA A100 80GB)"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputNamesTheQuantityAndItsValue(String what, ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
