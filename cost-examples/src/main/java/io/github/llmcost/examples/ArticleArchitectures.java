package io.github.llmcost.examples;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.economics.compare.Figure;
import io.github.llmcost.economics.compare.Scorecard;
import io.github.llmcost.economics.compare.ScorecardRow;

/**
 * The configurations behind the article's section 5.3 hybrid through a real hybrid, and its section-8 claims where a
 * number decides them: Llama 3.2 1B (a transformer of 16 attention layers) against LFM2-1.2B (6 attention layers and
 * 10 convolutions, the article's own 6-of-16 hybrid), on the phone preset within the article's 4 GB for AI ({@link
 * Scorecard}'s defaults: INT4 weights, INT8 cache, EXACT), at 1K and 32K tokens.
 */
final class ArticleArchitectures {
    static final long K = 1024;
    static final ModelSpec TRANSFORMER = ModelPresets.LLAMA_3_2_1B;
    static final ModelSpec HYBRID = ModelPresets.LFM2_1_2B;

    private ArticleArchitectures() {}

    /** The cache of a model at INT8, EXACT: what the scorecard reads. */
    static KvCache kv(ModelSpec model) {
        return KvCache.of(model, Convention.EXACT, NumericFormat.INT8);
    }

    /** Quadratic prefill FLOPs (scores and aggregation) of a model at a context, EXACT. */
    static double quadraticFlops(ModelSpec model, long context) {
        return FlopCounter.of(model, Convention.EXACT)
                .prefill(context)
                .quadratic()
                .toFlops();
    }

    /** The phone scorecard of one model at 1K and 32K tokens, built on first use (the ledger's other claims need none). */
    static ScorecardRow phone(ModelSpec model) {
        return Scorecard.builder()
                .models(model)
                .contexts(K, 32 * K)
                .build()
                .rows()
                .get(0);
    }

    /** How many times slower decode gets from 1K to 32K on the phone: tokens per second at 1K over those at 32K. */
    static double decodeSlowdown(ModelSpec model) {
        return 1 / phone(model).growth(Figure.DECODE_TOKENS_PER_SECOND).orElseThrow();
    }

    /** What a model needs at 32K on the phone (weights, activations, cache) over the 4 GB it may use. */
    static double memoryOverBudgetAt32k(ModelSpec model) {
        return phone(model).contexts().get(1).memoryBytes().dividedBy(Scorecard.PHONE_AI_MEMORY);
    }

    /** Quadratic share of the transformer's prefill at a context, percent. */
    static double transformerQuadraticPercent(long context) {
        return 100
                * FlopCounter.of(TRANSFORMER, Convention.EXACT).prefill(context).quadraticShare();
    }
}
