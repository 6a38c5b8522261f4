package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * KV-cache schemes' bytes worked by hand for Llama 3.1 8B (32 layers, 8 KV heads of 128): 2 x 32 x 8 x 128 = 65,536
 * cached values per token.
 */
class KvSchemeTest {
    private static final ModelSpec LLAMA = ModelPresets.LLAMA_3_1_8B;
    private static final double VALUES_PER_TOKEN = 2.0 * 32 * 8 * 128;

    private static KvCache cache(KvScheme scheme) {
        return KvCache.of(LLAMA, Convention.EXACT, scheme);
    }

    @Test
    void plainInt8IsUnchanged() {
        KvCache plain = KvCache.of(LLAMA, Convention.EXACT, NumericFormat.INT8);
        assertThat(plain.bytesPerToken().toBytes()).isEqualTo(65_536.0);
        assertThat(cache(KvScheme.INT8).bytesPerToken().toBytes())
                .isEqualTo(plain.bytesPerToken().toBytes());
        assertThat(cache(KvScheme.INT8).sessionBytes(4096).toBytes())
                .isEqualTo(plain.sessionBytes(4096).toBytes());
        assertThat(plain.scheme()).isSameAs(KvScheme.INT8);
        assertThat(plain)
                .hasToString(KvCache.of(LLAMA, Convention.EXACT, KvScheme.INT8).toString());
        assertThat(KvCache.of(ModelPresets.ARTICLE_1B_CLASS, Convention.ARTICLE, KvScheme.INT8)
                        .bytesPerToken()
                        .toBytes())
                .isEqualTo(KvCache.of(ModelPresets.ARTICLE_1B_CLASS, Convention.ARTICLE, NumericFormat.INT8)
                        .bytesPerToken()
                        .toBytes());
    }

    @Test
    void int8HeadAddsTwoBytesPerTokenPerKvHeadForKeysAndForValues() {
        KvCache kv = cache(KvScheme.INT8_HEAD);
        double perToken = 2.0 * 32 * 8 * (128 + 2); // 66,560
        assertThat(kv.bytesPerToken().toBytes()).isEqualTo(66_560.0).isEqualTo(perToken);
        assertThat(kv.sessionBytes(4096).toBytes()).isCloseTo(perToken * 4096, within(1e-6));
        assertThat(kv.layerBytes(0, 4096).toBytes()).isCloseTo(4096 * 2.0 * 8 * 130, within(1e-6));
        assertThat(kv.growthPerToken(100).toBytes()).isCloseTo(perToken, within(1e-6));
        assertThat(kv.sharedPrefixBytes(1000).toBytes()).isCloseTo(perToken * 1000, within(1e-6));
        assertThat(kv.format()).isEqualTo(NumericFormat.INT8);
        assertThat(kv.scheme()).isSameAs(KvScheme.INT8_HEAD);
        assertThat(kv.toString()).contains("int8-head");
    }

    @Test
    void int4GroupStoresFiveBitsAValue() {
        KvCache kv = cache(KvScheme.INT4_GROUP);
        double perToken = VALUES_PER_TOKEN * (0.5 + 4.0 / 32); // 40,960
        assertThat(kv.bytesPerToken().toBytes()).isEqualTo(40_960.0).isEqualTo(perToken);
        assertThat(kv.sessionBytes(8192).toBytes()).isCloseTo(perToken * 8192, within(1e-6));
        assertThat(kv.sharedPrefixBytes(512).toBytes()).isCloseTo(perToken * 512, within(1e-6));
        assertThat(kv.layerBytes(31, 10).toBytes()).isCloseTo(10 * 2.0 * 8 * 128 * 0.625, within(1e-9));
    }

    @Test
    void fp8TensorCountsNoScalesButIsNotPlain() {
        assertThat(cache(KvScheme.FP8_TENSOR).bytesPerToken().toBytes()).isEqualTo(VALUES_PER_TOKEN);
        assertThat(KvScheme.FP8_TENSOR.isPlain()).isFalse();
        assertThat(KvScheme.FP8_E4M3.isPlain()).isTrue();
        assertThat(KvScheme.INT4_GROUP.isPlain()).isFalse();
        assertThat(KvScheme.FP8_TENSOR.elementFormat()).isEqualTo(NumericFormat.FP8_E4M3);
    }

