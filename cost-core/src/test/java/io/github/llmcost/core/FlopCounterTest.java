package io.github.llmcost.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** EXACT FLOP counts checked against hand derivations from the checkpoints' shapes. */
class FlopCounterTest {
    private static final FlopCounter LLAMA = FlopCounter.of(ModelPresets.LLAMA_3_1_8B, Convention.EXACT);

    @Test
    void decodeStepIsTwicePerTokenWeightsPlusAttention() {
        ParameterBreakdown p = ModelPresets.LLAMA_3_1_8B.parameters();
        double matrices = p.attentionParameters() + p.mlpParameters() + p.lmHeadParameters();
        long n = 1000;
        // scores and aggregation: 2 x h x d_k per key each, 32 layers, n keys
        double attention = 32 * 2 * (2.0 * 32 * 128) * n;
        assertThat(LLAMA.decodeStep(n).total().toFlops()).isEqualTo(2 * matrices + attention);
    }

    @Test
    void prefillComputesLogitsForTheLastTokenOnly() {
        FlopBreakdown prefill = LLAMA.prefill(4096);
        assertThat(prefill.get(Operation.LM_HEAD).toFlops()).isEqualTo(2.0 * 4096 * 128256);
        assertThat(prefill.get(Operation.Q_PROJECTION).toFlops()).isEqualTo(32 * 2.0 * 4096 * 4096 * 4096);
        assertThat(prefill.get(Operation.K_PROJECTION).toFlops()).isEqualTo(32 * 2.0 * 4096 * 4096 * 1024);
    }

    @Test
    void causalMaskingCountsTheLowerTriangle() {
        long n = 4096;
        double perKey = 2.0 * 32 * 128;
        FlopBreakdown causal = LLAMA.layer(0, 0, n);
        FlopBreakdown full = LLAMA.withCausalMasking(false).layer(0, 0, n);
        assertThat(causal.get(Operation.ATTENTION_SCORES).toFlops()).isEqualTo(perKey * n * (n + 1) / 2);
        assertThat(full.get(Operation.ATTENTION_SCORES).toFlops()).isEqualTo(perKey * n * n);
        assertThat(LLAMA.causalMasking()).isTrue();
    }

