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
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the article's section 2 and section 5 numbers for its 1B and 7B classes, each computed through the public
 * API beside the value the article gives, then a default estimate of one request on Llama 3.1 8B.
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

        ModelSpec llama = ModelPresets.LLAMA_3_1_8B;
        Workload request =
                Workload.builder().promptTokens(4 * K).outputTokens(512).build();
        FlopCounter exact = FlopCounter.of(llama, Convention.EXACT);
        out.println("Default estimate: " + llama.name() + ", " + request.promptTokens() + " prompt + "
                + request.outputTokens() + " output tokens, BF16, EXACT convention");
        out.println("  " + llama.parameters().toString().replace("\n", "\n  "));
        out.println("  weights at BF16:     " + llama.parameters().weightBytes(request.weightFormat()));
        out.println("  prefill FLOPs:       " + exact.prefill(request).total());
        out.println("  generation FLOPs:    " + exact.generation(request).total());
        out.println("  KV cache per token:  "
                + KvCache.of(llama, Convention.EXACT, request.kvCacheFormat()).bytesPerToken());
        out.println("  KV cache at context: "
                + KvCache.of(llama, Convention.EXACT, request.kvCacheFormat()).sessionBytes(request.contextTokens()));
        out.println();
        out.println("Times, roofline and dollars arrive with cost-hardware and cost-economics.");
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
