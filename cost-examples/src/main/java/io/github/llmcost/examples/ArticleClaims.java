package io.github.llmcost.examples;

import static io.github.llmcost.examples.ArticleSetups.ARTICLE;
import static io.github.llmcost.examples.ArticleSetups.ARTICLE_TOKENS_PER_SECOND;
import static io.github.llmcost.examples.ArticleSetups.GB;
import static io.github.llmcost.examples.ArticleSetups.H100;
import static io.github.llmcost.examples.ArticleSetups.K;
import static io.github.llmcost.examples.ArticleSetups.MB;
import static io.github.llmcost.examples.ArticleSetups.ONE_B;
import static io.github.llmcost.examples.ArticleSetups.ONE_B_KV;
import static io.github.llmcost.examples.ArticleSetups.PHONE;
import static io.github.llmcost.examples.ArticleSetups.PRICE;
import static io.github.llmcost.examples.ArticleSetups.decodeIntensity;
import static io.github.llmcost.examples.ArticleSetups.doubledCompute;
import static io.github.llmcost.examples.ArticleSetups.edge;
import static io.github.llmcost.examples.ArticleSetups.fourteenB;
import static io.github.llmcost.examples.ArticleSetups.hybridKv;
import static io.github.llmcost.examples.ArticleSetups.layer;
import static io.github.llmcost.examples.ArticleSetups.lifetime;
import static io.github.llmcost.examples.ArticleSetups.llama1bInt4Weights;
import static io.github.llmcost.examples.ArticleSetups.perMillion;
import static io.github.llmcost.examples.ArticleSetups.phonePrefill;
import static io.github.llmcost.examples.ArticleSetups.prefillIntensity;
import static io.github.llmcost.examples.ArticleSetups.sevenB;
import static io.github.llmcost.examples.ArticleSetups.sevenBDecode;
import static io.github.llmcost.examples.ArticleSetups.userHour;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopBreakdown;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.economics.ApiPriceBook;
import io.github.llmcost.economics.Money;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * How each claim of the article is computed through the public API, keyed by the claim ids of {@code
 * article-claims.tsv}. Each value is in the claim's unit. Nothing here is a typed-in answer: every number is the
 * article's input (a context length, a price, a format), never its output.
 */
final class ArticleClaims {
    private ArticleClaims() {}

    /** {@return every computation, by claim id, section by section in the article's order} */
    static Map<String, DoubleSupplier> all() {
        Map<String, DoubleSupplier> m = new LinkedHashMap<>();
        highlights(m);
        selfAttention(m);
        layerFlops(m);
        prefillAndDecode(m);
        roofline(m);
        kvCache(m);
        dollars(m);
        edgeCrossover(m);
        architectures(m);
        return m;
    }

    /** The executive highlights. */
    private static void highlights(Map<String, DoubleSupplier> m) {
        m.put("h.prefill-intensity", () -> prefillIntensity(NumericFormat.FP16));
        m.put("h.decode-intensity", () -> decodeIntensity(NumericFormat.FP16));
        m.put("h.decode-intensity-int4", () -> decodeIntensity(NumericFormat.INT4));
        m.put("h.ridge-h100", () -> H100.ridgePointFlopsPerByte(NumericFormat.FP16));
        m.put(
                "h.decode-share-of-peak",
                () -> 100
                        * H100.attainable(NumericFormat.FP16, decodeIntensity(NumericFormat.FP16))
                                .toFlopsPerSecond()
                        / H100.peak(NumericFormat.FP16).toFlopsPerSecond());
        m.put("h.cache-vs-weights-32k", () -> ONE_B_KV.sessionBytes(32 * K).dividedBy(llama1bInt4Weights()));
        m.put(
                "h.double-context",
                () -> (double) sevenB(64 * K).maxConcurrentSessions()
                        / sevenB(32 * K).maxConcurrentSessions());
        m.put("h.floor-14b", () -> perMillion(PRICE));
        m.put("h.api-high", ApiPriceBook.CLAUDE_3_HAIKU::outputUsdPerMillion);
        m.put(
                "h.utilisation-swing",
                () -> perMillion(PRICE.withUtilization(0.1)) / perMillion(PRICE.withUtilization(0.3)));
        m.put("h.edge-500", () -> edge(500).cloudOverOnDevice());
    }

    /** Section 1, self-attention. */
    private static void selfAttention(Map<String, DoubleSupplier> m) {
        m.put("1.1.d", () -> ModelPresets.LLAMA_3_2_1B.hiddenSize());
        m.put(
                "1.3.comparisons",
                () -> layer(4 * K).get(Operation.ATTENTION_SCORES).toFlops()
                        / (2.0 * ONE_B.numAttentionHeads() * ONE_B.headDim())
                        / 1e6);
        m.put("1.4.std", () -> Math.sqrt(ONE_B.headDim()));
        m.put("1.5.softmax", () -> Math.exp(10 - 8));
        m.put(
                "1.8.gqa",
                () -> KvCache.of(
                                ModelSpec.builder()
                                        .from(ONE_B)
                                        .numKeyValueHeads(32)
                                        .build(),
                                Convention.ARTICLE,
                                NumericFormat.INT8)
                        .sessionBytes(4 * K)
                        .dividedBy(ONE_B_KV.sessionBytes(4 * K)));
    }

