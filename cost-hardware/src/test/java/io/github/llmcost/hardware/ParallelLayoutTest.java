package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.ModelSpec;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import io.github.llmcost.hardware.calibration.ChipCalibration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ParallelLayout}: stages, the pipeline's time factors and bubble, and the bytes and seconds of sends,
 * all-to-alls and all-reduces, each against a figure worked by hand.
 */
class ParallelLayoutTest {
    private static final double TOLERANCE = 1e-12;

    private static CompiledPerformance compiled(
            ModelSpec model, HardwareSpec chip, int tp, Parallelism p, Formats formats) {
        return InferencePerformance.builder()
                .model(model)
                .hardware(chip)
                .tensorParallel(tp)
                .parallelism(p)
                .formats(formats)
                .calibration(ChipCalibration.UNCALIBRATED)
                .workload(Workload.of(1024, 256))
                .build()
                .compiled();
    }

    private static ParallelLayout layout(ModelSpec model, HardwareSpec chip, int tp, Parallelism p, Formats f) {
        return compiled(model, chip, tp, p, f).layout();
    }

    @Test
    void layersSplitAsVllmSplitsThem() {
        assertThat(PipelineStages.split(61, 2)).containsExactly(31, 30);
        assertThat(PipelineStages.split(10, 4)).containsExactly(2, 3, 3, 2);
        assertThat(PipelineStages.split(32, 4)).containsExactly(8, 8, 8, 8);
        assertThat(PipelineStages.split(7, 7)).containsExactly(1, 1, 1, 1, 1, 1, 1);
        assertThat(PipelineStages.split(5, 1)).containsExactly(5);
        ParallelLayout l = layout(
                ModelPresets.DEEPSEEK_V3,
                HardwarePresets.H100_SXM,
                8,
                Parallelism.of(2, 1),
                Formats.of(NumericFormat.FP8_E4M3));
        assertThat(l.layersPerStage()).isEqualTo(List.of(31, 30));
        assertThat(l.pipelineStages()).isEqualTo(2);
        assertThat(l.gpus()).isEqualTo(16);
        assertThat(l.nodes()).isEqualTo(2);
        assertThat(l.moeLayers()).isEqualTo(58);
        assertThat(l.crossingSends()).isEqualTo(1);
        assertThat(l.tensorCrossesNodes()).isFalse();
        assertThat(l.expertCrossesNodes()).isFalse();
        assertThat(l.toString()).contains("stages [31, 30]", "2 node(s) of 8 x H100 SXM (DGX H100)");
        assertThat(l.parallelism()).isEqualTo(Parallelism.of(2, 1));
        assertThat(l.node()).isSameAs(NodeSpec.DGX_H100);
        // BF16 activations dispatch in 16 bits, FP8 ones in 8 (above)
        ParallelLayout bf16 =
                layout(ModelPresets.DEEPSEEK_V3, HardwarePresets.H200, 8, Parallelism.of(1, 8), Formats.BF16);
        assertThat(bf16.dispatchBytesPerToken()).isEqualTo(114_688);
        assertThat(bf16.combineBytesPerToken()).isEqualTo(114_688);
        // a dense model dispatches nothing
        assertThat(layout(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 1, Parallelism.NONE, Formats.BF16)
                        .dispatchBytesPerToken())
                .isZero();
    }

