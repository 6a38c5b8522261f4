package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The value type: the expected tokens per target step by hand, validation, the multi-token prediction module's shape,
 * the warning about a large draft, and the properties of {@code E}.
 *
 * <p>QuickTheories runs from a fixed seed, {@code SEED}, so that a failure replays: rerun the test (its report ends
 * "Seed was" and that seed; to explore other inputs, change {@code SEED}).
 */
class SpeculativeDecodingTest {
    /** QuickTheories' seed, fixed so that a failure replays: rerun with the same value. */
    private static final long SEED = 20261130L;

    /** {@code E = (1 - a^(k+1)) / (1 - a)}, worked by hand: each row's sum {@code 1 + a + ... + a^k}. */
    @ParameterizedTest(name = "k {0}, a {1}: E {2}")
    @CsvSource({
        "3, 0.7, 2.533", // 1 + 0.7 + 0.49 + 0.343
        "1, 0.5, 1.5", // 1 + 0.5
        "2, 0.5, 1.75", // 1 + 0.5 + 0.25
        "4, 0.8, 3.3616", // 1 + 0.8 + 0.64 + 0.512 + 0.4096
        "5, 0.0, 1.0", // nothing accepted: the target's own token
        "1, 0.9, 1.9"
    })
    void tokensPerTargetStepIsTheGeometricSum(int k, double a, double expected) {
        assertThat(SpeculativeDecoding.multiTokenPrediction(k, a).tokensPerTargetStep())
                .isCloseTo(expected, within(1e-12));
        assertThat(SpeculativeDecoding.expectedTokensPerTargetStep(k, a)).isCloseTo(expected, within(1e-12));
        assertThat(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, k, a)
                        .tokensPerTargetStep())
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void badInputNamesTheParameterAndValue() {
        assertThatThrownBy(() -> SpeculativeDecoding.multiTokenPrediction(0, 0.7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speculativeTokens (0)");
        assertThatThrownBy(() -> SpeculativeDecoding.multiTokenPrediction(-2, 0.7))
                .hasMessageContaining("speculativeTokens (-2)");
        assertThatThrownBy(() -> SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("acceptanceRate (1.0) must be in [0, 1)");
        assertThatThrownBy(() -> SpeculativeDecoding.multiTokenPrediction(3, 1.5))
                .hasMessage("acceptanceRate (1.5) must be in [0, 1)");
        assertThatThrownBy(() -> SpeculativeDecoding.multiTokenPrediction(3, -0.01))
                .hasMessage("acceptanceRate (-0.01) must be in [0, 1)");
        assertThatThrownBy(() -> SpeculativeDecoding.multiTokenPrediction(3, Double.NaN))
                .hasMessage("acceptanceRate (NaN) must be in [0, 1)");
        assertThatThrownBy(() -> SpeculativeDecoding.expectedTokensPerTargetStep(0, 0.5))
                .hasMessageContaining("speculativeTokens (0)");
        // the boundaries themselves are accepted
        assertThat(SpeculativeDecoding.multiTokenPrediction(1, 0).tokensPerTargetStep())
                .isEqualTo(1);
    }

    @Test
    void accessorsEqualityAndText() {
        SpeculativeDecoding draft = SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.7);
        SpeculativeDecoding mtp = SpeculativeDecoding.multiTokenPrediction(3, 0.7);
        assertThat(draft.speculativeTokens()).isEqualTo(3);
        assertThat(draft.acceptanceRate()).isEqualTo(0.7);
        assertThat(draft.draftModel()).contains(ModelPresets.LLAMA_3_2_1B);
        assertThat(draft.isMultiTokenPrediction()).isFalse();
        assertThat(draft.drafterCopies()).isEqualTo(1);
        assertThat(mtp.draftModel()).isEmpty();
        assertThat(mtp.isMultiTokenPrediction()).isTrue();
        assertThat(mtp.drafterCopies()).isEqualTo(3);
        assertThat(draft)
                .isEqualTo(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.7))
                .hasSameHashCodeAs(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.7))
                .isNotEqualTo(mtp)
                .isNotEqualTo(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 4, 0.7))
                .isNotEqualTo(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.6))
                .isNotEqualTo(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_1_8B, 3, 0.7))
                .isNotEqualTo("speculation");
        assertThat(draft.toString())
                .isEqualTo("speculative decoding: draft Llama 3.2 1B, k = 3, acceptance 0.70, 2.533 tokens per target"
                        + " step");
        assertThat(mtp.toString()).startsWith("speculative decoding: multi-token prediction, k = 3");
    }

    @Test
    void aDraftLargerThanTheTargetIsWarnedAbout() {
        SpeculativeDecoding big = SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_1_70B, 3, 0.7);
        assertThat(big.warning(ModelPresets.LLAMA_3_1_8B))
                .hasValueSatisfying(w -> assertThat(w)
                        .contains("draft model Llama 3.1 70B")
                        .contains("larger than the target Llama 3.1 8B"));
        assertThat(big.warning(ModelPresets.LLAMA_3_1_70B)).isEmpty(); // the same size: not larger
        assertThat(big.warning(ModelPresets.LLAMA_3_1_405B)).isEmpty();
        assertThat(SpeculativeDecoding.multiTokenPrediction(3, 0.7).warning(ModelPresets.LLAMA_3_1_8B))
                .isEmpty();
    }

    @Test
    void multiTokenPredictionRunsOneLayerShapedLikeTheTargetsLast() {
        SpeculativeDecoding mtp = SpeculativeDecoding.multiTokenPrediction(2, 0.8);
        ModelSpec llama = mtp.drafter(ModelPresets.LLAMA_3_1_70B);
        assertThat(llama.numLayers()).isEqualTo(1);
        assertThat(llama.hiddenSize()).isEqualTo(8192);
        assertThat(llama.vocabSize()).isEqualTo(ModelPresets.LLAMA_3_1_70B.vocabSize());
        assertThat(llama.name()).isEqualTo("Llama 3.1 70B MTP module");
        assertThat(llama.attentionKinds()).isEmpty();
        // DeepSeek-V3 routes from its fourth layer: its MTP module is an expert layer
        ModelSpec deepseek = mtp.drafter(ModelPresets.DEEPSEEK_V3);
        assertThat(deepseek.numLayers()).isEqualTo(1);
        assertThat(deepseek.isExpertLayer(0)).isTrue();
        assertThat(deepseek.latentAttention()).isPresent();
        // Gemma 2 alternates sliding and global layers, the last global
        ModelSpec gemma = mtp.drafter(ModelPresets.GEMMA_2_9B);
        assertThat(gemma.attentionKinds()).containsExactly(AttentionKind.GLOBAL);
        assertThat(gemma.slidingWindow()).isZero();
        // a draft model is run as it is
        assertThat(SpeculativeDecoding.withDraftModel(ModelPresets.LLAMA_3_2_1B, 3, 0.7)
                        .drafter(ModelPresets.LLAMA_3_1_70B))
                .isSameAs(ModelPresets.LLAMA_3_2_1B);
    }

    @Test
    void multiTokenPredictionOfAHybridKeepsTheLastLayersKind() {
        ModelSpec lfm = SpeculativeDecoding.multiTokenPrediction(1, 0.5).drafter(ModelPresets.LFM2_1_2B);
        AttentionKind last = ModelPresets.LFM2_1_2B.attentionKind(ModelPresets.LFM2_1_2B.numLayers() - 1);
        assertThat(lfm.attentionKinds()).containsExactly(last);
        assertThat(lfm.convolutionKernelSize() > 0).isEqualTo(last == AttentionKind.NONE);
    }

    /** {@code E} is at least 1 (the target's own token), below {@code k + 1}, and grows with {@code a} and with k. */
    @Test
    void expectedTokensAreBetweenOneAndKPlusOneAndGrowWithAcceptance() {
        qt().withFixedSeed(SEED)
                .withExamples(2000)
                .forAll(
                        integers().between(1, 16),
                        doubles().between(0, 0.999),
                        doubles().between(0, 0.999))
                .checkAssert((k, a, b) -> {
                    double e = SpeculativeDecoding.expectedTokensPerTargetStep(k, a);
                    assertThat(e).isBetween(1.0, k + 1.0);
                    double lo = Math.min(a, b);
                    double hi = Math.max(a, b);
                    assertThat(SpeculativeDecoding.expectedTokensPerTargetStep(k, hi))
                            .isGreaterThanOrEqualTo(SpeculativeDecoding.expectedTokensPerTargetStep(k, lo));
                    assertThat(SpeculativeDecoding.expectedTokensPerTargetStep(k + 1, a))
                            .isGreaterThanOrEqualTo(e);
                });
    }
}
