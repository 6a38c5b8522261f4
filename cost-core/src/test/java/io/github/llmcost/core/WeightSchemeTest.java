package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Weight schemes' bytes worked by hand for a tiny model (d = 64, 8 layers, 4 heads over 2 KV heads of 16, MLP 128,
 * vocabulary 100, untied): embeddings and lm_head 6,400 each, attention 12,288 a layer (V 2,048), MLP 24,576 a layer
 * (down 8,192), norms 1,088. llama.cpp's {@code use_more_bits} picks layers 0, 3, 6 and 7 of 8.
 */
class WeightSchemeTest {
    static final ModelSpec TINY = ModelSpec.builder()
            .name("tiny")
            .hiddenSize(64)
            .numLayers(8)
            .numAttentionHeads(4)
            .numKeyValueHeads(2)
            .intermediateSize(128)
            .vocabSize(100)
            .build();

    @Test
    void theTinyModelHasTheCountsTheHandWorkUses() {
        ParameterBreakdown p = TINY.parameters();
        assertThat(p.embeddingParameters()).isEqualTo(6_400);
        assertThat(p.lmHeadParameters()).isEqualTo(6_400);
        assertThat(p.attentionParameters()).isEqualTo(8 * 12_288);
        assertThat(p.mlpParameters()).isEqualTo(8 * 24_576);
        assertThat(p.normParameters()).isEqualTo(1_088);
        assertThat(p.totalParameters()).isEqualTo(308_800);
    }

    @Test
    void useMoreBitsPicksTheFirstAndLastEighthAndEveryThirdBetween() {
        boolean[] expected = {true, false, false, true, false, false, true, true};
        for (int layer = 0; layer < 8; layer++) {
            assertThat(GgufLayout.useMoreBits(layer, 8)).as("layer %d", layer).isEqualTo(expected[layer]);
        }
        // 32 layers (Llama 3.1 8B): 0-3, 28-31 and 6, 9, ..., 27
        int picked = 0;
        for (int layer = 0; layer < 32; layer++) {
            picked += GgufLayout.useMoreBits(layer, 32) ? 1 : 0;
        }
        assertThat(picked).isEqualTo(16);
        assertThat(GgufLayout.useMoreBits(27, 32)).isTrue();
        assertThat(GgufLayout.useMoreBits(26, 32)).isFalse();
    }

    @Test
    void q4KmByHand() {
        WeightBytes b = WeightScheme.Q4_K_M.weightBytes(TINY);
        assertThat(b.bytes(TensorRole.EMBEDDINGS).toBytes()).isEqualTo(6_400 * 4.5 / 8); // Q4_K
        assertThat(b.bytes(TensorRole.LM_HEAD).toBytes()).isEqualTo(6_400 * 6.5625 / 8); // Q6_K
        assertThat(b.bytes(TensorRole.NORMS).toBytes()).isEqualTo(1_088 * 4.0); // F32
        // attn_v of 4 layers in Q6_K, the rest Q4_K
        assertThat(b.bytes(TensorRole.ATTENTION).toBytes()).isEqualTo(8_192 * 6.5625 / 8 + 90_112 * 4.5 / 8);
        // ffn_down of 4 layers in Q6_K, the rest Q4_K
        assertThat(b.bytes(TensorRole.MLP).toBytes()).isEqualTo(32_768 * 6.5625 / 8 + 163_840 * 4.5 / 8);
        assertThat(b.total().toBytes()).isEqualTo(189_650);
        assertThat(b.bitsPerWeight()).isCloseTo(8 * 189_650 / 308_800.0, within(1e-12));
        assertThat(b.bytesPerParameter(TensorRole.MLP)).isCloseTo(119_040 / 196_608.0, within(1e-15));
        assertThat(b.bytesPerParameter(TensorRole.EXPERTS)).isZero();
    }

    @Test
    void weightBytesDescribeThemselves() {
        WeightBytes b = WeightScheme.Q4_K_M.weightBytes(ModelPresets.LLAMA_3_1_8B);
        assertThat(b.scheme()).isSameAs(WeightScheme.Q4_K_M);
        assertThat(b.parameters()).isEqualTo(ModelPresets.LLAMA_3_1_8B.parameters());
        assertThat(b.toString())
                .startsWith("q4_k_m: 4.91 GB (4.58 GiB) (4.89 bits per weight)")
                .contains("attention", "lm_head", "(0.8203 bytes per parameter)")
                .doesNotContain("experts");
        assertThat(WeightScheme.BF16.weightBytes(TINY).bitsPerWeight()).isEqualTo(16);
    }

