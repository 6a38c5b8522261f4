package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The public coefficients of {@link FlopCounter} ({@link FlopCounter#tokenFlops}, {@link FlopCounter#keyFlops},
 * {@link FlopCounter#attentionKeys}, {@link FlopCounter#readsExperts}) against {@link
 * FlopCounter#layerOperationFlops}, {@link FlopCounter#layer}, {@link FlopCounter#extend} and a brute-force count of
 * (query, key) pairs, over every model preset, every layer, both conventions (and EXACT without causal masking).
 *
 * <p>Tolerance: doubles are compared within a relative 10<sup>-12</sup> (or exactly equal, which covers zeros). The
 * contract's products are the same floating-point operations the counter performs, so they agree exactly in
 * practice; sums over layers add the terms in another order (per layer here, per layer group times its count in
 * the counter), and the brute-force pair count sums integers below 2<sup>53</sup> one by one against a closed form,
 * so a few ulps of slack are allowed everywhere.
 *
 * <p>QuickTheories runs from a fixed seed, {@code SEED}, so that a failure replays: run the test again (its report
 * ends "Seed was" and that seed; to explore other inputs, change {@code SEED}).
 */
@SuppressWarnings("EnumOrdinal") // sums per operation in a dense array, as FlopBreakdown keeps them
class FlopCoefficientsTest {
    /** QuickTheories' seed, fixed so that a failure replays: rerun with the same value. */
    private static final long SEED = 20261130L;

    private static final double RELATIVE = 1e-12;
    private static final Map<String, ModelSpec> MODELS = ModelPresets.all();
    private static final Operation[] OPERATIONS = Operation.values();
    private static final Set<Operation> EXPERT_MATRICES =
            EnumSet.of(Operation.MLP_GATE, Operation.MLP_UP, Operation.MLP_DOWN);

    /** The counters checked for a model: ARTICLE, EXACT (causal) and EXACT without causal masking. */
    private static List<FlopCounter> counters(ModelSpec model) {
        FlopCounter exact = FlopCounter.of(model, Convention.EXACT);
        return List.of(FlopCounter.of(model, Convention.ARTICLE), exact, exact.withCausalMasking(false));
    }

    /** The window of a model, or 4,096 (a typical context) when it has no sliding-window layers. */
    private static long window(ModelSpec model) {
        return model.slidingWindow() > 0 ? model.slidingWindow() : 4096;
    }

    /** Cached tokens {@code p}: zero, small, 4,095, around the window, far past it, and beyond 2^32. */
    private static Set<Long> cachedCounts(ModelSpec model) {
        long w = window(model);
        return new TreeSet<>(
                List.of(0L, 1L, 2L, 100L, 4095L, 4096L, w - 2, w - 1, w, w + 1, 2 * w, 100_000L, 1L << 33));
    }

    /** New tokens {@code m}: zero, one, a few, 4,095, and runs that end just before, at and past the window. */
    private static Set<Long> newCounts(ModelSpec model) {
        long w = window(model);
        return new TreeSet<>(List.of(0L, 1L, 2L, 3L, 17L, 4095L, 4096L, w - 1, w, w + 1));
    }

    private static boolean close(double actual, double expected) {
        return actual == expected
                || Math.abs(actual - expected) <= RELATIVE * Math.max(Math.abs(actual), Math.abs(expected));
    }

    /** Asserts no mismatch, reporting how many and the first 20 (a broken formula fails thousands of cases). */
    private static void assertNone(List<String> mismatches) {
        assertThat(mismatches.size())
                .as(
                        "%d mismatches, the first: %s",
                        mismatches.size(), mismatches.subList(0, Math.min(20, mismatches.size())))
                .isZero();
    }

    /** (query, key) pairs counted one new token at a time, from the documented rules. */
    private static double bruteForceKeys(FlopCounter counter, int layer, long p, long m) {
        ModelSpec model = counter.model();
        AttentionKind kind = model.attentionKind(layer);
        if (!kind.attends() || m == 0) { // layers that keep a fixed state have no keys
            return 0;
        }
        if (counter.convention() == Convention.ARTICLE) {
            return (double) m * (p + m); // every new token attends to the whole context, windows ignored
        }
        long w = kind == AttentionKind.SLIDING_WINDOW ? model.slidingWindow() : Long.MAX_VALUE;
        if (!counter.causalMasking()) {
            return (double) m * Math.min(p + m, w);
        }
        long sum = 0;
        for (long position = p + 1; position <= p + m; position++) {
            sum += Math.min(position, w);
        }
        return sum;
    }

    private static String where(FlopCounter counter, int layer, Operation op, long p, long m) {
        return String.format(Locale.ROOT, "%s layer %d %s p=%d m=%d", counter, layer, op, p, m);
    }

    @Test
    void layerOperationFlopsFactorsIntoPublicCoefficientsForEveryLayerAndOperation() {
        List<String> failures = new ArrayList<>();
        long checks = 0;
        for (ModelSpec model : MODELS.values()) {
            Set<Long> ps = cachedCounts(model);
            Set<Long> ms = newCounts(model);
            for (FlopCounter counter : counters(model)) {
                for (int layer = 0; layer < model.numLayers(); layer++) {
                    for (Operation op : OPERATIONS) {
                        double perToken = counter.tokenFlops(layer, op);
                        double perKey = counter.keyFlops(layer, op);
                        if (op.isQuadratic() && perToken != 0) {
                            failures.add(where(counter, layer, op, 0, 0) + ": tokenFlops " + perToken + " != 0");
                        }
                        if (!op.isQuadratic() && perKey != 0) {
                            failures.add(where(counter, layer, op, 0, 0) + ": keyFlops " + perKey + " != 0");
                        }
                        if (op == Operation.LM_HEAD && perToken != 0) {
                            failures.add(where(counter, layer, op, 0, 0) + ": lm_head tokenFlops " + perToken);
                        }
                        for (long p : ps) {
                            for (long m : ms) {
                                double actual = counter.layerOperationFlops(layer, op, p, m);
                                double expected =
                                        op.isQuadratic() ? perKey * counter.attentionKeys(layer, p, m) : perToken * m;
                                checks++;
                                if (!close(actual, expected)) {
                                    failures.add(where(counter, layer, op, p, m) + ": layerOperationFlops " + actual
                                            + " != coefficients " + expected);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(checks).isGreaterThan(1_000_000);
        assertNone(failures);
    }

    @Test
    void coefficientsAgreeWithTheLayerBreakdownForEveryLayer() {
        List<String> failures = new ArrayList<>();
        for (ModelSpec model : MODELS.values()) {
            long w = window(model);
            long[][] pairs = {{0, 1}, {0, 4095}, {4095, 1}, {w - 1, 2}, {w - 10, 20}, {0, w + 1}, {3 * w, 5}};
            for (FlopCounter counter : counters(model)) {
                for (int layer = 0; layer < model.numLayers(); layer++) {
                    for (long[] pm : pairs) {
                        FlopBreakdown breakdown = counter.layer(layer, pm[0], pm[1]);
                        for (Operation op : OPERATIONS) {
                            double actual = breakdown.get(op).toFlops();
                            double expected = op.isQuadratic()
                                    ? counter.keyFlops(layer, op) * counter.attentionKeys(layer, pm[0], pm[1])
                                    : counter.tokenFlops(layer, op) * pm[1];
                            if (!close(actual, expected)) {
                                failures.add(where(counter, layer, op, pm[0], pm[1]) + ": layer() " + actual
                                        + " != coefficients " + expected);
                            }
                        }
                    }
                }
            }
        }
        assertNone(failures);
    }

    @Test
    void attentionKeysMatchABruteForceCountAroundTheWindow() {
        List<String> failures = new ArrayList<>();
        for (ModelSpec model : MODELS.values()) {
            Set<Long> ps = cachedCounts(model);
            Set<Long> ms = newCounts(model);
            for (FlopCounter counter : counters(model)) {
                for (LayerGroup group : model.layerGroups()) {
                    int layer = group.firstLayer();
                    for (long p : ps) {
                        for (long m : ms) {
                            double actual = counter.attentionKeys(layer, p, m);
                            double expected = bruteForceKeys(counter, layer, p, m);
                            if (!close(actual, expected)) {
                                failures.add(where(counter, layer, Operation.ATTENTION_SCORES, p, m)
                                        + ": attentionKeys " + actual + " != brute force " + expected);
                            }
                        }
                    }
                }
            }
        }
        assertNone(failures);
    }

    @Test
    void slidingWindowKeysStopGrowingOnceTheWindowIsFull() {
        FlopCounter mistral = FlopCounter.of(ModelPresets.MISTRAL_7B_V0_1, Convention.EXACT);
        long w = ModelPresets.MISTRAL_7B_V0_1.slidingWindow();
        assertThat(mistral.attentionKeys(0, w - 1, 1)).isEqualTo((double) w);
        assertThat(mistral.attentionKeys(0, w, 1)).isEqualTo((double) w);
        assertThat(mistral.attentionKeys(0, 10 * w, 1)).isEqualTo((double) w);
        // positions w-1 .. w+1 attend to w-1, w and w keys
        assertThat(mistral.attentionKeys(0, w - 2, 3)).isEqualTo(3.0 * w - 1);
        // a prompt of w+1 tokens: the ramp 1..w, then one full window
        assertThat(mistral.attentionKeys(0, 0, w + 1)).isEqualTo(w * (w + 1) / 2.0 + w);
        assertThat(mistral.withCausalMasking(false).attentionKeys(0, 0, w + 1)).isEqualTo((double) (w + 1) * w);
        // ARTICLE ignores windows: every new token sees the whole context
        assertThat(FlopCounter.of(ModelPresets.MISTRAL_7B_V0_1, Convention.ARTICLE)
                        .attentionKeys(0, w, 2))
                .isEqualTo(2.0 * (w + 2));
        // Gemma 2 alternates: layer 0 slides, layer 1 is global
        FlopCounter gemma = FlopCounter.of(ModelPresets.GEMMA_2_9B, Convention.EXACT);
        long gw = ModelPresets.GEMMA_2_9B.slidingWindow();
        assertThat(gemma.attentionKeys(0, 2 * gw, 1)).isEqualTo((double) gw);
        assertThat(gemma.attentionKeys(1, 2 * gw, 1)).isEqualTo(2.0 * gw + 1);
    }

    @Test
    void attentionFreeLayersHaveNoKeysAndNoQuadraticCoefficients() {
        ModelSpec lfm = ModelPresets.LFM2_1_2B;
        int checked = 0;
        for (FlopCounter counter : counters(lfm)) {
            for (int layer = 0; layer < lfm.numLayers(); layer++) {
                if (lfm.attentionKind(layer) == AttentionKind.NONE) {
                    checked++;
                    assertThat(counter.attentionKeys(layer, 100, 100)).isZero();
                    assertThat(counter.keyFlops(layer, Operation.ATTENTION_SCORES))
                            .isZero();
                    assertThat(counter.keyFlops(layer, Operation.ATTENTION_AGGREGATION))
                            .isZero();
                    assertThat(counter.tokenFlops(layer, Operation.CONVOLUTION)).isPositive();
                    assertThat(counter.tokenFlops(layer, Operation.Q_PROJECTION))
                            .isZero();
                }
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void coefficientsSummedOverLayersGiveTheModelTotals() {
        List<String> failures = new ArrayList<>();
        for (ModelSpec model : MODELS.values()) {
            long w = window(model);
            long[][] pairs = {{0, 0}, {0, 1}, {1, 0}, {0, 4095}, {4095, 1}, {w - 3, 7}, {0, w + 1}, {5 * w, 1}};
            for (FlopCounter counter : counters(model)) {
                for (long[] pm : pairs) {
                    long p = pm[0];
                    long m = pm[1];
                    double[] expected = new double[OPERATIONS.length];
                    for (int layer = 0; layer < model.numLayers(); layer++) {
                        for (Operation op : OPERATIONS) {
                            expected[op.ordinal()] += op.isQuadratic()
                                    ? counter.keyFlops(layer, op) * counter.attentionKeys(layer, p, m)
                                    : counter.tokenFlops(layer, op) * m;
                        }
                    }
                    expected[Operation.LM_HEAD.ordinal()] = m > 0 ? 2 * counter.lmHeadWeightElements() : 0;
                    FlopBreakdown extend = counter.extend(p, m);
                    for (Operation op : OPERATIONS) {
                        double actual = extend.get(op).toFlops();
                        if (!close(actual, expected[op.ordinal()])) {
                            failures.add(where(counter, -1, op, p, m) + ": extend " + actual
                                    + " != summed coefficients " + expected[op.ordinal()]);
                        }
                    }
                }
            }
        }
        assertNone(failures);
    }

    @Test
    void readsExpertsExactlyForTheExpertMatricesOfExpertLayersUnderExact() {
        int expertOperations = 0;
        for (ModelSpec model : MODELS.values()) {
            for (FlopCounter counter : counters(model)) {
                for (int layer = 0; layer < model.numLayers(); layer++) {
                    int firstExpertLayer = model.mixtureOfExperts()
                            .map(MixtureOfExperts::firstDenseLayers)
                            .orElse(Integer.MAX_VALUE);
                    boolean expertLayer = layer >= firstExpertLayer;
                    for (Operation op : OPERATIONS) {
                        boolean expected =
                                counter.convention() == Convention.EXACT && expertLayer && EXPERT_MATRICES.contains(op);
                        assertThat(counter.readsExperts(layer, op))
                                .as(where(counter, layer, op, 0, 0))
                                .isEqualTo(expected);
                        if (expected) {
                            expertOperations++;
                        }
                    }
                }
            }
        }
        // Qwen3 30B-A3B, Mixtral and DeepSeek-V3 route: 3 matrices per expert layer, two EXACT counters each
        assertThat(expertOperations).isPositive();
    }

    @Test
    void operationsThatReadExpertsAreThoseWhoseWeightsGrowWithTheTokensOfAPass() {
        List<String> failures = new ArrayList<>();
        for (ModelSpec model : MODELS.values()) {
            for (FlopCounter counter : counters(model)) {
                for (LayerGroup group : model.layerGroups()) {
                    int layer = group.firstLayer();
                    for (Operation op : OPERATIONS) {
                        if (op.isQuadratic() || op == Operation.LM_HEAD || counter.tokenFlops(layer, op) == 0) {
                            continue;
                        }
                        double one = counter.weightElements(layer, op, 1);
                        double many = counter.weightElements(layer, op, 1000);
                        boolean grows = many > one;
                        if (grows != counter.readsExperts(layer, op)) {
                            failures.add(where(counter, layer, op, 0, 0) + ": weights " + one + " -> " + many
                                    + " but readsExperts " + counter.readsExperts(layer, op));
                        }
                        if (op == Operation.STATE_UPDATE) { // the recurrence reads a state, not weights
                            if (one != 0) {
                                failures.add(where(counter, layer, op, 0, 0) + ": state update reads weights " + one);
                            }
                        } else if (!counter.readsExperts(layer, op) && !close(2 * one, counter.tokenFlops(layer, op))) {
                            failures.add(where(counter, layer, op, 0, 0) + ": dense weights " + one
                                    + " != tokenFlops / 2 " + counter.tokenFlops(layer, op) / 2);
                        }
                    }
                }
            }
        }
        assertNone(failures);
    }

    @Test
    void invalidLayersAreRejectedNamingTheLayer() {
        for (ModelSpec model : List.of(ModelPresets.LLAMA_3_1_8B, ModelPresets.GEMMA_2_9B, ModelPresets.DEEPSEEK_V3)) {
            for (FlopCounter counter : counters(model)) {
                for (int layer : new int[] {-1, model.numLayers(), model.numLayers() + 1, Integer.MIN_VALUE}) {
                    String message = "layer (" + layer + ")";
                    assertThatIllegalArgumentException()
                            .isThrownBy(() -> counter.tokenFlops(layer, Operation.Q_PROJECTION))
                            .withMessageContaining(message);
                    assertThatIllegalArgumentException()
                            .isThrownBy(() -> counter.keyFlops(layer, Operation.ATTENTION_SCORES))
                            .withMessageContaining(message);
                    assertThatIllegalArgumentException()
                            .isThrownBy(() -> counter.keyFlops(layer, Operation.MLP_UP))
                            .withMessageContaining(message);
                    assertThatIllegalArgumentException()
                            .isThrownBy(() -> counter.attentionKeys(layer, 0, 1))
                            .withMessageContaining(message);
                    assertThatIllegalArgumentException()
                            .isThrownBy(() -> counter.readsExperts(layer, Operation.MLP_UP))
                            .withMessageContaining(message);
                    assertThatIllegalArgumentException()
                            .isThrownBy(() -> counter.layerOperationFlops(layer, Operation.MLP_UP, 0, 1))
                            .withMessageContaining(message);
                }
            }
        }
    }

    @Test
    void negativeTokenCountsAreRejectedNamingTheArgument() {
        for (FlopCounter counter : counters(ModelPresets.MISTRAL_7B_V0_1)) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> counter.attentionKeys(0, -1, 1))
                    .withMessageContaining("cachedTokens (-1)");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> counter.attentionKeys(0, 0, -1))
                    .withMessageContaining("newTokens (-1)");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> counter.attentionKeys(0, Long.MIN_VALUE, 0))
                    .withMessageContaining("cachedTokens");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> counter.layerOperationFlops(0, Operation.ATTENTION_SCORES, -5, 1))
                    .withMessageContaining("cachedTokens (-5)");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> counter.layerOperationFlops(0, Operation.MLP_UP, 0, -2))
                    .withMessageContaining("newTokens (-2)");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The same contract over random layers, operations and token counts
    // ---------------------------------------------------------------------------------------------------------------

    private static final List<ModelSpec> MODEL_LIST = List.copyOf(MODELS.values());

    /** A counter (preset, convention, masking), one of its layers and an operation. */
    private record Site(FlopCounter counter, int layer, Operation op) {
        @Override
        public String toString() {
            return counter + " layer " + layer + " " + op;
        }
    }

    private static Gen<Site> sites() {
        return integers()
                .between(0, MODEL_LIST.size() * 3 - 1)
                .zip(
                        integers().between(0, Integer.MAX_VALUE - 1),
                        integers().between(0, OPERATIONS.length - 1),
                        (c, l, o) -> {
                            ModelSpec model = MODEL_LIST.get(c / 3);
                            FlopCounter counter = counters(model).get(c % 3);
                            return new Site(counter, l % model.numLayers(), OPERATIONS[o]);
                        });
    }

    /** An operation's FLOPs are its per-key coefficient times the keys (quadratic) or its per-token one times m. */
    private static void assertOperationFlopsFromCoefficients(Site site, long p, long m) {
        FlopCounter counter = site.counter();
        double actual = counter.layerOperationFlops(site.layer(), site.op(), p, m);
        double expected = site.op().isQuadratic()
                ? counter.keyFlops(site.layer(), site.op()) * counter.attentionKeys(site.layer(), p, m)
                : counter.tokenFlops(site.layer(), site.op()) * m;
        assertThat(close(actual, expected))
                .as("%s p=%d m=%d: %s vs %s", site, p, m, actual, expected)
                .isTrue();
    }

    @Test
    void theContractHoldsForRandomContexts() {
        qt().withFixedSeed(SEED)
                .withExamples(300)
                .forAll(sites(), longs().between(0, 1L << 40), longs().between(0, 1L << 20))
                .checkAssert((site, p, m) -> {
                    FlopCounter counter = site.counter();
                    assertOperationFlopsFromCoefficients(site, p, m);
                    assertThat(counter.attentionKeys(site.layer(), p, m)).isNotNegative();
                    assertThat(counter.attentionKeys(site.layer(), p, 0)).isZero();
                });
    }

    @Test
    void theContractHoldsForRandomContextsNearTheWindow() {
        qt().withFixedSeed(SEED)
                .withExamples(300)
                .forAll(sites(), integers().between(-50, 50), integers().between(0, 100))
                .checkAssert((site, offset, m) -> {
                    FlopCounter counter = site.counter();
                    long p = Math.max(0, window(counter.model()) + offset);
                    assertOperationFlopsFromCoefficients(site, p, m);
                    assertThat(close(
                                    counter.attentionKeys(site.layer(), p, m),
                                    bruteForceKeys(counter, site.layer(), p, m)))
                            .as("%s p=%d m=%d keys", site, p, m)
                            .isTrue();
                });
    }
}
