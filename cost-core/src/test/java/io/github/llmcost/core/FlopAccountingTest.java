package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FLOP counts of small hand-checkable models, operation by operation: weight elements read per pass, routed experts,
 * decode steps against sliding windows, convolution and latent-attention layers, and the plain-number fast path
 * agreeing with the breakdowns.
 *
 * <p>Every model here is built afresh (never a cached preset), with {@code d = 64}, 4 query heads of {@code d_k = 16},
 * an intermediate size of 128 and a vocabulary of 100, so each count below is a few multiplications.
 */
class FlopAccountingTest {
    private static final int D = 64;
    private static final int I = 128;
    private static final int V = 100;

    /** Two global GQA layers: 4 query heads, 2 KV heads, d_k 16. */
    static ModelSpec dense() {
        return ModelSpec.builder()
                .name("dense")
                .hiddenSize(D)
                .numLayers(2)
                .numAttentionHeads(4)
                .numKeyValueHeads(2)
                .intermediateSize(I)
                .vocabSize(V)
                .build();
    }

    /** Layer 0 a 4-token sliding window, layer 1 global. */
    static ModelSpec sliding() {
        return ModelSpec.builder()
                .from(dense())
                .name("sliding")
                .attentionKinds(List.of(AttentionKind.SLIDING_WINDOW, AttentionKind.GLOBAL))
                .slidingWindow(4)
                .build();
    }

    /** Layer 0 an attention-free convolution of 3 taps, layer 1 global. */
    static ModelSpec convolution() {
        return ModelSpec.builder()
                .from(dense())
                .name("convolution")
                .attentionKinds(List.of(AttentionKind.NONE, AttentionKind.GLOBAL))
                .convolutionKernelSize(3)
                .build();
    }

    /** Layer 0 dense, layer 1 routes to 2 of 8 experts of size 32 plus 1 shared expert. */
    static ModelSpec experts() {
        return ModelSpec.builder()
                .from(dense())
                .name("experts")
                .mixtureOfExperts(MixtureOfExperts.builder()
                        .numExperts(8)
                        .expertsPerToken(2)
                        .expertIntermediateSize(32)
                        .numSharedExperts(1)
                        .firstDenseLayers(1)
                        .routerBias(true)
                        .build())
                .build();
    }

    /** One layer of multi-head latent attention: q_lora 16 (or 0), kv_lora 8, nope 8, rope 4, v 8. */
    static ModelSpec latent(int qLoraRank) {
        return ModelSpec.builder()
                .name("latent")
                .hiddenSize(D)
                .numLayers(1)
                .numAttentionHeads(4)
                .intermediateSize(I)
                .vocabSize(V)
                .latentAttention(LatentAttention.builder()
                        .qLoraRank(qLoraRank)
                        .kvLoraRank(8)
                        .qkNopeHeadDim(8)
                        .qkRopeHeadDim(4)
                        .vHeadDim(8)
                        .build())
                .build();
    }

    private static double perToken(ModelSpec model, Convention convention, int layer, Operation op) {
        return FlopCounter.of(model, convention).layer(layer, 0, 1).get(op).toFlops();
    }

    @Test
    void denseProjectionsPerToken() {
        ModelSpec m = dense();
        assertThat(perToken(m, Convention.EXACT, 0, Operation.Q_PROJECTION)).isEqualTo(2.0 * D * 4 * 16);
        assertThat(perToken(m, Convention.EXACT, 0, Operation.K_PROJECTION)).isEqualTo(2.0 * D * 2 * 16);
        assertThat(perToken(m, Convention.EXACT, 0, Operation.V_PROJECTION)).isEqualTo(2.0 * D * 2 * 16);
        assertThat(perToken(m, Convention.EXACT, 0, Operation.O_PROJECTION)).isEqualTo(2.0 * 4 * 16 * D);
        assertThat(perToken(m, Convention.EXACT, 1, Operation.MLP_GATE)).isEqualTo(2.0 * D * I);
        assertThat(perToken(m, Convention.EXACT, 1, Operation.MLP_DOWN)).isEqualTo(2.0 * D * I);
    }

