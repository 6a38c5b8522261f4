package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The KV cache layer by layer: sliding windows cap what a layer holds, attention-free layers hold a fixed state, and a
 * shared prefix is stored once only where every sequence would store the same entries. The models are {@link
 * FlopAccountingTest}'s: 2 KV heads of {@code d_k = 16}, so each attention layer caches 64 values per token, 128
 * bytes in BF16.
 */
class KvCacheLayersTest {
    private static final double BYTES_PER_TOKEN_PER_LAYER = 2.0 * 2 * 16 * 2;

    @Test
    void slidingWindowLayersHoldAtMostTheirWindow() {
        KvCache exact = KvCache.of(FlopAccountingTest.sliding(), Convention.EXACT, NumericFormat.BF16);
        assertThat(exact.layerBytes(0, 3).toBytes()).isEqualTo(3 * BYTES_PER_TOKEN_PER_LAYER);
        assertThat(exact.layerBytes(0, 10).toBytes()).isEqualTo(4 * BYTES_PER_TOKEN_PER_LAYER);
        assertThat(exact.layerBytes(1, 10).toBytes()).isEqualTo(10 * BYTES_PER_TOKEN_PER_LAYER);
        assertThat(exact.sessionBytes(10).toBytes()).isEqualTo(14 * BYTES_PER_TOKEN_PER_LAYER);
        KvCache article = KvCache.of(FlopAccountingTest.sliding(), Convention.ARTICLE, NumericFormat.BF16);
        assertThat(article.layerBytes(0, 10).toBytes()).isEqualTo(10 * BYTES_PER_TOKEN_PER_LAYER);
        assertThat(article.sessionBytes(10).toBytes()).isEqualTo(20 * BYTES_PER_TOKEN_PER_LAYER);
    }

    @Test
    void attentionFreeLayersHoldAFixedStateUnderExactOnly() {
        KvCache exact = KvCache.of(FlopAccountingTest.convolution(), Convention.EXACT, NumericFormat.BF16);
        assertThat(exact.layerBytes(0, 1).toBytes()).isEqualTo(64.0 * 3 * 2);
        assertThat(exact.layerBytes(0, 1000).toBytes()).isEqualTo(64.0 * 3 * 2);
        assertThat(exact.layerBytes(1, 1000).toBytes()).isEqualTo(1000 * BYTES_PER_TOKEN_PER_LAYER);
        assertThat(exact.fixedStateBytes().toBytes()).isEqualTo(64.0 * 3 * 2);
        KvCache article = KvCache.of(FlopAccountingTest.convolution(), Convention.ARTICLE, NumericFormat.BF16);
        assertThat(article.layerBytes(0, 1000)).isEqualTo(Bytes.ZERO);
        assertThat(article.fixedStateBytes()).isEqualTo(Bytes.ZERO);
    }

    @Test
    void aSharedPrefixIsStoredOnceInGlobalLayersOnly() {
        ModelSpec sliding = FlopAccountingTest.sliding();
        assertThat(KvCache.of(sliding, Convention.EXACT, NumericFormat.BF16)
                        .sharedPrefixBytes(10)
                        .toBytes())
                .isEqualTo(10 * BYTES_PER_TOKEN_PER_LAYER);
        // ARTICLE knows no windows: both attention layers share the prefix
        assertThat(KvCache.of(sliding, Convention.ARTICLE, NumericFormat.BF16)
                        .sharedPrefixBytes(10)
                        .toBytes())
                .isEqualTo(20 * BYTES_PER_TOKEN_PER_LAYER);
        ModelSpec convolution = FlopAccountingTest.convolution();
        assertThat(KvCache.of(convolution, Convention.ARTICLE, NumericFormat.BF16)
                        .sharedPrefixBytes(10)
                        .toBytes())
                .isEqualTo(10 * BYTES_PER_TOKEN_PER_LAYER);
    }

    @Test
    void sessionsSharingTheirWholeContextAreUnbounded() {
        KvCache kv = KvCache.of(FlopAccountingTest.dense(), Convention.EXACT, NumericFormat.BF16);
        Bytes session = kv.sessionBytes(10);
        assertThat(kv.sessionsThatFit(session.multipliedBy(3), 10)).isEqualTo(3);
        assertThat(kv.sessionsThatFit(session.multipliedBy(3), 10, 5)).isEqualTo(5);
        assertThat(kv.sessionsThatFit(kv.sharedPrefixBytes(5), 10, 5)).isZero();
        assertThat(kv.sessionsThatFit(Bytes.of(1), 10, 5)).isZero();
        assertThatThrownBy(() -> kv.sessionsThatFit(session, 10, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sessions are unbounded: a session of 10 tokens needs no private cache memory");
    }

    @Test
    void describesItself() {
        ModelSpec m = FlopAccountingTest.dense();
        KvCache kv = KvCache.of(m, Convention.EXACT, NumericFormat.INT8);
        assertThat(kv.model()).isSameAs(m);
        assertThat(kv.convention()).isEqualTo(Convention.EXACT);
        assertThat(kv.format()).isEqualTo(NumericFormat.INT8);
        assertThat(kv.bytesPerToken().toBytes()).isEqualTo(2 * 64.0);
        assertThat(kv).hasToString("KvCache[dense, EXACT, INT8, 128 B per token]");
    }
}
