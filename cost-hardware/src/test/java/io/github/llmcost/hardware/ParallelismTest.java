package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.llmcost.core.Bandwidth;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.Seconds;
import org.junit.jupiter.api.Test;

/** {@link Parallelism} and {@link NodeSpec}: degrees, the bubble, nodes, every problem they name, bad input. */
class ParallelismTest {
    private static final NodeSpec EIGHT = NodeSpec.DGX_H100;

    @Test
    void defaultsAndCopies() {
        Parallelism p = Parallelism.NONE;
        assertThat(p.pipeline()).isEqualTo(1);
        assertThat(p.microBatches()).isEqualTo(1);
        assertThat(p.expert()).isEqualTo(1);
        assertThat(p.dataParallelAttention()).isFalse();
        assertThat(p.expertImbalance()).isEqualTo(1.2);
        assertThat(p.declaredNodes()).isZero();
        Parallelism q = Parallelism.of(4, 2)
                .withMicroBatches(6)
                .withDataParallelAttention(true)
                .withExpertImbalance(1.5)
                .withNodes(2);
        assertThat(q.pipeline()).isEqualTo(4);
        assertThat(q.microBatches()).isEqualTo(6);
        assertThat(q.expert()).isEqualTo(2);
        assertThat(q.dataParallelAttention()).isTrue();
        assertThat(q.expertImbalance()).isEqualTo(1.5);
        assertThat(q.declaredNodes()).isEqualTo(2);
        assertThat(q.withPipeline(2).pipeline()).isEqualTo(2);
        assertThat(q.withExpert(4).expert()).isEqualTo(4);
        // micro-batches default to one per stage, and follow the stages until set
        assertThat(Parallelism.of(3, 1).microBatches()).isEqualTo(3);
        assertThat(Parallelism.of(3, 1).withPipeline(5).microBatches()).isEqualTo(5);
        assertThat(q.toString()).isEqualTo("pp 4 (6 micro-batches), ep 2 (imbalance 1.5), DP attention, 2 nodes");
        assertThat(Parallelism.NONE.withNodes(1).toString()).isEqualTo("pp 1 (1 micro-batches), ep 1, 1 node");
        assertThat(Parallelism.of(4, 2)).isEqualTo(Parallelism.of(4, 2)).hasSameHashCodeAs(Parallelism.of(4, 2));
        assertThat(Parallelism.of(4, 2))
                .isNotEqualTo(Parallelism.of(4, 1))
                .isNotEqualTo(Parallelism.of(2, 2))
                .isNotEqualTo(Parallelism.of(4, 2).withMicroBatches(4))
                .isNotEqualTo(Parallelism.of(4, 2).withDataParallelAttention(true))
                .isNotEqualTo(Parallelism.of(4, 2).withExpertImbalance(1.3))
                .isNotEqualTo(Parallelism.of(4, 2).withNodes(1))
                .isNotEqualTo("pp 4");
    }

    @Test
    void theBubbleIsPpLessOneOverMicroBatchesPlusPpLessOne() {
        assertThat(Parallelism.of(4, 1).bubbleFraction(4)).isCloseTo(3.0 / 7, within(1e-15));
        assertThat(Parallelism.of(4, 1).bubbleFraction(1)).isCloseTo(0.75, within(1e-15));
        assertThat(Parallelism.of(2, 1).bubbleFraction(8)).isCloseTo(1.0 / 9, within(1e-15));
        assertThat(Parallelism.NONE.bubbleFraction(3)).isZero();
        assertThatThrownBy(() -> Parallelism.of(2, 1).bubbleFraction(0)).hasMessage("microBatches (0) must be > 0");
    }