    @Test
    void q4KmMixByTensorType() {
        Map<GgufType, Long> mix = WeightScheme.Q4_K_M.ggufParameters(TINY);
        assertThat(mix)
                .containsOnlyKeys(GgufType.Q4_K, GgufType.Q6_K, GgufType.F32)
                .containsEntry(GgufType.Q6_K, 6_400L + 8_192 + 32_768)
                .containsEntry(GgufType.F32, 1_088L)
                .containsEntry(GgufType.Q4_K, 6_400L + 90_112 + 163_840);
    }

    @Test
    void tiedEmbeddingsServeAsOutputAndTakeTheOutputType() {
        ModelSpec tied = ModelSpec.builder().from(TINY).tieWordEmbeddings(true).build();
        WeightBytes b = WeightScheme.Q4_K_M.weightBytes(tied);
        assertThat(b.bytes(TensorRole.EMBEDDINGS).toBytes()).isEqualTo(6_400 * 6.5625 / 8);
        assertThat(b.bytes(TensorRole.LM_HEAD).toBytes()).isZero();
        assertThat(b.bytesPerParameter(TensorRole.LM_HEAD)).isEqualTo(6.5625 / 8); // reads the embeddings
        assertThat(WeightScheme.AWQ_INT4.weightBytes(tied).bytesPerParameter(TensorRole.LM_HEAD))
                .isEqualTo(2);
        assertThat(WeightScheme.Q8_0
                        .weightBytes(tied)
                        .bytes(TensorRole.EMBEDDINGS)
                        .toBytes())
                .isEqualTo(6_400 * 8.5 / 8);
    }

    @Test
    void theOtherGgufTypes() {
        double linear = 98_304 + 196_608;
        assertThat(WeightScheme.Q8_0.weightBytes(TINY).total().toBytes())
                .isEqualTo((12_800 + linear) * 8.5 / 8 + 1_088 * 4);
        assertThat(WeightScheme.Q6_K.weightBytes(TINY).total().toBytes())
                .isEqualTo((12_800 + linear) * 6.5625 / 8 + 1_088 * 4);
        assertThat(WeightScheme.Q4_0.weightBytes(TINY).total().toBytes())
                .isEqualTo((6_400 + linear) * 4.5 / 8 + 6_400 * 6.5625 / 8 + 1_088 * 4);
        assertThat(WeightScheme.Q5_K_M.weightBytes(TINY).total().toBytes())
                .isEqualTo(6_400 * 5.5 / 8
                        + 6_400 * 6.5625 / 8
                        + (8_192 + 32_768) * 6.5625 / 8
                        + (90_112 + 163_840) * 5.5 / 8
                        + 1_088 * 4);
    }

    @Test
    void eightExpertModelsKeepKeysAndValuesInQ8AndOutputInQ5K() {
        // FlopAccountingTest.experts(): d 64, 2 layers, 8 experts, layer 1 routed; K and V are 64 x 32 a layer
        Map<GgufType, Long> mix = WeightScheme.Q4_K_M.ggufParameters(FlopAccountingTest.experts());
        assertThat(mix).containsEntry(GgufType.Q8_0, 2L * 2 * 64 * 32).containsEntry(GgufType.Q5_K, 2L * 64 * 64);
        assertThat(WeightScheme.Q6_K.ggufParameters(FlopAccountingTest.experts()))
                .containsEntry(GgufType.Q8_0, 2L * 2 * 64 * 32)
                .doesNotContainKey(GgufType.Q5_K);
    }

