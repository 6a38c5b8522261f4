package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameter counts component by component, for small models whose every component is a product of two or three
 * numbers, and for every preset rebuilt from its fields (the preset constants compute their counts once, when the
 * class loads; a rebuilt copy computes them again).
 */
class ParameterCountTest {
    private static final long D = 64;
    private static final long V = 100;

    static List<String> presetIds() {
        return ModelPresets.ids();
    }

    @ParameterizedTest
    @MethodSource("presetIds")
    void aRebuiltPresetCountsWhatThePresetCounts(String id) {
        ModelSpec preset = ModelPresets.byId(id);
        ModelSpec rebuilt = ModelSpec.builder().from(preset).build();
        assertThat(rebuilt).isNotSameAs(preset);
        for (Convention c : Convention.values()) {
            assertThat(rebuilt.parameters(c)).as("%s", c).isEqualTo(preset.parameters(c));
        }
    }

    @Test
    void rebuiltPresetsMatchTheirPublishedCounts() {
        Map<ModelSpec, Long> published = Map.of(
                ModelPresets.GPT_2, 124_439_808L,
                ModelPresets.DEEPSEEK_V3, 671_026_419_200L,
                ModelPresets.QWEN3_30B_A3B, 30_532_122_624L,
                ModelPresets.QWEN2_5_7B, 7_615_616_512L,
                ModelPresets.LFM2_1_2B, 1_170_340_608L,
                ModelPresets.FALCON_7B, 6_921_720_704L,
                ModelPresets.GEMMA_2_9B, 9_241_705_984L);
        published.forEach((preset, count) -> assertThat(
                        ModelSpec.builder().from(preset).build().parameters().totalParameters())
                .as(preset.name())
                .isEqualTo(count));
    }

    @Test
    void latentAttentionWithQueryCompression() {
        ParameterBreakdown p = FlopAccountingTest.latent(16).parameters();
        long h = 4;
        long qkWidth = h * 12;
        long queries = D * 16 + 16 * qkWidth;
        long keysValues = D * (8 + 4) + 8 * h * (8 + 8);
        long output = h * 8 * D;
        assertThat(p.attentionParameters()).isEqualTo(queries + keysValues + output);
        // final norm, two norms per layer, and the q and kv latent norms
        assertThat(p.normParameters()).isEqualTo(D + 2 * D + (16 + 8));
        assertThat(p.embeddingParameters()).isEqualTo(V * D);
        assertThat(p.lmHeadParameters()).isEqualTo(V * D);
        assertThat(p.mlpParameters()).isEqualTo(3 * D * 128);
        assertThat(p.totalParameters())
                .isEqualTo(V * D + queries + keysValues + output + 3 * D * 128 + (D + 2 * D + 24) + V * D);
    }

    @Test
    void latentAttentionWithoutQueryCompressionAndWithAnOutputBias() {
        ModelSpec m = ModelSpec.builder()
                .from(FlopAccountingTest.latent(0))
                .outputBias(true)
                .build();
        ParameterBreakdown p = m.parameters();
        long h = 4;
        long queries = D * h * 12;
        long keysValues = D * (8 + 4) + 8 * h * (8 + 8);
        long output = h * 8 * D + D;
        assertThat(p.attentionParameters()).isEqualTo(queries + keysValues + output);
        assertThat(p.normParameters()).isEqualTo(D + 2 * D + 8);
    }

    @Test
    void latentNormsUnderLayerNorm() {
        ModelSpec m = ModelSpec.builder()
                .from(FlopAccountingTest.latent(16))
                .normKind(NormKind.LAYER_NORM)
                .build();
        assertThat(m.parameters().normParameters()).isEqualTo(2 * (D + 2 * D + (16 + 8)));
    }

    @Test
    void biasesNormsAndTiedPositionalEmbeddings() {
        ModelSpec m = ModelSpec.builder()
                .name("gpt-like")
                .hiddenSize((int) D)
                .numLayers(1)
                .numAttentionHeads(4)
                .numKeyValueHeads(2)
                .intermediateSize(128)
                .vocabSize((int) V)
                .mlpKind(MlpKind.PLAIN)
                .mlpBias(true)
                .qkvBias(true)
                .outputBias(true)
                .qkNorm(true)
                .normKind(NormKind.LAYER_NORM)
                .tieWordEmbeddings(true)
                .learnedPositionEmbeddings(10)
                .build();
        ParameterBreakdown p = m.parameters();
        long q = 4 * 16;
        long kv = 2 * 16;
        assertThat(p.attentionParameters()).isEqualTo(D * (q + 2 * kv) + q * D + (q + 2 * kv) + D);
        // LayerNorm: scale and bias; final norm, two per layer, q and k norms of d_k
        assertThat(p.normParameters()).isEqualTo(2 * D + 2 * 2 * D + 2 * 16 * 2);
        // plain MLP: up and down matrices, biases of I and d
        assertThat(p.mlpParameters()).isEqualTo(2 * D * 128 + 128 + D);
        assertThat(p.embeddingParameters()).isEqualTo(V * D + 10 * D);
        assertThat(p.lmHeadParameters()).isZero();
        assertThat(p.totalParameters())
                .isEqualTo(p.embeddingParameters() + p.attentionParameters() + p.mlpParameters() + p.normParameters());
        ModelSpec gatedWithBias =
                ModelSpec.builder().from(m).mlpKind(MlpKind.GATED).build();
        assertThat(gatedWithBias.parameters().mlpParameters()).isEqualTo(3 * D * 128 + 2 * 128 + D);
    }

