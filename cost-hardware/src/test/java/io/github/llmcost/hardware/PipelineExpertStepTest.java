package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pipeline and expert parallelism in the step-time model: a pipelined step is a micro-batch's pass times the
 * pipeline's factor plus its sends, memory is the binding stage's, experts spread with an imbalance, and
 * data-parallel attention stores latent caches once.
 */
class PipelineExpertStepTest {
    private static final double RELATIVE = 1e-10;

    private static InferencePerformance perf(ModelSpec model, HardwareSpec chip, int tp, Parallelism p, Formats f) {
        return InferencePerformance.builder()
                .model(model)
                .hardware(chip)
                .tensorParallel(tp)
                .parallelism(p)
                .formats(f)
                .calibration(ChipCalibration.UNCALIBRATED)
                .workload(Workload.of(1024, 256))
                .build();
    }

    private static CompiledPerformance llama(int tp, Parallelism p) {
        return perf(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, tp, p, Formats.BF16)
                .compiled();
    }

    @Test
    void aPipelinedDecodeStepIsTheSumOverStagesOfAMicroBatchPlusItsSends() {
        CompiledPerformance one = llama(1, Parallelism.NONE);
        CompiledPerformance two = llama(1, Parallelism.of(2, 1));
        // 32 sequences run as two micro-batches of 16: each through both stages of 16 layers, then one send
        PassCosts micro = one.decodeStep(2048, 16);
        PassCosts piped = two.decodeStep(2048, 32);
        double sends = two.layout().sendSeconds(16);
        assertThat(sends).isCloseTo(10e-6 + 16 * 8192 / 450e9, within(1e-15));
        assertThat(piped.seconds()).isCloseTo(micro.seconds() + sends, withinPercentage(RELATIVE));
        assertThat(piped.communicationSeconds()).isCloseTo(sends, within(1e-15));
        assertThat(piped.overheadSeconds()).isCloseTo(micro.overheadSeconds(), withinPercentage(RELATIVE));
        // the busiest device computes two micro-batches through half the layers: the micro-batch's FLOPs
        assertThat(piped.flops()).isCloseTo(micro.flops(), withinPercentage(RELATIVE));
        assertThat(piped.bound()).isEqualTo(micro.bound());
        // one sequence cannot be split: it waits for both stages, each idle half the time
        assertThat(two.decodeStep(2048, 1).seconds())
                .isCloseTo(one.decodeStep(2048, 1).seconds() + two.layout().sendSeconds(1), withinPercentage(RELATIVE));
    }

    @Test
    void aPrefillOnAnIdlePipelinePaysTheBubble() {
        CompiledPerformance one = llama(1, Parallelism.NONE);
        CompiledPerformance two = llama(1, Parallelism.of(2, 1));
        Workload w = Workload.of(1024, 256).withBatchSize(2);
        // two micro-batches of one prompt: (2 + 2 - 1) stage times of half the layers = 1.5 micro-batch passes
        double expected = 1.5 * one.prefill(Workload.of(1024, 256)).seconds()
                + two.layout().sendSeconds(1024);
        assertThat(two.prefill(w).seconds()).isCloseTo(expected, withinPercentage(RELATIVE));
        assertThat(two.layout().bubbleFraction(2)).isCloseTo(1.0 / 3, within(1e-15));
        // the analysis reads the same pass
        PhaseAnalysis a = two.analyse(Step.prefill(2, 1024, 0), Phase.PREFILL);
        assertThat(a.flops().toFlops())
                .isCloseTo(two.step(Step.prefill(2, 1024, 0)).flops(), withinPercentage(RELATIVE));
        assertThat(two.step(Step.prefill(2, 1024, 0)).seconds())
                .isCloseTo(
                        one.step(Step.prefill(1, 1024, 0)).seconds()
                                + two.layout().sendSeconds(1024),
                        withinPercentage(RELATIVE));
        // four stages, two sequences: two micro-batches, each stage busy half the cycle; the analysis reads the pass
        CompiledPerformance four = llama(1, Parallelism.of(4, 1));
        Step pair = Step.prefill(2, 1024, 0);
        PhaseAnalysis byOp = four.analyse(pair, Phase.PREFILL);
        PassCosts pass = four.step(pair);
        assertThat(byOp.time().toSeconds()).isCloseTo(pass.seconds(), withinPercentage(RELATIVE));
        assertThat(byOp.flops().toFlops()).isCloseTo(pass.flops(), withinPercentage(RELATIVE));
        assertThat(pass.flops()).isCloseTo(one.step(Step.prefill(1, 1024, 0)).flops() / 2, withinPercentage(RELATIVE));
        assertThat(pass.seconds())
                .isCloseTo(
                        one.step(Step.prefill(1, 1024, 0)).seconds()
                                + four.layout().sendSeconds(1024),
                        withinPercentage(RELATIVE));
        // without pipeline parallelism nothing changes
        assertThat(llama(2, Parallelism.NONE).prefill(w).seconds())
                .isEqualTo(
                        perf(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 2, Parallelism.of(1, 1), Formats.BF16)
                                .compiled()
                                .prefill(w)
                                .seconds());
    }

