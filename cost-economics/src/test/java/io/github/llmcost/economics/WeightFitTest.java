package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.Limit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every figure of a {@link WeightFit} is the deployment's own, at the edges where it changes. */
class WeightFitTest {
    private static final Deployment RTX_8B = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
            .hardware(HardwarePresets.RTX_4090)
            .deployment();

    @Test
    void theLongestContextIsTheEdgeOfFeasibility() {
        WeightFit bf16 = WeightFit.of(RTX_8B, WeightScheme.BF16, 4096);
        long longest = bf16.longestContextTokens();
        assertThat(longest).isBetween(2L, 131_071L);
        Deployment d = bf16.deployment();
        assertThat(d.feasibility(Workload.of(longest, 0)).isFeasible()).isTrue();
        assertThat(d.feasibility(Workload.of(longest + 1, 0)).bindingLimit()).contains(Limit.KV_CACHE);
        assertThat(bf16.weightsFit()).isTrue();
        assertThat(bf16.isRunnable()).isTrue();
        assertThat(bf16.blockedBy()).isEmpty();
        assertThat(bf16.blockingLimit()).isEmpty();
    }

    @Test
    void smallWeightsReachTheModelsMaximumContext() {
        WeightFit q4 = WeightFit.of(RTX_8B, WeightScheme.Q4_K_M, 4096);
        assertThat(q4.longestContextTokens()).isEqualTo(131_072);
        assertThat(q4.weightBytes())
                .isEqualTo(WeightScheme.Q4_K_M
                        .weightBytes(ModelPresets.LLAMA_3_1_8B)
                        .total());
        assertThat(q4.deployment().formats().weightScheme()).isSameAs(WeightScheme.Q4_K_M);
        assertThat(q4.deployment().formats().activations()).isEqualTo(NumericFormat.BF16);
    }

    @Test
    void theLargestBatchAndTheDecodeSpeedAreTheDeploymentsOwn() {
        WeightFit awq = WeightFit.of(RTX_8B, WeightScheme.AWQ_INT4, 4096);
        Deployment d = awq.deployment();
        long batch = awq.largestBatch();
        assertThat(batch).isEqualTo(d.memory(Workload.of(4096, 0)).maxConcurrentSessions());
        assertThat(d.feasibility(Workload.of(4096, 0).withBatchSize((int) batch))
                        .isFeasible())
                .isTrue();
        assertThat(d.feasibility(Workload.of(4096, 0).withBatchSize((int) batch + 1))
                        .isFeasible())
                .isFalse();
        assertThat(awq.decodeContextTokens()).isEqualTo(4096);
        assertThat(awq.contextTokens()).isEqualTo(4096);
        assertThat(awq.decodeTokensPerSecond())
                .hasValue(d.estimate(Workload.of(4095, 1)).decodeTokensPerSecondPerUser());
        assertThat(awq.toString()).startsWith("awq-int4: 5.73 GB").contains("batch " + batch + " at 4096");
    }

    @Test
    void decodeFallsBackToTheLongestContextThatFits() {
        WeightFit bf16 = WeightFit.of(RTX_8B, WeightScheme.BF16, 100_000);
        assertThat(bf16.largestBatch()).isZero();
        assertThat(bf16.decodeContextTokens()).isEqualTo(bf16.longestContextTokens());
        assertThat(bf16.decodeTokensPerSecond()).isPresent();
    }

    @Test
    void aSchemeWithoutAComputePathIsMarkedNeverPriced() {
        WeightFit nvfp4 = WeightFit.of(RTX_8B, WeightScheme.NVFP4, 4096);
        assertThat(nvfp4.isRunnable()).isFalse();
        assertThat(nvfp4.blockingLimit()).contains(Limit.COMPUTE_FORMAT);
        assertThat(nvfp4.blockedBy()).hasValueSatisfying(s -> assertThat(s).contains("no FP4 compute"));
        assertThat(nvfp4.longestContextTokens()).isZero();
        assertThat(nvfp4.largestBatch()).isZero();
        assertThat(nvfp4.decodeTokensPerSecond()).isEmpty();
        assertThat(nvfp4.weightsFit()).isTrue();
        assertThat(nvfp4.toString()).startsWith("nvfp4: compute format");
        Deployment b200 = RTX_8B.withHardware(HardwarePresets.B200);
        assertThat(WeightFit.of(b200, WeightScheme.NVFP4, 4096).isRunnable()).isTrue();
    }

    @Test
    void weightsThatDoNotFitHoldNothing() {
        Deployment one = LlmCost.model(ModelPresets.LLAMA_3_1_70B)
                .hardware(HardwarePresets.H100_SXM)
                .deployment();
        WeightFit bf16 = WeightFit.of(one, WeightScheme.BF16, 4096);
        assertThat(bf16.weightsFit()).isFalse();
        assertThat(bf16.longestContextTokens()).isZero();
        assertThat(bf16.largestBatch()).isZero();
        assertThat(bf16.decodeTokensPerSecond()).isEmpty();
        assertThat(bf16.toString()).contains("do not fit");
        WeightFit two = WeightFit.of(one.withTensorParallel(2), WeightScheme.BF16, 4096);
        assertThat(two.weightsFit()).isTrue();
        assertThat(two.longestContextTokens()).isPositive();
    }

    @Test
    void aModelWithoutAMaximumIsSearchedUpToTheLimit() {
        ModelSpec open = ModelSpec.builder()
                .from(ModelPresets.LLAMA_3_2_1B)
                .maxContextTokens(java.util.OptionalLong.empty())
                .build();
        Deployment d = LlmCost.model(open).hardware(HardwarePresets.B200).deployment();
        WeightFit q4 = WeightFit.of(d, WeightScheme.Q4_0, 4096);
        assertThat(q4.longestContextTokens()).isEqualTo(WeightFit.CONTEXT_SEARCH_LIMIT);
    }

    @Test
    void overListsEverySchemeInOrder() {
        List<WeightFit> fits = WeightFit.over(RTX_8B, WeightFit.DEFAULT_SCHEMES, 4096);
        assertThat(fits).extracting(WeightFit::scheme).containsExactlyElementsOf(WeightFit.DEFAULT_SCHEMES);
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> WeightFit.of(RTX_8B, WeightScheme.BF16, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("contextTokens (1) must be >= 2");
        assertThatThrownBy(() -> WeightFit.of(RTX_8B, WeightScheme.BF16, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contextTokens (0)");
    }
}
