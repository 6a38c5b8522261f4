package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.InferencePerformance;
import io.github.llmcost.hardware.Limit;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** A deployment holds every knob it was built with, compiles once, and answers for any workload. */
class DeploymentTest {
    private static Deployment llama() {
        return LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .tensorParallel(2)
                .convention(Convention.EXACT)
                .calibration(CalibratedEfficiencies.H100_SXM)
                .weights(NumericFormat.FP8_E4M3)
                .kvCache(NumericFormat.INT8)
                .frameworkOverhead(Bytes.ofGigabytes(2))
                .prefillChunkTokens(4096)
                .pricePerHour(2.5)
                .utilization(0.5)
                .electricityPerKwh(0.2)
                .deployment();
    }

    @Test
    void itHoldsEveryKnobItWasBuiltWith() {
        Deployment d = llama();
        assertThat(d.model()).isSameAs(ModelPresets.LLAMA_3_1_8B);
        assertThat(d.hardware()).isSameAs(HardwarePresets.H100_SXM);
        assertThat(d.tensorParallel()).isEqualTo(2);
        assertThat(d.convention()).isEqualTo(Convention.EXACT);
        assertThat(d.calibration()).isEqualTo(CalibratedEfficiencies.H100_SXM);
        assertThat(d.formats()).isEqualTo(Formats.of(NumericFormat.FP8_E4M3).withKvCache(NumericFormat.INT8));
        assertThat(d.frameworkOverheadPerDevice()).isEqualTo(Bytes.ofGigabytes(2));
        assertThat(d.prefillChunkTokens()).isEqualTo(4096);
        assertThat(d.pricing()).contains(GpuPricing.of(2.5).withUtilization(0.5));
        assertThat(d.electricityUsdPerKwh()).isEqualTo(0.2);
        assertThat(d)
                .hasToString("Llama 3.1 8B on 2 x NVIDIA H100 SXM (EXACT), weights FP8_E4M3, activations FP8_E4M3"
                        + " (W8A8), KV INT8, $2.50 per device-hour at 50% utilization");
        InferencePerformance p = d.performance(Workload.of(1024, 256));
        assertThat(p.tensorParallel()).isEqualTo(2);
        assertThat(p.calibration()).isEqualTo(CalibratedEfficiencies.H100_SXM);
        assertThat(p.prefillChunkTokens()).isEqualTo(4096);
        assertThat(p.frameworkOverheadPerDevice()).isEqualTo(Bytes.ofGigabytes(2));
        assertThat(p.formats()).isEqualTo(d.formats());
    }

    @Test
    void copiesChangeOneThing() {
        Deployment d = llama();
        Deployment one = d.withTensorParallel(1);
        assertThat(one.tensorParallel()).isEqualTo(1);
        assertThat(one.formats()).isEqualTo(d.formats());
        assertThat(one.toString()).startsWith("Llama 3.1 8B on NVIDIA H100 SXM (EXACT)");
        assertThat(d.withHardware(HardwarePresets.H200).hardware()).isSameAs(HardwarePresets.H200);
        assertThat(d.withFormats(Formats.BF16).formats()).isEqualTo(Formats.BF16);
        assertThat(d.withCalibration(ChipCalibration.UNCALIBRATED).calibration())
                .isEqualTo(ChipCalibration.UNCALIBRATED);
        Deployment unpriced = LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                .hardware(HardwarePresets.RTX_4090)
                .deployment();
        assertThat(unpriced.toString()).endsWith("no price");
        assertThat(unpriced.pricing()).isEmpty();
    }