    @Test
    void eachStageStoresItsLayersAndTheBindingStageSetsTheSessions() {
        Workload w = Workload.of(1024, 256);
        MemoryBudget whole = llama(1, Parallelism.NONE).memory(w);
        MemoryBudget stage = llama(1, Parallelism.of(2, 1)).memory(w);
        // Llama 3.1 8B in BF16: 16,060,522,496 bytes, of which the embeddings and the lm_head 1,050,673,152 each;
        // each stage holds half the layers' 13,959,176,192 and one of the two
        assertThat(whole.weights().toBytes()).isEqualTo(16_060_522_496.0);
        assertThat(stage.weights().toBytes()).isCloseTo(8_030_261_248.0, within(1.0));
        assertThat(stage.devices()).isEqualTo(1);
        assertThat(stage.capacity()).isEqualTo(whole.capacity());
        assertThat(stage.kvCachePerSession().toBytes())
                .isCloseTo(whole.kvCachePerSession().toBytes() / 2, within(1e-3));
        assertThat(stage.maxConcurrentSessions()).isGreaterThan(2 * whole.maxConcurrentSessions());
        assertThat(llama(1, Parallelism.of(2, 1)).maxConcurrentSessions(w)).isEqualTo(stage.maxConcurrentSessions());
        // DeepSeek-V3 in two stages of 31 and 30 layers: the first holds 31/61 of the cache
        InferencePerformance ds = perf(
                ModelPresets.DEEPSEEK_V3,
                HardwarePresets.H100_SXM,
                8,
                Parallelism.of(2, 1),
                Formats.of(NumericFormat.FP8_E4M3));
        InferencePerformance dsWhole = perf(
                ModelPresets.DEEPSEEK_V3,
                HardwarePresets.H200,
                8,
                Parallelism.NONE,
                Formats.of(NumericFormat.FP8_E4M3));
        double perSession = dsWhole.memory().kvCachePerSession().toBytes();
        double bound = ds.memory().kvCachePerSession().toBytes() / perSession;
        assertThat(List.of(31.0 / 61, 30.0 / 61))
                .anySatisfy(share -> assertThat(bound).isCloseTo(share, within(1e-12)));
        assertThat(ds.memory().weights().toBytes())
                .isLessThan(dsWhole.memory().weights().toBytes() * 0.52);
        // the same through MemoryBudget.of, which needs no compiled configuration
        MemoryBudget direct = MemoryBudget.of(
                ModelPresets.DEEPSEEK_V3,
                HardwarePresets.H100_SXM,
                8,
                Parallelism.of(2, 1),
                io.github.llmcost.core.Convention.EXACT,
                Formats.of(NumericFormat.FP8_E4M3),
                Workload.of(1024, 256),
                InferencePerformance.DEFAULT_FRAMEWORK_OVERHEAD,
                InferencePerformance.DEFAULT_PREFILL_CHUNK_TOKENS);
        assertThat(direct).isEqualTo(ds.memory());
    }

    @Test
    void dataParallelAttentionStoresALatentCacheOnceAndAttentionWeightsOnEveryDevice() {
        Formats fp8 = Formats.of(NumericFormat.FP8_E4M3);
        MemoryBudget tp = perf(ModelPresets.DEEPSEEK_V3, HardwarePresets.H200, 8, Parallelism.of(1, 8), fp8)
                .memory();
        MemoryBudget dp = perf(
                        ModelPresets.DEEPSEEK_V3,
                        HardwarePresets.H200,
                        8,
                        Parallelism.of(1, 8).withDataParallelAttention(true),
                        fp8)
                .memory();
        assertThat(dp.kvCachePerSession().toBytes())
                .isCloseTo(tp.kvCachePerSession().toBytes() / 8, within(1e-3));
        assertThat(dp.weights().toBytes()).isGreaterThan(tp.weights().toBytes());
        assertThat(dp.maxConcurrentSessions()).isGreaterThan(5 * tp.maxConcurrentSessions());
        // GQA with as many KV heads as devices is already split evenly: the cache is the same either way
        MemoryBudget llamaTp = llama(8, Parallelism.NONE).memory(Workload.of(1024, 256));
        MemoryBudget llamaDp =
                llama(8, Parallelism.NONE.withDataParallelAttention(true)).memory(Workload.of(1024, 256));
        assertThat(llamaDp.kvCachePerSession()).isEqualTo(llamaTp.kvCachePerSession());
        // every device reads all of attention's weights: a decode step at batch 8 reads more than under TP
        assertThat(llama(8, Parallelism.NONE.withDataParallelAttention(true))
                        .decodeStep(1024, 8)
                        .seconds())
                .isGreaterThan(llama(8, Parallelism.NONE).decodeStep(1024, 8).seconds()
                        - llama(8, Parallelism.NONE).decodeStep(1024, 8).communicationSeconds());
        assertThat(llama(8, Parallelism.NONE.withDataParallelAttention(true))
                        .decodeStep(1024, 8)
                        .communicationSeconds())
                .isZero();
    }

