package io.github.llmcost.examples;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopBreakdown;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.FlopRate;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.Deployment;
import io.github.llmcost.economics.DeviceCosts;
import io.github.llmcost.economics.EdgeVsCloud;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.GpuPricing;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.Money;
import io.github.llmcost.economics.ServingCost;
import io.github.llmcost.economics.UsageProfile;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import java.util.EnumMap;
import java.util.Map;

/**
 * The configurations the article computes with, shared by the sections of {@link ArticleClaims}: its 1B, 7B and 14B
 * classes, its chips and its price, each built through the public API from the article's inputs, every deployment
 * through {@link LlmCost} on the plain roofline at the efficiencies the article assumes, set explicitly (not the chip's
 * fitted calibration, which is {@link LlmCost}'s default).
 */
final class ArticleSetups {
    static final long K = 1024;
    static final double GB = 1e9;
    static final double MB = 1e6;
    static final ModelSpec ONE_B = ModelPresets.ARTICLE_1B_CLASS;
    static final FlopCounter ARTICLE = FlopCounter.of(ONE_B, Convention.ARTICLE);
    static final KvCache ONE_B_KV = KvCache.of(ONE_B, Convention.ARTICLE, NumericFormat.INT8);
    static final HardwareSpec H100 = HardwarePresets.H100_SXM;
    static final HardwareSpec PHONE = HardwarePresets.SNAPDRAGON_8_ELITE_CPU;
    static final GpuPricing PRICE = GpuPricing.of(GpuPricing.ARTICLE_H100_USD_PER_HOUR);
    /** The article's 185 tokens per second, section 6.2. */
    static final double ARTICLE_TOKENS_PER_SECOND = 185;

    /** The 7B class at INT4 with INT8 KV on an H100 counted, as the article does, as 80 decimal GB, at its price. */
    static final Deployment SEVEN_B = LlmCost.model(ModelPresets.ARTICLE_7B_CLASS)
            .hardware(H100.withMemoryCapacity(Bytes.ofGigabytes(80)))
            .weights(NumericFormat.INT4)
            .kvCache(NumericFormat.INT8)
            .efficiency(Efficiency.DEFAULT)
            .pricePerHour(GpuPricing.ARTICLE_H100_USD_PER_HOUR)
            .deployment();

    private ArticleSetups() {}

    static FlopBreakdown layer(long n) {
        return ARTICLE.layer(0, 0, n);
    }

    static double computeGap() {
        return H100.peak(NumericFormat.FP16).toFlopsPerSecond()
                / PHONE.peak(NumericFormat.FP16).toFlopsPerSecond();
    }

    static Bytes llama1bInt4Weights() {
        return ModelPresets.LLAMA_3_2_1B.parameters().weightBytes(NumericFormat.INT4);
    }

    static KvCache hybridKv() {
        ModelSpec hybrid = ModelSpec.builder()
                .from(ONE_B)
                .name("Article 1B hybrid, 6 attention layers")
                .attentionKinds(AttentionKind.at(16, AttentionKind.GLOBAL, AttentionKind.NONE, 2, 5, 8, 10, 12, 14))
                .convolutionKernelSize(3)
                .build();
        return KvCache.of(hybrid, Convention.ARTICLE, NumericFormat.INT8);
    }

    /** Intensity of the Q projection of a 4,096-token prefill of the 1B class, ARTICLE convention. */
    static double prefillIntensity(NumericFormat format) {
        return LlmCost.model(ONE_B)
                .hardware(H100)
                .convention(Convention.ARTICLE)
                .weights(format)
                .activations(format)
                .kvCache(format)
                .efficiency(Efficiency.DEFAULT)
                .deployment()
                .performance(Workload.of(4 * K, 1))
                .prefill()
                .operation(Operation.Q_PROJECTION)
                .flopsPerByte();
    }

    /** Intensity of the Q projection of a batch-1 decode step, ARTICLE convention. */
    static double decodeIntensity(NumericFormat weights) {
        return LlmCost.model(ModelPresets.ARTICLE_7B_CLASS)
                .hardware(H100)
                .convention(Convention.ARTICLE)
                .weights(weights)
                .efficiency(Efficiency.DEFAULT)
                .deployment()
                .performance(Workload.of(4 * K, 2))
                .decodeStep(4 * K)
                .operation(Operation.Q_PROJECTION)
                .flopsPerByte();
    }

    static HardwareSpec doubledCompute(HardwareSpec chip) {
        Map<NumericFormat, FlopRate> doubled = new EnumMap<>(NumericFormat.class);
        chip.peakFlops().forEach((format, rate) -> doubled.put(format, rate.multipliedBy(2)));
        return HardwareSpec.builder()
                .from(chip)
                .name(chip.name() + " with twice the compute")
                .peakFlops(doubled)
                .build();
    }

    /** The 7B class in FP16 on a chip at the default efficiencies, decoding at 4K. */
    static InferencePerformance sevenBDecode(HardwareSpec chip) {
        return fp16(ModelPresets.ARTICLE_7B_CLASS, chip, Efficiency.DEFAULT).performance(Workload.of(4 * K, 2));
    }

    /** Prefill time of a 512-token prompt on Llama 3.2 1B at peak, seconds. */
    static double phonePrefill(HardwareSpec chip) {
        return fp16(ModelPresets.LLAMA_3_2_1B, chip, Efficiency.PEAK)
                .performance(Workload.of(512, 1))
                .timeToFirstToken()
                .toSeconds();
    }

    /** A model on a chip with weights, compute and KV cache all in FP16. */
    private static Deployment fp16(ModelSpec model, HardwareSpec chip, Efficiency efficiency) {
        return LlmCost.model(model)
                .hardware(chip)
                .weights(NumericFormat.FP16)
                .activations(NumericFormat.FP16)
                .kvCache(NumericFormat.FP16)
                .efficiency(efficiency)
                .deployment();
    }

    /** {@link #SEVEN_B} holding sessions of {@code context} tokens. */
    static Estimate sevenB(long context) {
        return SEVEN_B.estimate(Workload.of(context, 0));
    }

    static double userHour(long context) {
        return ServingCost.of(sevenB(context)).costPerConcurrentUserHour().toUsd();
    }

    /** The 14B class at INT4 with INT8 KV on an H100, at 32K. */
    static InferencePerformance fourteenB(Efficiency efficiency) {
        return LlmCost.model(ModelPresets.ARTICLE_14B_CLASS)
                .hardware(H100)
                .weights(NumericFormat.INT4)
                .kvCache(NumericFormat.INT8)
                .efficiency(efficiency)
                .deployment()
                .performance(Workload.of(32 * K - 1, 2));
    }

    static double perMillion(GpuPricing pricing) {
        return pricing.costPerToken(ARTICLE_TOKENS_PER_SECOND).multipliedBy(1e6).toUsd();
    }

    static EdgeVsCloud edge(double requestsPerUserPerMonth) {
        return EdgeVsCloud.of(
                DeviceCosts.articleDefaults(),
                UsageProfile.of(100_000_000, requestsPerUserPerMonth, 750),
                Money.of(0.30),
                20);
    }

    static EdgeVsCloud lifetime() {
        return EdgeVsCloud.of(
                DeviceCosts.articleDefaults(),
                UsageProfile.of(1, UsageProfile.monthlyFromDaily(50), 750),
                Money.of(0.30),
                20);
    }
}
