package io.github.llmcost.hardware.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Bandwidth;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which calibration each chip gets by default and by id, the link classes of the interconnect defaults, the overlap
 * exponent's p-norm and the error band's checks.
 */
class CalibrationPresetsTest {
    @Test
    void eachChipGetsItsOwnFitItsGenerationsOrTheGenericSet() {
        assertThat(CalibratedEfficiencies.forHardware(HardwarePresets.H200)).isSameAs(CalibratedEfficiencies.H200);
        assertThat(CalibratedEfficiencies.forHardware(HardwarePresets.H100_SXM))
                .isSameAs(CalibratedEfficiencies.H100_SXM);
        assertThat(CalibratedEfficiencies.forHardware(HardwarePresets.A100_80GB))
                .isSameAs(CalibratedEfficiencies.A100_80GB);
        for (HardwareSpec ampere : List.of(
                HardwarePresets.A100_40GB, HardwarePresets.L40S, HardwarePresets.L4, HardwarePresets.RTX_4090)) {
            ChipCalibration c = CalibratedEfficiencies.forHardware(ampere);
            assertThat(c.matmulFraction())
                    .as(ampere.name())
                    .isEqualTo(CalibratedEfficiencies.A100_80GB.matmulFraction());
            assertThat(c.errorHigh()).isEqualTo(CalibratedEfficiencies.GENERIC_BAND_HIGH);
            assertThat(c.source()).startsWith(ampere.name() + " has no measurements of its own; the a100-80gb fit");
        }
        for (HardwareSpec hopper : List.of(
                HardwarePresets.H100_PCIE,
                HardwarePresets.H20,
                HardwarePresets.B200,
                HardwarePresets.GB200,
                HardwarePresets.RTX_5090)) {
            ChipCalibration c = CalibratedEfficiencies.forHardware(hopper);
            assertThat(c.matmulFraction())
                    .as(hopper.name())
                    .isEqualTo(CalibratedEfficiencies.H100_SXM.matmulFraction());
            assertThat(c.source()).contains("the h100-sxm fit");
        }
        ChipCalibration mi300x = CalibratedEfficiencies.forHardware(HardwarePresets.MI300X);
        assertThat(mi300x.matmulFraction()).isEqualTo(CalibratedEfficiencies.GENERIC.matmulFraction());
        assertThat(mi300x.source()).startsWith("AMD").contains("generic");
        for (HardwareSpec other :
                List.of(HardwarePresets.MI325X, HardwarePresets.APPLE_M4_MAX, HardwarePresets.SNAPDRAGON_8_ELITE_NPU)) {
            assertThat(CalibratedEfficiencies.forHardware(other).matmulFraction())
                    .as(other.name())
                    .isEqualTo(CalibratedEfficiencies.GENERIC.matmulFraction());
        }
    }

    @Test
    void calibrationsByIdAndTheirIds() {
        assertThat(CalibratedEfficiencies.ids()).containsExactly("h200", "h100-sxm", "a100-80gb", "generic", "none");
        assertThat(CalibratedEfficiencies.byId("H200")).isSameAs(CalibratedEfficiencies.H200);
        assertThat(CalibratedEfficiencies.byId("none")).isSameAs(ChipCalibration.UNCALIBRATED);
        assertThat(CalibratedEfficiencies.byId("generic")).isSameAs(CalibratedEfficiencies.GENERIC);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CalibratedEfficiencies.byId("tpu"))
                .withMessageContaining("calibration (tpu) is not known")
                .withMessageContaining("h100-sxm");
    }

    private static HardwareSpec link(double gigabytesPerSecond) {
        return HardwareSpec.builder()
                .from(HardwarePresets.L40S)
                .interconnectBandwidth(Bandwidth.ofGigabytesPerSecond(gigabytesPerSecond))
                .build();
    }

    @Test
    void linksOfAHundredGigabytesASecondOrMoreAreNvlinkClass() {
        HardwareSpec exactly = link(100);
        HardwareSpec below = link(99.9);
        HardwareSpec none = link(0);
        assertThat(exactly.interconnectLatency().toSeconds()).isCloseTo(10e-6, within(1e-15));
        assertThat(below.interconnectLatency().toSeconds()).isCloseTo(30e-6, within(1e-15));
        assertThat(none.interconnectLatency()).isEqualTo(Seconds.ZERO);
        assertThat(exactly.allReduceBandwidth(4).toBytesPerSecond()).isCloseTo(0.55 * 100e9, within(1.0));
        assertThat(below.allReduceBandwidth(4).toBytesPerSecond()).isCloseTo(0.5 * 99.9e9, within(1.0));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> exactly.allReduceBandwidth(0))
                .withMessageContaining("devices (0)");
    }

    @Test
    void anOverlapExponentCombinesComputeAndMemoryAsItsNorm() {
        InferencePerformance max = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.builder()
                        .promptTokens(256)
                        .outputTokens(1)
                        .batchSize(1)
                        .build())
                .build();
        ChipCalibration two =
                ChipCalibration.UNCALIBRATED.toBuilder().overlapExponent(2).build();
        ChipCalibration three =
                ChipCalibration.UNCALIBRATED.toBuilder().overlapExponent(3).build();
        double tMax = max.timeToFirstToken().toSeconds();
        double tTwo = max.withCalibration(two).timeToFirstToken().toSeconds();
        double tThree = max.withCalibration(three).timeToFirstToken().toSeconds();
        // a p-norm lies between the larger time and the sum, and falls as p grows
        assertThat(tTwo).isGreaterThan(tThree);
        assertThat(tThree).isGreaterThan(tMax);
        assertThat(ChipCalibration.UNCALIBRATED.withErrorBand(0.9, 1.2).errorHigh())
                .isEqualTo(1.2);
        assertThat(ChipCalibration.UNCALIBRATED.withErrorBand(1, 1).errorLow()).isEqualTo(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChipCalibration.UNCALIBRATED.toBuilder()
                        .overlapExponent(Double.POSITIVE_INFINITY)
                        .build())
                .withMessageContaining("overlapExponent (Infinity)");
        assertThat(ChipCalibration.UNCALIBRATED.toBuilder()
                        .overlapExponent(1)
                        .build()
                        .overlapExponent())
                .isEqualTo(1);
    }

    @Test
    void coverageCountsTheBandsEndsAndQuantilesInterpolate() {
        Measurement m = Measurement.builder()
                .source("synthetic")
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(16, 1))
                .timeToFirstToken(Seconds.of(1))
                .build();
        Evaluation e = Evaluation.of(
                List.of(new Evaluation.Point(m, 1.0), new Evaluation.Point(m, 0.5), new Evaluation.Point(m, 0.25)));
        // time ratios measured / predicted: 1, 2, 4
        assertThat(e.coverage(1, 2)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(e.coverage(2, 4)).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(e.timeRatioQuantile(1)).isEqualTo(4);
        assertThat(e.timeRatioQuantile(0.25)).isCloseTo(1.5, within(1e-12));
    }
}
