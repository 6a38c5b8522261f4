package io.github.llmcost.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.llmcost.core.Formats;
import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.core.Workload;
import org.junit.jupiter.api.Test;

/**
 * The {@link CompiledPerformance} example of its javadoc and of README's "Sweeps and speed", compiled and run. When
 * either example changes, change it here too.
 */
class CompiledSnippetsTest {

    @Test
    void decodeStepsOverBatchSizes() {
        CompiledPerformance compiled = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(Workload.of(1024, 256))
                .build()
                .compiled();
        double previous = 0;
        for (int batch = 1; batch <= 256; batch *= 2) {
            PassCosts step = compiled.decodeStep(8192, batch); // one decode step at position 8,192
            // a bigger batch reads the same weights and more KV cache, and computes more: never faster
            assertThat(step.seconds()).as("batch %d", batch).isGreaterThan(previous);
            previous = step.seconds();
            if (batch == 1) {
                // 16 GB of weights read at 70% of 3.35 TB/s: about 6.9 ms, and far from the ridge
                assertThat(step.bound()).isEqualTo(Bound.MEMORY);
                assertThat(step.seconds()).isBetween(6.5e-3, 7.5e-3);
                assertThat(step.toString()).contains("MEMORY-bound");
            }
        }
    }

    @Test
    void describesWhatWasCompiled() {
        InferencePerformance one = InferencePerformance.builder()
                .model(ModelPresets.LLAMA_3_1_8B)
                .hardware(HardwarePresets.H100_SXM)
                .workload(
                        Workload.builder().promptTokens(1024).outputTokens(256).build())
                .formats(Formats.of(NumericFormat.INT4))
                .build();
        assertThat(one.compiled())
                .hasToString("CompiledPerformance[Llama 3.1 8B on NVIDIA H100 SXM, EXACT, weights INT4,"
                        + " activations BF16, KV BF16]");
        assertThat(one.compiled().template()).isSameAs(one);
        assertThat(InferencePerformance.builder()
                        .from(one)
                        .tensorParallel(2)
                        .build()
                        .compiled())
                .hasToString("CompiledPerformance[Llama 3.1 8B on 2 x NVIDIA H100 SXM, EXACT, weights INT4,"
                        + " activations BF16, KV BF16]");
    }
}
