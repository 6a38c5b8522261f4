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
import io.github.llmcost.hardware.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-phase efficiencies, pass overhead and all-reduce latency in {@link InferencePerformance}; {@link Calibration}
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
    void phaseEfficienciesDefaultToTheEfficiencyAndActOnTheirOwnPhase() {
        Efficiency half = Efficiency.of(0.25, 0.35);
        InferencePerformance base = perf(1).build();
        assertThat(base.prefillEfficiency()).isEqualTo(Efficiency.DEFAULT);
        assertThat(base.decodeEfficiency()).isEqualTo(Efficiency.DEFAULT);
        InferencePerformance uniform = perf(1).efficiency(half).build();
        assertThat(uniform.prefillEfficiency()).isEqualTo(half);
        assertThat(uniform.decodeEfficiency()).isEqualTo(half);

        InferencePerformance slowPrefill = perf(1).prefillEfficiency(half).build();
        assertThat(slowPrefill.timeToFirstToken().toSeconds())
                .isCloseTo(2 * base.timeToFirstToken().toSeconds(), within(1e-12));
        assertThat(slowPrefill.timePerOutputToken()).isEqualTo(base.timePerOutputToken());
        InferencePerformance slowDecode = perf(1).decodeEfficiency(half).build();
        assertThat(slowDecode.timeToFirstToken()).isEqualTo(base.timeToFirstToken());
        assertThat(slowDecode.timePerOutputToken().toSeconds())
                .isCloseTo(2 * base.timePerOutputToken().toSeconds(), within(1e-12));
        assertThat(slowDecode.decodeStep(1100).time().toSeconds())
                .isCloseTo(2 * base.decodeStep(1100).time().toSeconds(), within(1e-12));

        // withEfficiency sets both phases, whatever they were
        InferencePerformance reset = slowDecode.withEfficiency(Efficiency.DEFAULT);
        assertThat(reset.timePerOutputToken()).isEqualTo(base.timePerOutputToken());
        assertThat(base.withCalibration(ChipCalibration.UNCALIBRATED).requestLatency())
                .isEqualTo(base.requestLatency());
    }

    @Test
    void passOverheadIsAddedToEveryPass() {
        InferencePerformance base = perf(1).build();
        InferencePerformance slow = perf(1).passOverhead(Seconds.of(0.001)).build();
        assertThat(slow.timeToFirstToken().toSeconds())
                .isCloseTo(base.timeToFirstToken().toSeconds() + 0.001, within(1e-12));
        assertThat(slow.timePerOutputToken().toSeconds())
                .isCloseTo(base.timePerOutputToken().toSeconds() + 0.001, within(1e-12));
        assertThat(slow.decodeStep(1100).overheadTime()).isEqualTo(Seconds.of(0.001));
        assertThat(slow.prefill().time().toSeconds())
                .isCloseTo(slow.timeToFirstToken().toSeconds(), within(1e-15));
        assertThat(slow.prefill().toString()).contains("pass overhead");
        assertThat(base.prefill().overheadTime()).isEqualTo(Seconds.ZERO);
    }

    @Test
    void allReduceLatencyIsPaidTwicePerLayerUnderTensorParallelism() {
        Seconds latency = Seconds.of(20e-6);
        InferencePerformance four = perf(4).build();
        InferencePerformance fourSlow = perf(4).allReduceLatency(latency).build();
        double added = 2 * 32 * 20e-6; // two all-reduces in each of 32 layers
        assertThat(fourSlow.decodeStep(1100).communicationTime().toSeconds())
                .isCloseTo(four.decodeStep(1100).communicationTime().toSeconds() + added, within(1e-15));
        assertThat(fourSlow.timeToFirstToken().toSeconds())
                .isCloseTo(four.timeToFirstToken().toSeconds() + added, within(1e-12));
        InferencePerformance one = perf(1).build();
        assertThat(perf(1).allReduceLatency(latency).build().requestLatency()).isEqualTo(one.requestLatency());
    }

    @Test
    void calibrationSetsAllFourAndCopiesKeepThem() {
        ChipCalibration c = ChipCalibration.builder()
                .prefill(Efficiency.of(0.6, 0.4))
                .decode(Efficiency.of(0.3, 0.8))
                .passOverhead(Seconds.of(1e-4))
                .allReduceLatency(Seconds.of(1e-5))
                .build();
        InferencePerformance p = perf(2).calibration(c).build();
        assertThat(p.prefillEfficiency()).isEqualTo(c.prefill()).isEqualTo(c.efficiency(Phase.PREFILL));
        assertThat(p.decodeEfficiency()).isEqualTo(c.decode()).isEqualTo(c.efficiency(Phase.DECODE));
        assertThat(p.passOverhead()).isEqualTo(c.passOverhead());
        assertThat(p.allReduceLatency()).isEqualTo(c.allReduceLatency());
        assertThat(p.withWorkload(Workload.of(10, 10)).decodeEfficiency()).isEqualTo(c.decode());
        assertThat(perf(2).build().withCalibration(c)).isEqualTo(p);
        assertThat(c.withPassOverhead(Seconds.ZERO).withAllReduceLatency(Seconds.ZERO))
                .isEqualTo(ChipCalibration.of(c.prefill(), c.decode()));
        assertThat(c.toString()).contains("prefill 0.600 compute / 0.400 bandwidth", "100 µs", "10 µs");
    }

    /** Five measurements, each pinned by one factor, made by known factors: the fit gives those factors back. */
    @Test
    void fitRecoversTheFactorsThatMadeTheMeasurements() {
        ChipCalibration truth = ChipCalibration.builder()
                .prefill(Efficiency.of(0.6, 0.45))
                .decode(Efficiency.of(0.55, 0.8))
                .allReduceLatency(Seconds.of(20e-6))
                .build();
        List<Measurement> configs = List.of(
                measurement(Workload.of(8192, 1))
                        .timeToFirstToken(Seconds.of(1))
                        .build(), // compute-bound prefill
                measurement(Workload.of(16, 1)).timeToFirstToken(Seconds.of(1)).build(), // memory-bound prefill
                measurement(Workload.of(16, 64)).decodeTokensPerSecondPerUser(1).build(), // memory-bound decode
                measurement(Workload.builder()
                                .promptTokens(16)
                                .outputTokens(64)
                                .batchSize(2048)
                                .build())
                        .decodeTokensPerSecondPerUser(1)
                        .build(), // compute-bound decode
                measurement(Workload.of(16, 64))
                        .tensorParallel(8)
                        .decodeTokensPerSecondPerUser(1)
                        .build()); // all-reduces
        List<Measurement> measured = new ArrayList<>();
        for (Measurement m : configs) {
            measured.add(Measurement.builder().from(m).value(m.predicted(truth)).build());
        }
        CalibrationResult result = Calibration.builder().priorWeight(0).build().fit(measured);
        ChipCalibration fitted = result.calibration(H100);
        for (Phase phase : Phase.values()) {
            assertThat(fitted.efficiency(phase).computeFraction())
                    .as("%s compute", phase)
                    .isCloseTo(truth.efficiency(phase).computeFraction(), within(1e-3));
            assertThat(fitted.efficiency(phase).bandwidthFraction())
                    .as("%s bandwidth", phase)
                    .isCloseTo(truth.efficiency(phase).bandwidthFraction(), within(1e-3));
        }
        assertThat(fitted.allReduceLatency().toSeconds()).isCloseTo(20e-6, within(1e-8));
        assertThat(result.fitted().medianAbsoluteError()).isLessThan(1e-4);
        assertThat(result.fitted().sumOfSquaredLogErrors()).isLessThan(1e-8);
        assertThat(result.calibrations()).containsOnlyKeys(H100);
        assertThat(result.toString()).contains("NVIDIA H100 SXM: prefill 0.600", "median |error|");
    }

    @Test
    void aFactorNoMeasurementDependsOnStaysAtItsStart() {
        // batch-1 decode is memory-bound: decode's compute fraction and the all-reduce latency are free
        Measurement m = measurement(Workload.of(16, 64))
                .decodeTokensPerSecondPerUser(150)
                .build();
        ChipCalibration fitted = Calibration.defaults().fit(List.of(m)).calibration(H100);
        assertThat(fitted.decode().computeFraction()).isCloseTo(Efficiency.DEFAULT_COMPUTE, within(1e-6));
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
    void evaluationReportsEachPointTheMedianAndTheWorst() {
        Measurement m = measurement(Workload.of(16, 64))
                .decodeTokensPerSecondPerUser(100)
                .build();
        Evaluation e = Evaluation.of(
                List.of(new Evaluation.Point(m, 110), new Evaluation.Point(m, 80), new Evaluation.Point(m, 105)));
        assertThat(e.points().get(0).error()).isCloseTo(0.10, within(1e-12));
        assertThat(e.points().get(0).logError()).isCloseTo(Math.log(1.1), within(1e-12));
        assertThat(e.points().get(0).measured()).isEqualTo(100);
        assertThat(e.medianAbsoluteError()).isCloseTo(0.10, within(1e-12));
        assertThat(e.worst().predicted()).isEqualTo(80);
        Evaluation even = Evaluation.of(List.of(new Evaluation.Point(m, 110), new Evaluation.Point(m, 80)));
        assertThat(even.medianAbsoluteError()).isCloseTo(0.15, within(1e-12));
        assertThat(e.toString()).contains("synthetic", "+10.0%", "-20.0%", "median |error| 10.0%");
        assertThat(m.toString()).contains("synthetic", "Llama 3.1 8B", "DECODE_TOKENS_PER_SECOND_PER_USER", "100");
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
        ChipCalibration c = ChipCalibration.of(Efficiency.of(0.5, 0.4), Efficiency.of(0.5, 0.7));
        assertThat(c.withPassOverhead(Seconds.of(0.0005)).passOverhead()).isEqualTo(Seconds.of(0.0005));
        CalibrationResult result = Calibration.defaults().fit(List.of(m));
        assertThat(result.calibration(HardwarePresets.A100_80GB).decode().bandwidthFraction())
                .isCloseTo(0.683, within(0.001)); // 0.7 x 104.9 / 107.5, the default prediction
        assertThat(result.validate(List.of(m)).medianAbsoluteError()).isLessThan(1e-3);
        InferencePerformance calibrated = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(4096, 512))
                .calibration(CalibratedEfficiencies.H100_SXM)
                .build();
        assertThat(calibrated.decodeEfficiency()).isEqualTo(CalibratedEfficiencies.H100_SXM.decode());
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
