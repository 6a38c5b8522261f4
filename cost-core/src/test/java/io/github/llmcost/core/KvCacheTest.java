package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** KV-cache sizes of real presets under EXACT, and prompt-prefix sharing. */
class KvCacheTest {

    @Test
    void llama31With8KvHeadsStores128KiBPerTokenAtBf16() {
        KvCache kv = KvCache.of(ModelPresets.LLAMA_3_1_8B, Convention.EXACT, NumericFormat.BF16);
        assertThat(kv.bytesPerToken().toBytes()).isEqualTo(2.0 * 32 * 8 * 128 * 2);
        assertThat(kv.sessionBytes(8192).toBytes()).isEqualTo(131072.0 * 8192);
    }

    @Test
    void deepSeekCachesItsLatentAndRotaryKey() {
        // (kv_lora_rank 512 + rope 64) values x 61 layers x 2 bytes = 70,272 bytes per token.
        KvCache exact = KvCache.of(ModelPresets.DEEPSEEK_V3, Convention.EXACT, NumericFormat.BF16);
        assertThat(exact.bytesPerToken().toBytes()).isEqualTo(70_272);
        // Under ARTICLE the same model is read as 128 KV heads of 192: 2 x 61 x 128 x 192 x 2 bytes.
        KvCache article = KvCache.of(ModelPresets.DEEPSEEK_V3, Convention.ARTICLE, NumericFormat.BF16);
        assertThat(article.bytesPerToken().toBytes()).isEqualTo(2.0 * 61 * 128 * 192 * 2);
    }

    @Test
    void slidingWindowStopsGrowingAtTheWindow() {
        KvCache kv = KvCache.of(ModelPresets.MISTRAL_7B_V0_1, Convention.EXACT, NumericFormat.FP16);
        assertThat(kv.sessionBytes(32768)).isEqualTo(kv.sessionBytes(4096));
        assertThat(kv.growthPerToken(4095)).isEqualTo(kv.bytesPerToken());
        assertThat(kv.growthPerToken(4096)).isEqualTo(Bytes.ZERO);
        // ARTICLE ignores windows.
        KvCache article = KvCache.of(ModelPresets.MISTRAL_7B_V0_1, Convention.ARTICLE, NumericFormat.FP16);
        assertThat(article.sessionBytes(32768).dividedBy(article.sessionBytes(4096)))
                .isEqualTo(8);
    }

    @Test
    void gemma2HalfOfItsLayersStopAtTheWindow() {
        KvCache kv = KvCache.of(ModelPresets.GEMMA_2_9B, Convention.EXACT, NumericFormat.BF16);
        double perLayerToken = 2.0 * 8 * 256 * 2;
        assertThat(kv.sessionBytes(8192).toBytes()).isEqualTo(perLayerToken * (21 * 8192 + 21 * 4096));
        assertThat(kv.growthPerToken(5000).toBytes()).isEqualTo(perLayerToken * 21);
    }

    @Test
    void attentionFreeLayersKeepAFixedState() {
        KvCache kv = KvCache.of(ModelPresets.LFM2_1_2B, Convention.EXACT, NumericFormat.BF16);
        // 10 convolution layers x d 2048 x 3 taps x 2 bytes
        assertThat(kv.fixedStateBytes().toBytes()).isEqualTo(10.0 * 2048 * 3 * 2);
        assertThat(kv.bytesPerToken().toBytes()).isEqualTo(6.0 * 2 * 8 * 64 * 2);
        assertThat(kv.sessionBytes(0)).isEqualTo(kv.fixedStateBytes());
        assertThat(KvCache.of(ModelPresets.LFM2_1_2B, Convention.ARTICLE, NumericFormat.BF16)
                        .fixedStateBytes())
                .isEqualTo(Bytes.ZERO);
    }

    @Test
    void sharedPrefixIsStoredOnce() {
        KvCache kv = KvCache.of(ModelPresets.ARTICLE_7B_CLASS, Convention.EXACT, NumericFormat.INT8);
        Bytes budget = Bytes.ofGigabytes(74.5);
        long alone = kv.sessionsThatFit(budget, 8192);
        long sharing = kv.sessionsThatFit(budget, 8192, 4096);
        assertThat(alone).isEqualTo(138);
        // 4096 shared tokens stored once (268 MB), each session keeps 4096 private tokens: (74.5e9 - s) / s.
        assertThat(sharing).isEqualTo(276);
        assertThat(kv.sessionsThatFit(Bytes.ofGigabytes(0.1), 8192, 4096)).isZero();
    }

    @Test
    void aSessionWithoutPrivateMemoryIsRejected() {
        KvCache kv = KvCache.of(ModelPresets.LLAMA_3_1_8B, Convention.EXACT, NumericFormat.BF16);
        assertThatThrownBy(() -> kv.sessionsThatFit(Bytes.ofGigabytes(1), 100, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unbounded");
    }
}