    @Test
    void articleLayerPerToken() {
        ModelSpec m = dense();
        double d2 = (double) D * D;
        for (Operation op : List.of(
                Operation.Q_PROJECTION, Operation.K_PROJECTION, Operation.V_PROJECTION, Operation.O_PROJECTION)) {
            assertThat(perToken(m, Convention.ARTICLE, 0, op)).as("%s", op).isEqualTo(2 * d2);
        }
        assertThat(perToken(m, Convention.ARTICLE, 0, Operation.MLP_UP)).isEqualTo(8 * d2);
        assertThat(perToken(m, Convention.ARTICLE, 0, Operation.MLP_DOWN)).isEqualTo(8 * d2);
        assertThat(perToken(m, Convention.ARTICLE, 0, Operation.MLP_GATE)).isZero();
        // the token at position 1 attends to itself: 2d FLOPs of scores and 2d of aggregation
        assertThat(perToken(m, Convention.ARTICLE, 0, Operation.ATTENTION_SCORES))
                .isEqualTo(2.0 * D);
        assertThat(perToken(m, Convention.ARTICLE, 0, Operation.ATTENTION_AGGREGATION))
                .isEqualTo(2.0 * D);
        assertThat(FlopCounter.of(m, Convention.ARTICLE).prefill(10).total().toFlops())
                .isEqualTo(2 * (24 * 10 * d2 + 4.0 * 10 * 10 * D));
    }

    @Test
    void weightElementsAreReadOncePerPassHoweverManyTokens() {
        FlopCounter exact = FlopCounter.of(dense(), Convention.EXACT);
        assertThat(exact.weightElements(0, Operation.Q_PROJECTION, 1)).isEqualTo(D * 4 * 16);
        assertThat(exact.weightElements(0, Operation.Q_PROJECTION, 512)).isEqualTo(D * 4 * 16);
        assertThat(exact.weightElements(1, Operation.K_PROJECTION, 7)).isEqualTo(D * 2 * 16);
        assertThat(exact.weightElements(0, Operation.MLP_UP, 3)).isEqualTo(D * I);
        assertThat(exact.weightElements(0, Operation.ATTENTION_SCORES, 3)).isZero();
        assertThat(exact.lmHeadWeightElements()).isEqualTo(D * V);
        assertThat(FlopCounter.of(dense(), Convention.ARTICLE).lmHeadWeightElements())
                .isZero();
        assertThat(FlopCounter.of(dense(), Convention.ARTICLE).weightElements(0, Operation.MLP_UP, 3))
                .isEqualTo(4.0 * D * D);
    }

    @Test
    void routedExpertsReadTheExpertsTheTokensTouch() {
        FlopCounter exact = FlopCounter.of(experts(), Convention.EXACT);
        double oneExpert = D * 32;
        // one token: its 2 routed experts and the shared one
        assertThat(exact.weightElements(1, Operation.MLP_UP, 1)).isEqualTo(3 * oneExpert);
        assertThat(exact.weightElements(1, Operation.MLP_GATE, 1)).isEqualTo(3 * oneExpert);
        assertThat(exact.weightElements(1, Operation.MLP_DOWN, 1)).isEqualTo(3 * oneExpert);
        // two tokens: 8 (1 - (6/8)^2) = 3.5 routed experts expected, and the shared one
        assertThat(exact.weightElements(1, Operation.MLP_UP, 2)).isEqualTo(4.5 * oneExpert);
        // many tokens: all 8, and the shared one
        assertThat(exact.weightElements(1, Operation.MLP_UP, 100_000)).isEqualTo(9 * oneExpert);
        // the router is a plain matrix, the dense layer a plain MLP
        assertThat(exact.weightElements(1, Operation.ROUTER, 100_000)).isEqualTo(D * 8);
        assertThat(exact.weightElements(0, Operation.MLP_UP, 100_000)).isEqualTo(D * I);
        // ARTICLE has no experts: the layer's MLP is 8d^2 per token, 4d^2 weight elements
        assertThat(FlopCounter.of(experts(), Convention.ARTICLE).weightElements(1, Operation.MLP_UP, 100_000))
                .isEqualTo(4.0 * D * D);
    }

    @Test
    void expectedDistinctExperts() {
        MixtureOfExperts moe = MixtureOfExperts.of(8, 2, 32);
        assertThat(FlopCounter.expectedDistinctExperts(moe, 1)).isEqualTo(2.0);
        assertThat(FlopCounter.expectedDistinctExperts(moe, 2)).isEqualTo(3.5);
        assertThat(FlopCounter.expectedDistinctExperts(moe, 3)).isCloseTo(8 * (1 - 27.0 / 64), within(1e-12));
        assertThat(FlopCounter.expectedDistinctExperts(moe, 1_000_000)).isEqualTo(8.0);
        assertThat(FlopCounter.expectedDistinctExperts(MixtureOfExperts.of(4, 4, 32), 1))
                .isEqualTo(4.0);
    }

