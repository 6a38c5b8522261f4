package io.github.llmcost.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.plan.Plan;
import io.github.llmcost.economics.plan.PlanCandidate;
import io.github.llmcost.economics.plan.PlanRequest;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.SpeculativeDecoding;
import io.github.llmcost.hardware.Step;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.serving.LoadPoint;
import io.github.llmcost.hardware.serving.Saturation;
import io.github.llmcost.hardware.serving.Scheduler;
import io.github.llmcost.hardware.serving.Traffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 19's target for speculative decoding: at acceptance 0.7 and {@code k = 3}, Llama 3.1 70B on H100s (H100
 * calibration, 1,024-token prompt, 256 output tokens) with Llama 3.2 1B or Llama 3.1 8B as draft cuts batch-1 time per
 * output token by 1.5-2.5x in the model; at large batch, where a step is compute-bound, it saves nothing or costs.
 *
 * <p>Published measurement: NVIDIA's technical blog "Boost Llama 3.3 70B Inference Throughput 3x with NVIDIA
 * TensorRT-LLM Speculative Decoding" (December 2024) measured draft-target speculation of Llama 3.3 70B (the 3.1 70B
 * architecture) on H200s at batch 1: 51.14 tokens/s without a draft, 181.74 with Llama 3.2 1B (3.55x). That run drafts
 * more tokens per round than {@code k = 3} at an acceptance the blog does not state, so it is no check of the figures
 * here (at {@code k = 3} no speculation can pass {@code E = 2.53}x); what the test takes from it is its ordering, a
 * smaller draft is faster at batch 1, which the model reproduces. Tolerances: the speedups the model gives today
 * (stated per row) within 2%, so that a change to the step-time model that moves them is seen; the band
 * exactly.
 */