    @Test
    void groupedSchemesQuantiseOnlyTheLinearLayers() {
        double linear = 98_304 + 196_608;
        assertThat(WeightScheme.AWQ_INT4.linearBitsPerWeight()).isEqualTo(4 + 20.0 / 128);
        assertThat(WeightScheme.AWQ_INT4.weightBytes(TINY).total().toBytes())
                .isEqualTo(linear * 4.15625 / 8 + (12_800 + 1_088) * 2);
        assertThat(WeightScheme.GPTQ_INT4.weightBytes(TINY).total().toBytes()).isEqualTo(180_992);
        assertThat(WeightScheme.FP8_TENSOR.weightBytes(TINY).total().toBytes())
                .isEqualTo(linear + (12_800 + 1_088) * 2);
        assertThat(WeightScheme.FP8_BLOCK.linearBitsPerWeight()).isEqualTo(8 + 32.0 / 16_384);
        assertThat(WeightScheme.NVFP4.linearBitsPerWeight()).isEqualTo(4.5);
        assertThat(WeightScheme.MXFP4.linearBitsPerWeight()).isEqualTo(4.25);
        assertThat(WeightScheme.NVFP4.weightBytes(TINY).total().toBytes())
                .isEqualTo(linear * 4.5 / 8 + (12_800 + 1_088) * 2);
        assertThat(WeightScheme.AWQ_INT4.keepsSixteenBit(TensorRole.EMBEDDINGS)).isTrue();
        assertThat(WeightScheme.AWQ_INT4.keepsSixteenBit(TensorRole.MLP)).isFalse();
        assertThat(WeightScheme.INT4.keepsSixteenBit(TensorRole.EMBEDDINGS)).isFalse();
        assertThat(WeightScheme.Q4_K_M.keepsSixteenBit(TensorRole.EMBEDDINGS)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(NumericFormat.class)
    void plainSchemesAreTheArticlesBytesPerElement(NumericFormat format) {
        WeightScheme plain = WeightScheme.plain(format);
        assertThat(plain.isPlain()).isTrue();
        assertThat(plain.elementFormat()).isEqualTo(format);
        assertThat(plain.linearBitsPerWeight()).isEqualTo(format.bitsPerElement());
        for (Convention c : Convention.values()) {
            assertThat(plain.weightBytes(TINY, c).total())
                    .isEqualTo(TINY.parameters(c).weightBytes(format));
        }
        assertThat(WeightScheme.parse(plain.id())).isSameAs(plain);
    }

    @Test
    void underTheArticlesConventionGgufCountsItsMatrices() {
        // ARTICLE: attention 4d^2 (V = d^2), MLP 8d^2 (down = 4d^2) a layer, nothing else
        long d2 = 64 * 64;
        WeightBytes b = WeightScheme.Q4_K_M.weightBytes(TINY, Convention.ARTICLE);
        assertThat(b.bytes(TensorRole.ATTENTION).toBytes()).isEqualTo(4 * d2 * 6.5625 / 8 + (32 - 4) * d2 * 4.5 / 8);
        assertThat(b.bytes(TensorRole.MLP).toBytes()).isEqualTo(16 * d2 * 6.5625 / 8 + (64 - 16) * d2 * 4.5 / 8);
        assertThat(b.bytes(TensorRole.LM_HEAD).toBytes()).isZero();
    }

    @Test
    void parseReadsIdsAndFormatNames() {
        assertThat(WeightScheme.parse("AWQ-INT4")).isSameAs(WeightScheme.AWQ_INT4);
        assertThat(WeightScheme.parse("awq_int4")).isSameAs(WeightScheme.AWQ_INT4);
        assertThat(WeightScheme.parse(" q4_k_m ")).isSameAs(WeightScheme.Q4_K_M);
        assertThat(WeightScheme.parse("Q4-K-M")).isSameAs(WeightScheme.Q4_K_M);
        assertThat(WeightScheme.parse("fp8")).isSameAs(WeightScheme.FP8_E4M3);
        assertThat(WeightScheme.parse("fp8-tensor")).isSameAs(WeightScheme.FP8_TENSOR);
        assertThat(WeightScheme.parse("FP8_TENSOR")).isSameAs(WeightScheme.FP8_TENSOR);
        assertThat(WeightScheme.parse("fp8_block")).isSameAs(WeightScheme.FP8_BLOCK);
        assertThat(WeightScheme.parse("e4m3")).isSameAs(WeightScheme.FP8_E4M3);
        assertThat(WeightScheme.parse("half")).isSameAs(WeightScheme.FP16);
        for (WeightScheme s : WeightScheme.values()) {
            assertThat(WeightScheme.parse(s.id())).isSameAs(s);
            assertThat(s.id()).isLowerCase();
        }
        assertThatThrownBy(() -> WeightScheme.parse("q3_k_s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("weight scheme (q3_k_s) must be one of bf16, fp16,")
                .hasMessageContaining("awq-int4")
                .hasMessageEndingWith("q8_0");
    }

    @Test
    void ggufParametersRefuseOtherSchemes() {
        assertThatThrownBy(() -> WeightScheme.AWQ_INT4.ggufParameters(TINY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("awq-int4");
        assertThat(WeightScheme.AWQ_INT4.isGguf()).isFalse();
        assertThat(WeightScheme.Q4_0.isGguf()).isTrue();
    }

    @Test
    void descriptorsAndElementFormats() {
        assertThat(WeightScheme.AWQ_INT4.bits()).isEqualTo(4);
        assertThat(WeightScheme.AWQ_INT4.groupSize()).isEqualTo(128);
        assertThat(WeightScheme.AWQ_INT4.scaleBits()).isEqualTo(16);
        assertThat(WeightScheme.AWQ_INT4.zeroPointBits()).isEqualTo(4);
        assertThat(WeightScheme.FP8_TENSOR.groupSize()).isZero();
        assertThat(WeightScheme.FP8_TENSOR.linearBitsPerWeight()).isEqualTo(8);
        assertThat(WeightScheme.NVFP4.elementFormat()).isEqualTo(NumericFormat.FP4);
        assertThat(WeightScheme.FP8_BLOCK.elementFormat()).isEqualTo(NumericFormat.FP8_E4M3);
        assertThat(WeightScheme.Q4_K_M.elementFormat()).isEqualTo(NumericFormat.INT4);
        assertThat(WeightScheme.Q6_K.elementFormat()).isEqualTo(NumericFormat.INT8);
        assertThat(WeightScheme.Q4_K_M.groupSize()).isEqualTo(256);
        assertThat(WeightScheme.Q4_0.groupSize()).isEqualTo(32);
        assertThat(GgufType.Q4_K.bitsPerWeight()).isEqualTo(4.5);
        assertThat(GgufType.Q5_K.bitsPerWeight()).isEqualTo(5.5);
        assertThat(GgufType.Q6_K.bitsPerWeight()).isEqualTo(6.5625);
        assertThat(GgufType.Q8_0.bitsPerWeight()).isEqualTo(8.5);
        assertThat(GgufType.Q4_0.bitsPerWeight()).isEqualTo(4.5);
        assertThat(GgufType.F32.bitsPerWeight()).isEqualTo(32);
        assertThat(GgufType.Q6_K.ggmlName()).isEqualTo("q6_K");
        assertThat(GgufType.Q8_0.ggmlName()).isEqualTo("q8_0");
        assertThat(GgufType.F16.bits()).isEqualTo(16);
    }

    @Test
    void tensorRolesOfOperations() {
        assertThat(TensorRole.of(Operation.V_PROJECTION, false)).isEqualTo(TensorRole.ATTENTION);
        assertThat(TensorRole.of(Operation.MLP_DOWN, false)).isEqualTo(TensorRole.MLP);
        assertThat(TensorRole.of(Operation.MLP_DOWN, true)).isEqualTo(TensorRole.EXPERTS);
        assertThat(TensorRole.of(Operation.CONVOLUTION, false)).isEqualTo(TensorRole.CONVOLUTION);
        assertThat(TensorRole.of(Operation.ROUTER, false)).isEqualTo(TensorRole.ROUTER);
        assertThat(TensorRole.of(Operation.LM_HEAD, false)).isEqualTo(TensorRole.LM_HEAD);
        assertThatThrownBy(() -> TensorRole.of(Operation.ATTENTION_SCORES, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("operation (ATTENTION_SCORES) reads no weights");
        long sum = 0;
        for (TensorRole role : TensorRole.values()) {
            sum += role.parametersIn(ModelPresets.DEEPSEEK_V3.parameters());
        }
        assertThat(sum).isEqualTo(ModelPresets.DEEPSEEK_V3.parameters().totalParameters());
        assertThat(TensorRole.EXPERTS.isLinearLayer()).isTrue();
        assertThat(TensorRole.ROUTER.isLinearLayer()).isFalse();
    }

    @Test
    void formatsCarryAScheme() {
        Formats f = Formats.of(WeightScheme.Q4_K_M);
        assertThat(f.weights()).isEqualTo(NumericFormat.INT4);
        assertThat(f.activations()).isEqualTo(NumericFormat.BF16);
        assertThat(f.isWeightOnlyQuantized()).isTrue();
        assertThat(f.weightScheme()).isSameAs(WeightScheme.Q4_K_M);
        assertThat(f.toString()).startsWith("weights q4_k_m (INT4), activations BF16 (W4A16");
        assertThat(Formats.of(WeightScheme.NVFP4).activations()).isEqualTo(NumericFormat.FP4);
        assertThat(Formats.of(WeightScheme.FP8_BLOCK).scheme()).isEqualTo("W8A8");
        assertThat(Formats.of(WeightScheme.BF16)).isEqualTo(Formats.BF16);
        assertThat(Formats.BF16.weightScheme()).isSameAs(WeightScheme.BF16);
        assertThat(f.withWeights(NumericFormat.FP8_E4M3).chosenWeightScheme()).isEmpty();
        Formats kept = Formats.BF16.withKvCache(NumericFormat.FP8_E4M3).withWeightScheme(WeightScheme.AWQ_INT4);
        assertThat(kept.weightScheme()).isSameAs(WeightScheme.AWQ_INT4);
        assertThat(kept.kvCache()).isEqualTo(NumericFormat.FP8_E4M3);
        assertThat(kept.withWeightScheme(WeightScheme.INT8).chosenWeightScheme())
                .isEmpty();
        Formats mismatched = ImmutableFormats.builder()
                .weights(NumericFormat.INT8)
                .chosenWeightScheme(WeightScheme.AWQ_INT4)
                .build();
        assertThat(mismatched.weightScheme()).isSameAs(WeightScheme.INT8);
        assertThat(ImmutableFormats.builder()
                        .weights(NumericFormat.INT8)
                        .chosenWeightScheme(WeightScheme.INT8)
                        .build())
                .isEqualTo(Formats.of(NumericFormat.INT8));
        assertThat(f.withWeights(NumericFormat.INT4).weightScheme()).isSameAs(WeightScheme.Q4_K_M);
    }
}
