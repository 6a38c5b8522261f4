package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.Limit;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.ServingModel;
import io.github.llmcost.hardware.serving.Traffic;
import org.junit.jupiter.api.Test;

/** Money at load: a paid device-second over the tokens served in it, split by the prefill's share of the time. */
class ServingEstimateTest {
    static final Deployment D = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
            .hardware(HardwarePresets.H100_SXM)
            .tensorParallel(2)
            .weights(NumericFormat.FP8_E4M3)
            .pricePerHour(2.5)
            .utilization(0.8)
            .deployment();

    static final Traffic T = Traffic.of(2000, 200);

    @Test
    void atSaturationASecondOfTheDevicesIsSplitByThePrefillsShare() {
        ServingEstimate e = D.serving(T);
        Saturation s = e.saturation();
        // two devices at $2.50 an hour, 80% of paid hours in use
        double second = 2 * 2.5 / 3600 / 0.8;
        ServingEstimate.TokenCosts c = e.costs();
        assertThat(c.perMillionOutputTokens().toUsd())
                .isCloseTo(second * (1 - s.prefillShare()) * 1e6 / s.outputTokensPerSecond(), withinPercentage(1e-9));
        assertThat(c.perMillionInputTokens().toUsd())
                .isCloseTo(second * s.prefillShare() * 1e6 / s.inputTokensPerSecond(), withinPercentage(1e-9));
        assertThat(c.perMillionTokensBlended().toUsd())
                .isCloseTo(
                        second * 1e6 / (s.inputTokensPerSecond() + s.outputTokensPerSecond()), withinPercentage(1e-9));
        assertThat(e.saturation().outputTokensPerSecond())
                .isEqualTo(ServingModel.of(D.compiled(), Scheduler.defaults())
                        .saturated(T)
                        .outputTokensPerSecond());
        assertThat(e.deployment()).isSameAs(D);
        assertThat(e.traffic()).isEqualTo(T);
        assertThat(e.scheduler()).isEqualTo(Scheduler.defaults());
        assertThat(e.pricing()).isEqualTo(D.pricing());
        assertThat(e.calibration()).isEqualTo(D.calibration());
        assertThat(e.toString()).contains("serving 2000 in / 200 out", "per million output tokens", "blended");
    }

    @Test
    void atARateTheSameSecondBuysFewerTokens() {
        ServingEstimate e = D.serving(T);
        LoadPoint p = e.atRate(0.2 * e.saturation().requestsPerSecond());
        ServingEstimate.TokenCosts c = e.costsAt(p);
        // the load point counts the idle time: the pricing's 80% utilisation is not applied again
        double second = 2 * 2.5 / 3600;
        assertThat(c.perMillionOutputTokens().toUsd())
                .isCloseTo(second * (1 - p.prefillShare()) * 1e6 / p.outputTokensPerSecond(), withinPercentage(1e-9));
        assertThat(c.perMillionTokensBlended().toUsd())
                .isCloseTo(
                        second * 1e6 / (p.inputTokensPerSecond() + p.outputTokensPerSecond()), withinPercentage(1e-9));
        assertThat(c.perMillionTokensBlended()).isGreaterThan(e.costs().perMillionTokensBlended());
        assertThat(e.model().atRate(T, p.requestsPerSecond()).timePerOutputToken())
                .isEqualTo(p.timePerOutputToken());
        LoadPoint over = e.atRate(2 * e.saturation().requestsPerSecond());
        assertThatThrownBy(() -> e.costsAt(over))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not keep up");
        assertThatThrownBy(() -> e.costsAt(e.atRate(1e-310)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too small for a finite cost");
        ServingEstimate single = D.serving(Traffic.of(2000, 1));
        assertThat(single.costs().perMillionOutputTokens())
                .isEqualTo(single.costs().perMillionTokensBlended());
        assertThat(e.maxRateWithinSlo(Seconds.of(1), Seconds.of(0.05)).maxRequestsPerSecond())
                .isGreaterThan(0)
                .isLessThan(e.saturation().requestsPerSecond());
    }

    @Test
    void theBatchOneFloorIsOneRequestAloneAndTheBandsComeFromTheCalibration() {
        ServingEstimate e = D.serving(T);
        assertThat(e.batchOneCostPerMillionOutputTokens())
                .isEqualTo(D.estimate(Workload.of(2000, 200)).costPerMillionOutputTokens());
        assertThat(e.batchOneCostPerMillionOutputTokens())
                .isGreaterThan(e.costs().perMillionOutputTokens());
        double low = D.calibration().errorLow();
        double high = D.calibration().errorHigh();
        assertThat(e.timeInterval(Seconds.of(2)).low().toSeconds()).isCloseTo(2 * low, withinPercentage(1e-12));
        assertThat(e.timeInterval(Seconds.of(2)).high().toSeconds()).isCloseTo(2 * high, withinPercentage(1e-12));
        assertThat(e.rateInterval(100).low()).isCloseTo(100 / high, withinPercentage(1e-12));
        assertThat(e.rateInterval(100).high()).isCloseTo(100 / low, withinPercentage(1e-12));
        assertThat(e.costInterval(Money.of(3)).high().toUsd()).isCloseTo(3 * high, withinPercentage(1e-12));
        assertThat(e.costInterval(Money.of(3)).low().toUsd()).isCloseTo(3 * low, withinPercentage(1e-12));
    }

    @Test
    void withoutAPriceNoCostAndWithoutRoomNoServing() {
        Deployment unpriced = LlmCost.model(ModelPresets.LLAMA_3_2_1B)
                .hardware(HardwarePresets.RTX_4090)
                .deployment();
        ServingEstimate e = unpriced.serving(
                Traffic.of(500, 100), Scheduler.builder().maxBatchSize(8).build());
        assertThat(e.pricing()).isEmpty();
        assertThatThrownBy(e::costs).isInstanceOf(IllegalStateException.class).hasMessageContaining("no rental price");
        assertThat(e.toString()).contains("no price");
        assertThat(e.scheduler().maxBatchSize()).isEqualTo(8);
        Deployment big = LlmCost.model(ModelPresets.LLAMA_3_1_405B)
                .hardware(HardwarePresets.H100_SXM)
                .deployment();
        assertThatThrownBy(() -> big.serving(T))
                .isInstanceOf(InfeasibleConfigurationException.class)
                .satisfies(x -> assertThat(((InfeasibleConfigurationException) x)
                                .feasibility()
                                .bindingLimit())
                        .contains(Limit.MEMORY));
        Deployment fp8OnA100 = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.A100_80GB)
                .weights(NumericFormat.FP8_E4M3)
                .deployment();
        assertThatThrownBy(() -> fp8OnA100.serving(T))
                .isInstanceOf(InfeasibleConfigurationException.class)
                .satisfies(x -> assertThat(((InfeasibleConfigurationException) x)
                                .feasibility()
                                .bindingLimit())
                        .contains(Limit.COMPUTE_FORMAT));
    }
}