    @Test
    void slidingWindowCapsKeysPerToken() {
        FlopCounter mistral = FlopCounter.of(ModelPresets.MISTRAL_7B_V0_1, Convention.EXACT);
        double perKey = 2.0 * 32 * 128;
        // position 10,000 attends to the last 4,096 tokens only
        assertThat(mistral.decodeStep(10_000).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(32 * perKey * 4096);
        // prefill of 8192: ramp 1..4096 then 4096 flat
        double keys = 4096.0 * 4097 / 2 + 4096.0 * 4096;
        assertThat(mistral.layer(0, 0, 8192).get(Operation.ATTENTION_SCORES).toFlops())
                .isEqualTo(perKey * keys);
    }

    @Test
    void mixtureOfExpertsRunsOnlyTheChosenExperts() {
        FlopCounter mixtral = FlopCounter.of(ModelPresets.MIXTRAL_8X7B, Convention.EXACT);
        FlopBreakdown step = mixtral.decodeStep(1);
        assertThat(step.get(Operation.MLP_GATE).toFlops()).isEqualTo(32 * 2 * 2.0 * 4096 * 14336);
        assertThat(step.get(Operation.ROUTER).toFlops()).isEqualTo(32 * 2.0 * 4096 * 8);
        // about 2 x 12.9B active parameters per token, minus the embeddings lookup
        ParameterBreakdown p = ModelPresets.MIXTRAL_8X7B.parameters();
        double activeMatrices = p.activeParameters() - p.embeddingParameters() - p.normParameters();
        assertThat(step.total().toFlops()).isCloseTo(2 * activeMatrices, within(2 * activeMatrices * 1e-4));
    }

    @Test
    void attentionFreeLayersHaveNoQuadraticTerm() {
        FlopCounter lfm = FlopCounter.of(ModelPresets.LFM2_1_2B, Convention.EXACT);
        assertThat(lfm.layer(0, 0, 4096).quadratic()).isEqualTo(Flops.ZERO);
        assertThat(lfm.layer(0, 0, 4096).get(Operation.CONVOLUTION).toFlops())
                .isEqualTo(4096 * 2.0 * (4.0 * 2048 * 2048 + 2048 * 3));
        assertThat(lfm.layer(2, 0, 4096).quadratic().toFlops()).isPositive();
    }

    @Test
    void workloadPrefillSkipsTheSharedPrefixAndScalesWithBatch() {
        Workload w = Workload.builder()
                .promptTokens(4096)
                .outputTokens(256)
                .batchSize(8)
                .sharedPrefixTokens(1024)
                .build();
        assertThat(LLAMA.prefill(w)).isEqualTo(LLAMA.extend(1024, 3072).multipliedBy(8));
        // 255 decode steps: the first output token comes from prefill
        FlopBreakdown generation = LLAMA.generation(w);
        assertThat(generation.get(Operation.LM_HEAD).toFlops()).isEqualTo(8 * 255 * 2.0 * 4096 * 128256);
    }

    @Test
    void crossoverUnderExactDependsOnHeadsAndMasking() {
        // projections per token 2 x (2 x 4096 x 4096 + 2 x 4096 x 1024) = 83,886,080;
        // quadratic per key 4 x 32 x 128 = 16,384: full 5120, causal 2 x 5120 - 1.
        assertThat(LLAMA.withCausalMasking(false).crossoverTokens()).isEqualTo(5120);
        assertThat(LLAMA.crossoverTokens()).isEqualTo(10239);
    }

    @Test
    void latentAttentionScoresUseTheQkAndValueHeadDims() {
        FlopCounter ds = FlopCounter.of(ModelPresets.DEEPSEEK_V3, Convention.EXACT);
        FlopBreakdown step = ds.decodeStep(1000);
        assertThat(step.get(Operation.ATTENTION_SCORES).toFlops()).isEqualTo(61 * 2.0 * 128 * 192 * 1000);
        assertThat(step.get(Operation.ATTENTION_AGGREGATION).toFlops()).isEqualTo(61 * 2.0 * 128 * 128 * 1000);
    }

    @Test
    void layerGroupsCollectIdenticalLayers() {
        assertThat(ModelPresets.LLAMA_3_1_8B.layerGroups())
                .containsExactly(new LayerGroup(0, 32, AttentionKind.GLOBAL, false));
        assertThat(ModelPresets.GEMMA_2_9B.layerGroups())
                .containsExactly(
                        new LayerGroup(0, 21, AttentionKind.SLIDING_WINDOW, false),
                        new LayerGroup(1, 21, AttentionKind.GLOBAL, false));
        assertThat(ModelPresets.DEEPSEEK_V3.layerGroups())
                .containsExactly(
                        new LayerGroup(0, 3, AttentionKind.GLOBAL, false),
                        new LayerGroup(3, 58, AttentionKind.GLOBAL, true));
        assertThat(ModelPresets.LFM2_1_2B.layerGroups())
                .extracting(LayerGroup::count)
                .containsExactly(10, 6);
    }

    @Test
    void everyLayerOfAGroupCostsTheSame() {
        for (ModelSpec model : ModelPresets.all().values()) {
            FlopCounter counter = FlopCounter.of(model, Convention.EXACT);
            FlopBreakdown byLayer = counter.layer(0, 1000, 24).multipliedBy(0);
            FlopBreakdown byGroup = byLayer;
            for (int layer = 0; layer < model.numLayers(); layer++) {
                byLayer = byLayer.plus(counter.layer(layer, 1000, 24));
            }
            for (LayerGroup group : model.layerGroups()) {
                byGroup =
                        byGroup.plus(counter.layer(group.firstLayer(), 1000, 24).multipliedBy(group.count()));
            }
            assertThat(byGroup.total().toFlops())
                    .as(model.name())
                    .isCloseTo(byLayer.total().toFlops(), within(byLayer.total().toFlops() * 1e-12));
        }
    }
}
