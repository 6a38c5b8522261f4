package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Bytes;
import io.github.llmcost.core.FlopCounter;
import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Operation;
import io.github.llmcost.core.Workload;
import org.junit.jupiter.api.Test;

/** Latency, memory, tensor parallelism and batch sweeps checked against hand derivations. */
class InferencePerformanceTest {
    private static final double MIB = 1024.0 * 1024;

    private static InferencePerformance llama(int batch, int tensorParallel) {
        return InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.builder()
                        .promptTokens(1000)
                        .outputTokens(201)
                        .batchSize(batch)
                        .build())
                .tensorParallel(tensorParallel)
                .build();
    }

    @Test
    void batchOneDecodeReadsEveryWeightButTheEmbeddingOnce() {
        InferencePerformance perf = llama(1, 1);
        PhaseAnalysis step = perf.decodeStep(1100);
        double weights = 2.0 * (8_030_261_248L - 128256L * 4096 - 65L * 4096); // embeddings looked up, norms ignored
        double kv = 1100 * 131072.0;
        double activations = 2 * 4096 * 2.0 * 7 * 32 + (4096 + 128256) * 2.0 + 1 * 32 * 4096 * 2.0 * 2;
        assertThat(step.bytes().toBytes()).isCloseTo(weights + kv + activations, within(1.0));
        assertThat(step.bound()).isEqualTo(Bound.MEMORY);
        // memory-bound: time = bytes / (3.35 TB/s x 0.7)
        assertThat(step.time().toSeconds()).isCloseTo(step.bytes().toBytes() / (3.35e12 * 0.7), within(1e-9));
        // mean decode position of 201 output tokens after a 1000-token prompt is 1100
        assertThat(perf.timePerOutputToken()).isEqualTo(step.time());
    }

    @Test
    void requestLatencyIsPrefillPlusDecodeSteps() {
        InferencePerformance perf = llama(1, 1);
        assertThat(perf.requestLatency().toSeconds())
                .isCloseTo(
                        perf.timeToFirstToken().toSeconds()
                                + 200 * perf.timePerOutputToken().toSeconds(),
                        within(1e-12));
        assertThat(perf.decodeTokensPerSecondPerUser())
                .isEqualTo(1 / perf.timePerOutputToken().toSeconds());
    }

    @Test
    void tensorParallelSplitsWorkAndAddsAllReduces() {
        InferencePerformance one = llama(8, 1);
        InferencePerformance four = llama(8, 4);
        PhaseAnalysis a = one.decodeStep(1100);
        PhaseAnalysis b = four.decodeStep(1100);
        assertThat(b.flops().toFlops()).isCloseTo(a.flops().toFlops() / 4, within(1.0));
        // two ring all-reduces per layer of 8 tokens x 4096 x 2 bytes, 2(N-1)/N of it at 0.55 of NVLink's 450 GB/s,
        // each paying NVLink's 10 us latency
        double message = 8 * 4096 * 2.0;
        double expected = 32 * 2 * ((2.0 * 3 / 4) * message / (0.55 * 450e9) + 10e-6);
        assertThat(b.communicationTime().toSeconds()).isCloseTo(expected, within(1e-15));
        assertThat(a.communicationTime().toSeconds()).isZero();
        assertThat(four.memory().capacity())
                .isEqualTo(HardwarePresets.H100_SXM.memoryCapacity().multipliedBy(4));
        assertThat(four.memory().weights()).isEqualTo(one.memory().weights());
    }

    @Test
    void memoryBudgetAddsUp() {
        MemoryBudget memory = llama(1, 1).memory();
        assertThat(memory.capacity().toBytes()).isEqualTo(81559 * MIB);
        assertThat(memory.weights().toBytes()).isEqualTo(2.0 * 8_030_261_248L);
        // a 1,000-token prompt is one chunk: 1000 x (2 x 4096 + 2 x 14336) x 2 bytes
        assertThat(memory.activations().toBytes()).isEqualTo(1000 * (2 * 4096 + 2 * 14336) * 2.0);
        assertThat(memory.frameworkOverhead()).isEqualTo(Bytes.ofGigabytes(1.5));
        double budget = 81559 * MIB - 2.0 * 8_030_261_248L - 1000 * 36864 * 2.0 - 1.5e9;
        assertThat(memory.kvCacheBudget().toBytes()).isCloseTo(budget, within(1e-3));
        assertThat(memory.maxConcurrentSessions()).isEqualTo((long) Math.floor(budget / (1201 * 131072.0)));
        assertThat(memory.fits()).isTrue();
    }

    @Test
    void batchSweepEndsWhereMemoryOrComputeBinds() {
        BatchSweep sweep = llama(1, 1).batchSweep(100_000);
        assertThat(sweep.limit()).isEqualTo(BatchSweep.Limit.MEMORY);
        BatchSweep.Point last = sweep.points().get(sweep.points().size() - 1);
        assertThat((long) last.batchSize()).isEqualTo(sweep.maxConcurrentSessions());
        assertThat(sweep.points().get(0).batchSize()).isEqualTo(1);
        // a short context leaves room for batches large enough to turn the step compute-bound
        InferencePerformance shortContext = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(16, 16))
                .build();
        BatchSweep computeBound = shortContext.batchSweep(100_000);
        assertThat(computeBound.limit()).isEqualTo(BatchSweep.Limit.COMPUTE);
        assertThat(computeBound.points().get(computeBound.points().size() - 1).bound())
                .isEqualTo(Bound.COMPUTE);
        assertThat(llama(1, 1).batchSweep(4).limit()).isEqualTo(BatchSweep.Limit.MAX_BATCH);
    }

    @Test
    void expertsTouchedGrowWithBatch() {
        // Mixtral: 2 of 8 experts per token; 8 tokens touch 8(1 - (3/4)^8) = 7.2 experts on average
        FlopCounter counter = FlopCounter.of(ModelPresets.MIXTRAL_8X7B, io.github.llmcost.core.Convention.EXACT);
        double one = counter.weightElements(0, Operation.MLP_UP, 1);
        double eight = counter.weightElements(0, Operation.MLP_UP, 8);
        assertThat(one).isEqualTo(2.0 * 4096 * 14336);
        assertThat(eight).isCloseTo(8 * (1 - Math.pow(0.75, 8)) * 4096 * 14336, within(1.0));
    }

    @Test
    void weightOnlyQuantisationComputesAtTheActivationFormat() {
        InferencePerformance int4 = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.A100_80GB)
                .workload(Workload.builder().promptTokens(100).outputTokens(10).build())
                .formats(Formats.of(NumericFormat.INT4))
                .build();
        assertThat(int4.roofline().computeFormat()).isEqualTo(NumericFormat.BF16);
        assertThat(int4.memory().weights().toBytes()).isEqualTo(0.5 * 8_030_261_248L);
    }

    @Test
    void javadocExamples() {
        Roofline h100 = Roofline.of(HardwarePresets.H100_SXM, NumericFormat.BF16, Efficiency.PEAK);
        assertThat(Math.round(h100.ridgePointFlopsPerByte())).isEqualTo(295);
        InferencePerformance perf = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(4096, 512))
                .build();
        assertThat(perf.prefill().bound()).isEqualTo(Bound.COMPUTE);
        assertThat(perf.toString()).contains("time to first token", "Llama 3.1 8B", "NVIDIA H100 SXM");
    }
}
