package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each real preset's EXACT parameter count equals its checkpoint's published count, to the parameter. */
class ModelPresetsTest {

    /** Published counts; the sources are in each preset's javadoc. */
    static Stream<Arguments> publishedCounts() {
        return Stream.of(
                Arguments.of("llama-3.2-1b", 1_235_814_400L),
                Arguments.of("llama-3.2-3b", 3_212_749_824L),
                Arguments.of("llama-3.1-8b", 8_030_261_248L),
                Arguments.of("llama-3.1-70b", 70_553_706_496L),
                Arguments.of("llama-3.1-405b", 405_853_388_800L),
                Arguments.of("llama-2-7b", 6_738_415_616L),
                Arguments.of("qwen3-14b", 14_768_307_200L),
                Arguments.of("qwen3-30b-a3b", 30_532_122_624L),
                Arguments.of("qwen2.5-7b", 7_615_616_512L),
                Arguments.of("mistral-7b-v0.1", 7_241_732_096L),
                Arguments.of("mixtral-8x7b", 46_702_792_704L),
                Arguments.of("gemma-2-9b", 9_241_705_984L),
                Arguments.of("lfm2-1.2b", 1_170_340_608L),
                // issue 20's presets. LFM2-2.6B: the model card's "Parameters" row (LiquidAI/LFM2-2.6B, read 2026-11).
                Arguments.of("lfm2-2.6b", 2_569_272_320L),
                // Gemma 3 1B: the Hub's safetensors total for google/gemma-3-1b-it, also KerasHub's gemma3_1b preset
                Arguments.of("gemma-3-1b", 999_885_952L),
                // Mamba-2 2.7B: no official exact count (card: "2.7B"; a .bin checkpoint, no safetensors metadata);
                // the config's count, which a public conversion of state-spaces/mamba2-2.7b@99b226cc also reports
                Arguments.of("mamba-2-2.7b", 2_702_599_680L),
                // Granite 4.0-H-350M: the Hub's count for ibm-granite/granite-4.0-h-350m (GGUF metadata agrees)
                Arguments.of("granite-4.0-h-350m", 340_332_224L),
                // Qwen3-Next-80B-A3B: the main model's count from its config (no exact figure is published; the Hub's
                // "81.3B" adds the MTP layer); an independent count of Qwen3-Coder-Next's config gives the same
                Arguments.of("qwen3-next-80b-a3b", 79_674_391_296L),
                Arguments.of("deepseek-v3", 671_026_419_200L),
                Arguments.of("phi-3-mini-4k", 3_821_079_552L),
                Arguments.of("falcon-7b", 6_921_720_704L),
                Arguments.of("gpt-2", 124_439_808L));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("publishedCounts")
    void exactParameterCountEqualsPublished(String id, long published) {
        assertThat(ModelPresets.byId(id).parameters().totalParameters()).isEqualTo(published);
    }

    @Test
    void everyRealPresetHasAPublishedCount() {
        long real = ModelPresets.ids().stream()
                .filter(id -> !id.startsWith("article-"))
                .count();
        assertThat(publishedCounts()).hasSize((int) real);
    }

    @Test
    void idsAreLowercaseAndHyphenated() {
        assertThat(ModelPresets.ids()).allSatisfy(id -> assertThat(id).matches("[a-z0-9.]+(-[a-z0-9.]+)*"));
        assertThat(ModelPresets.byId(" Llama-3.1-8B ")).isSameAs(ModelPresets.LLAMA_3_1_8B);
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        assertThatThrownBy(() -> ModelPresets.byId("gpt-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpt-5")
                .hasMessageContaining("llama-3.1-8b");
    }

    @Test
    void activeParametersOfMixtureOfExperts() {
        // Mixtral model card: 12.9B active; DeepSeek-V3 technical report: 37B activated (its README_WEIGHTS says
        // 36.7B, which leaves out the embedding lookup); Qwen3-30B-A3B model card: 3.3B activated.
        assertThat(ModelPresets.MIXTRAL_8X7B.parameters().activeParameters()).isEqualTo(12_879_925_248L);
        ParameterBreakdown deepSeek = ModelPresets.DEEPSEEK_V3.parameters();
        assertThat((double) deepSeek.activeParameters()).isCloseTo(37e9, within(0.02 * 37e9));
        assertThat((double) (deepSeek.activeParameters() - deepSeek.embeddingParameters()))
                .isCloseTo(36.7e9, within(0.005 * 36.7e9));
        assertThat((double) ModelPresets.QWEN3_30B_A3B.parameters().activeParameters())
                .isCloseTo(3.3e9, within(0.02 * 3.3e9));
        assertThat(ModelPresets.LLAMA_3_1_8B.parameters().activeParameters())
                .isEqualTo(ModelPresets.LLAMA_3_1_8B.parameters().totalParameters());
    }

    @Test
    void breakdownOfLlama318b() {
        ParameterBreakdown p = ModelPresets.LLAMA_3_1_8B.parameters();
        assertThat(p.embeddingParameters()).isEqualTo(128256L * 4096);
        assertThat(p.lmHeadParameters()).isEqualTo(128256L * 4096);
        assertThat(p.attentionParameters()).isEqualTo(32L * (2 * 4096 * 4096 + 2 * 4096 * 1024));
        assertThat(p.mlpParameters()).isEqualTo(32L * 3 * 4096 * 14336);
        assertThat(p.normParameters()).isEqualTo(65L * 4096);
        assertThat(p.weightBytes(NumericFormat.BF16).toBytes()).isEqualTo(2.0 * 8_030_261_248L);
        assertThat(p.weightBytes(NumericFormat.INT4).toBytes()).isEqualTo(0.5 * 8_030_261_248L);
    }

    @Test
    void tiedEmbeddingsHaveNoLmHead() {
        assertThat(ModelPresets.LLAMA_3_2_1B.parameters().lmHeadParameters()).isZero();
        assertThat(ModelPresets.GEMMA_2_9B.parameters().lmHeadParameters()).isZero();
    }

    @Test
    void articleConventionCounts12Ld2() {
        ParameterBreakdown p = ModelPresets.ARTICLE_1B_CLASS.parameters(Convention.ARTICLE);
        assertThat(p.totalParameters()).isEqualTo(12L * 16 * 2048 * 2048);
        assertThat(p.convention()).isEqualTo(Convention.ARTICLE);
        assertThat(ModelPresets.ARTICLE_14B_CLASS.parameters(Convention.ARTICLE).totalParameters())
                .isEqualTo(14_495_514_624L);
        assertThat(ModelPresets.ARTICLE_14B_CLASS.parameters().totalParameters())
                .isEqualTo(14_349_637_632L);
    }

    @Test
    void gemma2HeadDimIsNotDOverH() {
        assertThat(ModelPresets.GEMMA_2_9B.headDim()).isEqualTo(256);
        assertThat(ModelPresets.GEMMA_2_9B.hiddenSize() / ModelPresets.GEMMA_2_9B.numAttentionHeads())
                .isEqualTo(224);
        assertThat(ModelPresets.GEMMA_2_9B.attentionKind(0)).isEqualTo(AttentionKind.SLIDING_WINDOW);
        assertThat(ModelPresets.GEMMA_2_9B.attentionKind(1)).isEqualTo(AttentionKind.GLOBAL);
    }

    @Test
    void presetsDescribeTheirAttention() {
        assertThat(ModelPresets.FALCON_7B.numKeyValueHeads()).isEqualTo(1);
        assertThat(ModelPresets.LLAMA_2_7B.numKeyValueHeads()).isEqualTo(32);
        assertThat(ModelPresets.LFM2_1_2B.numAttentionLayers()).isEqualTo(6);
        assertThat(ModelPresets.DEEPSEEK_V3.headDim()).isEqualTo(192);
        assertThat(ModelPresets.DEEPSEEK_V3.valueHeadDim()).isEqualTo(128);
        assertThat(ModelPresets.DEEPSEEK_V3.isExpertLayer(2)).isFalse();
        assertThat(ModelPresets.DEEPSEEK_V3.isExpertLayer(3)).isTrue();
    }
}
