package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.KvCache;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.WeightBytes;
import io.github.llmcost.core.WeightScheme;
import org.junit.jupiter.api.Test;

/**
 * {@link PipelineStages}: each stage's weights and cache share, worked by hand for Llama 3.1 8B in BF16 (16,060,522,496
 * bytes, of which the embeddings and the untied lm_head 1,050,673,152 each, the 32 identical layers the rest).
 */
class PipelineStagesTest {
    private static final Bytes TOTAL = Bytes.of(16_060_522_496.0);
    private static final double EDGE = 1_050_673_152.0;
    private static final double LAYERS = 16_060_522_496.0 - 2 * EDGE;
    private static final WeightBytes BF16_LLAMA =
            WeightScheme.BF16.weightBytes(ModelPresets.LLAMA_3_1_8B, Convention.EXACT);
    private static final WeightBytes FP8_DEEPSEEK =
            WeightScheme.FP8_E4M3.weightBytes(ModelPresets.DEEPSEEK_V3, Convention.EXACT);

    private static PipelineStages llama(int tp, Parallelism p) {
        return new PipelineStages(ModelPresets.LLAMA_3_1_8B, Convention.EXACT, tp, p);
    }

    @Test
    void fourStagesOfEightLayers() {
        PipelineStages s = llama(1, Parallelism.of(4, 1));
        assertThat(s.stages()).isEqualTo(4);
        assertThat(s.layerCounts()).containsExactly(8, 8, 8, 8);
        assertThat(s.maxLayers()).isEqualTo(8);
        assertThat(s.weights(0, TOTAL, BF16_LLAMA).toBytes()).isCloseTo(LAYERS / 4 + EDGE, within(1.0));
        assertThat(s.weights(1, TOTAL, BF16_LLAMA).toBytes()).isCloseTo(LAYERS / 4, within(1.0));
        assertThat(s.weights(2, TOTAL, BF16_LLAMA).toBytes()).isCloseTo(LAYERS / 4, within(1.0));
        assertThat(s.weights(3, TOTAL, BF16_LLAMA).toBytes()).isCloseTo(LAYERS / 4 + EDGE, within(1.0));
        KvCache cache = KvCache.of(ModelPresets.LLAMA_3_1_8B, Convention.EXACT, NumericFormat.BF16);
        for (int stage = 0; stage < 4; stage++) {
            assertThat(s.kvShare(stage, cache, 4096)).isCloseTo(0.25, within(1e-15));
        }
    }

    @Test
    void oneStageHoldsTheTotalExactlyAndDataParallelAttentionReplicatesLayers() {
        assertThat(llama(8, Parallelism.NONE).weights(0, TOTAL, BF16_LLAMA)).isSameAs(TOTAL);
        assertThat(llama(1, Parallelism.NONE.withDataParallelAttention(true)).weights(0, TOTAL, BF16_LLAMA))
                .isSameAs(TOTAL);
        KvCache cache = KvCache.of(ModelPresets.LLAMA_3_1_8B, Convention.EXACT, NumericFormat.BF16);
        assertThat(llama(1, Parallelism.NONE).kvShare(0, cache, 100)).isEqualTo(1);
        // a dense model under DP attention over 2 GPUs: every layer weight on both, the embeddings and lm_head sharded
        PipelineStages dp = llama(2, Parallelism.NONE.withDataParallelAttention(true));
        assertThat(dp.weights(0, TOTAL, BF16_LLAMA).toBytes()).isCloseTo(2 * LAYERS + 2 * EDGE, within(2.0));
        // two stages of DP attention over 4 GPUs each
        PipelineStages both = llama(4, Parallelism.of(2, 1).withDataParallelAttention(true));
        assertThat(both.weights(0, TOTAL, BF16_LLAMA).toBytes()).isCloseTo(4 * LAYERS / 2 + EDGE, within(4.0));
        assertThat(both.weights(1, TOTAL, BF16_LLAMA).toBytes()).isCloseTo(4 * LAYERS / 2 + EDGE, within(4.0));
    }

    @Test
    void expertsAreStoredWholeAndOnlyNonExpertWeightsAreReplicated() {
        // DeepSeek-V3: the 3 dense layers go to the first of two stages, which also holds one more layer
        PipelineStages two = new PipelineStages(ModelPresets.DEEPSEEK_V3, Convention.EXACT, 8, Parallelism.of(2, 1));
        Bytes total = ModelPresets.DEEPSEEK_V3.parameters(Convention.EXACT).weightBytes(NumericFormat.FP8_E4M3);
        double first = two.weights(0, total, FP8_DEEPSEEK).toBytes();
        double second = two.weights(1, total, FP8_DEEPSEEK).toBytes();
        assertThat(first + second).isCloseTo(total.toBytes(), within(16.0));
        assertThat(second).isGreaterThan(first); // 30 MoE layers outweigh 28 MoE and 3 dense
        KvCache cache = KvCache.of(ModelPresets.DEEPSEEK_V3, Convention.EXACT, NumericFormat.BF16);
        assertThat(two.kvShare(0, cache, 1024)).isCloseTo(31.0 / 61, within(1e-12));
        assertThat(two.kvShare(1, cache, 1024)).isCloseTo(30.0 / 61, within(1e-12));
        // DP attention over 8: experts once, everything else eight times
        PipelineStages dp = new PipelineStages(
                ModelPresets.DEEPSEEK_V3,
                Convention.EXACT,
                8,
                Parallelism.of(1, 8).withDataParallelAttention(true));
        double replicated = dp.weights(0, total, FP8_DEEPSEEK).toBytes();
        assertThat(replicated).isGreaterThan(total.toBytes() * 1.1).isLessThan(total.toBytes() * 1.3);
    }
}
