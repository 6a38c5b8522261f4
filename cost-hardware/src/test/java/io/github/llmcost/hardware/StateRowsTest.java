package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.AttentionKind;
import io.github.llmcost.core.Convention;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.StateSpace;
import io.github.llmcost.core.Workload;
import org.junit.jupiter.api.Test;

/**
 * The state rows of a pass (issue 20): a layer that keeps a fixed state reads and writes it once per sequence and
 * pass, whatever the context, and its recurrence computes at attention's rate. Worked on {@link
 * RooflineAccountingTest}'s unit chip (1 TFLOP/s BF16, 1 GB/s) at peak efficiency, so that times are FLOPs / 1e12 and
 * bytes / 1e9.
 */
class StateRowsTest {
    /** Two Mamba-2 layers on d = 64: 4 heads of 32, state 16, 4 taps; BF16 cache. */
    private static final ModelSpec SSM = ModelSpec.builder()
            .name("tiny ssm")
            .hiddenSize(64)
            .numLayers(2)
            .numAttentionHeads(4)
            .intermediateSize(0)
            .vocabSize(100)
            .normsPerLayer(1)
            .attentionKinds(AttentionKind.repeating(2, AttentionKind.STATE_SPACE))
            .stateSpace(
                    StateSpace.builder().numHeads(4).headDim(32).stateSize(16).build())
            .build();

    /** One convolution layer (3 taps) and one attention layer on d = 64. */
    private static final ModelSpec CONVOLUTION = ModelSpec.builder()
            .name("tiny conv")
            .hiddenSize(64)
            .numLayers(2)
            .numAttentionHeads(4)
            .intermediateSize(128)
            .vocabSize(100)
            .attentionKinds(AttentionKind.repeating(2, AttentionKind.NONE, AttentionKind.GLOBAL))
            .convolutionKernelSize(3)
            .build();

    private static InferencePerformance perf(ModelSpec model, Convention convention) {
        return InferencePerformance.builder()
                .model(model)
                .hardware(RooflineAccountingTest.chip(1e12))
                .workload(Workload.builder()
                        .promptTokens(100)
                        .outputTokens(20)
                        .batchSize(3)
                        .build())
                .convention(convention)
                .efficiency(Efficiency.PEAK)
                .build();
    }

    @Test
    void aDecodeStepReadsAndWritesEachSequencesStateWhateverItsContext() {
        InferencePerformance perf = perf(SSM, Convention.EXACT);
        // per layer: 4 x 32 x 16 = 2,048 recurrent values + 3 taps x (128 + 2 x 16) channels = 480; 2 bytes each
        double stateBytes = (2048 + 480) * 2.0;
        double flops = 2 * 3 * 5.0 * 2048; // 2 layers, 3 sequences, 5 FLOPs per state value
        double bytes = 2 * 3 * 2 * stateBytes; // read and written
        for (long n : new long[] {10, 10_000, 1_000_000}) {
            Placement state = perf.decodeStep(n).operation(Operation.STATE_UPDATE);
            assertThat(state.flops().toFlops()).as("at %d", n).isEqualTo(flops);
            assertThat(state.bytes().toBytes()).as("at %d", n).isEqualTo(bytes);
            assertThat(state.computeTime().toSeconds()).isCloseTo(flops / 1e12, within(1e-18));
            assertThat(state.memoryTime().toSeconds()).isCloseTo(bytes / 1e9, within(1e-15));
            assertThat(state.time()).isEqualTo(state.memoryTime());
        }
        assertThat(perf.decodeStep(10).time())
                .isEqualTo(perf.decodeStep(1_000_000).time());
        assertThat(perf.decodeStep(10).operations()).doesNotContainKey(Operation.ATTENTION_SCORES);
        // a prefill of 100 tokens reads and writes the state once per sequence too: the recurrence's FLOPs grow
        Placement prefill = perf.prefill().operation(Operation.STATE_UPDATE);
        assertThat(prefill.flops().toFlops()).isEqualTo(100 * flops);
        assertThat(prefill.bytes().toBytes()).isEqualTo(bytes);
    }

    @Test
    void aConvolutionsStateMovesWithoutFlops() {
        // 64 x 3 values of one convolution layer, BF16, read and written by 3 sequences
        Placement state = perf(CONVOLUTION, Convention.EXACT).decodeStep(50).operation(Operation.STATE_UPDATE);
        assertThat(state.flops().toFlops()).isZero();
        assertThat(state.bytes().toBytes()).isEqualTo(3 * 2 * 64 * 3 * 2.0);
        assertThat(state.time().toSeconds()).isCloseTo(3 * 2 * 64 * 3 * 2.0 / 1e9, within(1e-15));
        // the article's algebra caches nothing for a convolution: nothing moves, nothing is listed
        assertThat(perf(CONVOLUTION, Convention.ARTICLE).decodeStep(50).operations())
                .doesNotContainKey(Operation.STATE_UPDATE);
    }

    @Test
    void sessionsOfAStateSpaceModelDoNotDependOnContext() {
        InferencePerformance perf = perf(SSM, Convention.EXACT);
        CompiledPerformance compiled = perf.compiled();
        // prompts past the 2,048-token prefill chunk, so that the activations' share is the same
        long shortSessions = compiled.maxConcurrentSessions(Workload.of(4096, 20));
        long longSessions = compiled.maxConcurrentSessions(Workload.of(400_000, 20_000));
        assertThat(shortSessions).isPositive().isEqualTo(longSessions);
        assertThat(perf.memory().kvCachePerSession().toBytes()).isEqualTo(2 * (2048 + 480) * 2.0);
    }
}
