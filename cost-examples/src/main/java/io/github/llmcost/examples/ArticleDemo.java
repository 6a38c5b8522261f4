package io.github.llmcost.examples;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopBreakdown;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Workload;
import io.github.llmcost.economics.DeviceCosts;
import io.github.llmcost.economics.EdgeVsCloud;
import io.github.llmcost.economics.Estimate;
import io.github.llmcost.economics.GpuPricing;
import io.github.llmcost.economics.LlmCost;
import io.github.llmcost.economics.Money;
import io.github.llmcost.economics.UsageProfile;
import io.github.llmcost.hardware.Efficiency;
import io.github.llmcost.hardware.HardwarePresets;
import io.github.llmcost.hardware.HardwareSpec;
import io.github.llmcost.hardware.InferencePerformance;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the article's numbers of sections 2 to 7, each computed through the public API beside the value the article
 * gives, then a default estimate of one request on Llama 3.1 8B on an H100.
 *
 * <p>The article's values are quoted as it states them (text, not numbers the program uses); everything in the
 * "llm-cost" column is computed.
 */
public final class ArticleDemo {
    private static final long K = 1024;

    private ArticleDemo() {}

    /**
     * Runs the demo.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        print(System.out);
    }

    /**
     * Writes the demo to a stream.
     *
     * @param out where to write
     */
    public static void print(PrintStream out) {
        ModelSpec oneB = ModelPresets.ARTICLE_1B_CLASS;
        FlopCounter article = FlopCounter.of(oneB, Convention.ARTICLE);
        out.println("llm-cost: the article's worked numbers, computed through the API");
        out.println();
        out.println("Section 2: FLOPs of one layer, " + oneB.name() + " (d = " + oneB.hiddenSize() + ", L = "
                + oneB.numLayers() + "), ARTICLE convention");
        FlopBreakdown layer4k = article.layer(0, 0, 4 * K);
        row(out, "QKV projections at 4K (6nd^2)", "~103 billion", qkv(layer4k));
        row(out, "Score matrix at 4K (2n^2d)", "~68 billion", layer4k.get(Operation.ATTENTION_SCORES));
        row(
                out,
                "Score matrix at 32K (2n^2d)",
                "4.4 trillion",
                article.layer(0, 0, 32 * K).get(Operation.ATTENTION_SCORES));
        row(out, "MLP at 4K (16nd^2)", "~274 billion", layer4k.mlp());
        row(out, "Whole layer at 4K (24nd^2 + 4n^2d)", "(formula)", layer4k.total());
        row(out, "Crossover context (n = 2d)", "4096", String.format(Locale.ROOT, "%.0f", article.crossoverTokens()));
        for (long n : new long[] {1 * K, 4 * K, 32 * K, 128 * K}) {
            String claim = n == K ? "~8%" : n == 4 * K ? "25%" : n == 32 * K ? "73%" : "92%";
            row(out, "Quadratic share at " + n / K + "K", claim, percent(article.quadraticShare(n)));
        }
        out.println();

        out.println("Section 5: KV cache at INT8, ARTICLE convention (2 x L_attn x g x d_k x n x B_p)");
        KvCache kv = KvCache.of(oneB, Convention.ARTICLE, NumericFormat.INT8);
        row(out, "1B class, bytes per token", "16,384 (16 KB)", kv.bytesPerToken());
        row(out, "1B class at 4K", "67 MB", kv.sessionBytes(4 * K));
        row(out, "1B class at 32K", "512 MB", kv.sessionBytes(32 * K));
        row(out, "1B class at 128K", "2 GB", kv.sessionBytes(128 * K));
        ModelSpec hybrid = ModelSpec.builder()
                .from(oneB)
                .name("Article 1B hybrid")
                .attentionKinds(AttentionKind.at(16, AttentionKind.GLOBAL, AttentionKind.NONE, 2, 5, 8, 10, 12, 14))
                .convolutionKernelSize(3)
                .build();
        KvCache hybridKv = KvCache.of(hybrid, Convention.ARTICLE, NumericFormat.INT8);
        row(out, "Hybrid, 6 of 16 layers attend, per token", "6,144 (6 KB)", hybridKv.bytesPerToken());
        row(out, "Hybrid at 32K", "192 MB", hybridKv.sessionBytes(32 * K));
        row(out, "Hybrid at 128K", "768 MB", hybridKv.sessionBytes(128 * K));
        row(
                out,
                "Llama 3.2 1B weights at INT4",
                "~600 MB",
                ModelPresets.LLAMA_3_2_1B.parameters().weightBytes(NumericFormat.INT4));

        KvCache sevenB = KvCache.of(ModelPresets.ARTICLE_7B_CLASS, Convention.ARTICLE, NumericFormat.INT8);
        Bytes budget = Bytes.ofGigabytes(74.5);
        row(out, "7B class session at 4K", "268 MB", sevenB.sessionBytes(4 * K));
        row(out, "7B class session at 32K", "2.1 GB", sevenB.sessionBytes(32 * K));
        row(out, "Users in 74.5 GB at 4K", "278", Long.toString(sevenB.sessionsThatFit(budget, 4 * K)));
        row(out, "Users in 74.5 GB at 32K", "34", Long.toString(sevenB.sessionsThatFit(budget, 32 * K)));
        row(out, "Users in 74.5 GB at 128K", "~8", Long.toString(sevenB.sessionsThatFit(budget, 128 * K)));
        out.println();

        out.println("Sections 3, 4 and 6: the roofline (dense peaks, datasheet bandwidth)");
        HardwareSpec h100 = HardwarePresets.H100_SXM;
        row(out, "H100 ridge point", "295 FLOP/B", ratio(h100.ridgePointFlopsPerByte(NumericFormat.FP16)));
        row(
                out,
                "A100 ridge point",
                "153 FLOP/B",
                ratio(HardwarePresets.A100_80GB.ridgePointFlopsPerByte(NumericFormat.FP16)));
        row(
                out,
                "Snapdragon 8 Elite CPU ridge point",
                "~1 FLOP/B",
                ratio(HardwarePresets.SNAPDRAGON_8_ELITE_CPU.ridgePointFlopsPerByte(NumericFormat.FP16)));
        Workload fourteenBWorkload = Workload.builder()
                .promptTokens(32 * K - 1)
                .outputTokens(2)
                .weightFormat(NumericFormat.INT4)
                .kvCacheFormat(NumericFormat.INT8)
                .build();
        InferencePerformance fourteenB = InferencePerformance.builder()
                .model(ModelPresets.ARTICLE_14B_CLASS)
                .hardware(h100)
                .workload(fourteenBWorkload)
                .efficiency(Efficiency.PEAK)
                .build();
        row(
                out,
                "14B INT4 + 32K INT8 KV, bytes per step",
                "~9.1 GB",
                fourteenB.decodeStep(32 * K).bytes());
        row(out, "  time per token at 3,350 GB/s", "~2.7 ms", fourteenB.timePerOutputToken(32 * K));
        row(
                out,
                "  tokens per second, ceiling",
                "~370",
                String.format(Locale.ROOT, "%.0f", fourteenB.decodeTokensPerSecondPerUser()));
        row(
                out,
                "  tokens per second at 40% / 60%",
                "150-220",
                String.format(
                        Locale.ROOT,
                        "%.0f-%.0f",
                        fourteenB.withEfficiency(Efficiency.of(0.4, 0.4)).decodeTokensPerSecondPerUser(),
                        fourteenB.withEfficiency(Efficiency.of(0.6, 0.6)).decodeTokensPerSecondPerUser()));
        out.println();

        out.println("Sections 5.6, 6 and 7: dollars");
        GpuPricing h100Price = GpuPricing.of(GpuPricing.ARTICLE_H100_USD_PER_HOUR);
        row(out, "Cost per token at 185 tokens/s, $2.50/h", "$0.0000038", h100Price.costPerToken(185));
        row(
                out,
                "  per million tokens",
                "~$0.0038 (slip)",
                h100Price.costPerToken(185).multipliedBy(1e6));
        row(
                out,
                "  per million at 30% / 10% utilization",
                "$0.013 / $0.038",
                h100Price.withUtilization(0.3).costPerToken(185).multipliedBy(1e6) + " / "
                        + h100Price.withUtilization(0.1).costPerToken(185).multipliedBy(1e6));
        EdgeVsCloud edge = EdgeVsCloud.of(
                DeviceCosts.articleDefaults(), UsageProfile.of(100_000_000, 50, 750), Money.usd(0.30), 20);
        row(out, "100M MAU x 50 requests: cloud per month", "$1.125M", edge.monthlyCloudCost());
        row(out, "  on-device per month ($0.30 over 3 years)", "~$1.0M", edge.monthlyOnDeviceCost());
        EdgeVsCloud alwaysOn = edge.withUsage(edge.usage().withRequestsPerUserPerMonth(500));
        row(out, "100M MAU x 500 requests: cloud per month", "$11.25M", alwaysOn.monthlyCloudCost());
        row(out, "  cloud over on-device", "11x", String.format(Locale.ROOT, "%.1fx", alwaysOn.cloudOverOnDevice()));
        out.println();

        Estimate estimate = LlmCost.model(ModelPresets.LLAMA_3_1_8B)
                .hardware(h100)
                .promptTokens(4 * K)
                .outputTokens(512)
                .pricePerHour(GpuPricing.ARTICLE_H100_USD_PER_HOUR)
                .estimate();
        out.println("Default estimate (EXACT convention, default efficiencies: compute " + Efficiency.DEFAULT_COMPUTE
                + ", bandwidth " + Efficiency.DEFAULT_BANDWIDTH + ")");
        out.println("  " + estimate.toString().replace("\n", "\n  "));
        out.println("  " + estimate.model().parameters().toString().replace("\n", "\n  "));
    }

    private static String ratio(double flopsPerByte) {
        return String.format(Locale.ROOT, "%.3g FLOP/B", flopsPerByte);
    }

    private static Object qkv(FlopBreakdown layer) {
        return layer.get(Operation.Q_PROJECTION)
                .plus(layer.get(Operation.K_PROJECTION))
                .plus(layer.get(Operation.V_PROJECTION));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static void row(PrintStream out, String what, String articleSays, Object computed) {
        out.printf(Locale.ROOT, "  %-42s article: %-16s llm-cost: %s%n", what, articleSays, computed);
    }
}