    @Test
    void expertLayersCountTheirRouterAndActiveExperts() {
        ModelSpec m = experts();
        assertThat(perToken(m, Convention.EXACT, 1, Operation.ROUTER)).isEqualTo(2.0 * D * 8);
        assertThat(perToken(m, Convention.EXACT, 1, Operation.MLP_UP)).isEqualTo(2.0 * D * 32 * 3);
        assertThat(perToken(m, Convention.EXACT, 0, Operation.ROUTER)).isZero();
        assertThat(perToken(m, Convention.EXACT, 0, Operation.MLP_UP)).isEqualTo(2.0 * D * I);
    }

    @Test
    void decodeStepsAttendToEveryEarlierTokenAndItself() {
        FlopCounter exact = FlopCounter.of(dense(), Convention.EXACT);
        double perKey = 2.0 * 4 * 16;
        assertThat(exact.decodeStep(1).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(2 * perKey);
        assertThat(exact.decodeStep(10).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(2 * perKey * 10);
        assertThat(exact.decodeStep(10).get(Operation.ATTENTION_AGGREGATION).toFlops())
                .isEqualTo(2 * perKey * 10);
        assertThat(exact.layer(0, 3, 2).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(perKey * (4 + 5));
        assertThat(exact.withCausalMasking(false)
                        .layer(0, 3, 2)
                        .get(Operation.ATTENTION_SCORES)
                        .toFlops())
                .isEqualTo(perKey * 2 * 5);
    }

    @Test
    void slidingWindowsCapTheKeysEachTokenReads() {
        FlopCounter exact = FlopCounter.of(sliding(), Convention.EXACT);
        double perKey = 2.0 * 4 * 16;
        // the token at position 4 reads the 4 keys of a full window
        assertThat(exact.layer(0, 3, 1).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(perKey * 4);
        assertThat(exact.layer(0, 2, 1).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(perKey * 3);
        assertThat(exact.layer(0, 9, 1).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(perKey * 4);
        assertThat(exact.layer(1, 9, 1).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(perKey * 10);
        // a prefill of 6: 1 + 2 + 3 + 4 + 4 + 4 keys
        assertThat(exact.layer(0, 0, 6).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(perKey * 18);
        // chunked: positions 3 to 6 after 2 cached, 3 + 4 + 4 + 4
        assertThat(exact.layer(0, 2, 4).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(perKey * 15);
        assertThat(exact.withCausalMasking(false)
                        .layer(0, 0, 6)
                        .get(Operation.ATTENTION_SCORES)
                        .toFlops())
                .isEqualTo(perKey * 6 * 4);
        // ARTICLE ignores windows
        assertThat(FlopCounter.of(sliding(), Convention.ARTICLE)
                        .layer(0, 0, 6)
                        .get(Operation.ATTENTION_SCORES)
                        .toFlops())
                .isEqualTo(2.0 * D * 36);
    }

    @Test
    void convolutionLayersUnderBothConventions() {
        ModelSpec m = convolution();
        assertThat(perToken(m, Convention.ARTICLE, 0, Operation.CONVOLUTION)).isEqualTo(8.0 * D * D);
        assertThat(perToken(m, Convention.ARTICLE, 0, Operation.MLP_UP)).isEqualTo(8.0 * D * D);
        assertThat(perToken(m, Convention.ARTICLE, 0, Operation.Q_PROJECTION)).isZero();
        assertThat(perToken(m, Convention.EXACT, 0, Operation.CONVOLUTION)).isEqualTo(2.0 * (4 * D * D + D * 3));
        assertThat(perToken(m, Convention.EXACT, 0, Operation.Q_PROJECTION)).isZero();
        assertThat(FlopCounter.of(m, Convention.EXACT).layer(0, 0, 5).quadratic())
                .isEqualTo(Flops.ZERO);
        assertThat(perToken(m, Convention.EXACT, 1, Operation.Q_PROJECTION)).isEqualTo(2.0 * D * 4 * 16);
    }

    @Test
    void latentAttentionProjections() {
        ModelSpec m = latent(16);
        int h = 4;
        int qk = 12;
        assertThat(perToken(m, Convention.EXACT, 0, Operation.Q_PROJECTION)).isEqualTo(2.0 * (D * 16 + 16 * h * qk));
        assertThat(perToken(m, Convention.EXACT, 0, Operation.K_PROJECTION)).isEqualTo(2.0 * (D * 12 + 8 * h * 8));
        assertThat(perToken(m, Convention.EXACT, 0, Operation.V_PROJECTION)).isEqualTo(2.0 * 8 * h * 8);
        assertThat(perToken(m, Convention.EXACT, 0, Operation.O_PROJECTION)).isEqualTo(2.0 * h * 8 * D);
        FlopCounter exact = FlopCounter.of(m, Convention.EXACT);
        assertThat(exact.decodeStep(5).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(2.0 * h * qk * 5);
        assertThat(exact.decodeStep(5).get(Operation.ATTENTION_AGGREGATION).toFlops())
                .isEqualTo(2.0 * h * 8 * 5);
        assertThat(perToken(latent(0), Convention.EXACT, 0, Operation.Q_PROJECTION))
                .isEqualTo(2.0 * D * h * qk);
    }

    @Test
    void theFastPathAgreesWithTheBreakdowns() {
        for (ModelSpec m : List.of(dense(), sliding(), convolution(), experts(), latent(16))) {
            for (Convention c : Convention.values()) {
                FlopCounter counter = FlopCounter.of(m, c);
                for (FlopCounter variant :
                        c == Convention.EXACT ? List.of(counter, counter.withCausalMasking(false)) : List.of(counter)) {
                    for (int layer = 0; layer < m.numLayers(); layer++) {
                        for (long[] pm : new long[][] {{0, 1}, {0, 6}, {3, 1}, {2, 4}, {9, 3}, {5, 0}}) {
                            FlopBreakdown expected = variant.layer(layer, pm[0], pm[1]);
                            for (Operation op : Operation.values()) {
                                assertThat(variant.layerOperationFlops(layer, op, pm[0], pm[1]))
                                        .as("%s %s %s layer %d %s", m.name(), variant, op, layer, pm[0] + "+" + pm[1])
                                        .isEqualTo(expected.get(op).toFlops());
                            }
                        }
                    }
                }
            }
        }
        assertThat(FlopCounter.of(dense(), Convention.EXACT).layerOperationFlops(0, Operation.LM_HEAD, 0, 5))
                .isZero();
        assertThat(FlopCounter.of(dense(), Convention.EXACT).layerOperationFlops(0, Operation.Q_PROJECTION, 3, 0))
                .isZero();
        assertThat(FlopCounter.of(dense(), Convention.EXACT).layerOperationFlops(0, Operation.Q_PROJECTION, 0, 3))
                .isEqualTo(3 * 2.0 * D * 4 * 16);
    }

    @Test
    void extendingByNothingCostsNothing() {
        FlopCounter exact = FlopCounter.of(dense(), Convention.EXACT);
        assertThat(exact.extend(5, 0).total()).isEqualTo(Flops.ZERO);
        assertThat(exact.extend(5, 1).get(Operation.LM_HEAD).toFlops()).isEqualTo(2.0 * D * V);
        assertThat(exact.extend(5, 3).get(Operation.LM_HEAD).toFlops()).isEqualTo(2.0 * D * V);
    }

    @Test
    void countersDescribeThemselves() {
        ModelSpec m = dense();
        FlopCounter exact = FlopCounter.of(m, Convention.EXACT);
        FlopCounter article = FlopCounter.of(m, Convention.ARTICLE);
        assertThat(exact.model()).isSameAs(m);
        assertThat(exact.convention()).isEqualTo(Convention.EXACT);
        assertThat(exact.causalMasking()).isTrue();
        assertThat(exact.withCausalMasking(false).causalMasking()).isFalse();
        assertThat(exact.withCausalMasking(true)).isSameAs(exact);
        assertThat(article.causalMasking()).isFalse();
        assertThat(exact).hasToString("FlopCounter[dense, EXACT, causal]");
        assertThat(exact.withCausalMasking(false)).hasToString("FlopCounter[dense, EXACT]");
        assertThat(article).hasToString("FlopCounter[dense, ARTICLE]");
    }

    @Test
    void operationsKnowWhatTheyAre() {
        for (Operation op : Operation.values()) {
            assertThat(op.isQuadratic())
                    .as("%s", op)
                    .isEqualTo(op == Operation.ATTENTION_SCORES || op == Operation.ATTENTION_AGGREGATION);
            assertThat(op.isAttentionProjection())
                    .as("%s", op)
                    .isEqualTo(List.of(
                                    Operation.Q_PROJECTION,
                                    Operation.K_PROJECTION,
                                    Operation.V_PROJECTION,
                                    Operation.O_PROJECTION)
                            .contains(op));
        }
    }

    /** A breakdown with the given FLOPs for gate, up, down and router, and 1 GFLOP of Q projection. */
    @SuppressWarnings("EnumOrdinal")
    private static FlopBreakdown breakdown(Convention c, double gate, double up, double down, double router) {
        double[] flops = new double[Operation.values().length];
        flops[Operation.Q_PROJECTION.ordinal()] = 1e9;
        flops[Operation.MLP_GATE.ordinal()] = gate;
        flops[Operation.MLP_UP.ordinal()] = up;
        flops[Operation.MLP_DOWN.ordinal()] = down;
        flops[Operation.ROUTER.ordinal()] = router;
        return new FlopBreakdown(c, flops);
    }

    @Test
    void breakdownSumsAndShares() {
        FlopBreakdown b = breakdown(Convention.EXACT, 1e9, 2e9, 4e9, 8e9);
        assertThat(b.convention()).isEqualTo(Convention.EXACT);
        assertThat(b.mlp().toFlops()).isEqualTo(15e9);
        assertThat(b.attentionProjections().toFlops()).isEqualTo(1e9);
        assertThat(b.total().toFlops()).isEqualTo(16e9);
        assertThat(b.quadraticShare()).isZero();
        assertThat(b)
                .hasToString("16 GFLOP (EXACT)"
                        + String.format("%n  q_projection                1 GFLOP   6.3%%")
                        + String.format("%n  mlp_gate                    1 GFLOP   6.3%%")
                        + String.format("%n  mlp_up                      2 GFLOP  12.5%%")
                        + String.format("%n  mlp_down                    4 GFLOP  25.0%%")
                        + String.format("%n  router                      8 GFLOP  50.0%%"));
    }

    @Test
    @SuppressWarnings("EnumOrdinal")
    void breakdownGroupsAndSums() {
        double[] flops = new double[Operation.values().length];
        flops[Operation.Q_PROJECTION.ordinal()] = 1;
        flops[Operation.K_PROJECTION.ordinal()] = 2;
        flops[Operation.V_PROJECTION.ordinal()] = 4;
        flops[Operation.O_PROJECTION.ordinal()] = 8;
        flops[Operation.ATTENTION_SCORES.ordinal()] = 16;
        flops[Operation.ATTENTION_AGGREGATION.ordinal()] = 32;
        FlopBreakdown b = new FlopBreakdown(Convention.EXACT, flops);
        assertThat(b.attentionProjections().toFlops()).isEqualTo(15.0);
        assertThat(b.quadratic().toFlops()).isEqualTo(48.0);
        assertThat(b.quadraticShare()).isEqualTo(48.0 / 63);
        FlopBreakdown twice = b.plus(b);
        assertThat(twice.attentionProjections().toFlops()).isEqualTo(30.0);
        assertThat(twice).isEqualTo(b.multipliedBy(2));
        assertThatThrownBy(() -> b.plus(new FlopBreakdown(Convention.ARTICLE, flops)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("convention (ARTICLE) must match EXACT to add breakdowns");
    }

    @Test
    void breakdownsAreEqualByConventionAndCounts() {
        FlopBreakdown a = breakdown(Convention.EXACT, 1, 2, 3, 4);
        FlopBreakdown same = breakdown(Convention.EXACT, 1, 2, 3, 4);
        assertThat(a).isEqualTo(same).isNotSameAs(same);
        assertThat(a.hashCode()).isEqualTo(same.hashCode());
        assertThat(a).isNotEqualTo(breakdown(Convention.ARTICLE, 1, 2, 3, 4));
        assertThat(a.hashCode())
                .isNotEqualTo(breakdown(Convention.ARTICLE, 1, 2, 3, 4).hashCode());
        assertThat(a).isNotEqualTo(breakdown(Convention.EXACT, 1, 2, 3, 5));
        assertThat(a.hashCode())
                .isNotEqualTo(breakdown(Convention.EXACT, 1, 2, 3, 5).hashCode());
        assertThat(a).isNotEqualTo(Flops.of(1e9 + 10));
    }
}