    /** Section 2, the FLOPs of a layer. */
    private static void layerFlops(Map<String, DoubleSupplier> m) {
        m.put("2.1.qkv", () -> {
            FlopBreakdown l = layer(4 * K);
            return (l.get(Operation.Q_PROJECTION).toFlops()
                            + l.get(Operation.K_PROJECTION).toFlops()
                            + l.get(Operation.V_PROJECTION).toFlops())
                    / 1e9;
        });
        m.put(
                "2.2.scores-4k",
                () -> layer(4 * K).get(Operation.ATTENTION_SCORES).toGigaflops());
        m.put(
                "2.2.scores-32k",
                () -> layer(32 * K).get(Operation.ATTENTION_SCORES).toTeraflops());
        m.put(
                "2.3.aggregation",
                () -> layer(4 * K)
                        .get(Operation.ATTENTION_AGGREGATION)
                        .dividedBy(layer(4 * K).get(Operation.ATTENTION_SCORES)));
        m.put("2.5.crossover", ARTICLE::crossoverTokens);
        m.put("2.6.mlp", () -> layer(4 * K).mlp().toGigaflops());
        m.put(
                "2.6.mlp-vs-projections",
                () -> layer(4 * K).mlp().dividedBy(layer(4 * K).attentionProjections()));
        m.put(
                "2.6.mlp-vs-attention",
                () -> layer(4 * K)
                        .mlp()
                        .dividedBy(layer(4 * K)
                                .attentionProjections()
                                .plus(layer(4 * K).quadratic())));
        m.put(
                "2.6.mixtral-total",
                () -> (double) ModelPresets.MIXTRAL_8X7B.parameters().totalParameters() / 1e9);
        m.put(
                "2.6.mixtral-active",
                () -> (double) ModelPresets.MIXTRAL_8X7B.parameters().activeParameters() / 1e9);
        m.put("2.7.share-1k", () -> 100 * ARTICLE.quadraticShare(K));
        m.put("2.7.share-4k", () -> 100 * ARTICLE.quadraticShare(4 * K));
        m.put("2.7.share-32k", () -> 100 * ARTICLE.quadraticShare(32 * K));
        m.put("2.7.share-128k", () -> 100 * ARTICLE.quadraticShare(128 * K));
    }

    /** Section 3, prefill and decode. */
    private static void prefillAndDecode(Map<String, DoubleSupplier> m) {
        m.put("3.1.prefill-intensity", () -> prefillIntensity(NumericFormat.FP16));
        m.put("3.2.decode-fp16", () -> decodeIntensity(NumericFormat.FP16));
        m.put("3.2.decode-int8", () -> decodeIntensity(NumericFormat.INT8));
        m.put("3.2.decode-int4", () -> decodeIntensity(NumericFormat.INT4));
        m.put(
                "3.0.api-ratio",
                () -> ApiPriceBook.GEMINI_2_5_FLASH_LITE
                        .perOutputToken()
                        .dividedBy(ApiPriceBook.GEMINI_2_5_FLASH_LITE.perInputToken()));
    }

    /** Section 4, the roofline. */
    private static void roofline(Map<String, DoubleSupplier> m) {
        m.put("4.1.h100-flops", () -> H100.peak(NumericFormat.FP16).toTeraflopsPerSecond());
        m.put("4.1.phone-flops", () -> PHONE.peak(NumericFormat.FP16).toFlopsPerSecond() / 1e9);
        m.put("4.1.compute-gap", ArticleSetups::computeGap);
        m.put("4.1.h100-bandwidth", () -> H100.memoryBandwidth().toGigabytesPerSecond());
        m.put("4.1.phone-bandwidth", () -> PHONE.memoryBandwidth().toGigabytesPerSecond());
        m.put(
                "4.1.bandwidth-gap",
                () -> H100.memoryBandwidth().toBytesPerSecond()
                        / PHONE.memoryBandwidth().toBytesPerSecond());
        m.put("4.2.ridge-h100", () -> H100.ridgePointFlopsPerByte(NumericFormat.FP16));
        m.put("4.2.ridge-a100", () -> HardwarePresets.A100_80GB.ridgePointFlopsPerByte(NumericFormat.FP16));
        m.put("4.2.ridge-phone", () -> PHONE.ridgePointFlopsPerByte(NumericFormat.FP16));
        m.put(
                "4.3.prefill-margin",
                () -> prefillIntensity(NumericFormat.FP16) / H100.ridgePointFlopsPerByte(NumericFormat.FP16));
        m.put(
                "4.4.double-compute",
                () -> sevenBDecode(doubledCompute(H100))
                                .decodeStep(4 * K)
                                .time()
                                .toSeconds()
                        / sevenBDecode(H100).decodeStep(4 * K).time().toSeconds());
        m.put(
                "4.5.phone-decode",
                () -> decodeIntensity(NumericFormat.INT4) / PHONE.ridgePointFlopsPerByte(NumericFormat.FP16));
        m.put("4.5.phone-prefill", () -> phonePrefill(PHONE) / phonePrefill(H100));
        m.put("4.6.h100-memory", () -> H100.memoryCapacity().toGibibytes());
    }

