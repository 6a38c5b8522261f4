package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariants of FLOP counts, parameter counts, KV-cache sizes and quantities, checked over random but valid models
 * with QuickTheories.
 *
 * <p>Generated models keep every count an integer below 2<sup>53</sup>, so that identities the algebra makes exact
 * (KV bytes proportional to context, EXACT equal to ARTICLE for the article's shapes) are asserted exactly; sums of
 * many terms are compared within a relative tolerance of 10<sup>-9</sup>.
 *
 * <p>QuickTheories runs from a fixed seed, {@code SEED}, so that a failure replays: run the test again (its report
 * ends "Seed was" and that seed; to explore other inputs, change {@code SEED}).
 */
class PropertiesTest {
    /** QuickTheories' seed, fixed so that a failure replays: rerun with the same value. */
    private static final long SEED = 20261130L;

    private static final int EXAMPLES = 500;
    private static final double RELATIVE = 1e-9;
    private static final List<AttentionKind> KINDS =
            List.of(AttentionKind.GLOBAL, AttentionKind.SLIDING_WINDOW, AttentionKind.NONE);
    private static final List<NumericFormat> FORMATS = List.of(NumericFormat.values());

    // ---------------------------------------------------------------------------------------------------------------
    // Generators
    // ---------------------------------------------------------------------------------------------------------------

    /** Query heads {@code h = g x r} and key-value heads {@code g}, so that {@code g} divides {@code h}. */
    private record Heads(int heads, int kvHeads) {}

    private static Gen<Heads> heads() {
        return integers().between(1, 8).zip(integers().between(1, 8), (g, r) -> new Heads(g * r, g));
    }

    /** Layers, intermediate size and vocabulary. */
    private record Sizes(int layers, int intermediate, int vocab) {}

    private static Gen<Sizes> sizes() {
        return integers()
                .between(1, 6)
                .zip(integers().between(1, 4096), integers().between(1, 8192), Sizes::new);
    }

    /**
     * A per-layer layout: base-3 digits of {@code code} pick GLOBAL, SLIDING_WINDOW or NONE for each layer (0 is all
     * global, which QuickTheories shrinks towards), with the window and kernel used when such layers exist.
     */
    private record Layout(int code, int window, int kernel) {
        List<AttentionKind> kinds(int layers) {
            List<AttentionKind> kinds = new ArrayList<>();
            int rest = code;
            for (int i = 0; i < layers; i++) {
                kinds.add(KINDS.get(rest % 3));
                rest /= 3;
            }
            return kinds;
        }
    }

    private static Gen<Layout> layouts() {
        return integers()
                .between(0, 728)
                .zip(integers().between(1, 2000), integers().between(1, 8), Layout::new);
    }

    /** Raw Mixture-of-Experts choices; {@code experts == 0} means a dense model. */
    private record Moe(int experts, int perToken, int shared, int dense, int size) {}

    private static Gen<Moe> moes() {
        return integers()
                .between(0, 16)
                .zip(
                        integers().between(0, 15),
                        integers().between(0, 2),
                        integers().between(0, 5),
                        integers().between(1, 2048),
                        Moe::new);
    }

    /** Grouped-query attention, with {@code d = h x d_k} or (for {@code odd > 0}) any {@code d} and an explicit d_k. */
    private static Gen<UnaryOperator<ModelSpec.Builder>> gqaAttention() {
        return heads().zip(integers().between(1, 64), integers().between(-4096, 4096), (hg, dk, odd) -> b -> {
            b.numAttentionHeads(hg.heads()).numKeyValueHeads(hg.kvHeads());
            return odd > 0 ? b.hiddenSize(odd).headDim(dk) : b.hiddenSize(hg.heads() * dk);
        });
    }

    /** Multi-head latent attention of random ranks. */
    private static Gen<UnaryOperator<ModelSpec.Builder>> latentAttention() {
        Gen<LatentAttention> mla = integers()
                .between(0, 256)
                .zip(
                        integers().between(1, 256),
                        integers().between(1, 32),
                        integers().between(0, 16),
                        integers().between(1, 32),
                        (q, kv, nope, rope, v) -> LatentAttention.builder()
                                .qLoraRank(q)
                                .kvLoraRank(kv)
                                .qkNopeHeadDim(nope)
                                .qkRopeHeadDim(rope)
                                .vHeadDim(v)
                                .build());
        return mla.zip(
                integers().between(1, 16),
                integers().between(1, 2048),
                (latent, h, d) -> b -> b.hiddenSize(d).numAttentionHeads(h).latentAttention(latent));
    }

    private static ModelSpec build(UnaryOperator<ModelSpec.Builder> attention, Sizes sizes, Layout layout, Moe moe) {
        ModelSpec.Builder b = attention
                .apply(ModelSpec.builder())
                .name("random")
                .numLayers(sizes.layers())
                .intermediateSize(sizes.intermediate())
                .vocabSize(sizes.vocab());
        List<AttentionKind> kinds = layout.kinds(sizes.layers());
        if (kinds.contains(AttentionKind.SLIDING_WINDOW) || kinds.contains(AttentionKind.NONE)) {
            b.attentionKinds(kinds);
        }
        if (kinds.contains(AttentionKind.SLIDING_WINDOW)) {
            b.slidingWindow(layout.window());
        }
        if (kinds.contains(AttentionKind.NONE)) {
            b.convolutionKernelSize(layout.kernel());
        }
        if (moe.experts() > 0) {
            b.mixtureOfExperts(MixtureOfExperts.builder()
                    .numExperts(moe.experts())
                    .expertsPerToken(1 + moe.perToken() % moe.experts())
                    .numSharedExperts(moe.shared())
                    .firstDenseLayers(moe.dense() % sizes.layers())
                    .expertIntermediateSize(moe.size())
                    .build());
        }
        return b.build();
    }

    /** Any supported model: GQA or MLA, global, sliding-window and attention-free layers, dense or MoE. */
    private static Gen<ModelSpec> anyModels() {
        return gqaAttention().mix(latentAttention()).zip(sizes(), layouts(), moes(), PropertiesTest::build);
    }

    /** Like {@link #anyModels()}, with layer 0 attending through a sliding window. */
    private static Gen<ModelSpec> slidingModels() {
        Gen<Layout> slidingFirst = layouts().map(l -> new Layout(l.code() - l.code() % 3 + 1, l.window(), l.kernel()));
        return gqaAttention().mix(latentAttention()).zip(sizes(), slidingFirst, moes(), PropertiesTest::build);
    }

    /** Models whose every layer attends globally (GQA or MLA, dense or MoE). */
    private static Gen<ModelSpec> globalModels() {
        return gqaAttention()
                .mix(latentAttention())
                .zip(sizes(), moes(), (attention, sizes, moe) -> build(attention, sizes, new Layout(0, 1, 1), moe));
    }

    /** Dense, global GQA models with {@code d = h x d_k}. */
    private static Gen<ModelSpec> denseGlobalModels() {
        return heads().zip(
                        integers().between(1, 64),
                        sizes(),
                        (hg, dk, sizes) -> ModelSpec.builder()
                                .name("dense")
                                .hiddenSize(hg.heads() * dk)
                                .numAttentionHeads(hg.heads())
                                .numKeyValueHeads(hg.kvHeads())
                                .numLayers(sizes.layers())
                                .intermediateSize(sizes.intermediate())
                                .vocabSize(sizes.vocab())
                                .build());
    }

    private static Gen<NumericFormat> formats() {
        return integers().between(0, FORMATS.size() - 1).map(FORMATS::get);
    }

    private static List<FlopCounter> counters(ModelSpec model) {
        return List.of(
                FlopCounter.of(model, Convention.ARTICLE),
                FlopCounter.of(model, Convention.EXACT),
                FlopCounter.of(model, Convention.EXACT).withCausalMasking(false));
    }

    private static int firstAttentionLayer(ModelSpec model) {
        for (int layer = 0; layer < model.numLayers(); layer++) {
            if (model.attentionKind(layer) != AttentionKind.NONE) {
                return layer;
            }
        }
        return -1;
    }

    private static double flops(FlopBreakdown breakdown, Operation operation) {
        return breakdown.get(operation).toFlops();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // FLOPs and context
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void prefillFlopsRiseWithContext() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(anyModels(), longs().between(1, 1_000_000), longs().between(1, 1_000_000))
                .checkAssert((model, n, k) -> {
                    for (FlopCounter counter : counters(model)) {
                        assertThat(counter.prefill(n + k).total())
                                .as("%s prefill(%d + %d) > prefill(%d)", counter, n, k, n)
                                .isGreaterThan(counter.prefill(n).total());
                    }
                });
    }

    @Test
    void decodeStepFlopsNeverFallWithContext() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(anyModels(), longs().between(1, 10_000_000))
                .checkAssert((model, n) -> {
                    for (FlopCounter counter : counters(model)) {
                        assertThat(counter.decodeStep(n + 1).total())
                                .as("%s decodeStep(%d + 1) >= decodeStep(%d)", counter, n, n)
                                .isGreaterThanOrEqualTo(counter.decodeStep(n).total());
                    }
                });
    }

    @Test
    void decodeStepFlopsRiseStrictlyWithContextInGlobalModels() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(globalModels(), longs().between(1, 10_000_000))
                .checkAssert((model, n) -> {
                    for (FlopCounter counter : counters(model)) {
                        assertThat(counter.decodeStep(n + 1).total())
                                .as("%s decodeStep(%d + 1) > decodeStep(%d)", counter, n, n)
                                .isGreaterThan(counter.decodeStep(n).total());
                    }
                });
    }

    @Test
    void quadraticShareRisesWithContext() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(denseGlobalModels(), longs().between(1, 1_000_000), longs().between(1, 1_000_000))
                .checkAssert((model, n, k) -> {
                    for (FlopCounter counter : counters(model)) {
                        double share = counter.quadraticShare(n);
                        assertThat(share)
                                .as("%s quadraticShare(%d)", counter, n)
                                .isBetween(0.0, 1.0);
                        assertThat(counter.quadraticShare(n + k))
                                .as("%s quadraticShare(%d + %d) > quadraticShare(%d)", counter, n, k, n)
                                .isGreaterThan(share);
                    }
                });
    }

    @Test
    void quadraticShareTendsToOne() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(denseGlobalModels())
                .checkAssert(model -> {
                    long d = model.hiddenSize();
                    // Linear work per token per layer is at most 8d^2 + 6dI, quadratic work about 2dn^2 (causal) or
                    // 4dn^2:
                    // 1 - share <= (4d + 3I) / n, so n = 10^4 (d + I) leaves less than 4 x 10^-4.
                    long n = 10_000L * (d + model.intermediateSize());
                    for (FlopCounter counter : counters(model)) {
                        double share = counter.quadraticShare(n);
                        double further = counter.quadraticShare(10 * n);
                        assertThat(share)
                                .as("%s quadraticShare(%d)", counter, n)
                                .isGreaterThan(0.999);
                        assertThat(1 - further)
                                .as("%s: 1 - share shrinks about tenfold from n = %d to 10n", counter, n)
                                .isLessThan((1 - share) / 5);
                    }
                    // ARTICLE: 4n^2d / (24nd^2 + 4n^2d) = n / (n + 6d), whatever L
                    double article = FlopCounter.of(model, Convention.ARTICLE).quadraticShare(n);
                    assertThat(article).isCloseTo((double) n / (n + 6 * d), within(1e-12));
                });
    }

    @Test
    void articleCrossoverIsTwoD() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(anyModels())
                .assuming(model -> firstAttentionLayer(model) >= 0)
                .checkAssert(model -> {
                    FlopCounter article = FlopCounter.of(model, Convention.ARTICLE);
                    long twoD = 2L * model.hiddenSize();
                    for (int layer = 0; layer < model.numLayers(); layer++) {
                        if (model.attentionKind(layer) == AttentionKind.NONE) {
                            continue;
                        }
                        FlopBreakdown at = article.layer(layer, 0, twoD);
                        assertThat(at.attentionProjections())
                                .as("layer %d at n = 2d = %d", layer, twoD)
                                .isEqualTo(at.quadratic());
                    }
                    assertThat(article.crossoverTokens()).isEqualTo((double) twoD);
                });
    }

    @Test
    void exactCrossoverMatchesLayerFlops() {
        // quadratic / projections = n / c without masking and (n + 1) / (c + 1) with it, c = crossoverTokens()
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(anyModels(), longs().between(1, 1_000_000))
                .assuming((model, n) -> firstAttentionLayer(model) >= 0)
                .checkAssert((model, seed) -> {
                    int layer = firstAttentionLayer(model);
                    // beyond a sliding window the quadratic work stops growing like n^2: stay within it
                    long n = model.attentionKind(layer) == AttentionKind.SLIDING_WINDOW
                            ? 1 + (seed - 1) % model.slidingWindow()
                            : seed;
                    FlopCounter causal = FlopCounter.of(model, Convention.EXACT);
                    FlopCounter full = causal.withCausalMasking(false);
                    FlopBreakdown masked = causal.layer(layer, 0, n);
                    FlopBreakdown unmasked = full.layer(layer, 0, n);
                    double c = causal.crossoverTokens();
                    double cFull = full.crossoverTokens();
                    assertThat(masked.quadratic().dividedBy(masked.attentionProjections()))
                            .isCloseTo((n + 1) / (c + 1), within(RELATIVE * (n + 1) / (c + 1)));
                    assertThat(unmasked.quadratic().dividedBy(unmasked.attentionProjections()))
                            .isCloseTo(n / cFull, within(RELATIVE * n / cFull));
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // KV cache
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void kvBytesOfGlobalModelsAreProportionalToContext() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(globalModels(), formats(), longs().between(0, 100_000), longs().between(0, 1000))
                .checkAssert((model, format, n, k) -> {
                    for (Convention convention : Convention.values()) {
                        KvCache kv = KvCache.of(model, convention, format);
                        assertThat(kv.sessionBytes(k * n).toBytes())
                                .as("%s sessionBytes(%d x %d)", kv, k, n)
                                .isEqualTo(k * kv.sessionBytes(n).toBytes());
                        assertThat(kv.sessionBytes(n).toBytes())
                                .isEqualTo(n * kv.bytesPerToken().toBytes());
                        assertThat(kv.growthPerToken(n)).isEqualTo(kv.bytesPerToken());
                    }
                });
    }

    @Test
    void kvBytesOfSlidingWindowModelsStopGrowingOnceWindowsFill() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        gqaAttention().mix(latentAttention()),
                        integers().between(1, 6),
                        integers().between(1, 10_000),
                        longs().between(0, 100_000))
                .checkAssert((attention, layers, window, n) -> {
                    ModelSpec model = attention
                            .apply(ModelSpec.builder())
                            .name("sliding")
                            .numLayers(layers)
                            .intermediateSize(64)
                            .vocabSize(100)
                            .attentionKinds(AttentionKind.repeating(layers, AttentionKind.SLIDING_WINDOW))
                            .slidingWindow(window)
                            .build();
                    KvCache kv = KvCache.of(model, Convention.EXACT, NumericFormat.BF16);
                    double perToken = kv.bytesPerToken().toBytes();
                    assertThat(kv.sessionBytes(n).toBytes()).isEqualTo(Math.min(n, window) * perToken);
                    if (n >= window) {
                        assertThat(kv.sessionBytes(n)).isEqualTo(kv.sessionBytes(window));
                        assertThat(kv.growthPerToken(n)).isEqualTo(Bytes.ZERO);
                    } else {
                        assertThat(kv.growthPerToken(n)).isEqualTo(kv.bytesPerToken());
                    }
                    // ARTICLE knows no windows: its cache keeps growing
                    KvCache article = KvCache.of(model, Convention.ARTICLE, NumericFormat.BF16);
                    assertThat(article.sessionBytes(n).toBytes())
                            .isEqualTo(n * article.bytesPerToken().toBytes());
                });
    }

    @Test
    void kvBytesAreProportionalToAttentionLayers() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(globalModels(), integers().between(1, 8), longs().between(0, 100_000))
                .checkAssert((model, k, n) -> {
                    ModelSpec deeper = ModelSpec.builder()
                            .from(model)
                            .numLayers(k * model.numLayers())
                            .mixtureOfExperts(Optional.empty())
                            .build();
                    for (Convention convention : Convention.values()) {
                        double base = KvCache.of(model, convention, NumericFormat.FP16)
                                .sessionBytes(n)
                                .toBytes();
                        double scaled = KvCache.of(deeper, convention, NumericFormat.FP16)
                                .sessionBytes(n)
                                .toBytes();
                        assertThat(scaled).as("%s, %d x layers", convention, k).isEqualTo(k * base);
                    }
                });
    }

    @Test
    void attentionFreeLayersAddNoPerTokenCache() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(anyModels())
                .assuming(model -> firstAttentionLayer(model) >= 0)
                .checkAssert(model -> {
                    List<AttentionKind> attending = new ArrayList<>();
                    for (int layer = 0; layer < model.numLayers(); layer++) {
                        if (model.attentionKind(layer) != AttentionKind.NONE) {
                            attending.add(model.attentionKind(layer));
                        }
                    }
                    ModelSpec.Builder b = ModelSpec.builder()
                            .from(model)
                            .numLayers(attending.size())
                            .attentionKinds(attending)
                            .convolutionKernelSize(0)
                            .mixtureOfExperts(Optional.empty());
                    ModelSpec stripped = b.build();
                    for (Convention convention : Convention.values()) {
                        assertThat(KvCache.of(model, convention, NumericFormat.BF16)
                                        .bytesPerToken())
                                .isEqualTo(KvCache.of(stripped, convention, NumericFormat.BF16)
                                        .bytesPerToken());
                    }
                });
    }

    @Test
    void kvBytesAreProportionalToKvHeadsAndGqaDividesByGroupSize() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(heads(), integers().between(1, 128), integers().between(1, 6), longs().between(0, 100_000))
                .checkAssert((hg, dk, layers, n) -> {
                    int h = hg.heads();
                    int g = hg.kvHeads();
                    ModelSpec gqa = ModelSpec.builder()
                            .name("gqa")
                            .hiddenSize(h * dk)
                            .numAttentionHeads(h)
                            .numKeyValueHeads(g)
                            .numLayers(layers)
                            .intermediateSize(128)
                            .vocabSize(100)
                            .build();
                    ModelSpec mha =
                            ModelSpec.builder().from(gqa).numKeyValueHeads(h).build();
                    ModelSpec mqa =
                            ModelSpec.builder().from(gqa).numKeyValueHeads(1).build();
                    for (Convention convention : Convention.values()) {
                        double grouped = KvCache.of(gqa, convention, NumericFormat.BF16)
                                .sessionBytes(n)
                                .toBytes();
                        double multiHead = KvCache.of(mha, convention, NumericFormat.BF16)
                                .sessionBytes(n)
                                .toBytes();
                        double multiQuery = KvCache.of(mqa, convention, NumericFormat.BF16)
                                .sessionBytes(n)
                                .toBytes();
                        int groupSize = h / g; // exact: g divides h
                        assertThat(grouped)
                                .as("%s: GQA = MHA / (h/g)", convention)
                                .isEqualTo(multiHead / groupSize);
                        assertThat(grouped)
                                .as("%s: proportional to g", convention)
                                .isEqualTo(g * multiQuery);
                    }
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // EXACT versus ARTICLE
    // ---------------------------------------------------------------------------------------------------------------

    /** MHA with square projections and a plain MLP of 4d, or a gated MLP of 8d/3: the article's shapes. */
    private static Gen<ModelSpec> articleShapedModels() {
        return integers()
                .between(1, 32)
                .zip(
                        integers().between(1, 43),
                        integers().between(1, 6),
                        integers().between(0, 1),
                        (h, k, layers, gated) -> {
                            // d_k = 3k so that d is divisible by 3 and 8d/3 is a whole number
                            int d = h * 3 * k;
                            ModelSpec.Builder b = ModelSpec.builder()
                                    .name(gated == 1 ? "gated 8d/3" : "plain 4d")
                                    .hiddenSize(d)
                                    .numAttentionHeads(h)
                                    .numLayers(layers)
                                    .vocabSize(1000);
                            return gated == 1
                                    ? b.mlpKind(MlpKind.GATED)
                                            .intermediateSize(8 * d / 3)
                                            .build()
                                    : b.mlpKind(MlpKind.PLAIN)
                                            .intermediateSize(4 * d)
                                            .build();
                        });
    }

    @Test
    void exactEqualsArticleForArticleShapedModelsWithoutCausalMasking() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(articleShapedModels(), longs().between(0, 100_000), longs().between(0, 100_000))
                .checkAssert((model, cached, fresh) -> {
                    FlopCounter article = FlopCounter.of(model, Convention.ARTICLE);
                    FlopCounter exact = FlopCounter.of(model, Convention.EXACT).withCausalMasking(false);
                    for (int layer = 0; layer < model.numLayers(); layer++) {
                        FlopBreakdown a = article.layer(layer, cached, fresh);
                        FlopBreakdown e = exact.layer(layer, cached, fresh);
                        assertThat(e.total()).as("layer %d total", layer).isEqualTo(a.total());
                        assertThat(e.attentionProjections()).isEqualTo(a.attentionProjections());
                        assertThat(e.quadratic()).isEqualTo(a.quadratic());
                        assertThat(e.mlp()).isEqualTo(a.mlp());
                    }
                    long d = model.hiddenSize();
                    ParameterBreakdown articleParameters = model.parameters(Convention.ARTICLE);
                    ParameterBreakdown exactParameters = model.parameters(Convention.EXACT);
                    assertThat(articleParameters.totalParameters()).isEqualTo(12L * model.numLayers() * d * d);
                    assertThat(exactParameters.attentionParameters() + exactParameters.mlpParameters())
                            .isEqualTo(articleParameters.totalParameters());
                    assertThat(exactParameters.attentionParameters())
                            .isEqualTo(articleParameters.attentionParameters());
                    assertThat(exactParameters.mlpParameters()).isEqualTo(articleParameters.mlpParameters());
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Prefill versus decode
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void exactPrefillEqualsSumOfDecodeStepsExceptLmHead() {
        qt().withFixedSeed(SEED)
                .withExamples(200)
                .forAll(anyModels(), integers().between(1, 300))
                .checkAssert((model, n) -> {
                    FlopCounter exact = FlopCounter.of(model, Convention.EXACT);
                    FlopBreakdown prefill = exact.prefill(n);
                    FlopBreakdown steps = exact.decodeStep(1);
                    for (int i = 2; i <= n; i++) {
                        steps = steps.plus(exact.decodeStep(i));
                    }
                    for (Operation op : Operation.values()) {
                        if (op == Operation.LM_HEAD) {
                            assertThat(flops(steps, op)).isEqualTo(n * flops(prefill, op));
                        } else {
                            double expected = flops(prefill, op);
                            assertThat(flops(steps, op))
                                    .as("%s, n = %d", op, n)
                                    .isCloseTo(expected, within(RELATIVE * expected));
                        }
                    }
                });
    }

    @Test
    void exactChunkedPrefillEqualsOnePrefillExceptLmHead() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        anyModels(),
                        longs().between(0, 1_000_000),
                        longs().between(0, 1_000_000),
                        longs().between(0, 1_000_000))
                .checkAssert((model, p, a, b) -> {
                    FlopCounter exact = FlopCounter.of(model, Convention.EXACT);
                    FlopBreakdown chunks = exact.extend(p, a).plus(exact.extend(p + a, b));
                    FlopBreakdown whole = exact.extend(p, a + b);
                    for (Operation op : Operation.values()) {
                        if (op != Operation.LM_HEAD) {
                            double expected = flops(whole, op);
                            assertThat(flops(chunks, op))
                                    .as("%s: extend(%d, %d) + extend(%d, %d)", op, p, a, p + a, b)
                                    .isCloseTo(expected, within(RELATIVE * expected));
                        }
                    }
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sliding windows
    // ---------------------------------------------------------------------------------------------------------------

    private static ModelSpec globalTwin(ModelSpec model) {
        List<AttentionKind> kinds = new ArrayList<>();
        for (int layer = 0; layer < model.numLayers(); layer++) {
            AttentionKind kind = model.attentionKind(layer);
            kinds.add(kind == AttentionKind.SLIDING_WINDOW ? AttentionKind.GLOBAL : kind);
        }
        return ModelSpec.builder()
                .from(model)
                .attentionKinds(kinds)
                .slidingWindow(0)
                .build();
    }

    @Test
    void slidingWindowNoShorterThanContextChangesNothing() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(slidingModels(), longs().between(1, 1_000_000), longs().between(0, 1_000_000))
                .checkAssert((model, seed, cachedSeed) -> {
                    ModelSpec global = globalTwin(model);
                    long w = model.slidingWindow();
                    long n = 1 + seed % w; // 1 <= n <= w
                    long cached = cachedSeed % n; // cached + new = n <= w
                    List<FlopCounter> windowed = counters(model);
                    List<FlopCounter> unwindowed = counters(global);
                    for (int i = 0; i < windowed.size(); i++) {
                        FlopCounter a = windowed.get(i);
                        FlopCounter b = unwindowed.get(i);
                        assertThat(a.prefill(n))
                                .as("%s prefill(%d), w = %d", a, n, w)
                                .isEqualTo(b.prefill(n));
                        assertThat(a.decodeStep(n)).isEqualTo(b.decodeStep(n));
                        assertThat(a.extend(cached, n - cached)).isEqualTo(b.extend(cached, n - cached));
                    }
                    for (Convention convention : Convention.values()) {
                        assertThat(KvCache.of(model, convention, NumericFormat.BF16)
                                        .sessionBytes(n))
                                .isEqualTo(KvCache.of(global, convention, NumericFormat.BF16)
                                        .sessionBytes(n));
                    }
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Mixture of Experts
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void activeParametersNeverExceedTotal() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(anyModels()).checkAssert(model -> {
            ParameterBreakdown p = model.parameters();
            assertThat(p.activeParameters()).isPositive().isLessThanOrEqualTo(p.totalParameters());
            if (model.mixtureOfExperts().isEmpty()) {
                assertThat(p.activeParameters()).isEqualTo(p.totalParameters());
            }
        });
    }

    @Test
    void everyExpertActiveMeansActiveEqualsTotal() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(anyModels(), integers().between(1, 16))
                .assuming((model, e) -> model.mixtureOfExperts().isPresent())
                .checkAssert((model, e) -> {
                    MixtureOfExperts moe = model.mixtureOfExperts().orElseThrow();
                    ModelSpec all = ModelSpec.builder()
                            .from(model)
                            .mixtureOfExperts(MixtureOfExperts.builder()
                                    .from(moe)
                                    .numExperts(e)
                                    .expertsPerToken(e)
                                    .build())
                            .build();
                    assertThat(all.parameters().activeParameters())
                            .isEqualTo(all.parameters().totalParameters());
                    assertThat(all.parameters().inactiveExpertParameters()).isZero();
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sessions that fit
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void sessionsThatFitIsTheFloorOfBudgetOverSessionBytes() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(anyModels(), formats(), longs().between(1, 100_000), longs().between(0, 1_000_000_000_000_000L))
                .checkAssert((model, format, n, budgetBytes) -> {
                    for (Convention convention : Convention.values()) {
                        KvCache kv = KvCache.of(model, convention, format);
                        Bytes budget = Bytes.of((double) budgetBytes);
                        double session = kv.sessionBytes(n).toBytes();
                        if (session == 0) {
                            continue;
                        }
                        long sessions = kv.sessionsThatFit(budget, n);
                        assertThat(sessions).isNotNegative();
                        assertThat(sessions * session).isLessThanOrEqualTo((double) budgetBytes);
                        assertThat((sessions + 1) * session).isGreaterThan((double) budgetBytes);
                        assertThat(kv.sessionsThatFit(budget, n, 0)).isEqualTo(sessions);
                    }
                });
    }

    @Test
    void doublingTheContextOfAGlobalModelHalvesTheSessionsRoundedDown() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        globalModels(),
                        formats(),
                        longs().between(1, 100_000),
                        longs().between(0, 1_000_000_000_000_000L))
                .checkAssert((model, format, n, budgetBytes) -> {
                    for (Convention convention : Convention.values()) {
                        KvCache kv = KvCache.of(model, convention, format);
                        Bytes budget = Bytes.of((double) budgetBytes);
                        // floor(B / 2s) == floor(floor(B / s) / 2)
                        assertThat(kv.sessionsThatFit(budget, 2 * n))
                                .as("%s, n = %d, budget %d", kv, n, budgetBytes)
                                .isEqualTo(kv.sessionsThatFit(budget, n) / 2);
                    }
                });
    }

    @Test
    void aSharedPrefixNeverLetsFewerSessionsFit() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(
                        globalModels(),
                        longs().between(2, 100_000),
                        longs().between(0, 99_999),
                        longs().between(0, 1_000_000_000_000_000L))
                .checkAssert((model, n, prefixSeed, budgetBytes) -> {
                    long prefix = prefixSeed % n; // < n, so each session keeps some private cache
                    for (Convention convention : Convention.values()) {
                        KvCache kv = KvCache.of(model, convention, NumericFormat.BF16);
                        Bytes budget = Bytes.of((double) budgetBytes);
                        assertThat(kv.sessionsThatFit(budget, n, prefix))
                                .as("%s, n = %d, prefix %d, budget %d", kv, n, prefix, budgetBytes)
                                .isGreaterThanOrEqualTo(kv.sessionsThatFit(budget, n));
                    }
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Quantities
    // ---------------------------------------------------------------------------------------------------------------

    /** Non-negative doubles across many magnitudes, from 10^-12 to 10^300, and zero. */
    private static Gen<Double> magnitudes() {
        return doubles()
                .between(0, 1)
                .zip(integers().between(-12, 300), (mantissa, exponent) -> mantissa * Math.pow(10, exponent));
    }

    @Test
    void bytesAndFlopsAdditionIsCommutative() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(doubles().between(0, 1e300), doubles().between(0, 1e300))
                .checkAssert((x, y) -> {
                    assertThat(Bytes.of(x).plus(Bytes.of(y)))
                            .isEqualTo(Bytes.of(y).plus(Bytes.of(x)));
                    assertThat(Flops.of(x).plus(Flops.of(y)))
                            .isEqualTo(Flops.of(y).plus(Flops.of(x)));
                    assertThat(Bytes.of(x).plus(Bytes.ZERO)).isEqualTo(Bytes.of(x));
                    assertThat(Flops.of(x).plus(Flops.ZERO)).isEqualTo(Flops.of(x));
                });
    }

    @Test
    void toStringNeverThrowsAndNamesTheUnit() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(magnitudes()).checkAssert(x -> {
            String bytes = Bytes.of(x).toString();
            assertThat(bytes).contains("B").doesNotContain("E+").doesNotContain("-");
            String flops = Flops.of(x).toString();
            assertThat(flops).contains("FLOP").doesNotContain("E+").doesNotContain("-");
            if (x >= 1024) {
                assertThat(bytes)
                        .as("decimal and binary units side by side")
                        .matches(".+ [kMGTPEZY]B \\(.+ [KMGTPEZY]iB\\)");
            }
        });
    }

    @Test
    void bytesForIsElementsTimesBitsOverEight() {
        qt().withFixedSeed(SEED)
                .withExamples(EXAMPLES)
                .forAll(formats(), doubles().between(0, 1e300))
                .checkAssert((format, x) -> {
                    assertThat(format.bytesFor(x).toBytes()).isEqualTo(x * format.bitsPerElement() / 8);
                    assertThat(format.bytesPerElement()).isEqualTo(format.bitsPerElement() / 8.0);
                });
    }
}
