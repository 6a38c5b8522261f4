package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.ParameterBreakdown;
import io.github.llmcost.core.Seconds;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.calibration.CalibratedEfficiencies;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import org.junit.jupiter.api.Test;

/**
 * A speculative round composed by hand from passes of the target and of the drafter, each built independently of
 * {@link SpeculativeRound}: the verification's extra LM-head work, the round, the per-token decode step, the prefill
 * with the drafter's, the simulator's per-token step, and the memory the drafter adds. Sums of the same passes are
 * compared within a relative 1e-12 (they add the same terms in another order).
 */
class SpeculativeRoundTest {
    private static final double RELATIVE = 1e-12;
    private static final int K = 3;
    private static final double A = 0.7;
    private static final double E = 1 + 0.7 + 0.49 + 0.343;
    private static final ChipCalibration CALIBRATION = CalibratedEfficiencies.H100_SXM;

    private static InferencePerformance target(int devices, ModelSpec model) {
        return InferencePerformance.builder()
                .model(model)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(1024, 256))
                .tensorParallel(devices)
                .formats(Formats.of(NumericFormat.FP8_E4M3))
                .calibration(CALIBRATION)
                .build();
    }

    private static InferencePerformance speculating(InferencePerformance target, SpeculativeDecoding s) {
        return InferencePerformance.builder()
                .from(target)
                .speculativeDecoding(s)
                .build();
    }

    /** The drafter as the round runs it: the target's chips, formats and calibration, no step overhead of its own. */
    private static CompiledPerformance drafter(InferencePerformance target, ModelSpec draft, int devices) {
        return InferencePerformance.builder()
                .model(draft)
                .hardware(target.hardware())
                .workload(Workload.of(1, 0))
                .tensorParallel(devices)
                .formats(target.formats())
                .calibration(CALIBRATION.toBuilder().stepOverhead(Seconds.ZERO).build())
                .frameworkOverheadPerDevice(Bytes.ZERO)
                .build()
                .compiled();
    }

    private static Step verify(int sequences, long contextTokens) {
        return Step.builder()
                .add(sequences, K + 1L, contextTokens - 1, Step.VERIFY)
                .build();
    }

    @Test
    void verificationSamplesEveryTokenFromTheLmHead() {
        CompiledPerformance plain = target(4, ModelPresets.LLAMA_3_1_70B).compiled();
        PassCosts verifying = plain.walk(verify(8, 2000), 0, 0, 0, false);
        PassCosts extending = plain.step(Step.prefill(8, K + 1L, 1999));
        double lmHead =
                FlopCounter.of(ModelPresets.LLAMA_3_1_70B, Convention.EXACT).lmHeadWeightElements();
        // K more tokens per sequence through the LM head: 2 FLOPs per weight each, over 4 devices
        assertThat(verifying.flops() - extending.flops())
                .isCloseTo(2 * lmHead * 8 * K / 4, within(1e-9 * verifying.flops()));
        assertThat(verify(8, 2000).sampledTokens()).isEqualTo(8L * (K + 1));
        assertThat(Step.prefill(8, K + 1L, 1999).sampledTokens()).isEqualTo(8);
        assertThat(Step.decode(8, 2000).sampledTokens()).isEqualTo(8);
        assertThat(verify(8, 2000)).isNotEqualTo(Step.prefill(8, K + 1L, 1999));
        assertThat(verify(8, 2000).hashCode())
                .isNotEqualTo(Step.prefill(8, K + 1L, 1999).hashCode());
    }

    @Test
    void aRoundIsTheVerificationPlusKDraftSteps() {
        InferencePerformance plain = target(4, ModelPresets.LLAMA_3_1_70B);
        SpeculativeDecoding s = SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, K, A);
        CompiledPerformance spec = speculating(plain, s).compiled();
        CompiledPerformance draft = drafter(plain, ModelPresets.LLAMA_3_2_1B, 4);
        for (int batch : new int[] {1, 16, 256}) {
            PassCosts verifying = plain.compiled().walk(verify(batch, 1152), 0, 0, 0, false);
            PassCosts drafting = draft.step(Step.decode(batch, 1152));
            double round = verifying.seconds() + K * drafting.seconds();
            PassCosts actual = spec.step(Step.decode(batch, 1152));
            assertThat(actual.seconds()).isCloseTo(round, within(RELATIVE * round));
            assertThat(actual.flops())
                    .isCloseTo(verifying.flops() + K * drafting.flops(), within(RELATIVE * actual.flops()));
            assertThat(actual.overheadSeconds())
                    .isCloseTo(verifying.overheadSeconds() + K * drafting.overheadSeconds(), within(1e-15));
            assertThat(actual.communicationSeconds())
                    .isCloseTo(verifying.communicationSeconds() + K * drafting.communicationSeconds(), within(1e-15));
            // per output token: the round over E
            assertThat(spec.decodeStep(1152, batch).seconds()).isCloseTo(round / E, within(RELATIVE * round));
            assertThat(spec.decodeStep(1152, batch).flops())
                    .isCloseTo(actual.flops() / E, within(RELATIVE * actual.flops()));
            assertThat(spec.decodeStep(1152, batch).bound()).isEqualTo(actual.bound());
        }
        // the engine's step overhead once a round, the target's: the drafts pay their layers' only
        assertThat(draft.step(Step.decode(1, 1152)).overheadSeconds())
                .isCloseTo(CALIBRATION.layerOverhead().toSeconds() * 16, within(1e-15));
    }

    @Test
    void theDecodeAnalysisIsPerOutputToken() {
        InferencePerformance spec = speculating(
                target(4, ModelPresets.LLAMA_3_1_70B),
                SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, K, A));
        assertThat(spec.decode().time().toSeconds())
                .isCloseTo(
                        spec.timePerOutputToken().toSeconds(),
                        within(1e-9 * spec.timePerOutputToken().toSeconds()));
        PhaseAnalysis round = spec.compiled().analyse(Step.decode(1, 1152), Phase.DECODE);
        assertThat(round.time().toSeconds())
                .isCloseTo(
                        spec.compiled().step(Step.decode(1, 1152)).seconds(),
                        within(1e-9 * round.time().toSeconds()));
    }

    @Test
    void mixedStepsVerifyTheDecodesAndPrefillWithTheDrafterToo() {
        InferencePerformance plain = target(4, ModelPresets.LLAMA_3_1_70B);
        CompiledPerformance spec = speculating(
                        plain, SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, K, A))
                .compiled();
        CompiledPerformance draft = drafter(plain, ModelPresets.LLAMA_3_2_1B, 4);
        Step mixed = Step.builder().decode(10, 1500).prefill(1, 512, 1024).build();
        Step targetSide = Step.builder()
                .add(10, K + 1L, 1499, Step.VERIFY)
                .prefill(1, 512, 1024)
                .build();
        double expected = plain.compiled().walk(targetSide, 0, 0, 0, false).seconds()
                + draft.step(mixed).seconds()
                + (K - 1) * draft.step(Step.decode(10, 1500)).seconds();
        assertThat(spec.step(mixed).seconds()).isCloseTo(expected, within(RELATIVE * expected));
        // prefill: the target's and the drafter's
        Workload w = Workload.of(2048, 128).withBatchSize(2);
        double prefill = plain.compiled().prefill(w).seconds()
                + draft.step(Step.prefill(2, 2048, 0)).seconds();
        assertThat(spec.prefill(w).seconds()).isCloseTo(prefill, within(RELATIVE * prefill));
    }

    @Test
    void theDraftModelsWeightsAndCacheAddToMemory() {
        InferencePerformance plain = target(4, ModelPresets.LLAMA_3_1_70B);
        InferencePerformance spec =
                speculating(plain, SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, K, A));
        Workload w = Workload.of(4096, 1024);
        MemoryBudget before = plain.compiled().memory(w);
        MemoryBudget after = spec.compiled().memory(w);
        double draftWeights = ModelPresets.LLAMA_3_2_1B.parameters().totalParameters() * 1.0; // FP8: a byte each
        assertThat(after.weights().toBytes() - before.weights().toBytes()).isCloseTo(draftWeights, within(1.0));
        // Llama 3.2 1B's 8 KV heads split over 4 devices: one copy of its 5,120-token cache
        double draftCache = KvCache.of(ModelPresets.LLAMA_3_2_1B, Convention.EXACT, NumericFormat.BF16)
                .sessionBytes(5120)
                .toBytes();
        assertThat(after.kvCachePerSession().toBytes()
                        - before.kvCachePerSession().toBytes())
                .isCloseTo(draftCache, within(1e-6 * draftCache));
        assertThat(after.maxConcurrentSessions()).isLessThan(before.maxConcurrentSessions());
        long fit = (long) Math.floor(
                after.kvCacheBudget().toBytes() / after.kvCachePerSession().toBytes());
        assertThat(after.maxConcurrentSessions()).isBetween(fit - 1, fit);
        assertThat(spec.compiled().maxConcurrentSessions(w)).isEqualTo(after.maxConcurrentSessions());
    }

    @Test
    void multiTokenPredictionAddsOneLayerPerTokenAndSharesTheEmbeddingAndHead() {
        InferencePerformance plain = target(8, ModelPresets.LLAMA_3_1_70B);
        InferencePerformance spec = speculating(plain, SpeculativeDecoding.multiTokenPrediction(2, 0.8));
        ParameterBreakdown layer = SpeculativeDecoding.multiTokenPrediction(2, 0.8)
                .drafter(ModelPresets.LLAMA_3_1_70B)
                .parameters();
        double moduleWeights = layer.totalParameters() - layer.embeddingParameters() - layer.lmHeadParameters();
        Workload w = Workload.of(1024, 256);
        MemoryBudget before = plain.compiled().memory(w);
        MemoryBudget after = spec.compiled().memory(w);
        assertThat(after.weights().toBytes() - before.weights().toBytes()).isCloseTo(2 * moduleWeights, within(1.0));
        // two layers of 8 KV heads over 8 devices, against the target's 80
        assertThat(after.kvCachePerSession().toBytes()
                        / before.kvCachePerSession().toBytes())
                .isCloseTo(1 + 2.0 / 80, within(1e-12));
        // a round: the verification plus two one-layer draft steps with the LM head
        CompiledPerformance module =
                drafter(plain, SpeculativeDecoding.multiTokenPrediction(2, 0.8).drafter(ModelPresets.LLAMA_3_1_70B), 8);
        double round = plain.compiled()
                        .walk(Step.builder().add(1, 3, 1151, Step.VERIFY).build(), 0, 0, 0, false)
                        .seconds()
                + 2 * module.step(Step.decode(1, 1152)).seconds();
        assertThat(spec.compiled().step(Step.decode(1, 1152)).seconds()).isCloseTo(round, within(RELATIVE * round));
        assertThat(spec.compiled().decodeStep(1152, 1).seconds())
                .isCloseTo(round / 2.44, within(RELATIVE * round)); // E = 1 + 0.8 + 0.64
    }

    @Test
    void aDrafterWhoseHeadsDoNotShardRunsOnOneDevice() {
        // Llama 3.2 1B has 32 heads: over 64 devices it cannot shard, and drafts on one
        SpeculativeRound round = SpeculativeRound.of(speculating(
                target(1, ModelPresets.LLAMA_3_1_70B),
                SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, K, A)));
        assertThat(round.draft().template().tensorParallel()).isEqualTo(1);
        assertThat(round.verifiedTokens()).isEqualTo(K + 1);
        assertThat(round.tokensPerTargetStep()).isCloseTo(E, within(1e-12));
        assertThat(round.config().speculativeTokens()).isEqualTo(K);
        assertThat(round.toString()).contains("Llama 3.2 1B");
        InferencePerformance wide = InferencePerformance.builder()
                .from(target(64, ModelPresets.LLAMA_3_1_405B))
                .speculativeDecoding(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, K, A))
                .build();
        assertThat(SpeculativeRound.of(wide).draft().template().tensorParallel())
                .isEqualTo(1);
        InferencePerformance even = InferencePerformance.builder()
                .from(target(8, ModelPresets.LLAMA_3_1_405B))
                .speculativeDecoding(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, K, A))
                .build();
        assertThat(SpeculativeRound.of(even).draft().template().tensorParallel())
                .isEqualTo(8);
    }

    @Test
    void withoutSpeculationNothingChanges() {
        CompiledPerformance plain = target(4, ModelPresets.LLAMA_3_1_70B).compiled();
        assertThat(plain.decodeStep(1152, 4).seconds())
                .isEqualTo(plain.step(Step.decode(4, 1152)).seconds());
        assertThat(plain.template().speculativeDecoding()).isEmpty();
    }
}
