package io.github.llmcost.core;

import static io.github.llmcost.testing.ArticleClaimContract.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.llmcost.testing.ArticleClaimContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The worked numbers of the article's sections 1, 2 and 5, computed through the public API.
 *
 * <p>Each row: the claim, the value the article prints, the value computed, and a relative tolerance that says how
 * loosely the article rounds ("about 68 billion" for 68.7 billion gets 1.5%; exact byte counts get 0).
 */
class ArticleWorkedNumbersTest implements ArticleClaimContract {
    private static final long K = 1024;
    private static final ModelSpec ONE_B = ModelPresets.ARTICLE_1B_CLASS;
    private static final FlopCounter ARTICLE = FlopCounter.of(ONE_B, Convention.ARTICLE);
    private static final KvCache ONE_B_KV = KvCache.of(ONE_B, Convention.ARTICLE, NumericFormat.INT8);
    private static final KvCache SEVEN_B_KV =
            KvCache.of(ModelPresets.ARTICLE_7B_CLASS, Convention.ARTICLE, NumericFormat.INT8);
    private static final ModelSpec HYBRID = ModelSpec.builder()
            .from(ONE_B)
            .name("1B hybrid, 6 attention layers")
            .attentionKinds(AttentionKind.at(16, AttentionKind.GLOBAL, AttentionKind.NONE, 0, 3, 6, 9, 12, 15))
            .convolutionKernelSize(3)
            .build();
    private static final KvCache HYBRID_KV = KvCache.of(HYBRID, Convention.ARTICLE, NumericFormat.INT8);
    private static final double MiB = 1024.0 * 1024;
    private static final double GiB = 1024.0 * MiB;