    /** Section 5, the KV cache and memory. */
    private static void kvCache(Map<String, DoubleSupplier> m) {
        m.put("5.3.per-token", () -> ONE_B_KV.bytesPerToken().toBytes());
        m.put("5.3.at-4k", () -> ONE_B_KV.sessionBytes(4 * K).toMegabytes());
        m.put("5.3.at-32k", () -> ONE_B_KV.sessionBytes(32 * K).toMegabytes());
        m.put("5.3.at-128k", () -> ONE_B_KV.sessionBytes(128 * K).toGigabytes());
        m.put("5.3.weights-1b", () -> llama1bInt4Weights().toMegabytes());
        m.put("5.3.cache-over-weights", () -> ONE_B_KV.sessionBytes(128 * K).dividedBy(llama1bInt4Weights()));
        m.put("5.3.hybrid-per-token", () -> hybridKv().bytesPerToken().toBytes());
        m.put("5.3.hybrid-32k", () -> hybridKv().sessionBytes(32 * K).toMegabytes());
        m.put("5.3.hybrid-128k", () -> hybridKv().sessionBytes(128 * K).toMegabytes());
        m.put(
                "5.3.hybrid-freed",
                () -> ONE_B_KV.sessionBytes(32 * K)
                        .minus(hybridKv().sessionBytes(32 * K))
                        .toMegabytes());
        m.put(
                "5.3.lfm2-per-token",
                () -> ArticleArchitectures.kv(ArticleArchitectures.HYBRID)
                        .bytesPerToken()
                        .toBytes());
        m.put(
                "5.3.lfm2-32k",
                () -> ArticleArchitectures.kv(ArticleArchitectures.HYBRID)
                        .sessionBytes(32 * K)
                        .toMegabytes());
        m.put(
                "5.3.lfm2-freed",
                () -> ArticleArchitectures.kv(ArticleArchitectures.TRANSFORMER)
                        .sessionBytes(32 * K)
                        .minus(ArticleArchitectures.kv(ArticleArchitectures.HYBRID)
                                .sessionBytes(32 * K))
                        .toMegabytes());
        m.put(
                "5.4.weights-70b",
                () -> ModelPresets.LLAMA_3_1_70B
                        .parameters()
                        .weightBytes(NumericFormat.FP16)
                        .toGigabytes());
        m.put(
                "5.4.weights-7b",
                () -> ModelPresets.ARTICLE_7B_CLASS
                        .parameters()
                        .weightBytes(NumericFormat.INT4)
                        .toGigabytes());
        m.put("5.4.activations", () -> sevenB(4 * K).memory().activations().toMegabytes());
        m.put("5.4.kv-budget", () -> sevenB(4 * K).memory().kvCacheBudget().toBytes() / GB);
        m.put("5.5.session-4k", () -> sevenB(4 * K).memory().kvCachePerSession().toBytes() / MB);
        m.put("5.5.users-4k", () -> (double) sevenB(4 * K).maxConcurrentSessions());
        m.put(
                "5.5.session-32k",
                () -> sevenB(32 * K).memory().kvCachePerSession().toBytes() / GB);
        m.put("5.5.users-32k", () -> (double) sevenB(32 * K).maxConcurrentSessions());
        m.put("5.5.users-128k", () -> (double) sevenB(128 * K).maxConcurrentSessions());
        m.put("5.6.user-hour-4k", () -> userHour(4 * K));
        m.put("5.6.user-hour-32k", () -> userHour(32 * K));
        m.put("5.6.user-hour-128k", () -> userHour(128 * K));
        m.put("5.6.ratio", () -> userHour(128 * K) / userHour(4 * K));
    }