    @Test
    void sessionsThatFitDivideByTheBytesScalesIncluded() {
        Bytes budget = Bytes.ofGigabytes(10);
        long int8 = cache(KvScheme.INT8).sessionsThatFit(budget, 4096);
        long head = cache(KvScheme.INT8_HEAD).sessionsThatFit(budget, 4096);
        long group = cache(KvScheme.INT4_GROUP).sessionsThatFit(budget, 4096);
        assertThat(int8).isEqualTo((long) Math.floor(10e9 / (65_536.0 * 4096))); // 37
        assertThat(head).isEqualTo((long) Math.floor(10e9 / (66_560.0 * 4096))); // 36
        assertThat(group).isEqualTo((long) Math.floor(10e9 / (40_960.0 * 4096))); // 59
        assertThat(head).isEqualTo(36).isLessThan(int8);
        assertThat(group).isEqualTo(59);
        long shared = cache(KvScheme.INT4_GROUP).sessionsThatFit(budget, 4096, 1024);
        assertThat(shared).isEqualTo((long) Math.floor((10e9 - 40_960.0 * 1024) / (40_960.0 * 3072)));
    }

    @Test
    void latentAttentionSharesOneScalePerTokenPerLayer() {
        ModelSpec ds = ModelPresets.DEEPSEEK_V3;
        int latent = ds.latentAttention().orElseThrow().cachedValuesPerToken();
        KvCache plain = KvCache.of(ds, Convention.EXACT, KvScheme.INT8);
        KvCache head = KvCache.of(ds, Convention.EXACT, KvScheme.INT8_HEAD);
        double layers = ds.numAttentionLayers();
        assertThat(head.bytesPerToken().toBytes())
                .isCloseTo(layers * (latent + 2), within(1e-6))
                .isCloseTo(plain.bytesPerToken().toBytes() + 2 * layers, within(1e-6));
    }

    @Test
    void fixedStatesStayInTheElementFormat() {
        ModelSpec mamba = ModelPresets.MAMBA_2_2_7B;
        KvCache plain = KvCache.of(mamba, Convention.EXACT, NumericFormat.INT8);
        KvCache head = KvCache.of(mamba, Convention.EXACT, KvScheme.INT8_HEAD);
        assertThat(head.fixedStateBytes().toBytes())
                .isPositive()
                .isEqualTo(plain.fixedStateBytes().toBytes());
        assertThat(head.sessionBytes(4096).toBytes())
                .isEqualTo(plain.sessionBytes(4096).toBytes());
        assertThat(head.layerBytes(0, 4096).toBytes())
                .isEqualTo(plain.layerBytes(0, 4096).toBytes());
    }