    @Test
    void expertsSpreadWithoutImbalanceComputeWhatTensorShardsCompute() {
        Formats fp8 = Formats.of(NumericFormat.FP8_E4M3);
        CompiledPerformance tp = perf(ModelPresets.DEEPSEEK_V3, HardwarePresets.H200, 8, Parallelism.NONE, fp8)
                .compiled();
        CompiledPerformance even = perf(
                        ModelPresets.DEEPSEEK_V3,
                        HardwarePresets.H200,
                        8,
                        Parallelism.of(1, 8).withExpertImbalance(1),
                        fp8)
                .compiled();
        CompiledPerformance skewed = perf(ModelPresets.DEEPSEEK_V3, HardwarePresets.H200, 8, Parallelism.of(1, 8), fp8)
                .compiled();
        PassCosts a = tp.decodeStep(2048, 64);
        PassCosts b = even.decodeStep(2048, 64);
        PassCosts c = skewed.decodeStep(2048, 64);
        assertThat(b.seconds() - b.communicationSeconds())
                .isCloseTo(a.seconds() - a.communicationSeconds(), withinPercentage(RELATIVE));
        assertThat(b.flops()).isCloseTo(a.flops(), withinPercentage(RELATIVE));
        assertThat(b.communicationSeconds())
                .isCloseTo(even.layout().allReduceSeconds(64) + even.layout().allToAllSeconds(64), within(1e-15));
        // the busiest device computes 1.2 times the mean expert work, and reads more experts
        assertThat(c.flops()).isGreaterThan(b.flops());
        assertThat(c.seconds()).isGreaterThan(b.seconds());
        // at a large batch every expert is read already: the reads cannot exceed the 257 stored
        assertThat(skewed.decodeStep(2048, 4096).flops())
                .isGreaterThan(even.decodeStep(2048, 4096).flops());
    }

    @Test
    void limitsOfParallelismAreReported() {
        InferencePerformance tooMany =
                perf(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 1, Parallelism.of(33, 1), Formats.BF16);
        assertThat(tooMany.feasibility().bindingLimit()).contains(Limit.PARALLELISM);
        assertThat(tooMany.feasibility().summary())
                .startsWith("parallelism: pipeline-parallel degree (33) exceeds the 32 layers of Llama 3.1 8B");
        assertThat(tooMany.compiled().feasibility(Workload.of(1024, 256))).isEqualTo(tooMany.feasibility());
        InferencePerformance fine =
                perf(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 1, Parallelism.of(32, 1), Formats.BF16);
        assertThat(fine.feasibility().isFeasible()).isTrue();
        assertThat(Feasibility.structural(
                        ModelPresets.LLAMA_3_1_8B,
                        HardwarePresets.APPLE_M2_ULTRA,
                        1,
                        Parallelism.of(2, 1),
                        NodeSpec.forHardware(HardwarePresets.APPLE_M2_ULTRA),
                        NumericFormat.BF16))
                .extracting(Feasibility.Reason::limit)
                .containsExactly(Limit.INTERCONNECT);
        assertThat(Feasibility.structural(
                        ModelPresets.LLAMA_3_1_8B,
                        HardwarePresets.H100_SXM,
                        1,
                        Parallelism.of(2, 1),
                        NodeSpec.DGX_H100,
                        NumericFormat.BF16))
                .isEmpty();
        assertThatThrownBy(() -> perf(
                        ModelPresets.LLAMA_3_1_8B,
                        HardwarePresets.APPLE_M2_ULTRA,
                        1,
                        Parallelism.of(2, 1),
                        Formats.BF16))
                .hasMessage("gpus (2) needs an interconnect, and Apple M2 Ultra has none");
    }
}