    static Stream<Arguments> claims() {
        return Stream.of(
                // Section 1.3: a 4K context gives a 4096 x 4096 score matrix per head, "roughly 16.8 million".
                claim(
                        "1.3 score comparisons at 4K",
                        16.8e6,
                        0.005,
                        () -> layer(4 * K).get(Operation.ATTENTION_SCORES).toFlops()
                                / (2.0 * ONE_B.numAttentionHeads() * ONE_B.headDim())),
                // Section 1.8: 32 query heads sharing 8 KV heads cut the cache 4x.
                claim(
                        "1.8 GQA cache reduction",
                        4,
                        0,
                        () -> mhaOneB().sessionBytes(4 * K).dividedBy(ONE_B_KV.sessionBytes(4 * K))),
                // Section 2.1: QKV = 6nd^2 ~ 103 billion FLOPs at 4K.
                claim("2.1 QKV at 4K", 103e9, 0.005, () -> {
                    FlopBreakdown l = layer(4 * K);
                    return l.get(Operation.Q_PROJECTION)
                            .plus(l.get(Operation.K_PROJECTION))
                            .plus(l.get(Operation.V_PROJECTION))
                            .toFlops();
                }),
                // Section 2.2: scores 2n^2d ~ 68 billion at 4K (68.7: the article truncates), 4.4 trillion at 32K.
                claim(
                        "2.2 scores at 4K",
                        68e9,
                        0.015,
                        () -> layer(4 * K).get(Operation.ATTENTION_SCORES).toFlops()),
                claim(
                        "2.2 scores at 32K",
                        4.4e12,
                        0.005,
                        () -> layer(32 * K).get(Operation.ATTENTION_SCORES).toFlops()),
                // Section 2.3: aggregation has the same 2n^2d.
                claim(
                        "2.3 aggregation at 4K",
                        68e9,
                        0.015,
                        () -> layer(4 * K).get(Operation.ATTENTION_AGGREGATION).toFlops()),
                // Section 2.5: the crossover n = 2d = 4096.
                claim("2.5 crossover", 4096, 0, ARTICLE::crossoverTokens),
                // Section 2.6: MLP 16nd^2 ~ 274 billion at 4K (274.9).
                claim("2.6 MLP at 4K", 274e9, 0.005, () -> layer(4 * K).mlp().toFlops()),
                // Section 2.6: Mixtral 8x7B, 47B total, runs at roughly 13B.
                claim("2.6 Mixtral total", 47e9, 0.01, () ->
                        (double) ModelPresets.MIXTRAL_8X7B.parameters().totalParameters()),
                claim("2.6 Mixtral active", 13e9, 0.01, () ->
                        (double) ModelPresets.MIXTRAL_8X7B.parameters().activeParameters()),
                // Section 2.7: quadratic share 8% at 1K, 25% at 4K, 73% at 32K, 92% at 128K (91.4: the article
                // rounds up).
                claim("2.7 quadratic share 1K", 0.08, 0.04, () -> ARTICLE.quadraticShare(K)),
                claim("2.7 quadratic share 4K", 0.25, 0, () -> ARTICLE.quadraticShare(4 * K)),
                claim("2.7 quadratic share 32K", 0.73, 0.005, () -> ARTICLE.quadraticShare(32 * K)),
                claim("2.7 quadratic share 128K", 0.92, 0.01, () -> ARTICLE.quadraticShare(128 * K)),
                // Section 5.3: 16,384 bytes per token; 67 MB at 4K; 512 MB (MiB) at 32K; 2 GB (GiB) at 128K.
                claim(
                        "5.3 bytes per token",
                        16384,
                        0,
                        () -> ONE_B_KV.bytesPerToken().toBytes()),
                claim(
                        "5.3 session at 4K (decimal MB)",
                        67e6,
                        0.005,
                        () -> ONE_B_KV.sessionBytes(4 * K).toBytes()),
                claim(
                        "5.3 session at 32K (binary MiB)",
                        512 * MiB,
                        0,
                        () -> ONE_B_KV.sessionBytes(32 * K).toBytes()),
                claim(
                        "5.3 session at 128K (binary GiB)",
                        2 * GiB,
                        0,
                        () -> ONE_B_KV.sessionBytes(128 * K).toBytes()),
                // Section 5.3: 1B weights at INT4 ~600 MB (Llama 3.2 1B: 618 MB) ...
                claim(
                        "5.3 1B weights at INT4",
                        600e6,
                        0.05,
                        () -> ModelPresets.LLAMA_3_2_1B
                                .parameters()
                                .weightBytes(NumericFormat.INT4)
                                .toBytes()),
                // ... and at 128K the cache is "more than 3x" the weights.
                claim(
                        "5.3 cache over weights at 128K",
                        3.47,
                        0.005,
                        () -> ONE_B_KV.sessionBytes(128 * K)
                                .dividedBy(
                                        ModelPresets.LLAMA_3_2_1B.parameters().weightBytes(NumericFormat.INT4))),
                // Section 5.3 hybrid: 6 attention layers of 16, 6,144 bytes per token, 192 MB at 32K, 768 MB at 128K.
                claim(
                        "5.3 hybrid bytes per token",
                        6144,
                        0,
                        () -> HYBRID_KV.bytesPerToken().toBytes()),
                claim(
                        "5.3 hybrid at 32K",
                        192 * MiB,
                        0,
                        () -> HYBRID_KV.sessionBytes(32 * K).toBytes()),
                claim(
                        "5.3 hybrid at 128K",
                        768 * MiB,
                        0,
                        () -> HYBRID_KV.sessionBytes(128 * K).toBytes()),
                claim(
                        "5.3 hybrid frees at 32K",
                        320 * MiB,
                        0,
                        () -> ONE_B_KV.sessionBytes(32 * K)
                                .minus(HYBRID_KV.sessionBytes(32 * K))
                                .toBytes()),
                // Section 5.4: weights. 70B at FP16 ~140 GB; 7B at INT4 ~3.5 GB.
                claim(
                        "5.4 70B at FP16",
                        140e9,
                        0.01,
                        () -> ModelPresets.LLAMA_3_1_70B
                                .parameters()
                                .weightBytes(NumericFormat.FP16)
                                .toBytes()),
                claim(
                        "5.4 7B at INT4",
                        3.5e9,
                        0.04,
                        () -> ModelPresets.ARTICLE_7B_CLASS
                                .parameters()
                                .weightBytes(NumericFormat.INT4)
                                .toBytes()),
                // Section 5.5: the 7B class at INT8: 268 MB at 4K, 2.1 GB at 32K.
                claim(
                        "5.5 7B session at 4K",
                        268e6,
                        0.005,
                        () -> SEVEN_B_KV.sessionBytes(4 * K).toBytes()),
                claim(
                        "5.5 7B session at 32K",
                        2.1e9,
                        0.025,
                        () -> SEVEN_B_KV.sessionBytes(32 * K).toBytes()),
                // Section 5.5: users in 74.5 GB. The article divides 74.5 GB by 268 MB and rounds 277.99 to 278;
                // whole sessions are a floor, 277. At 32K and 128K floor and article agree.
                claim("5.5 users at 4K", 278, 1.0 / 278, () ->
                        (double) SEVEN_B_KV.sessionsThatFit(Bytes.ofGigabytes(74.5), 4 * K)),
                claim("5.5 users at 32K", 34, 0, () ->
                        (double) SEVEN_B_KV.sessionsThatFit(Bytes.ofGigabytes(74.5), 32 * K)),
                claim("5.5 users at 128K", 8, 0, () ->
                        (double) SEVEN_B_KV.sessionsThatFit(Bytes.ofGigabytes(74.5), 128 * K)),
                // Section 6.1: the 14B class at INT4 ~7 GB; its KV at 32K (INT8) ~2.1 GB.
                claim(
                        "6.1 14B weights at INT4",
                        7e9,
                        0.03,
                        () -> ModelPresets.ARTICLE_14B_CLASS
                                .parameters()
                                .weightBytes(NumericFormat.INT4)
                                .toBytes()),
                claim(
                        "6.1 14B KV at 32K",
                        2.1e9,
                        0.025,
                        () -> KvCache.of(ModelPresets.ARTICLE_14B_CLASS, Convention.ARTICLE, NumericFormat.INT8)
                                .sessionBytes(32 * K)
                                .toBytes()));
    }

    @Test
    void exactUsersAt4kIsTheFloor() {
        // 74.5e9 / 268,435,456 = 277.53...; the article's 278 rounds, a whole-session count floors.
        assertThat(SEVEN_B_KV.sessionsThatFit(Bytes.ofGigabytes(74.5), 4 * K)).isEqualTo(277);
    }

    @Test
    void layerFormulaIs24nd2Plus4n2d() {
        long n = 4 * K;
        double d = ONE_B.hiddenSize();
        assertThat(layer(n).total().toFlops()).isEqualTo(24 * n * d * d + 4.0 * n * n * d);
        assertThat(ARTICLE.prefill(n).total().toFlops()).isEqualTo(16 * (24 * n * d * d + 4.0 * n * n * d));
    }

    @Test
    void decodeStepIs24d2Plus4nd() {
        long n = 4 * K;
        double d = ONE_B.hiddenSize();
        assertThat(ARTICLE.decodeStep(n).total().toFlops()).isEqualTo(16 * (24 * d * d + 4.0 * n * d));
    }

    private static FlopBreakdown layer(long n) {
        return ARTICLE.layer(0, 0, n);
    }

    private static KvCache mhaOneB() {
        return KvCache.of(
                ModelSpec.builder().from(ONE_B).numKeyValueHeads(32).build(), Convention.ARTICLE, NumericFormat.INT8);
    }
}