    @Test
    void sharedExpertsRouterBiasAndInactiveExperts() {
        ParameterBreakdown p = FlopAccountingTest.experts().parameters();
        long oneExpert = 3 * D * 32;
        assertThat(p.mlpParameters()).isEqualTo(3 * D * 128);
        assertThat(p.expertParameters()).isEqualTo(oneExpert * (8 + 1));
        assertThat(p.routerParameters()).isEqualTo(D * 8 + 8);
        assertThat(p.inactiveExpertParameters()).isEqualTo(oneExpert * (8 - 2));
        assertThat(p.activeParameters()).isEqualTo(p.totalParameters() - oneExpert * 6);
        ModelSpec noBias = ModelSpec.builder()
                .from(FlopAccountingTest.experts())
                .mixtureOfExperts(MixtureOfExperts.builder()
                        .from(FlopAccountingTest.experts().mixtureOfExperts().orElseThrow())
                        .routerBias(false)
                        .build())
                .build();
        assertThat(noBias.parameters().routerParameters()).isEqualTo(D * 8);
    }

    @Test
    void convolutionLayersUnderBothConventions() {
        ModelSpec m = FlopAccountingTest.convolution();
        assertThat(m.parameters().convolutionParameters()).isEqualTo(4 * D * D + D * 3);
        ParameterBreakdown article = m.parameters(Convention.ARTICLE);
        assertThat(article.convention()).isEqualTo(Convention.ARTICLE);
        assertThat(article.attentionParameters()).isEqualTo(4 * D * D);
        assertThat(article.convolutionParameters()).isEqualTo(4 * D * D);
        assertThat(article.mlpParameters()).isEqualTo(8 * 2 * D * D);
        assertThat(article.totalParameters()).isEqualTo(4 * D * D + 4 * D * D + 8 * 2 * D * D);
    }

    @Test
    void weightBytesOfTotalAndActiveParameters() {
        ParameterBreakdown p = FlopAccountingTest.experts().parameters();
        assertThat(p.weightBytes(NumericFormat.BF16).toBytes()).isEqualTo(2.0 * p.totalParameters());
        assertThat(p.activeWeightBytes(NumericFormat.BF16).toBytes()).isEqualTo(2.0 * p.activeParameters());
        assertThat(p.activeWeightBytes(NumericFormat.INT4).toBytes()).isEqualTo(0.5 * p.activeParameters());
    }

    @Test
    void breakdownsPrintEveryNonZeroComponent() {
        ModelSpec everything = ModelSpec.builder()
                .from(FlopAccountingTest.convolution())
                .mixtureOfExperts(
                        FlopAccountingTest.experts().mixtureOfExperts().orElseThrow())
                .build();
        ParameterBreakdown p = everything.parameters();
        assertThat(p.toString())
                .startsWith(String.format(
                        Locale.ROOT, "%,d parameters (EXACT), %,d active", p.totalParameters(), p.activeParameters()))
                .contains(String.format(Locale.ROOT, "%n  embeddings   %,d", p.embeddingParameters()))
                .contains(String.format(Locale.ROOT, "%n  attention    %,d", p.attentionParameters()))
                .contains(String.format(Locale.ROOT, "%n  convolution  %,d", p.convolutionParameters()))
                .contains(String.format(Locale.ROOT, "%n  mlp          %,d", p.mlpParameters()))
                .contains(String.format(Locale.ROOT, "%n  experts      %,d", p.expertParameters()))
                .contains(String.format(Locale.ROOT, "%n  router       %,d", p.routerParameters()))
                .contains(String.format(Locale.ROOT, "%n  norms        %,d", p.normParameters()))
                .contains(String.format(Locale.ROOT, "%n  lm_head      %,d", p.lmHeadParameters()));
        String dense = FlopAccountingTest.dense().parameters().toString();
        assertThat(dense)
                .startsWith(String.format(
                        Locale.ROOT,
                        "%,d parameters (EXACT)%n",
                        FlopAccountingTest.dense().parameters().totalParameters()))
                .doesNotContain("active")
                .doesNotContain("experts")
                .doesNotContain("convolution")
                .doesNotContain("router");
    }
}
