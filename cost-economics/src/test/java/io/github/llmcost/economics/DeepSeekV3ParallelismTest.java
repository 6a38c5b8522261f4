package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.InfeasibleConfigurationException;
import io.github.llmcost.hardware.Limit;
import io.github.llmcost.hardware.NodeSpec;
import io.github.llmcost.hardware.Parallelism;
import io.github.llmcost.hardware.serving.ConcurrencyLimit;
import io.github.llmcost.hardware.serving.Traffic;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's target: DeepSeek-V3 in FP8 on one 8 x H200 node and on two 8 x H100 nodes (TP 8 x PP 2, or EP 16 with
 * data-parallel attention), estimated and served, each saying which limit binds; and the configurations that cannot
 * run, with theirs. Every replica is priced for all its GPUs.
 */
class DeepSeekV3ParallelismTest {
    private static final Workload CHAT = Workload.of(1024, 256).withBatchSize(32);
    private static final Traffic TRAFFIC = Traffic.of(1024, 256);

    private static LlmCost.Builder fp8(io.github.llmcost.hardware.HardwareSpec chip, int tp) {
        return LlmCost.model(ModelPresets.DEEPSEEK_V3)
                .hardware(chip)
                .tensorParallel(tp)
                .weights(NumericFormat.FP8_E4M3);
    }

    @Test
    void oneNodeOfEightH200sServesItAndTheKvCacheBinds() {
        Deployment d = fp8(HardwarePresets.H200, 8).deployment();
        assertThat(d.gpus()).isEqualTo(8);
        assertThat(d.node()).isSameAs(NodeSpec.DGX_H200);
        Estimate e = d.estimate(CHAT);
        assertThat(e.isFeasible()).isTrue();
        assertThat(e.gpus()).isEqualTo(8);
        ServingEstimate s = d.serving(TRAFFIC);
        assertThat(s.saturation().concurrencyLimit()).isEqualTo(ConcurrencyLimit.KV_CACHE);
        // with EP 8 and data-parallel attention the latent cache is stored once: the batch cap binds instead
        Deployment dp = fp8(HardwarePresets.H200, 8)
                .parallelism(Parallelism.of(1, 8).withDataParallelAttention(true))
                .deployment();
        assertThat(dp.estimate(CHAT).maxConcurrentSessions()).isGreaterThan(5 * e.maxConcurrentSessions());
        assertThat(dp.serving(TRAFFIC).saturation().concurrencyLimit()).isNotEqualTo(ConcurrencyLimit.KV_CACHE);
        assertThat(dp.serving(TRAFFIC).saturation().outputTokensPerSecond())
                .isGreaterThan(s.saturation().outputTokensPerSecond());
    }

    @Test
    void oneNodeOfEightH100sHoldsTheWeightsButNoBatch() {
        Estimate e = fp8(HardwarePresets.H100_SXM, 8).deployment().estimate(CHAT);
        assertThat(e.isFeasible()).isFalse();
        assertThat(e.feasibility().bindingLimit()).contains(Limit.KV_CACHE);
        // a longer context leaves no session at all: serving cannot hold one request
        Deployment d = fp8(HardwarePresets.H100_SXM, 8).deployment();
        assertThatThrownBy(() -> d.serving(Traffic.of(8192, 1024)))
                .isInstanceOf(InfeasibleConfigurationException.class)
                .hasMessageContaining("kv cache");
    }

    @Test
    void twoNodesOfEightH100sInTwoPipelineStages() {
        Deployment d = fp8(HardwarePresets.H100_SXM, 8)
                .parallelism(Parallelism.NONE.withPipeline(2))
                .node(NodeSpec.DGX_H100)
                .deployment();
        assertThat(d.gpus()).isEqualTo(16);
        assertThat(d.compiled().layout().nodes()).isEqualTo(2);
        assertThat(d.compiled().layout().crossingSends()).isEqualTo(1);
        Estimate e = d.estimate(CHAT);
        assertThat(e.isFeasible()).isTrue();
        // each stage's 8 GPUs hold about half the 671 GB of weights
        assertThat(e.memory().weights().toGigabytes()).isBetween(320.0, 350.0);
        ServingEstimate s = d.serving(TRAFFIC);
        // each stage stores 31 or 30 layers' latent caches on all its 8 GPUs: the KV cache still binds
        assertThat(s.saturation().concurrencyLimit()).isEqualTo(ConcurrencyLimit.KV_CACHE);
        assertThat(e.maxConcurrentSessions()).isGreaterThan(500);
        // priced for sixteen GPUs: a million output tokens cost 16 device-hours' share
        double perSecond = 16 * HardwarePresets.H100_SXM.rentalUsdPerHour().getAsDouble() / 3600;
        assertThat(e.costPerMillionOutputTokens().toUsd())
                .isCloseTo(perSecond * 1e6 / e.decodeTokensPerSecond(), withinPercentage(1e-9));
    }

    @Test
    void twoNodesOfEightH100sWithSixteenWayExpertParallelism() {
        Deployment d = fp8(HardwarePresets.H100_SXM, 16)
                .parallelism(
                        Parallelism.of(1, 16).withDataParallelAttention(true).withNodes(2))
                .deployment();
        assertThat(d.compiled().layout().expertCrossesNodes()).isTrue();
        Estimate e = d.estimate(CHAT);
        assertThat(e.isFeasible()).isTrue();
        ServingEstimate s = d.serving(TRAFFIC);
        assertThat(s.saturation().outputTokensPerSecond()).isPositive();
        // the all-to-alls cross the network: communication is a real share of a decode step
        assertThat(e.decode().communicationTime().toSeconds()).isPositive();
    }

    @Test
    void whatCannotRunSaysWhy() {
        // BF16 weights (1.34 TB) exceed two stages of 8 x 80 GB
        Estimate bf16 = LlmCost.model(ModelPresets.DEEPSEEK_V3)
                .hardware(HardwarePresets.H100_SXM)
                .tensorParallel(8)
                .parallelism(Parallelism.NONE.withPipeline(2))
                .deployment()
                .estimate(CHAT);
        assertThat(bf16.feasibility().bindingLimit()).contains(Limit.MEMORY);
        // two nodes declared for 8 GPUs
        Estimate mismatch = fp8(HardwarePresets.H200, 8)
                .parallelism(Parallelism.NONE.withNodes(2))
                .deployment()
                .estimate(CHAT);
        assertThat(mismatch.feasibility().bindingLimit()).contains(Limit.PARALLELISM);
        assertThat(mismatch.feasibility().summary()).contains("2 nodes of 8 GPUs");
        assertThatThrownBy(() -> Parallelism.NONE.withPipeline(0)).hasMessage("pipeline (0) must be > 0");
        assertThatThrownBy(() -> Parallelism.NONE.withExpert(-1)).hasMessage("expert (-1) must be > 0");
    }
}