    @Test
    void gpusAndNodes() {
        assertThat(Parallelism.of(2, 1).gpus(8)).isEqualTo(16);
        assertThat(Parallelism.of(2, 1).nodes(8, EIGHT)).isEqualTo(2);
        assertThat(Parallelism.of(3, 1).nodes(4, EIGHT)).isEqualTo(2); // 12 GPUs fill one node and part of another
        assertThat(Parallelism.NONE.nodes(8, EIGHT)).isEqualTo(1);
        assertThat(Parallelism.NONE.nodes(9, EIGHT)).isEqualTo(2);
        assertThat(Parallelism.NONE.withNodes(3).nodes(1, EIGHT)).isEqualTo(3);
        assertThatThrownBy(() -> Parallelism.of(2, 1).gpus(0)).hasMessage("tensorParallel (0) must be > 0");
        assertThatThrownBy(() -> Parallelism.of(Integer.MAX_VALUE, 1).gpus(2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void problemsNameTheFigures() {
        assertThat(Parallelism.of(61, 1).problem(ModelPresets.DEEPSEEK_V3, 1, EIGHT))
                .isNull();
        assertThat(Parallelism.of(62, 1).problem(ModelPresets.DEEPSEEK_V3, 1, EIGHT))
                .isEqualTo("pipeline-parallel degree (62) exceeds the 61 layers of DeepSeek-V3");
        assertThat(Parallelism.of(1, 2).problem(ModelPresets.LLAMA_3_1_8B, 2, EIGHT))
                .isEqualTo(
                        "expert-parallel degree (2) needs a Mixture-of-Experts model, and Llama 3.1 8B has no experts");
        assertThat(Parallelism.of(1, 3).problem(ModelPresets.DEEPSEEK_V3, 3, EIGHT))
                .isEqualTo("expert-parallel degree (3) must divide the 256 routed experts of DeepSeek-V3");
        assertThat(Parallelism.of(1, 8).problem(ModelPresets.DEEPSEEK_V3, 4, EIGHT))
                .isEqualTo("expert-parallel degree (8) must divide the GPUs of a stage (4)");
        assertThat(Parallelism.of(1, 4).problem(ModelPresets.DEEPSEEK_V3, 8, EIGHT))
                .isNull();
        assertThat(Parallelism.of(1, 16).problem(ModelPresets.DEEPSEEK_V3, 16, EIGHT))
                .isNull();
        assertThat(Parallelism.NONE.withDataParallelAttention(true).problem(ModelPresets.DEEPSEEK_V3, 1, EIGHT))
                .isEqualTo("data-parallel attention needs more than one GPU per stage");
        assertThat(Parallelism.NONE.withDataParallelAttention(true).problem(ModelPresets.DEEPSEEK_V3, 2, EIGHT))
                .isNull();
        assertThat(Parallelism.of(2, 1).withNodes(1).problem(ModelPresets.DEEPSEEK_V3, 8, EIGHT))
                .isEqualTo("16 GPUs (8 x 2 stages) do not fit on 1 node of 8 (8 x H100 SXM (DGX H100))");
        assertThat(Parallelism.of(1, 1).withNodes(1).problem(ModelPresets.DEEPSEEK_V3, 8, EIGHT))
                .isNull();
        assertThat(Parallelism.of(2, 1).withNodes(2).problem(ModelPresets.DEEPSEEK_V3, 8, EIGHT))
                .isNull();
        assertThat(Parallelism.of(1, 1).withNodes(2).problem(ModelPresets.DEEPSEEK_V3, 8, EIGHT))
                .isEqualTo("2 nodes of 8 GPUs (8 x H100 SXM (DGX H100)) need 16 GPUs per replica, and 8 x 1 stages"
                        + " = 8");
        assertThat(Parallelism.of(3, 1).withNodes(2).problem(ModelPresets.DEEPSEEK_V3, 8, EIGHT))
                .contains("need 16 GPUs per replica, and 8 x 3 stages = 24");
    }

    @Test
    void badInputIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> Parallelism.of(0, 1)).hasMessage("pipeline (0) must be > 0");
        assertThatThrownBy(() -> Parallelism.of(1, 0)).hasMessage("expert (0) must be > 0");
        assertThatThrownBy(() -> Parallelism.NONE.withMicroBatches(0)).hasMessage("microBatches (0) must be > 0");
        assertThatThrownBy(() -> Parallelism.NONE.withNodes(0)).hasMessage("nodes (0) must be > 0");
        assertThatThrownBy(() -> Parallelism.NONE.withExpertImbalance(0.99))
                .hasMessage("expertImbalance (0.99) must be in [1, 8.0]");
        assertThatThrownBy(() -> Parallelism.NONE.withExpertImbalance(8.01))
                .hasMessage("expertImbalance (8.01) must be in [1, 8.0]");
        assertThatThrownBy(() -> Parallelism.NONE.withExpertImbalance(Double.NaN))
                .hasMessage("expertImbalance (NaN) must be in [1, 8.0]");
        assertThat(Parallelism.NONE.withExpertImbalance(1).expertImbalance()).isEqualTo(1);
        assertThat(Parallelism.NONE.withExpertImbalance(8).expertImbalance()).isEqualTo(8);
    }

    @Test
    void nodesHaveTheirDatasheetFiguresAndRefuseBadInput() {
        assertThat(NodeSpec.forHardware(HardwarePresets.H100_SXM)).isSameAs(NodeSpec.DGX_H100);
        assertThat(NodeSpec.forHardware(HardwarePresets.H200)).isSameAs(NodeSpec.DGX_H200);
        assertThat(NodeSpec.forHardware(HardwarePresets.B200)).isSameAs(NodeSpec.DGX_B200);
        NodeSpec generic = NodeSpec.forHardware(HardwarePresets.MI300X);
        assertThat(generic.name()).isEqualTo("8 x AMD Instinct MI300X");
        assertThat(generic.gpusPerNode()).isEqualTo(8);
        for (NodeSpec n : new NodeSpec[] {NodeSpec.DGX_H100, NodeSpec.DGX_H200, NodeSpec.DGX_B200, generic}) {
            assertThat(n.gpusPerNode()).isEqualTo(8);
            assertThat(n.networkBandwidthPerGpu().toBytesPerSecond()).isEqualTo(50e9); // 400 Gb/s
            assertThat(n.networkLatency().toSeconds()).isEqualTo(20e-6);
        }
        NodeSpec custom = NodeSpec.of("4 x L40S", 4, Bandwidth.ofGigabytesPerSecond(25), Seconds.of(30e-6));
        assertThat(custom).isEqualTo(NodeSpec.of("4 x L40S", 4, Bandwidth.ofGigabytesPerSecond(25), Seconds.of(30e-6)));
        assertThat(custom.hashCode())
                .isEqualTo(NodeSpec.of("4 x L40S", 4, Bandwidth.ofGigabytesPerSecond(25), Seconds.of(30e-6))
                        .hashCode());
        assertThat(custom)
                .isNotEqualTo(NodeSpec.of("4 x L40S", 8, Bandwidth.ofGigabytesPerSecond(25), Seconds.of(30e-6)))
                .isNotEqualTo(NodeSpec.of("4 x L40S", 4, Bandwidth.ofGigabytesPerSecond(50), Seconds.of(30e-6)))
                .isNotEqualTo(NodeSpec.of("4 x L40S", 4, Bandwidth.ofGigabytesPerSecond(25), Seconds.of(20e-6)))
                .isNotEqualTo(NodeSpec.of("4 x A", 4, Bandwidth.ofGigabytesPerSecond(25), Seconds.of(30e-6)))
                .isNotEqualTo("4 x L40S");
        assertThat(custom.toString()).startsWith("4 x L40S, network ");
        assertThatThrownBy(() -> NodeSpec.of(" ", 8, NodeSpec.NDR_400G_PER_GPU, NodeSpec.NETWORK_LATENCY))
                .hasMessage("name (\" \") must not be blank");
        assertThatThrownBy(() -> NodeSpec.of("n", 0, NodeSpec.NDR_400G_PER_GPU, NodeSpec.NETWORK_LATENCY))
                .hasMessage("gpusPerNode (0) must be > 0");
        assertThatThrownBy(() -> NodeSpec.of("n", 8, Bandwidth.ZERO, NodeSpec.NETWORK_LATENCY))
                .hasMessageStartingWith("networkBandwidthPerGpu (0.0) must be finite and > 0");
        assertThat(NodeSpec.of("n", 8, NodeSpec.NDR_400G_PER_GPU, Seconds.ZERO).networkLatency())
                .isEqualTo(Seconds.ZERO);
    }
}