    @Test
    void estimatesReuseTheCompiledDeploymentAndCopyTheirWorkload() {
        Deployment d = llama();
        Estimate e = d.estimate(Workload.of(4096, 512).withBatchSize(8));
        assertThat(e.deployment()).isSameAs(d);
        assertThat(e.tensorParallel()).isEqualTo(2);
        assertThat(e.compiled()).isSameAs(d.compiled());
        assertThat(e.withOutputTokens(100).workload().outputTokens()).isEqualTo(100);
        assertThat(e.withPromptTokens(100).workload().promptTokens()).isEqualTo(100);
        assertThat(e.withBatchSize(4).workload().batchSize()).isEqualTo(4);
        assertThat(e.withBatchSize(4).compiled()).isSameAs(d.compiled());
        assertThat(e.withWorkload(Workload.of(10, 10)).workload()).isEqualTo(Workload.of(10, 10));
        assertThat(d.feasibility(e.workload())).isEqualTo(e.feasibility());
        assertThat(d.memory(e.workload())).isEqualTo(e.memory());
        // energy priced at the deployment's electricity
        assertThat(e.electricityCostPerMillionOutputTokens().toUsd())
                .isCloseTo(e.joulesPerOutputToken() * 1e6 / 3.6e6 * 0.2, within(1e-12));
        // input cost: the prefill's time over every prompt token, and over those computed
        Estimate shared = d.estimate(Workload.of(4096, 512).withBatchSize(8).withSharedPrefixTokens(3072));
        double computed = shared.workload().prefillTokens();
        double all = 4096.0 * 8;
        assertThat(shared.costPerMillionInputTokens().toUsd())
                .isCloseTo(shared.costPerMillionUncachedInputTokens().toUsd() * computed / all, within(1e-12));
        assertThat(shared.toString()).contains("3072 shared prefix tokens").contains("W8A8");
        assertThat(llama().withFormats(Formats.of(NumericFormat.INT4))
                        .estimate(Workload.of(1024, 256))
                        .toString())
                .contains("(W4A16, weight-only)");
    }