    @Test
    void timeFactorsAndTheBubble() {
        // Llama 3.1 8B: 32 layers in two stages of 16; DeepSeek-V3: 61 in 31 + 30
        ParallelLayout even =
                layout(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 1, Parallelism.of(2, 1), Formats.BF16);
        assertThat(even.timeFactor(2, true)).isCloseTo(1.5, within(TOLERANCE)); // (2 + 2 - 1) x 16/32
        assertThat(even.timeFactor(2, false)).isCloseTo(1.0, within(TOLERANCE)); // max(2, 2) x 16/32
        assertThat(even.timeFactor(1, false)).isCloseTo(1.0, within(TOLERANCE)); // max(1, 2) x 16/32: idle half
        assertThat(even.timeFactor(1, true)).isCloseTo(1.0, within(TOLERANCE)); // (1 + 1) x 16/32
        assertThat(even.timeFactor(4, false)).isCloseTo(2.0, within(TOLERANCE));
        assertThat(even.timeFactor(4, true)).isCloseTo(2.5, within(TOLERANCE));
        assertThat(even.microBatches(1)).isEqualTo(1);
        assertThat(even.microBatches(2)).isEqualTo(2);
        assertThat(even.microBatches(64)).isEqualTo(2);
        assertThat(even.bubbleFraction(1)).isCloseTo(0.5, within(TOLERANCE));
        assertThat(even.bubbleFraction(8)).isCloseTo(1.0 / 3, within(TOLERANCE));
        ParallelLayout uneven = layout(
                ModelPresets.DEEPSEEK_V3,
                HardwarePresets.H100_SXM,
                8,
                Parallelism.of(2, 1),
                Formats.of(NumericFormat.FP8_E4M3));
        assertThat(uneven.timeFactor(2, false)).isCloseTo(62.0 / 61, within(TOLERANCE)); // 2 x 31/61
        assertThat(uneven.timeFactor(2, true)).isCloseTo(93.0 / 61, within(TOLERANCE)); // 3 x 31/61
        ParallelLayout one =
                layout(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 2, Parallelism.NONE, Formats.BF16);
        assertThat(one.timeFactor(3, true)).isEqualTo(1);
        assertThat(one.microBatches(64)).isEqualTo(1);
        assertThat(one.bubbleFraction(64)).isZero();
        assertThat(one.sendSeconds(1000)).isZero();
        assertThatThrownBy(() -> even.timeFactor(0, true)).hasMessage("microBatches (0) must be > 0");
        assertThatThrownBy(() -> even.microBatches(0)).hasMessage("sequences (0) must be > 0");
    }

    @Test
    void sendsBetweenStagesWithinANodeAndAcrossNodes() {
        // Llama 3.1 8B, d = 4,096 in BF16: 8,192 bytes a token; two stages of one GPU sit on one node: NVLink
        ParallelLayout nvlink =
                layout(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 1, Parallelism.of(2, 1), Formats.BF16);
        assertThat(nvlink.sendBytesPerToken()).isEqualTo(8192);
        assertThat(nvlink.crossingSends()).isZero();
        assertThat(nvlink.sendSeconds(1000)).isCloseTo(10e-6 + 1000 * 8192 / 450e9, within(TOLERANCE));
        assertThat(nvlink.sendSeconds(0)).isZero();
        // two stages of 8 GPUs: one per node, the send crosses the network at 0.86 of 50 GB/s plus 20 us
        ParallelLayout network =
                layout(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 8, Parallelism.of(2, 1), Formats.BF16);
        assertThat(network.crossingSends()).isEqualTo(1);
        assertThat(network.sendSeconds(1000)).isCloseTo(20e-6 + 1000 * 8192 / (50e9 * 0.86), within(TOLERANCE));
        // four stages of 4 GPUs on two nodes: stage 1 -> 2 crosses, the other two stay on NVLink
        ParallelLayout mixed =
                layout(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 4, Parallelism.of(4, 1), Formats.BF16);
        assertThat(mixed.crossingSends()).isEqualTo(1);
        assertThat(mixed.sendSeconds(100))
                .isCloseTo(2 * (10e-6 + 100 * 8192 / 450e9) + 20e-6 + 100 * 8192 / (50e9 * 0.86), within(TOLERANCE));
        // FP8 activations still send 16-bit hidden states; under DP attention each device sends its share
        ParallelLayout dp = layout(
                ModelPresets.DEEPSEEK_V3,
                HardwarePresets.H100_SXM,
                8,
                Parallelism.of(2, 8).withDataParallelAttention(true),
                Formats.of(NumericFormat.FP8_E4M3));
        assertThat(dp.sendBytesPerToken()).isEqualTo(7168 * 2 / 8.0);
    }