class SpeculativeDecodingTargetTest {
    private static final SpeculativeDecoding ONE_B =
            SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.7);
    private static final SpeculativeDecoding EIGHT_B =
            SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_1_8B, 3, 0.7);

    private static Deployment llama70b(int gpus, NumericFormat weights) {
        return LlmCost.model(ModelPresets.LLAMA_3_1_70B)
                .hardware(HardwarePresets.H100_SXM)
                .calibration(CalibratedEfficiencies.H100_SXM)
                .tensorParallel(gpus)
                .weights(weights)
                .deployment();
    }

    private static double speedup(Deployment plain, SpeculativeDecoding s, int batch) {
        Workload w = Workload.of(1024, 256).withBatchSize(batch);
        Estimate without = plain.estimate(w);
        Estimate with = plain.withSpeculativeDecoding(s).estimate(w);
        return without.timePerOutputToken().toSeconds()
                / with.timePerOutputToken().toSeconds();
    }

    @ParameterizedTest(name = "70B on {0} x H100 in {1}, draft {2}: {3}x at batch 1")
    @CsvSource({
        "4, BF16, 1b, 2.150",
        "8, BF16, 1b, 2.038",
        "4, FP8_E4M3, 1b, 2.039",
        "8, FP8_E4M3, 1b, 1.936",
        "4, BF16, 8b, 1.686",
        "8, BF16, 8b, 1.589",
        "4, FP8_E4M3, 8b, 1.589"
    })
    void batchOneTimePerOutputTokenFallsByOneAndAHalfToTwoAndAHalf(
            int gpus, NumericFormat weights, String draft, double expected) {
        double s = speedup(llama70b(gpus, weights), draft.equals("1b") ? ONE_B : EIGHT_B, 1);
        assertThat(s).isBetween(1.5, 2.5).isCloseTo(expected, within(0.02 * expected));
    }

    @Test
    void theSmallerDraftIsFasterAtBatchOneAsPublished() {
        Deployment plain = llama70b(4, NumericFormat.FP8_E4M3);
        assertThat(speedup(plain, ONE_B, 1)).isGreaterThan(speedup(plain, EIGHT_B, 1));
    }

    @Test
    void atLargeBatchTheStepIsComputeBoundAndSpeculationSavesNothing() {
        Deployment plain = llama70b(4, NumericFormat.BF16);
        Workload big = Workload.of(1024, 256).withBatchSize(256);
        assertThat(plain.withSpeculativeDecoding(ONE_B)
                        .estimate(big)
                        .decode()
                        .bound()
                        .name())
                .isEqualTo("COMPUTE");
        assertThat(speedup(plain, ONE_B, 256)).isCloseTo(1.0, within(0.01));
        assertThat(speedup(plain, EIGHT_B, 256)).isLessThan(0.9);
        // and the benefit falls as the batch grows
        assertThat(speedup(plain, ONE_B, 64)).isLessThan(speedup(plain, ONE_B, 8));
        assertThat(speedup(plain, ONE_B, 8)).isLessThan(speedup(plain, ONE_B, 1));
    }

    /** One home: the estimate's time per output token is the compiled round over {@code E}, worked by hand. */
    @Test
    void theEstimateReadsTheRoundOverTheExpectedTokens() {
        Deployment d = llama70b(4, NumericFormat.FP8_E4M3).withSpeculativeDecoding(ONE_B);
        Workload w = Workload.of(1024, 256);
        Estimate e = d.estimate(w);
        double expectedTokens = 1 + 0.7 + 0.49 + 0.343;
        assertThat(e.tokensPerTargetStep()).isCloseTo(expectedTokens, within(1e-12));
        double round = d.compiled().step(Step.decode(1, 1024 + 128)).seconds();
        assertThat(e.timePerOutputToken().toSeconds()).isCloseTo(round / expectedTokens, within(1e-12 * round));
        assertThat(e.decodeTokensPerSecondPerUser()).isCloseTo(expectedTokens / round, within(1e-9 / round));
        assertThat(e.requestLatency().toSeconds())
                .isCloseTo(e.timeToFirstToken().toSeconds() + 255 * round / expectedTokens, within(1e-9 * round));
        // the round's figure for the record: 14.6 ms at TP 4 in FP8, 5.75 ms per output token
        assertThat(round).isCloseTo(0.014575, within(0.02 * 0.014575));
        assertThat(llama70b(4, NumericFormat.FP8_E4M3).estimate(w).tokensPerTargetStep())
                .isEqualTo(1);
        assertThat(d.toString()).contains("k = 3");
        assertThat(e.toString()).contains("2.533 tokens per target step");
    }

    @Test
    void servingUsesTheSameRound() {
        Deployment plain = llama70b(4, NumericFormat.FP8_E4M3);
        Deployment spec = plain.withSpeculativeDecoding(ONE_B);
        Traffic traffic = Traffic.of(1024, 256);
        // a lone request: the batch-1 round over E, as the estimate
        LoadPoint quiet = spec.serving(traffic).atRate(1e-4);
        double estimate =
                spec.estimate(Workload.of(1024, 256)).timePerOutputToken().toSeconds();
        assertThat(quiet.timePerOutputToken().toSeconds()).isCloseTo(estimate, within(0.01 * estimate));
        // one sequence at a time: the speedup of batch 1
        Scheduler one = Scheduler.builder().maxBatchSize(1).build();
        Saturation fast = spec.serving(traffic, one).saturation();
        Saturation slow = plain.serving(traffic, one).saturation();
        assertThat(fast.outputTokensPerSecond() / slow.outputTokensPerSecond()).isGreaterThan(1.5);
        assertThat(fast.timePerOutputToken().toSeconds())
                .isLessThan(slow.timePerOutputToken().toSeconds());
        // saturated with everything memory holds, each step is compute-bound: speculation serves no more
        Saturation full = spec.serving(traffic).saturation();
        Saturation fullPlain = plain.serving(traffic).saturation();
        assertThat(full.outputTokensPerSecond()).isLessThan(1.05 * fullPlain.outputTokensPerSecond());
    }

    /** At a tight time-per-output-token target, speculation lets fewer GPUs meet it: the plan costs less. */
    @Test
    void planningWithSpeculationMeetsATightTargetWithFewerGpus() {
        PlanRequest.Builder b = PlanRequest.builder()
                .model(ModelPresets.LLAMA_3_1_70B)
                .traffic(Traffic.of(1024, 256))
                .requestsPerSecond(5)
                .timeToFirstTokenP90(Seconds.of(1))
                .timePerOutputTokenP90(Seconds.of(0.012))
                .addHardware(HardwarePresets.H100_SXM)
                .addFormats(Formats.of(NumericFormat.FP8_E4M3));
        PlanCandidate plain = b.build().plan().best().orElseThrow();
        PlanCandidate spec = b.speculativeDecoding(ONE_B).build().plan().best().orElseThrow();
        assertThat(spec.totalGpus()).isLessThan(plain.totalGpus());
        assertThat(spec.costPerMonth().toUsd()).isLessThan(plain.costPerMonth().toUsd());
        assertThat(spec.deployment().speculativeDecoding()).contains(ONE_B);
        assertThat(Plan.describe(spec.deployment())).endsWith(", speculating k = 3 with Llama 3.2 1B");
        assertThat(Plan.describe(plain.deployment())).doesNotContain("speculating");
        assertThat(Plan.describe(
                        plain.deployment().withSpeculativeDecoding(SpeculativeDecoding.multiTokenPrediction(2, 0.8))))
                .endsWith(", speculating k = 2 by MTP");
    }

    @Test
    void multiTokenPredictionIsCheaperThanADraftModel() {
        Deployment plain = llama70b(8, NumericFormat.FP8_E4M3);
        double mtp = speedup(plain, SpeculativeDecoding.multiTokenPrediction(3, 0.7), 1);
        assertThat(mtp).isGreaterThan(speedup(plain, ONE_B, 1)).isLessThan(2.533);
        ModelSpec module = SpeculativeDecoding.multiTokenPrediction(3, 0.7).drafter(ModelPresets.LLAMA_3_1_70B);
        assertThat(module.numLayers()).isEqualTo(1);
    }
}