    /** Section 6, from FLOPs to dollars. */
    private static void dollars(Map<String, DoubleSupplier> m) {
        m.put(
                "6.1.weights-14b",
                () -> ModelPresets.ARTICLE_14B_CLASS
                        .parameters()
                        .weightBytes(NumericFormat.INT4)
                        .toGigabytes());
        m.put(
                "6.1.kv-14b",
                () -> fourteenB(Efficiency.PEAK).kvCache().sessionBytes(32 * K).toGigabytes());
        m.put(
                "6.1.bytes-per-step",
                () -> fourteenB(Efficiency.PEAK).decodeStep(32 * K).bytes().toGigabytes());
        m.put(
                "6.1.time-per-token",
                () -> fourteenB(Efficiency.PEAK).timePerOutputToken(32 * K).toMillis());
        m.put("6.1.ceiling", () -> fourteenB(Efficiency.PEAK).decodeTokensPerSecondPerUser());
        m.put("6.1.at-40", () -> fourteenB(Efficiency.of(0.4, 0.4)).decodeTokensPerSecondPerUser());
        m.put("6.1.at-60", () -> fourteenB(Efficiency.of(0.6, 0.6)).decodeTokensPerSecondPerUser());
        m.put(
                "6.2.per-token",
                () -> PRICE.costPerToken(ARTICLE_TOKENS_PER_SECOND).toUsd());
        m.put("6.2.per-million", () -> perMillion(PRICE));
        m.put("6.2.at-30", () -> perMillion(PRICE.withUtilization(0.3)));
        m.put("6.2.at-10", () -> perMillion(PRICE.withUtilization(0.1)));
        m.put("6.2.spread", () -> perMillion(PRICE.withUtilization(0.1)) / perMillion(PRICE));
        m.put(
                "6.3.flash-lite",
                () -> ApiPriceBook.GEMINI_2_5_FLASH_LITE
                        .blendedPerMillion(1.0 / 3)
                        .toUsd());
        m.put("6.3.gpt-4o-mini", ApiPriceBook.GPT_4O_MINI::outputUsdPerMillion);
        m.put("6.3.haiku", ApiPriceBook.CLAUDE_3_HAIKU::outputUsdPerMillion);
        m.put(
                "6.3.api-over-floor",
                () -> ApiPriceBook.CLAUDE_3_HAIKU.outputPriceOver(Money.of(perMillion(PRICE.withUtilization(0.1)))));
        m.put(
                "6.3.qwen3-14b",
                () -> ModelPresets.QWEN3_14B
                        .parameters()
                        .weightBytes(NumericFormat.INT4)
                        .toGigabytes());
    }

    /** Section 7, the edge crossover. */
    private static void edgeCrossover(Map<String, DoubleSupplier> m) {
        m.put("7.0.phone-compute", ArticleSetups::computeGap);
        m.put("7.2.lifetime-tokens", () -> lifetime().tokensOverDeviceLife() / 1e6);
        m.put(
                "7.2.licence-per-million",
                () -> lifetime().licencePerMillionTokens().toUsd());
        m.put("7.2.cloud-50", () -> edge(50).monthlyCloudCost().toUsd() / 1e6);
        m.put("7.2.device-50", () -> edge(50).monthlyOnDeviceCost().toUsd() / 1e6);
        m.put("7.2.cloud-100", () -> edge(100).monthlyCloudCost().toUsd() / 1e6);
        m.put("7.2.cloud-500", () -> edge(500).monthlyCloudCost().toUsd() / 1e6);
        m.put("7.3.context-cap", () -> (double) ArticleArchitectures.phone(ModelPresets.LLAMA_3_2_3B)
                .largestContext()
                .tokens());
    }

    /** Section 8, what an architecture that wins at the edge needs, through the scorecard of {@link ArticleArchitectures}. */
    private static void architectures(Map<String, DoubleSupplier> m) {
        m.put("8.quadratic-dominates", () -> ArticleArchitectures.transformerQuadraticPercent(128 * K));
        m.put(
                "8.hybrid-quadratic",
                () -> ArticleArchitectures.quadraticFlops(ArticleArchitectures.TRANSFORMER, 32 * K)
                        / ArticleArchitectures.quadraticFlops(ArticleArchitectures.HYBRID, 32 * K));
        m.put(
                "8.hybrid-cache",
                () -> ArticleArchitectures.kv(ArticleArchitectures.HYBRID)
                        .sessionBytes(32 * K)
                        .dividedBy(ArticleArchitectures.kv(ArticleArchitectures.TRANSFORMER)
                                .sessionBytes(32 * K)));
        m.put(
                "8.stateless-zero",
                () -> ArticleArchitectures.kv(ArticleArchitectures.HYBRID)
                        .fixedStateBytes()
                        .toBytes());
        m.put(
                "8.decode-graceful",
                () -> ArticleArchitectures.decodeSlowdown(ArticleArchitectures.TRANSFORMER)
                        / ArticleArchitectures.decodeSlowdown(ArticleArchitectures.HYBRID));
        m.put("8.edge-7b", () -> ArticleArchitectures.memoryOverBudgetAt32k(ModelPresets.ARTICLE_7B_CLASS));
    }
}