    @Test
    void allToAllBytesAndSecondsWithinANode() {
        // DeepSeek-V3 FP8 on 8 x H200, EP 8: per token 8 experts x 7,168 values, dispatched in FP8, combined in BF16
        ParallelLayout l = layout(
                ModelPresets.DEEPSEEK_V3,
                HardwarePresets.H200,
                8,
                Parallelism.of(1, 8),
                Formats.of(NumericFormat.FP8_E4M3));
        assertThat(l.dispatchBytesPerToken()).isEqualTo(57_344);
        assertThat(l.combineBytesPerToken()).isEqualTo(114_688);
        // 7/8 of each token's copies leave the device, at 0.7 x 450 GB/s; 58 MoE layers, two collectives each
        double perToken = 58 * (57_344 + 114_688) / 8.0 * (7.0 / 8) / (450e9 * 0.7);
        assertThat(l.allToAllSeconds(4096)).isCloseTo(2 * 58 * 10e-6 + 4096 * perToken, within(TOLERANCE));
        assertThat(l.allToAllSeconds(0)).isZero();
        // all-reduces remain after attention (61) and after the 3 dense MLPs: 64 of them
        double reduce = 64 * (2.0 * 7 / 8) * 7168 * 2 / (450e9 * 0.55);
        assertThat(l.allReduceSeconds(4096)).isCloseTo(64 * 10e-6 + 4096 * reduce, within(TOLERANCE));
        assertThat(l.allReduceSeconds(0)).isZero();
    }

    @Test
    void allToAllAndAllReducesAcrossNodes() {
        // EP 16 over two 8 x H100 nodes: 7/16 of the copies stay on the node, 8/16 cross the network, which binds
        ParallelLayout l = layout(
                ModelPresets.DEEPSEEK_V3,
                HardwarePresets.H100_SXM,
                16,
                Parallelism.of(1, 16).withDataParallelAttention(true),
                Formats.of(NumericFormat.FP8_E4M3));
        assertThat(l.expertCrossesNodes()).isTrue();
        assertThat(l.tensorCrossesNodes()).isTrue();
        double perToken = 58 * (57_344 + 114_688) / 16.0 * (8.0 / 16) / (50e9 * 0.86);
        assertThat(l.allToAllSeconds(1000)).isCloseTo(2 * 58 * 20e-6 + 1000 * perToken, within(TOLERANCE));
        assertThat(l.allReduceSeconds(1000)).isZero(); // data-parallel attention: no all-reduce
        // TP 16 without experts spread: 122 all-reduces, each over the network
        ParallelLayout tp16 = layout(
                ModelPresets.DEEPSEEK_V3,
                HardwarePresets.H100_SXM,
                16,
                Parallelism.NONE,
                Formats.of(NumericFormat.FP8_E4M3));
        double reduce = 122 * (2.0 * 15 / 16) * 7168 * 2 / (50e9 * 0.86);
        assertThat(tp16.allReduceSeconds(1000)).isCloseTo(122 * 20e-6 + 1000 * reduce, within(TOLERANCE));
        assertThat(tp16.allToAllSeconds(1000)).isZero();
        // within a node the chip's all-reduce bandwidth and latency, as before this change
        ParallelLayout tp8 =
                layout(ModelPresets.LLAMA_3_1_8B, HardwarePresets.H100_SXM, 8, Parallelism.NONE, Formats.BF16);
        assertThat(tp8.allReduceSeconds(10))
                .isCloseTo(64 * 10e-6 + 10 * 64 * (2.0 * 7 / 8) * 4096 * 2 / (450e9 * 0.55), within(TOLERANCE));
    }

    @Test
    void microStepsSplitSequencesOrTokens() {
        Step step = Step.builder().prefill(1, 2048, 0).decode(63, 1500).build();
        Step micro = ParallelLayout.microStep(step, 2);
        assertThat(micro.toString()).isEqualTo("Step[1 x 1024 new after 0, 32 x 1 new after 1499]");
        assertThat(ParallelLayout.microStep(Step.decode(3, 10), 4).toString()).isEqualTo("Step[1 x 1 new after 9]");
        assertThat(ParallelLayout.microStep(Step.prefill(3, 100, 0), 4).toString())
                .isEqualTo("Step[1 x 75 new after 0]");
        assertThat(ParallelLayout.ceilDiv(7, 2)).isEqualTo(4);
        assertThat(ParallelLayout.ceilDiv(8, 2)).isEqualTo(4);
    }
}