    @Test
    void aDeploymentThatCannotBeCompiledStillGivesMemoryAndReasons() {
        Deployment fp8OnAmpere = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.A100_80GB)
                .weights(NumericFormat.FP8_E4M3)
                .deployment();
        Workload w = Workload.of(1024, 256);
        assertThat(fp8OnAmpere.feasibility(w).bindingLimit()).contains(Limit.COMPUTE_FORMAT);
        assertThat(fp8OnAmpere.memory(w).weights().toBytes()).isPositive();
        assertThatThrownBy(fp8OnAmpere::compiled)
                .isInstanceOf(InfeasibleConfigurationException.class)
                .hasMessageContaining("no FP8_E4M3 compute");
        Estimate e = fp8OnAmpere.estimate(w);
        assertThat(e.isFeasible()).isFalse();
        assertThatThrownBy(e::compiled).isInstanceOf(InfeasibleConfigurationException.class);
        assertThatThrownBy(e::performance).isInstanceOf(InfeasibleConfigurationException.class);
        assertThat(e.memory()).isEqualTo(fp8OnAmpere.memory(w));
    }

    @Test
    void sweepsOfOneDeploymentCopyTheirAxes() {
        Deployment d = llama();
        Sweep one = Sweep.over(d);
        assertThat(one.size()).isEqualTo(1);
        Sweep axes = one.batchSizes(1, 8)
                .promptTokens(1024, 2048, 4096)
                .outputTokens(128, 256)
                .sharedPrefixTokens(512);
        assertThat(axes.size()).isEqualTo(12);
        assertThat(one.size()).isEqualTo(1);
        SweepPoint last = axes.point(11);
        assertThat(last.promptTokens()).isEqualTo(4096);
        assertThat(last.outputTokens()).isEqualTo(256);
        assertThat(last.batchSize()).isEqualTo(8);
        assertThat(last)
                .isEqualTo(SweepPoint.of(
                        d.estimate(Workload.of(4096, 256).withBatchSize(8).withSharedPrefixTokens(512))));
        assertThat(axes.stream().toList()).hasSize(12);
        assertThatThrownBy(() -> one.batchSizes()).hasMessageContaining("batchSizes (empty)");
        assertThatThrownBy(() -> one.promptTokens(0)).hasMessageContaining("promptTokens (0)");
        assertThatThrownBy(() -> one.outputTokens(-1)).hasMessageContaining("outputTokens (-1)");
        assertThatThrownBy(() -> one.sharedPrefixTokens(-1)).hasMessageContaining("sharedPrefixTokens (-1)");
        assertThatThrownBy(() -> one.point(1)).hasMessageContaining("index (1)");
    }

    @Test
    void sweepPointsOfWhatCannotRunRefuseEveryFigure() {
        SweepPoint p = SweepPoint.of(llama().estimate(Workload.of(8192, 256).withBatchSize(100_000)));
        assertThat(p.feasible()).isFalse();
        assertThat(p.hasPrice()).isFalse();
        assertEachRefused(
                p::timeToFirstTokenSeconds,
                p::timePerOutputTokenSeconds,
                p::decodeTokensPerSecond,
                p::costPerMillionInputTokensUsd,
                p::costPerMillionOutputTokensUsd);
        SweepPoint ok = SweepPoint.of(llama().estimate(Workload.of(1024, 256)));
        assertThat(ok.hasPrice()).isTrue();
        assertThat(ok.decodeTokensPerSecond()).isPositive();
        assertThat(ok.toCsv()).contains("," + ok.timeToFirstTokenSeconds() + ",");
    }

    @Test
    void servingCostsOfWhatCannotRunAreRefused() {
        Estimate tooBig = LlmCost.model(ModelPresets.LLAMA_3_1_405B)
                .hardware(HardwarePresets.H100_SXM)
                .pricePerHour(2)
                .deployment()
                .estimate(Workload.of(1024, 256));
        ServingCost cost = ServingCost.of(tooBig);
        assertEachRefused(
                cost::costPerInputToken,
                cost::costPerMillionInputTokens,
                cost::costPerOutputToken,
                cost::costPerMillionOutputTokens,
                cost::costPerConcurrentUserHour,
                cost::fullBatchCostPerMillionOutputTokens);
        // the full-batch floor steps down to a batch whose own prefill still fits
        ServingCost full = ServingCost.of(LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .efficiency(Efficiency.DEFAULT)
                .pricePerHour(2)
                .deployment()
                .estimate(Workload.of(8192, 256)));
        assertThat(full.fullBatchCostPerMillionOutputTokens()).isLessThan(full.batchOneCostPerMillionOutputTokens());
        assertThat(Money.of(0).isZero()).isTrue();
        assertThat(Money.of(1).isZero()).isFalse();
    }

    @Test
    void theChipsOwnCalibrationIsTheDefaultAndFollowsACopyToAnotherChip() {
        Deployment h200 = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H200)
                .deployment();
        assertThat(h200.calibration()).isEqualTo(CalibratedEfficiencies.H200);
        assertThat(h200.calibration().source()).startsWith("h200: fitted");
        Deployment l40s = h200.withHardware(HardwarePresets.L40S);
        assertThat(l40s.calibration().source())
                .startsWith("NVIDIA L40S has no measurements of its own; the a100-80gb fit");
        Deployment chosen = h200.withCalibration(ChipCalibration.UNCALIBRATED);
        assertThat(chosen.withHardware(HardwarePresets.L40S).calibration()).isEqualTo(ChipCalibration.UNCALIBRATED);
        Estimate e = h200.estimate(Workload.of(4096, 512).withBatchSize(8));
        // the band: the time within [errorLow, errorHigh] times the point, a throughput inverted
        assertThat(e.timeToFirstTokenInterval().low().toSeconds())
                .isCloseTo(
                        e.timeToFirstToken().toSeconds() * CalibratedEfficiencies.FITTED_BAND_LOW,
                        withinPercentage(1e-9));
        assertThat(e.timePerOutputTokenInterval().high().toSeconds())
                .isCloseTo(
                        e.timePerOutputToken().toSeconds() * CalibratedEfficiencies.FITTED_BAND_HIGH,
                        withinPercentage(1e-9));
        assertThat(e.decodeTokensPerSecondInterval().low())
                .isCloseTo(e.decodeTokensPerSecond() / CalibratedEfficiencies.FITTED_BAND_HIGH, withinPercentage(1e-9));
        assertThat(e.costPerMillionOutputTokensInterval().high().toUsd())
                .isCloseTo(
                        e.costPerMillionOutputTokens().toUsd() * CalibratedEfficiencies.FITTED_BAND_HIGH,
                        withinPercentage(1e-9));
        assertThat(e.requestLatencyInterval().low().toSeconds())
                .isLessThan(e.requestLatency().toSeconds());
        assertThat(e.calibration()).isEqualTo(CalibratedEfficiencies.H200);
    }

    /** Each figure of what cannot run throws an {@link InfeasibleConfigurationException}. */
    private static void assertEachRefused(ThrowingCallable... figures) {
        for (ThrowingCallable figure : figures) {
            assertThatThrownBy(figure).isInstanceOf(InfeasibleConfigurationException.class);
        }
    }
}
