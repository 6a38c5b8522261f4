package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Convention;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.TensorRole;
import io.github.llmcost.core.WeightBytes;
import io.github.llmcost.core.WeightScheme;
import io.github.llmcost.core.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A weight scheme's bytes are the one figure memory holds and a decode step streams: the memory budget's weights are
 * {@link WeightScheme#weightBytes}, and a batch-1 decode step reads every matrix once, so its weight bytes are the
 * scheme's bytes of the roles it reads.
 */
class WeightSchemeStreamingTest {
    private static CompiledPerformance compiled(ModelSpec m, WeightScheme s, Convention c, int devices) {
        return InferencePerformance.builder()
                .model(m)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(1, 0))
                .convention(c)
                .tensorParallel(devices)
                .formats(Formats.of(s).withActivations(NumericFormat.BF16))
                .build()
                .compiled();
    }

    @ParameterizedTest
    @EnumSource(WeightScheme.class)
    void memoryHoldsTheSchemesBytes(WeightScheme s) {
        ModelSpec m = ModelPresets.LLAMA_3_2_3B;
        MemoryBudget budget = compiled(m, s, Convention.EXACT, 1).memory(Workload.of(1024, 0));
        assertThat(budget.weights()).isEqualTo(s.weightBytes(m).total());
        assertThat(MemoryBudget.of(
                                m,
                                HardwarePresets.H100_SXM,
                                1,
                                Convention.EXACT,
                                Formats.of(s),
                                Workload.of(1024, 0),
                                InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD,
                                InferencePerformance.DEFAULT_PREFILL_CHUNK_TOKENS)
                        .weights())
                .isEqualTo(s.weightBytes(m).total());
    }

    @ParameterizedTest
    @EnumSource(
            value = WeightScheme.class,
            names = {"BF16", "AWQ_INT4", "FP8_BLOCK", "Q4_K_M", "Q5_K_M", "Q8_0"})
    void aDecodeStepStreamsTheSchemesBytesOfEveryMatrix(WeightScheme s) {
        // ARTICLE: the blocks' matrices only, no activations streamed with them
        ModelSpec m = ModelPresets.LLAMA_3_1_8B;
        PhaseAnalysis step = compiled(m, s, Convention.ARTICLE, 1).analyse(Step.decode(1, 1), Phase.DECODE);
        double linear = 0;
        for (Operation op : Operation.values()) {
            if (!op.isQuadratic()) {
                linear += step.operation(op).bytes().toBytes();
            }
        }
        assertThat(linear)
                .isCloseTo(s.weightBytes(m, Convention.ARTICLE).total().toBytes(), within(1e-6 * linear));
        // the V projection row shares the attention role's mean, the down projection the MLP's
        WeightBytes b = s.weightBytes(m, Convention.ARTICLE);
        double perLayerV = (double) m.hiddenSize() * m.hiddenSize();
        assertThat(step.operation(Operation.V_PROJECTION).bytes().toBytes())
                .isCloseTo(
                        perLayerV * m.numLayers() * b.bytesPerParameter(TensorRole.ATTENTION), within(1e-6 * linear));
    }

    @ParameterizedTest
    @EnumSource(
            value = WeightScheme.class,
            names = {"BF16", "Q4_K_M", "AWQ_INT4"})
    void aTiedHeadStreamsTheEmbeddingsBytes(WeightScheme s) {
        ModelSpec m = ModelPresets.LLAMA_3_2_1B; // tied
        PhaseAnalysis step = compiled(m, s, Convention.EXACT, 1).analyse(Step.decode(1, 1), Phase.DECODE);
        double head = (double) m.vocabSize() * m.hiddenSize();
        double activations = m.hiddenSize() + m.vocabSize(); // BF16: 2 bytes each
        assertThat(step.operation(Operation.LM_HEAD).bytes().toBytes())
                .isCloseTo(
                        head * s.weightBytes(m).bytesPerParameter(TensorRole.EMBEDDINGS) + 2 * activations,
                        within(1e-3));
    }

    @ParameterizedTest
    @EnumSource(
            value = WeightScheme.class,
            names = {"Q4_K_M", "AWQ_INT4"})
    void tensorParallelDevicesEachStreamTheirShare(WeightScheme s) {
        ModelSpec m = ModelPresets.LLAMA_3_1_8B;
        double one = compiled(m, s, Convention.ARTICLE, 1)
                .analyse(Step.decode(1, 1), Phase.DECODE)
                .operation(Operation.MLP_DOWN)
                .bytes()
                .toBytes();
        double two = compiled(m, s, Convention.ARTICLE, 2)
                .analyse(Step.decode(1, 1), Phase.DECODE)
                .operation(Operation.MLP_DOWN)
                .bytes()
                .toBytes();
        assertThat(two).isCloseTo(one / 2, within(1e-6 * one));
    }
}
