package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InferencePerformance;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dollars, joules and ratios figure by figure, each against the quantity it is derived from: prices per token, device
 * costs, the edge-versus-cloud crossovers, energy, prompt caching, serving costs, estimates and sweeps. Fixtures are
 * built inside each test (the presets and constants load once per JVM).
 */
class CostAccountingTest {

    static ModelSpec model() {
        return ModelSpec.builder()
                .name("small")
                .hiddenSize(1024)
                .numLayers(4)
                .numAttentionHeads(8)
                .numKeyValueHeads(2)
                .intermediateSize(4096)
                .vocabSize(32000)
                .build();
    }

    /** 2,048-token prompts of which 1,024 shared, 128 output tokens, batch 4. */
    static Workload workload() {
        return Workload.builder()
                .promptTokens(2048)
                .sharedPrefixTokens(1024)
                .outputTokens(128)
                .batchSize(4)
                .build();
    }

    /** {@link #model()} on two H100s at $2.00 per device-hour, on the plain roofline at {@link Efficiency#DEFAULT}. */
    static Deployment deployment() {
        return LlmCost.model(model())
                .hardware(HardwarePresets.H100_SXM)
                .tensorParallel(2)
                .efficiency(Efficiency.DEFAULT)
                .pricePerHour(2.0)
                .deployment();
    }

