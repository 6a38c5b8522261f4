package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The examples in the javadoc, compiled and run: each test is the snippet a user would type in JShell, with the
 * value JShell would print asserted. When a javadoc example changes, change it here too.
 */
class JavadocSnippetsTest {

    /** {@link Flops}. */
    @Test
    void flops() {
        assertThat(Flops.of(103_079_215_104L)).hasToString("103 GFLOP");
    }

    /** {@link Bytes}. */
    @Test
    void bytes() {
        assertThat(Bytes.of(536_870_912)).hasToString("537 MB (512 MiB)");
    }

    /** {@link ModelSpec}. */
    @Test
    void modelSpec() {
        ModelSpec tiny = ModelSpec.builder()
                .name("tiny")
                .hiddenSize(512)
                .numLayers(4)
                .numAttentionHeads(8)
                .numKeyValueHeads(2)
                .intermediateSize(1536)
                .vocabSize(32000)
                .build();
        assertThat(tiny.headDim()).isEqualTo(64);
        assertThat(tiny.parameters().totalParameters())
                .isEqualTo(2L * 32000 * 512 + 4L * (512 * 512 * 2 + 2 * 512 * 128 + 3 * 512 * 1536 + 2 * 512) + 512);
    }

    /** {@link FlopCounter}. */
    @Test
    void flopCounter() {
        FlopCounter article = FlopCounter.of(ModelPresets.ARTICLE_1B_CLASS, Convention.ARTICLE);
        assertThat(article.layer(0, 0, 4096).get(Operation.ATTENTION_SCORES)).hasToString("68.7 GFLOP");
        assertThat(article.quadraticShare(32768)).isEqualTo(32768.0 / (6 * 2048 + 32768));
    }

    /** {@link KvCache}. */
    @Test
    void kvCache() {
        KvCache kv = KvCache.of(ModelPresets.ARTICLE_1B_CLASS, Convention.ARTICLE, NumericFormat.INT8);
        assertThat(kv.bytesPerToken()).hasToString("16.4 kB (16 KiB)");
        assertThat(kv.sessionBytes(32768)).hasToString("537 MB (512 MiB)");
    }

    /** {@link Workload}. */
    @Test
    void workload() {
        Workload w = Workload.of(4096, 512).withBatchSize(8);
        assertThat(w.contextTokens()).isEqualTo(4608);
        assertThat(w.withSharedPrefixTokens(1024).prefillTokens()).isEqualTo((4096 - 1024) * 8L);
    }

    /** {@link Formats}. */
    @Test
    void formats() {
        assertThat(Formats.of(NumericFormat.FP8_E4M3).scheme()).isEqualTo("W8A8");
        Formats int4 = Formats.of(NumericFormat.INT4).withKvCache(NumericFormat.INT8);
        assertThat(int4.activations()).isEqualTo(NumericFormat.BF16);
        assertThat(int4.isWeightOnlyQuantized()).isTrue();
        assertThat(int4).hasToString("weights INT4, activations BF16 (W4A16, weight-only), KV INT8");
        assertThat(Formats.of(NumericFormat.FP4).activations()).isEqualTo(NumericFormat.FP4);
    }
}
