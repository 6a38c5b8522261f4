package io.github.llmcost.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.calibration.Calibration.Factor;
import io.github.llmcost.hardware.calibration.Evaluation;
import io.github.llmcost.hardware.calibration.Measurement;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which factors rows determine, and the bias the calibrate report prints. */
class CalibrationReportTest {
    static Measurement ttft(long prompt) {
        return Measurement.builder()
                .source("t" + prompt)
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(
                        Workload.builder().promptTokens(prompt).outputTokens(0).build())
                .timeToFirstToken(Seconds.of(0.05))
                .build();
    }

    static Measurement step(int gpus, Formats formats) {
        return Measurement.builder()
                .source("s")
                .model(ModelPresets.LLAMA_3_1_70B)
                .hardware(HardwarePresets.H100_SXM)
                .tensorParallel(gpus)
                .formats(formats)
                .workload(Workload.builder().promptTokens(1024).outputTokens(1).build())
                .decodeStepTime(Seconds.of(0.02))
                .build();
    }

    @Test
    void eachFactorNeedsItsOwnKindOfRow() {
        assertThat(FactorEvidence.determined(List.of(ttft(2047)))).containsExactly(Factor.MATMUL, Factor.STEP_OVERHEAD);
        assertThat(FactorEvidence.determined(List.of(ttft(2048))))
                .containsExactly(Factor.MATMUL, Factor.ATTENTION, Factor.STEP_OVERHEAD);
        assertThat(FactorEvidence.determined(List.of(step(1, Formats.BF16))))
                .containsExactly(Factor.BANDWIDTH, Factor.STEP_OVERHEAD);
        assertThat(FactorEvidence.determined(List.of(step(2, Formats.of(NumericFormat.INT8)), ttft(128))))
                .isEqualTo(EnumSet.of(
                        Factor.MATMUL,
                        Factor.BANDWIDTH,
                        Factor.WEIGHT_ONLY_BANDWIDTH,
                        Factor.LAYER_OVERHEAD,
                        Factor.STEP_OVERHEAD,
                        Factor.ALL_REDUCE_LATENCY));
        assertThat(FactorEvidence.determined(List.of())).isEmpty();
        assertThat(FactorEvidence.parse(" Step-Overhead ")).isEqualTo(Factor.STEP_OVERHEAD);
        assertThat(FactorEvidence.name(Factor.ALL_REDUCE_LATENCY)).isEqualTo("all-reduce-latency");
    }

    @Test
    void biasIsTheGeometricMeanOfPredictedOverMeasuredLessOne() {
        // predicted/measured 2 and 0.5: no bias; 2 and 2: +100%; 1.21 and 1: +10%
        Evaluation even =
                Evaluation.of(List.of(new Evaluation.Point(ttft(128), 0.1), new Evaluation.Point(ttft(256), 0.025)));
        assertThat(CalibrationReport.bias(even)).isCloseTo(0, within(1e-12));
        Evaluation high =
                Evaluation.of(List.of(new Evaluation.Point(ttft(128), 0.1), new Evaluation.Point(ttft(256), 0.1)));
        assertThat(CalibrationReport.bias(high)).isCloseTo(1, within(1e-12));
        Evaluation tenth = Evaluation.of(
                List.of(new Evaluation.Point(ttft(128), 0.05 * 1.21), new Evaluation.Point(ttft(256), 0.05)));
        assertThat(CalibrationReport.bias(tenth)).isCloseTo(0.1, within(1e-12));
    }
}