    @Test
    void bitsPerValueByHand() {
        assertThat(KvScheme.INT8_HEAD.bitsPerValue(128)).isEqualTo(8.125);
        assertThat(KvScheme.INT8_HEAD.bitsPerValue(64)).isEqualTo(8.25);
        assertThat(KvScheme.INT8_HEAD.bitsPerValue(1)).isEqualTo(24.0);
        assertThat(KvScheme.INT4_GROUP.bitsPerValue(128)).isEqualTo(5.0);
        assertThat(KvScheme.INT4_GROUP.bitsPerValue(1)).isEqualTo(5.0);
        assertThat(KvScheme.BF16.bitsPerValue(128)).isEqualTo(16.0);
        assertThat(KvScheme.INT8_HEAD.scaleBitsPerVector()).isEqualTo(16);
        assertThat(KvScheme.INT4_GROUP.groupSize()).isEqualTo(32);
        assertThat(KvScheme.INT4_GROUP.scaleBitsPerGroup()).isEqualTo(32);
        assertThat(KvScheme.INT8.groupSize()).isZero();
        assertThatThrownBy(() -> KvScheme.INT8_HEAD.bitsPerValue(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vectorLength (0)");
    }

    @ParameterizedTest
    @EnumSource(KvScheme.class)
    void everySchemeStoresAtLeastItsElementBits(KvScheme scheme) {
        qt().withFixedSeed(20261130L)
                .withExamples(50)
                .forAll(integers().between(1, 1024))
                .checkAssert(d -> {
                    double bits = scheme.bitsPerValue(d);
                    assertThat(bits)
                            .isGreaterThanOrEqualTo(scheme.elementFormat().bitsPerElement());
                    assertThat(bits == scheme.elementFormat().bitsPerElement())
                            .isEqualTo(scheme.scaleBitsPerVector() == 0 && scheme.groupSize() == 0);
                });
        assertThat(KvScheme.parse(scheme.id())).isSameAs(scheme);
        assertThat(KvScheme.parse(scheme.id().toUpperCase(java.util.Locale.ROOT)))
                .isSameAs(scheme);
        assertThat(scheme.isPlain()).isEqualTo(KvScheme.plain(scheme.elementFormat()) == scheme);
    }

    @Test
    void parseAcceptsIdsAndFormatNamesAndListsEveryIdOtherwise() {
        assertThat(KvScheme.parse("int4_group")).isSameAs(KvScheme.INT4_GROUP);
        assertThat(KvScheme.parse(" INT8-HEAD ")).isSameAs(KvScheme.INT8_HEAD);
        assertThat(KvScheme.parse("fp8")).isSameAs(KvScheme.FP8_E4M3);
        assertThat(KvScheme.parse("fp8-e4m3")).isSameAs(KvScheme.FP8_E4M3);
        assertThat(KvScheme.parse("half")).isSameAs(KvScheme.FP16);
        assertThatThrownBy(() -> KvScheme.parse("int3-group"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KV-cache scheme (int3-group) must be one of " + KvScheme.ids());
        assertThat(KvScheme.ids())
                .startsWith("bf16, fp16, fp32")
                .endsWith("fp8-tensor, int8-head, int4-group")
                .contains("int8, int4, fp4");
        for (NumericFormat f : NumericFormat.values()) {
            assertThat(KvScheme.plain(f).elementFormat()).isEqualTo(f);
            assertThat(KvScheme.plain(f).isPlain()).isTrue();
        }
    }

    @Test
    void formatsCarryAChosenKvScheme() {
        Formats f = Formats.of(NumericFormat.INT4).withKvScheme(KvScheme.INT4_GROUP);
        assertThat(f.kvCache()).isEqualTo(NumericFormat.INT4);
        assertThat(f.kvScheme()).isSameAs(KvScheme.INT4_GROUP);
        assertThat(f.chosenKvScheme()).contains(KvScheme.INT4_GROUP);
        assertThat(f.toString()).endsWith("KV int4-group (INT4)");
        assertThat(f.withKvCache(NumericFormat.INT8).chosenKvScheme()).isEmpty();
        assertThat(f.withKvCache(NumericFormat.INT8).kvScheme()).isSameAs(KvScheme.INT8);
        assertThat(f.withWeights(NumericFormat.BF16).kvScheme()).isSameAs(KvScheme.INT4_GROUP);
        Formats plain = Formats.BF16.withKvScheme(KvScheme.INT8);
        assertThat(plain).isEqualTo(Formats.BF16.withKvCache(NumericFormat.INT8));
        assertThat(plain.chosenKvScheme()).isEmpty();
        assertThat(plain.kvScheme()).isSameAs(KvScheme.INT8);
        assertThat(plain.toString()).endsWith("KV INT8");
        assertThat(Formats.BF16.kvScheme()).isSameAs(KvScheme.BF16);
        Formats fp8 = Formats.BF16.withKvScheme(KvScheme.FP8_TENSOR);
        assertThat(fp8.kvCache()).isEqualTo(NumericFormat.FP8_E4M3);
        assertThat(fp8.chosenKvScheme()).contains(KvScheme.FP8_TENSOR);
        assertThat(fp8.withKvCache(NumericFormat.FP8_E4M3).chosenKvScheme()).contains(KvScheme.FP8_TENSOR);
    }
}
