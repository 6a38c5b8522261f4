package io.github.llmcost.benchmarks;

import io.github.llmcost.core.ModelPresets;
import io.github.llmcost.core.NumericFormat;
import io.github.llmcost.economics.Sweep;
import io.github.llmcost.economics.SweepPoint;
import io.github.llmcost.hardware.HardwarePresets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (c) A sweep of 1,000,000 configurations streamed through {@link Sweep} on one core: 10 models x 5 chips x 2 weight
 * formats x 2 KV formats x 50 prompt lengths x 10 batch sizes x 10 output lengths, reduced to the cheapest cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class SweepBenchmark {
    private final Sweep sweep = million();

    static Sweep million() {
        long[] prompts = new long[50];
        for (int i = 0; i < prompts.length; i++) {
            prompts[i] = 512L * (i + 1);
        }
        return Sweep.builder()
                .models(
                        ModelPresets.LLAMA_3_2_1B,
                        ModelPresets.LLAMA_3_2_3B,
                        ModelPresets.LLAMA_3_1_8B,
                        ModelPresets.LLAMA_3_1_70B,
                        ModelPresets.QWEN3_14B,
                        ModelPresets.QWEN3_30B_A3B,
                        ModelPresets.MISTRAL_7B_V0_1,
                        ModelPresets.MIXTRAL_8X7B,
                        ModelPresets.GEMMA_2_9B,
                        ModelPresets.PHI_3_MINI_4K)
                .hardware(
                        HardwarePresets.H100_SXM,
                        HardwarePresets.H200,
                        HardwarePresets.A100_80GB,
                        HardwarePresets.L40S,
                        HardwarePresets.MI300X)
                .weightFormats(NumericFormat.BF16, NumericFormat.INT4)
                .kvCacheFormats(NumericFormat.BF16, NumericFormat.FP8_E4M3)
                .promptTokens(prompts)
                .outputTokens(64, 128, 192, 256, 320, 384, 448, 512, 576, 640)
                .batchSizes(1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
                .build();
    }

    /** {@return the cheapest cost per million output tokens of a million configurations, on one core} */
    @Benchmark
    public double millionPointsOneCore() {
        return sweep.stream()
                .mapToDouble(SweepPoint::costPerMillionOutputTokensUsd)
                .min()
                .orElseThrow();
    }
}