    @Test
    void moneyArithmeticAndOrder() {
        Money five = Money.of(5);
        assertThat(five.plus(Money.of(2.5))).isEqualTo(Money.of(7.5));
        assertThat(five.minus(Money.of(7.5))).isEqualTo(Money.of(-2.5));
        assertThat(five.multipliedBy(3)).isEqualTo(Money.of(15));
        assertThat(five.dividedBy(4)).isEqualTo(Money.of(1.25));
        assertThat(five.dividedBy(Money.of(2))).isEqualTo(2.5);
        assertThat(Money.of(1)).isLessThan(Money.of(2));
        assertThat(Money.of(2).compareTo(Money.of(1))).isPositive();
        assertThat(five).isEqualTo(Money.of(5)).hasSameHashCodeAs(Money.of(5));
        assertThat(five).isNotEqualTo(Money.of(6)).isNotEqualTo(Bytes.of(5));
        assertThat(five.hashCode()).isNotEqualTo(Money.of(6).hashCode());
        assertThatThrownBy(() -> five.dividedBy(Money.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("money ($0) must not be 0 to divide by");
    }

    @Test
    void moneyPrintsByMagnitudeAfterRounding() {
        assertThat(Money.ZERO).hasToString("$0");
        assertThat(Money.of(2.5)).hasToString("$2.50");
        assertThat(Money.of(1)).hasToString("$1.00");
        assertThat(Money.of(1000)).hasToString("$1,000");
        assertThat(Money.of(999.995)).hasToString("$1,000");
        assertThat(Money.of(999.994)).hasToString("$999.99");
        assertThat(Money.of(0.9999)).hasToString("$1.00");
        assertThat(Money.of(0.99949)).hasToString("$0.999");
        assertThat(Money.of(1_125_000)).hasToString("$1,125,000");
        assertThat(Money.of(-1_125_000)).hasToString("-$1,125,000");
        assertThat(Money.of(-2.5)).hasToString("-$2.50");
        assertThat(Money.of(-0.00000375)).hasToString("-$0.00000375");
        assertThat(Money.of(0.00000375)).hasToString("$0.00000375");
    }

    @Test
    void apiPricesPerTokenAndBlended() {
        ApiPrice price = ApiPrice.builder()
                .provider("Acme")
                .model("Acme Small")
                .inputUsdPerMillion(0.5)
                .outputUsdPerMillion(2)
                .source("acme.example/pricing")
                .asOf(LocalDate.of(2026, 1, 2))
                .build();
        assertThat(price.perInputToken()).isEqualTo(Money.of(0.5e-6));
        assertThat(price.perOutputToken()).isEqualTo(Money.of(2e-6));
        assertThat(price.blendedPerMillion(0.75).toUsd()).isCloseTo(0.875, within(1e-15));
        assertThat(price.outputPriceOver(Money.of(0.5))).isEqualTo(4.0);
        assertThat(price.cachedInputUsdPerMillion()).isEmpty();
        assertThat(price).hasToString("Acme Acme Small: $0.5 in / $2.00 out per million (2026-01-02)");
        assertThat(ApiPriceBook.byModel("gpt-4o-mini")).isSameAs(ApiPriceBook.GPT_4O_MINI);
        assertThat(ApiPriceBook.byModel("Claude Haiku 4.5")).isSameAs(ApiPriceBook.CLAUDE_HAIKU_4_5);
    }

    @Test
    void deviceCostsPerMonth() {
        DeviceCosts defaults = DeviceCosts.articleDefaults();
        assertThat(defaults.cdnUsdPerUpdate()).isEqualTo(0.01);
        assertThat(defaults.perDevicePerMonth().toUsd()).isCloseTo(0.30 / 36, within(1e-15));
        DeviceCosts updated = DeviceCosts.builder().updatesPerMonth(2).build();
        assertThat(updated.perDevicePerMonth().toUsd()).isCloseTo(0.30 / 36 + 0.02, within(1e-15));
    }

    @Test
    void edgeVersusCloud() {
        DeviceCosts device =
                DeviceCosts.builder().fixedEngineeringUsdPerMonth(1000).build();
        UsageProfile usage = UsageProfile.of(1_000_000, 50, 750);
        EdgeVsCloud edge = EdgeVsCloud.of(device, usage, Money.of(0.30), 20);
        assertThat(edge.device()).isSameAs(device);
        assertThat(edge.usage()).isSameAs(usage);
        // 5 W over 20 tokens/s
        assertThat(edge.joulesPerTokenOnDevice()).isEqualTo(0.25);
        double tokensPerMonth = 1_000_000 * 50 * 750.0;
        assertThat(edge.monthlyUserEnergyCost().toUsd()).isCloseTo(0.25 * tokensPerMonth / 3.6e6 * 0.15, within(1e-9));
        double cloudPerRequest = 0.30 * 750 / 1e6;
        assertThat(edge.crossoverRequestsPerUserPerMonth().orElseThrow())
                .isCloseTo(0.30 / 36 / cloudPerRequest, within(1e-9));
        double saving = 0.30 * 50 * 750 / 1e6 - 0.30 / 36;
        assertThat(edge.monthlyActiveUserThreshold().orElseThrow()).isCloseTo(1000 / saving, within(1e-6));
        assertThat(edge.monthlyCloudCost().toUsd()).isCloseTo(0.30 * tokensPerMonth / 1e6, within(1e-6));
        assertThat(edge.toString())
                .isEqualTo("1,000,000 MAU x 50 requests x 750 tokens: cloud $11,250/month, on-device $9,333/month"
                        + " (1.2x)");
        // a free cloud never loses; a cloud that costs exactly the device never loses either
        assertThat(EdgeVsCloud.of(device, usage, Money.ZERO, 20).crossoverRequestsPerUserPerMonth())
                .isEmpty();
        DeviceCosts cdnOnly = DeviceCosts.builder()
                .licenceUsdPerDevice(0)
                .updatesPerMonth(1)
                .fixedEngineeringUsdPerMonth(1000)
                .build();
        EdgeVsCloud even = EdgeVsCloud.of(cdnOnly, UsageProfile.of(10, 1, 10_000), Money.of(1), 20);
        assertThat(even.monthlyActiveUserThreshold()).isEmpty();
        assertThat(EdgeVsCloud.of(DeviceCosts.builder().licenceUsdPerDevice(0).build(), usage, Money.of(0.3), 20)
                        .toString())
                .endsWith("on-device $0/month");
    }

    @Test
    void usageProfileCopies() {
        UsageProfile usage = UsageProfile.of(1000, 50, 750);
        assertThat(usage.withRequestsPerUserPerMonth(10)).isEqualTo(UsageProfile.of(1000, 10, 750));
        assertThat(usage.withMonthlyActiveUsers(7)).isEqualTo(UsageProfile.of(7, 50, 750));
        assertThat(UsageProfile.monthlyFromDaily(12)).isEqualTo(365.0);
    }

    @Test
    void energyPerTokenAndItsElectricity() {
        Estimate e = LlmCost.model(model())
                .tensorParallel(2)
                .workload(workload())
                .electricityPerKwh(0.10)
                .estimate();
        double joules = 2 * 700 / e.decodeTokensPerSecond();
        assertThat(e.joulesPerOutputToken()).isCloseTo(joules, within(1e-12));
        assertThat(e.electricityCostPerMillionOutputTokens().toUsd())
                .isCloseTo(joules * 1e6 / 3.6e6 * 0.10, within(1e-12));
    }

    @Test
    void gpuPricing() {
        GpuPricing half = GpuPricing.of(2.5).withUtilization(0.5);
        assertThat(half.utilization()).isEqualTo(0.5);
        assertThat(half.usdPerDeviceHour()).isEqualTo(2.5);
        assertThat(half.costOf(1800, 2)).isEqualTo(Money.of(5));
        assertThat(half.costPerToken(100).toUsd()).isCloseTo(2.5 / (3600 * 100 * 0.5), within(1e-18));
        assertThat(half).hasToString("$2.50 per device-hour at 50% utilization");
        assertThat(GpuPricing.of(HardwarePresets.H100_SXM).usdPerDeviceHour())
                .isEqualTo(HardwarePresets.H100_SXM.rentalUsdPerHour().orElseThrow());
        assertThat(GpuPricing.ARTICLE_H100_USD_PER_HOUR).isEqualTo(2.5);
        assertThatThrownBy(() -> GpuPricing.of(HardwarePresets.RTX_4090))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NVIDIA GeForce RTX 4090")
                .hasMessageContaining("no rental price");
        assertThat(GpuPricing.of(HardwarePresets.A100_80GB).usdPerDeviceHour())
                .isEqualTo(HardwarePresets.A100_80GB.rentalUsdPerHour().orElseThrow());
    }

    @Test
    void servingCostsPerToken() {
        Estimate e = deployment().estimate(workload());
        ServingCost cost = ServingCost.of(e);
        assertThat(cost.estimate()).isSameAs(e);
        assertThat(cost.pricing()).isEqualTo(GpuPricing.of(2.0));
        assertThat(cost.perReplicaHour()).isEqualTo(Money.of(4));
        assertThat(cost.costPerOutputToken().toUsd()).isCloseTo(4.0 / 3600 / e.decodeTokensPerSecond(), within(1e-15));
        assertThat(cost.costPerInputToken().toUsd()).isCloseTo(4.0 / 3600 / e.prefillTokensPerSecond(), within(1e-15));
        assertThat(cost.costPerConcurrentUserHour().toUsd()).isCloseTo(4.0 / e.maxConcurrentSessions(), within(1e-12));
        // at the deployment's price, the estimate's own figures
        assertThat(cost.costPerMillionOutputTokens()).isEqualTo(e.costPerMillionOutputTokens());
        assertThat(cost.costPerMillionInputTokens()).isEqualTo(e.costPerMillionUncachedInputTokens());
        // at another price, the same throughput priced
        ServingCost half = ServingCost.of(e, GpuPricing.of(1.0));
        assertThat(half.costPerOutputToken().toUsd())
                .isCloseTo(cost.costPerOutputToken().toUsd() / 2, within(1e-15));
        assertThat(cost.toString())
                .startsWith("ServingCost[" + cost.costPerMillionInputTokens() + " per million input, ")
                .endsWith(" per million output, $2.00 per device-hour at 100% utilization]");
    }

    @Test
    void promptCachingSavesThePrefixOnce() {
        Deployment d = deployment();
        InferencePerformance shared = d.performance(workload());
        InferencePerformance unshared = d.performance(workload().withSharedPrefixTokens(0));
        PromptCaching caching = PromptCaching.of(d.estimate(workload()));
        assertThat(caching.prefillFlopsSaved().toFlops())
                .isCloseTo(
                        unshared.prefill().flops().toFlops()
                                - shared.prefill().flops().toFlops(),
                        within(1.0));
        assertThat(caching.prefillFlopsSaved().toFlops()).isPositive();
        assertThat(caching.prefillTimeSaved().toSeconds())
                .isCloseTo(
                        unshared.timeToFirstToken().toSeconds()
                                - shared.timeToFirstToken().toSeconds(),
                        within(1e-15))
                .isPositive();
        assertThat(caching.prefixKvBytes()).isEqualTo(shared.kvCache().sharedPrefixBytes(1024));
        assertThat(caching.sessionsWithSharing()).isEqualTo(shared.maxConcurrentSessions());
        assertThat(caching.sessionsWithoutSharing()).isEqualTo(unshared.maxConcurrentSessions());
        assertThat(caching.sessionsWithSharing()).isGreaterThan(caching.sessionsWithoutSharing());
        assertThat(caching.costPerRequestWithCaching().toUsd())
                .isCloseTo(2 * 2.0 * shared.requestLatency().toSeconds() / 4 / 3600, within(1e-15));
        assertThat(caching.costPerRequestWithoutCaching().toUsd())
                .isCloseTo(2 * 2.0 * unshared.requestLatency().toSeconds() / 4 / 3600, within(1e-15));
        // a computed token costs its share of the unshared prefill; a cached one the time to read its KV once
        double computed = unshared.timeToFirstToken().toSeconds() / (2048.0 * 4);
        double kvPerToken = shared.kvCache().bytesPerToken().toBytes();
        double cached = kvPerToken / (3.35e12 * Efficiency.DEFAULT_BANDWIDTH * 2);
        assertThat(caching.cachedInputDiscount()).isCloseTo(1 - cached / computed, within(1e-12));
        assertThat(caching.cachedInputPricePerMillion(1.0).toUsd())
                .isCloseTo(1 - caching.cachedInputDiscount(), within(1e-15));
        assertThat(caching.toString())
                .startsWith("PromptCaching[1024 shared tokens: prefill saves ")
                .contains(caching.sessionsWithoutSharing() + " -> " + caching.sessionsWithSharing() + " sessions")
                .endsWith(String.format(
                        java.util.Locale.ROOT, "cached input discount %.1f%%]", 100 * caching.cachedInputDiscount()));
        // without a price the comparison stands, and only the costs are refused
        PromptCaching unpriced = PromptCaching.of(LlmCost.model(model())
                .hardware(HardwarePresets.RTX_4090)
                .workload(workload())
                .estimate());
        assertThat(unpriced.prefillTimeSaved().toSeconds()).isPositive();
        assertThatThrownBy(unpriced::costPerRequestWithCaching)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NVIDIA GeForce RTX 4090 has no rental price");
    }

    @Test
    void anEstimateHoldsEveryFigureOfItsConfiguration() {
        Estimate e = LlmCost.model(model())
                .tensorParallel(2)
                .workload(workload())
                .frameworkOverhead(Bytes.ofGigabytes(3))
                .convention(Convention.EXACT)
                .pricePerHour(2.0)
                .estimate();
        InferencePerformance perf = e.performance();
        assertThat(e.tensorParallel()).isEqualTo(2);
        assertThat(e.convention()).isEqualTo(Convention.EXACT);
        assertThat(e.workload().sharedPrefixTokens()).isEqualTo(1024);
        assertThat(perf.frameworkOverheadPerDevice()).isEqualTo(Bytes.ofGigabytes(3));
        assertThat(e.memory()).isEqualTo(perf.memory());
        assertThat(e.memory().frameworkOverhead()).isEqualTo(Bytes.ofGigabytes(6));
        assertThat(e.maxConcurrentSessions())
                .isEqualTo(perf.maxConcurrentSessions())
                .isPositive();
        double step = e.timePerOutputToken().toSeconds();
        assertThat(e.decodeTokensPerSecondPerUser()).isCloseTo(1 / step, within(1e-9));
        assertThat(e.decodeTokensPerSecond()).isCloseTo(4 / step, within(1e-9));
        assertThat(e.requestLatency().toSeconds())
                .isCloseTo(e.timeToFirstToken().toSeconds() + 127 * step, within(1e-12));
        assertThat(e.decodeStepFlops().toFlops())
                .isCloseTo(2 * perf.decode().flops().toFlops(), within(1e-3));
        assertThat(e.prefillFlops().toFlops())
                .isCloseTo(2 * perf.prefill().flops().toFlops(), within(1e-3));
        assertThat(e.toString()).startsWith("small on 2 x NVIDIA H100 SXM (EXACT): 2048 prompt + 128 output tokens");
        assertThat(LlmCost.model(model()).estimate().toString()).startsWith("small on NVIDIA H100 SXM (EXACT)");
    }

    @Test
    void sweepsBuiltAxisByAxis() throws IOException {
        Sweep sweep = Sweep.builder()
                .models(List.of(model(), model().withName("small, \"quoted\"")))
                .hardware(List.of(HardwarePresets.H100_SXM))
                .weightFormats(NumericFormat.BF16, NumericFormat.INT8)
                .kvCacheFormats(NumericFormat.INT8)
                .promptTokens(512, 1024, 2048)
                .outputTokens(0, 64)
                .batchSizes(1, 2)
                .convention(Convention.ARTICLE)
                .efficiency(Efficiency.PEAK)
                .pricePerHour(3.0)
                .utilization(0.5)
                .build();
        assertThat(sweep.size()).isEqualTo(2L * 1 * 2 * 1 * 3 * 2 * 2);
        SweepPoint last = sweep.point(47);
        assertThat(last.model().name()).isEqualTo("small, \"quoted\"");
        assertThat(last.weightFormat()).isEqualTo(NumericFormat.INT8);
        assertThat(last.kvCacheFormat()).isEqualTo(NumericFormat.INT8);
        assertThat(last.promptTokens()).isEqualTo(2048);
        assertThat(last.outputTokens()).isEqualTo(64);
        assertThat(last.batchSize()).isEqualTo(2);
        SweepPoint p = sweep.point(17); // model 0, INT8 weights, prompt 1024, 0 output tokens, batch 2
        assertThat(p.weightFormat()).isEqualTo(NumericFormat.INT8);
        assertThat(p.promptTokens()).isEqualTo(1024);
        assertThat(p.outputTokens()).isZero();
        assertThat(p.batchSize()).isEqualTo(2);
        Estimate e = LlmCost.model(model())
                .convention(Convention.ARTICLE)
                .efficiency(Efficiency.PEAK)
                .weights(NumericFormat.INT8)
                .kvCache(NumericFormat.INT8)
                .promptTokens(1024)
                .outputTokens(0)
                .batchSize(2)
                .pricePerHour(3.0)
                .utilization(0.5)
                .estimate();
        assertThat(p.costPerMillionInputTokensUsd())
                .isEqualTo(e.costPerMillionInputTokens().toUsd());
        assertThat(p.timeToFirstTokenSeconds()).isEqualTo(e.timeToFirstToken().toSeconds());
        assertThat(last.toCsv()).startsWith("\"small, \"\"quoted\"\"\",NVIDIA H100 SXM,INT8,INT8,2048,64,2,");
        assertThat(p.toCsv()).startsWith("small,NVIDIA H100 SXM,INT8,INT8,1024,0,2,");
        StringBuilder csv = new StringBuilder();
        sweep.writeCsv(csv);
        assertThat(csv.toString().lines()).hasSize(49).first().isEqualTo(SweepPoint.CSV_HEADER);
        assertThatThrownBy(() -> sweep.point(48))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index (48) must be in [0, 48)");
        assertThatThrownBy(() -> sweep.point(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index (-1) must be in [0, 48)");
    }

    @Test
    void everySweepAxisNeedsAValue() {
        assertThatThrownBy(
                        () -> Sweep.builder().hardware(HardwarePresets.H100_SXM).build())
                .hasMessage("models (empty) must have at least one value");
        assertThatThrownBy(() -> Sweep.builder().models(model()).build())
                .hasMessage("hardware (empty) must have at least one value");
        SweepBuilder ok = Sweep.builder().models(model()).hardware(HardwarePresets.H100_SXM);
        assertThatThrownBy(() -> ok.weightFormats().build())
                .hasMessage("weightFormats (empty) must have at least one value");
        ok.weightFormats(NumericFormat.BF16);
        assertThatThrownBy(() -> ok.kvCacheFormats().build())
                .hasMessage("kvCacheFormats (empty) must have at least one value");
        ok.kvCacheFormats(NumericFormat.BF16);
        assertThatThrownBy(() -> ok.promptTokens().build())
                .hasMessage("promptTokens (empty) must have at least one value");
        ok.promptTokens(16);
        assertThatThrownBy(() -> ok.outputTokens().build())
                .hasMessage("outputTokens (empty) must have at least one value");
        ok.outputTokens(0);
        assertThatThrownBy(() -> ok.batchSizes().build()).hasMessage("batchSizes (empty) must have at least one value");
        assertThatThrownBy(() -> ok.batchSizes(1).outputTokens(-1).build())
                .hasMessage("outputTokens (-1) must be >= 0");
        assertThatThrownBy(() -> ok.outputTokens(0).pricePerHour(0).build())
                .hasMessage("pricePerHour (0.0) must be finite and > 0");
        assertThat(Sweep.builder()
                        .models(model())
                        .hardware(HardwarePresets.H100_SXM)
                        .outputTokens(0)
                        .build()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aSweepTooLargeToCountIsRejected() {
        long[] tokens = new long[1 << 21];
        java.util.Arrays.fill(tokens, 1);
        int[] batches = new int[1 << 21];
        java.util.Arrays.fill(batches, 1);
        // 2^21 x 2^21 x 2^21 points overflow a long
        assertThatThrownBy(() -> Sweep.builder()
                        .models(model())
                        .hardware(HardwarePresets.H100_SXM)
                        .promptTokens(tokens)
                        .outputTokens(tokens)
                        .batchSizes(batches)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sweep size overflows a long");
        // 2^21 x 2^21 x 2^20 x 5 wraps around to a positive count, 2^62
        assertThatThrownBy(() -> Sweep.builder()
                        .models(model(), model(), model(), model(), model())
                        .hardware(HardwarePresets.H100_SXM)
                        .promptTokens(tokens)
                        .outputTokens(tokens)
                        .batchSizes(java.util.Arrays.copyOf(batches, 1 << 20))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sweep size overflows a long");
    }
}
